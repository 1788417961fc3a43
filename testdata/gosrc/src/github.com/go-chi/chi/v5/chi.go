// Package chi is a stub of github.com/go-chi/chi/v5 for analyzer tests.
package chi

import "net/http"

// Mux is a chi router.
type Mux struct{}

func NewRouter() *Mux { return &Mux{} }

func (mx *Mux) Use(middlewares ...func(http.Handler) http.Handler) {}
func (mx *Mux) Get(pattern string, h http.HandlerFunc)             {}
func (mx *Mux) Post(pattern string, h http.HandlerFunc)            {}
func (mx *Mux) ServeHTTP(w http.ResponseWriter, r *http.Request)   {}

// URLParam returns a path parameter of the request.
func URLParam(r *http.Request, key string) string { return "" }
