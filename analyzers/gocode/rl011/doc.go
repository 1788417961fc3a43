// Package rl011 defines an Analyzer that reports rate-limit state kept
// in process memory.
//
// # Analyzer RL011
//
// RL011: rate-limit counts kept in process memory of a service that runs
// several processes
//
// Reported, at the map's declaration: a package-level map, or a map field
// of a struct the process keeps one of (a type with a ServeHTTP method or
// a method returning a handler or middleware of net/http, gin, echo or
// fiber, a type held in a package-level variable, a type named for
// limiting, or any struct holding a map of limiters), whose values hold
// golang.org/x/time/rate limiters (map[string]*rate.Limiter, or a struct
// with one), or counts and times (numbers, time.Time, slices of them, or
// structs with such fields), when a function other than init writes it
// under a key that is not a constant (m[ip] = v, m[ip]++,
// m[ip] = append(m[ip], now), m[ip].n++); a sync.Map counts when its
// Store, LoadOrStore or Swap puts a *rate.Limiter under such a key. Maps
// of counts must also be
// decided on: an ordered comparison of a per-key read (m[ip] > max,
// len(m[ip]) >= max, a variable read from it) in an if condition or a
// return, directly or through a variable. Every instance of the service
// has its own copy, so the real limit is the limit times the number of
// instances.
//
// Not reported: maps that are only read (configuration, allow lists) or
// only written in init, maps nothing decides on (page views), maps under
// a constant key (one entry for all clients), maps local to a call or
// held by a value that lives for one call, and one rate.Limiter shared by
// all clients: that is a deliberate throttle of each process (its
// downstream capacity), not a per-client limit.
//
// The finding is medium; it is low where the repository shows a single
// replica (Kubernetes workloads, Helm replicaCount, Compose deploy.replicas
// or scale, all 1), and its message names the evidence of several
// replicas when there is some. The evidence is read with internal/deploy
// from the module root (the nearest go.mod above the package) and the
// repository root (the nearest .git), in go vet as in rlcheck scan.
package rl011
