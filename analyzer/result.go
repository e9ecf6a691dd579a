package analyzer

import "go/token"

// Result is the Analyzer's result for one package: every site it reported,
// in position order, for tools such as a migration report that summarise
// the diagnostics.
type Result struct {
	Sites []Site
}

// Site is one reported use of the deprecated endpoint.
type Site struct {
	Pos token.Pos
	// Category is the diagnostic's category: deprecated-endpoint for a
	// client call, deprecated-route-served for a server.
	Category string
	// Surface is the API the site uses: one of the Surface constants.
	Surface string
	// Operation is GET or PATCH for a call of the old endpoint, the
	// method of another call, or empty when the method is not known.
	Operation string
	// Providers lists the providers the site sets or reads, when known.
	Providers []string
	// Replacements lists the provider operations that replace the site,
	// such as POST /api/telephony_configs/twilio, when known.
	Replacements []string
	// Fixed reports whether the diagnostic carries a fix; Reason gives
	// the reason when it does not.
	Fixed  bool
	Reason string
	// Message is the diagnostic's message.
	Message string
}

// Values of Site.Surface.
const (
	SurfaceNetHTTP       = "net/http"
	SurfaceResty         = "resty"
	SurfaceRetryable     = "retryablehttp"
	SurfaceHelper        = "helper"
	SurfaceGenerated     = "generated client"
	SurfaceGeneratedCode = "generated code"
	SurfaceUnresolved    = "function value or interface"
	SurfaceServer        = "server"
)
