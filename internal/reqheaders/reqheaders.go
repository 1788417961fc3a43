// Package reqheaders classifies HTTP request header names for the rules
// that judge where a rate-limit key comes from (RL007, RL008). Both
// language engines use it, so a header reads the same way in Go and in
// Python.
package reqheaders

import "strings"

// Class is what a request header tells about the client.
type Class int

// Header classes.
const (
	// Client is a header the client writes at will.
	Client Class = iota
	// Forwarding names the client's address as a proxy chain claims it;
	// the client can write it too.
	Forwarding
	// GatewayIdentity carries the principal an authenticating gateway
	// (oauth2-proxy, an AWS ALB, Google IAP, Azure App Service, Cloudflare
	// Access) verified and wrote; the gateway overwrites what a client
	// sends.
	GatewayIdentity
	// PlatformAddress carries the client address a CDN or platform
	// (Cloudflare, Akamai, Fly.io, App Engine) writes over whatever the
	// client sent, as gin's TrustedPlatform reads it.
	PlatformAddress
)

var classes = map[string]Class{
	"x-forwarded-for": Forwarding, "x-real-ip": Forwarding, "forwarded": Forwarding,
	"x-client-ip": Forwarding, "x-cluster-client-ip": Forwarding, "x-originating-ip": Forwarding,

	"x-forwarded-user": GatewayIdentity, "x-forwarded-email": GatewayIdentity,
	"x-forwarded-preferred-username": GatewayIdentity,
	"x-auth-request-user":            GatewayIdentity, "x-auth-request-email": GatewayIdentity,
	"x-auth-request-preferred-username": GatewayIdentity,
	"x-amzn-oidc-identity":              GatewayIdentity, "x-amzn-oidc-data": GatewayIdentity,
	"x-goog-authenticated-user-email": GatewayIdentity, "x-goog-authenticated-user-id": GatewayIdentity,
	"x-goog-iap-jwt-assertion":  GatewayIdentity,
	"x-apigateway-api-userinfo": GatewayIdentity, "x-endpoint-api-userinfo": GatewayIdentity,
	"x-ms-client-principal": GatewayIdentity, "x-ms-client-principal-id": GatewayIdentity,
	"x-ms-client-principal-name":         GatewayIdentity,
	"cf-access-authenticated-user-email": GatewayIdentity, "cf-access-jwt-assertion": GatewayIdentity,

	"cf-connecting-ip": PlatformAddress, "cf-connecting-ipv6": PlatformAddress,
	"true-client-ip": PlatformAddress, "fly-client-ip": PlatformAddress,
	"x-appengine-user-ip": PlatformAddress, "x-appengine-remote-addr": PlatformAddress,
}

// Classify returns the class of the header name, in any case.
func Classify(name string) Class {
	return classes[strings.ToLower(name)]
}
