// Package reads holds handlers that decide on a store read without
// counting anything (a row of an email_requests table, a plan's quota of
// members): no rate limit, so their routes are the ones their limited
// neighbours leave open.
package reads

import (
	"database/sql"
	"net/http"
)

var db *sql.DB

// limit counts the client's requests in an upsert and refuses the excess.
func limit(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var n int
		err := db.QueryRowContext(r.Context(),
			"INSERT INTO rate_limits (client, hits) VALUES ($1, 1) ON CONFLICT (client) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits",
			r.RemoteAddr).Scan(&n)
		if err != nil || n > 10 {
			http.Error(w, "slow down", http.StatusServiceUnavailable)
			return
		}
		next(w, r)
	}
}

func login(w http.ResponseWriter, r *http.Request) {}
func reset(w http.ResponseWriter, r *http.Request) {}

// track looks the recipient up: a read that decides, not a count.
func track(w http.ResponseWriter, r *http.Request) {
	var id int
	if err := db.QueryRowContext(r.Context(), "SELECT id FROM email_requests WHERE r_id = $1", r.FormValue("rid")).Scan(&id); err != nil {
		http.NotFound(w, r)
		return
	}
}

// checkSeatLimit enforces the plan's quota of members: a limit, but no
// rate limit.
func checkSeatLimit(r *http.Request, org string) error {
	var n int
	if err := db.QueryRowContext(r.Context(), "SELECT count(*) FROM members WHERE org = $1", org).Scan(&n); err != nil {
		return err
	}
	if n >= 10 {
		return errSeats
	}
	return nil
}

type seatsError struct{}

func (seatsError) Error() string { return "no seats left" }

var errSeats error = seatsError{}

func invite(w http.ResponseWriter, r *http.Request) {
	if err := checkSeatLimit(r, r.FormValue("org")); err != nil {
		http.Error(w, err.Error(), http.StatusPaymentRequired)
		return
	}
}

// Routes limits login and reset.
func Routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", limit(login))
	mux.HandleFunc("POST /reset", limit(reset))
	mux.HandleFunc("GET /track", track)    // want `GET /track has no rate limit while 2 of the 4 routes of mux \(rl015/reads.Routes\)`
	mux.HandleFunc("POST /invite", invite) // want `POST /invite has no rate limit while 2 of the 4 routes of mux \(rl015/reads.Routes\)`
	return mux
}
