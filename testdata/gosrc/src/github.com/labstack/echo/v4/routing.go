package echo

// Group is a group of echo routes with a prefix and middleware.
type Group struct{}

func (e *Echo) Group(prefix string, m ...MiddlewareFunc) *Group              { return &Group{} }
func (e *Echo) POST(path string, h HandlerFunc, m ...MiddlewareFunc)         {}
func (e *Echo) Pre(middleware ...MiddlewareFunc)                             {}
func (g *Group) Use(middleware ...MiddlewareFunc)                            {}
func (g *Group) GET(path string, h HandlerFunc, m ...MiddlewareFunc)         {}
func (g *Group) POST(path string, h HandlerFunc, m ...MiddlewareFunc)        {}
func (g *Group) Group(prefix string, m ...MiddlewareFunc) *Group             { return g }
func (g *Group) Add(method, path string, h HandlerFunc, m ...MiddlewareFunc) {}
