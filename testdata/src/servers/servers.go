// Package servers contains test servers and fakes that serve the old
// endpoint.
package servers

import (
	"context"
	"net/http"
	"net/http/httptest"
)

const oldPath = "/api/accounts/me/telephony_config"

func handler(w http.ResponseWriter, r *http.Request) {}

func routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("PATCH /api/accounts/me/telephony_config", handler)                  // want `handler serves the deprecated PATCH /api/accounts/me/telephony_config: migrated clients call /api/telephony_configs/twilio, /api/telephony_configs/telnyx or /api/telephony_configs/plivo instead`
	mux.HandleFunc("GET api.ultravox.ai/api/accounts/me/telephony_config/{$}", handler) // want `handler serves the deprecated GET /api/accounts/me/telephony_config`
	mux.Handle(oldPath, http.HandlerFunc(handler))                                      // want `handler serves the deprecated /api/accounts/me/telephony_config:`
	http.HandleFunc(oldPath+"/", handler)                                               // want `handler serves the deprecated /api/accounts/me/telephony_config:`
	// The new routes and look-alikes are not reported.
	mux.HandleFunc("POST /api/telephony_configs/twilio", handler)
	mux.HandleFunc("GET /api/accounts/me/telephony_configs", handler)
	mux.HandleFunc("GET /api/accounts/me/telephony_config/history", handler)
	return mux
}

func fake() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/accounts/me/telephony_config" { // want `handler checks for the deprecated path /api/accounts/me/telephony_config: migrated clients call`
			http.NotFound(w, r)
			return
		}
		switch r.URL.Path {
		case "/healthz":
		case oldPath: // want `handler checks for the deprecated path`
		}
		if r.URL.RawQuery == oldPath {
			return // not a path comparison
		}
	}))
}

// fakeClient stands in for a generated client in tests.
type fakeClient struct{}

func (fakeClient) AccountsMeTelephonyConfigPartialUpdate(ctx context.Context, body any) error { // want `AccountsMeTelephonyConfigPartialUpdate implements the deprecated operation PATCH /api/accounts/me/telephony_config: migrated clients call`
	return nil
}

func (*fakeClient) AccountsMeTelephonyConfigRetrieve(ctx context.Context) error { // want `AccountsMeTelephonyConfigRetrieve implements the deprecated operation GET /api/accounts/me/telephony_config`
	return nil
}

// AccountsMeTelephonyConfigRetrieve as a plain function is not a method of
// an interface and is not reported.
func AccountsMeTelephonyConfigRetrieve() {}
