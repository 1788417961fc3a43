// Package libs limits routes with tollbooth and ulule/limiter, one route
// with neither.
package libs

import (
	"net/http"

	"github.com/didip/tollbooth/v7"
	"github.com/ulule/limiter/v3"
	"github.com/ulule/limiter/v3/drivers/middleware/stdlib"
)

func h(w http.ResponseWriter, r *http.Request) {}

// Routes limits sign-in with tollbooth and sign-up with ulule/limiter.
func Routes(store limiter.Store) *http.ServeMux {
	lmt := tollbooth.NewLimiter(1, nil)
	mw := stdlib.NewMiddleware(limiter.New(store, limiter.Rate{Limit: 5}))
	mux := http.NewServeMux()
	mux.Handle("POST /signin", tollbooth.LimitFuncHandler(lmt, h))
	mux.Handle("POST /signup", mw.Handler(http.HandlerFunc(h)))
	mux.HandleFunc("POST /magic-link", h) // want `POST /magic-link has no rate limit while 2 of the 3 routes of mux \(rl015/libs.Routes\)`
	return mux
}
