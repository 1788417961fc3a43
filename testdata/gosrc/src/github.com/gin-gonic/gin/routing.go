package gin

// RouterGroup is a group of gin routes with a prefix and middleware.
type RouterGroup struct{}

func (e *Engine) Group(relativePath string, handlers ...HandlerFunc) *RouterGroup {
	return &RouterGroup{}
}
func (e *Engine) PUT(path string, handlers ...HandlerFunc)    {}
func (e *Engine) DELETE(path string, handlers ...HandlerFunc) {}
func (e *Engine) Any(path string, handlers ...HandlerFunc)    {}

func (g *RouterGroup) Group(relativePath string, handlers ...HandlerFunc) *RouterGroup {
	return g
}
func (g *RouterGroup) Use(middleware ...HandlerFunc)             {}
func (g *RouterGroup) GET(path string, handlers ...HandlerFunc)  {}
func (g *RouterGroup) POST(path string, handlers ...HandlerFunc) {}
func (g *RouterGroup) Handle(method, path string, handlers ...HandlerFunc) {
}
