// Package gin is a stub of github.com/gin-gonic/gin for analyzer tests:
// the request accessors and engine settings rlcheck reads.
package gin

import "net/http"

// H is a shortcut for map[string]any.
type H map[string]any

// HandlerFunc is a gin handler.
type HandlerFunc func(*Context)

// Context is a request context.
type Context struct {
	Request *http.Request
	Writer  http.ResponseWriter
}

func (c *Context) GetHeader(key string) string                  { return "" }
func (c *Context) Query(key string) string                      { return "" }
func (c *Context) DefaultQuery(key, defaultValue string) string { return "" }
func (c *Context) GetQuery(key string) (string, bool)           { return "", false }
func (c *Context) PostForm(key string) string                   { return "" }
func (c *Context) DefaultPostForm(key, defaultValue string) string {
	return ""
}
func (c *Context) Param(key string) string                       { return "" }
func (c *Context) Cookie(name string) (string, error)            { return "", nil }
func (c *Context) ClientIP() string                              { return "" }
func (c *Context) RemoteIP() string                              { return "" }
func (c *Context) ShouldBindJSON(obj any) error                  { return nil }
func (c *Context) BindJSON(obj any) error                        { return nil }
func (c *Context) ShouldBind(obj any) error                      { return nil }
func (c *Context) Bind(obj any) error                            { return nil }
func (c *Context) GetString(key string) string                   { return "" }
func (c *Context) MustGet(key string) any                        { return nil }
func (c *Context) Set(key string, value any)                     {}
func (c *Context) Next()                                         {}
func (c *Context) Abort()                                        {}
func (c *Context) AbortWithStatus(code int)                      {}
func (c *Context) AbortWithStatusJSON(code int, obj any)         {}
func (c *Context) JSON(code int, obj any)                        {}
func (c *Context) String(code int, format string, values ...any) {}
func (c *Context) Status(code int)                               {}

// Header sets a response header.
func (c *Context) Header(key, value string) {}

// Data writes bytes with a status.
func (c *Context) Data(code int, contentType string, data []byte) {}

// Engine is a gin router.
type Engine struct {
	// TrustedPlatform names a header a CDN sets with the client address.
	TrustedPlatform string
}

// Platform headers.
const (
	PlatformGoogleAppEngine = "X-Appengine-Remote-Addr"
	PlatformCloudflare      = "CF-Connecting-IP"
)

func New() *Engine     { return &Engine{} }
func Default() *Engine { return &Engine{} }

func (e *Engine) SetTrustedProxies(trustedProxies []string) error { return nil }
func (e *Engine) Use(middleware ...HandlerFunc)                   {}
func (e *Engine) GET(path string, handlers ...HandlerFunc)        {}
func (e *Engine) POST(path string, handlers ...HandlerFunc)       {}
func (e *Engine) Run(addr ...string) error                        { return nil }
