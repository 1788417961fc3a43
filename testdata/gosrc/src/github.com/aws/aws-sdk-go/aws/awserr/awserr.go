// Package awserr is a test stub of github.com/aws/aws-sdk-go/aws/awserr.
package awserr

// Error is an SDK error with a code.
type Error interface {
	error
	Code() string
	Message() string
	OrigErr() error
}
