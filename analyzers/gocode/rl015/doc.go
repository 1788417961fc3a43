// Package rl015 defines an Analyzer that reports an HTTP route without a
// rate limit in an application whose other routes have one.
//
// # Analyzer RL015
//
// RL015: route without a rate limit among routes that have one
//
// The routes of the module's applications are mapped (goroutes): net/http
// ServeMux patterns (Go 1.22 "GET /items/{id}", http.Handle and
// http.HandleFunc on DefaultServeMux), chi (Get, Post, Handle, Method,
// Route, Group, With, Use, Mount), gin (GET, POST, Any, Handle, Group, Use
// and per-route middleware), echo (GET, POST, Any, Add, Group, Use, Pre
// and per-route middleware) and gorilla/mux (HandleFunc(...).Methods(...),
// PathPrefix(...).Subrouter(), Use), with the prefixes of groups,
// sub-routers and mounted routers, across functions and packages: a
// router given to func RegisterRoutes(r chi.Router) in another package,
// returned by a constructor, or kept in a struct field. An application is
// one router value and what is mounted on it.
//
// A route counts as limited when a limiting middleware applies to its
// router or one above it, to the route itself, or wraps its handler
// (limit(h)), or when its handler counts and decides itself (or through
// the functions it calls). A middleware limits when it is a limiter
// library's (go-chi/httprate, ulule/limiter, didip/tollbooth,
// sethvargo/go-limiter, throttled, fiber's limiter, echo's RateLimiter),
// or when its body decides on a counter in a store or on a limiter:
// golang.org/x/time/rate's Allow, Wait or Reserve, a limit decision of the
// module (see the summary pass).
//
// Reported: a route without a limit in an application where at least two
// other routes are limited and the limited routes are at least half of
// those judged. Health, readiness and metrics routes (a last path segment
// of health, healthz, ready, readyz, live, livez, ping, status or
// metrics), logouts, and routes served by http.FileServer,
// http.RedirectHandler or http.NotFoundHandler are not judged. An application whose middleware
// limits every route has no findings. The finding sits on the route's
// registration and points at up to two limited neighbours.
package rl015
