// Package echo is a stub of github.com/labstack/echo/v4 for analyzer
// tests: the request accessors and settings rlcheck reads.
package echo

import "net/http"

// Context is a request context.
type Context interface {
	Request() *http.Request
	QueryParam(name string) string
	FormValue(name string) string
	Param(name string) string
	Cookie(name string) (*http.Cookie, error)
	RealIP() string
	Bind(i any) error
	Get(key string) any
	JSON(code int, i any) error
	String(code int, s string) error
	NoContent(code int) error
	Response() *Response
}

// Response is the response of a request.
type Response struct {
	Writer http.ResponseWriter
	Status int
}

// Header returns the response headers.
func (r *Response) Header() http.Header { return r.Writer.Header() }

// WriteHeader writes the status.
func (r *Response) WriteHeader(code int) {}

// HTTPErrorHandler answers the errors handlers return.
type HTTPErrorHandler func(err error, c Context)

// HandlerFunc is an echo handler.
type HandlerFunc func(Context) error

// MiddlewareFunc wraps a handler.
type MiddlewareFunc func(HandlerFunc) HandlerFunc

// IPExtractor returns the client address of a request.
type IPExtractor func(*http.Request) string

// Echo is an echo router.
type Echo struct {
	IPExtractor      IPExtractor
	HTTPErrorHandler HTTPErrorHandler
}

// HTTPError is an error with a status.
type HTTPError struct {
	Code    int
	Message any
}

func (he *HTTPError) Error() string { return "" }

// ErrUnauthorized and friends are the common errors.
var (
	ErrUnauthorized    = &HTTPError{Code: http.StatusUnauthorized}
	ErrTooManyRequests = &HTTPError{Code: http.StatusTooManyRequests}
)

func New() *Echo { return &Echo{} }

func NewHTTPError(code int, message ...any) *HTTPError { return &HTTPError{Code: code} }

func ExtractIPDirect() IPExtractor { return nil }

func ExtractIPFromXFFHeader(options ...any) IPExtractor { return nil }

func (e *Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc) {}
func (e *Echo) Use(middleware ...MiddlewareFunc)                    {}
func (e *Echo) Start(address string) error                          { return nil }
