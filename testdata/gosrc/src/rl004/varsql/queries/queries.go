// Package queries keeps the counter SQL in package-level variables.
package queries

// IncrGlobal increments one row for every client.
var IncrGlobal = "UPDATE request_totals SET hits = hits + 1 WHERE name = 'global'"

// IncrClient increments the client's row.
var IncrClient = "UPDATE request_totals SET hits = hits + 1 WHERE client_id = $1"
