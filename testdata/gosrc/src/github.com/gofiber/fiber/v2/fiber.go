// Package fiber is a stub of github.com/gofiber/fiber/v2 for analyzer
// tests: the response methods and settings rlcheck reads.
package fiber

// StatusTooManyRequests is 429.
const StatusTooManyRequests = 429

// Ctx is a request context.
type Ctx struct{}

// Status sets the response status.
func (c *Ctx) Status(status int) *Ctx { return c }

// SendStatus sets the status and sends its text.
func (c *Ctx) SendStatus(status int) error { return nil }

// SendString sends a text body.
func (c *Ctx) SendString(body string) error { return nil }

// JSON sends a JSON body.
func (c *Ctx) JSON(data any) error { return nil }

// Set sets a response header.
func (c *Ctx) Set(key, val string) {}

// Append appends to a response header.
func (c *Ctx) Append(field string, values ...string) {}

// IP returns the client address.
func (c *Ctx) IP() string { return "" }

// Next runs the next handler.
func (c *Ctx) Next() error { return nil }

// Error is an error with a status.
type Error struct {
	Code    int
	Message string
}

func (e *Error) Error() string { return e.Message }

// NewError returns an error with a status.
func NewError(code int, message ...string) *Error { return &Error{Code: code} }

// ErrTooManyRequests is the 429 error.
var ErrTooManyRequests = NewError(StatusTooManyRequests)

// Handler is a fiber handler.
type Handler = func(*Ctx) error

// ErrorHandler answers the errors handlers return.
type ErrorHandler = func(*Ctx, error) error

// Config is the application's configuration.
type Config struct {
	ErrorHandler ErrorHandler
}

// App is a fiber application.
type App struct{}

// New returns an application.
func New(config ...Config) *App { return &App{} }

// Use adds middleware.
func (app *App) Use(args ...any) {}

// Get adds a GET route.
func (app *App) Get(path string, handlers ...Handler) {}
