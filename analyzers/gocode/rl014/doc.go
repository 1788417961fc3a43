// Package rl014 defines an Analyzer that reports 429 responses the
// application writes without a Retry-After header.
//
// # Analyzer RL014
//
// RL014: 429 response without a Retry-After header
//
// Reported (low): a status 429 (a literal, http.StatusTooManyRequests,
// fiber.StatusTooManyRequests, any constant of that value) written by
// w.WriteHeader, http.Error, gin's response methods (c.JSON, c.String,
// c.Status, c.AbortWithStatus, c.AbortWithStatusJSON, ...), echo's
// (c.JSON, c.String, c.NoContent, ...), fiber's c.Status and
// c.SendStatus, or a function of the module that writes the status it is
// given (a respond(w, status, body) helper); and the 429 errors a handler
// returns for the framework's error handler to answer
// (echo.NewHTTPError(429, ...), echo.ErrTooManyRequests, fiber.NewError,
// fiber.ErrTooManyRequests), when no Retry-After header is set before it
// on a path to it.
//
// The header counts as set by http.Header's Set or Add (w.Header().Set,
// c.Writer.Header().Set, c.Response().Header().Set), an assignment to
// w.Header()["Retry-After"], gin's c.Header, fiber's c.Set and c.Append,
// with the name in any case, also through a constant (a name whose value
// is not known, a constant of a package that did not load or a
// configurable field, counts when it is named for the header:
// httphdr.RetryAfter); and by a call of a
// function of the module that sets it (summary pass: the module's
// functions in rlcheck scan, the package's in go vet). A set counts when
// it comes earlier in the same function (or function literal) and not in
// the other arm of an if or another case of a switch. A helper that is
// not a handler and writes the 429 on the response it is given is not
// reported when a caller sets the header before calling it, nor is a
// function the package uses as a value (a LimitReached callback) when the
// package names Retry-After somewhere (a configurable header name): the
// code that calls it may set the header first. The errors
// are not reported when the package installs an error handler
// (Echo.HTTPErrorHandler, fiber.Config.ErrorHandler) that sets
// Retry-After.
package rl014
