// Package request is a test stub of github.com/aws/aws-sdk-go/aws/request.
package request

// Request is an SDK request.
type Request struct{}

// Option modifies a request.
type Option func(*Request)
