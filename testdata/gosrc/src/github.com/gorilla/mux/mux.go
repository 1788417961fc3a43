// Package mux is a stub of github.com/gorilla/mux for analyzer tests.
package mux

import "net/http"

// Router is a gorilla/mux router.
type Router struct{}

// Route is one route of a router.
type Route struct{}

// MiddlewareFunc wraps a handler.
type MiddlewareFunc func(http.Handler) http.Handler

func NewRouter() *Router { return &Router{} }

func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {}
func (r *Router) Handle(path string, h http.Handler) *Route          { return &Route{} }
func (r *Router) HandleFunc(path string, f func(http.ResponseWriter, *http.Request)) *Route {
	return &Route{}
}
func (r *Router) PathPrefix(tpl string) *Route     { return &Route{} }
func (r *Router) Path(tpl string) *Route           { return &Route{} }
func (r *Router) Methods(methods ...string) *Route { return &Route{} }
func (r *Router) Use(mwf ...MiddlewareFunc)        {}

func (r *Route) Methods(methods ...string) *Route                              { return r }
func (r *Route) Path(tpl string) *Route                                        { return r }
func (r *Route) Name(name string) *Route                                       { return r }
func (r *Route) Handler(h http.Handler) *Route                                 { return r }
func (r *Route) HandlerFunc(f func(http.ResponseWriter, *http.Request)) *Route { return r }
func (r *Route) Subrouter() *Router                                            { return &Router{} }
