// Package analyzer defines an Analyzer that migrates Go code off the
// deprecated Ultravox endpoint /api/accounts/me/telephony_config.
//
// # Analyzer telephonyconfig
//
// telephonyconfig: report calls of the deprecated telephony_config endpoint
//
// Ultravox replaced the account-wide endpoint, which read (GET) and changed
// (PATCH) the Twilio, Telnyx and Plivo credentials together, with one
// endpoint per provider under /api/telephony_configs/. The analyzer finds
// requests to the old endpoint sent with net/http, resty (v2 and v3),
// go-retryablehttp or the project's own helpers, and suggests a fix for
// each one whose provider it can determine:
//
//	PATCH setting one provider     POST /api/telephony_configs/PROVIDER (PATCH with -patch), body unwrapped
//	PATCH setting a provider null  DELETE /api/telephony_configs/PROVIDER, no body
//	GET read for one provider      GET /api/telephony_configs/PROVIDER, decoded into that field
//
// A PATCH that sets several providers, or a GET read for several, becomes
// one request per provider: the statements that build, send and check the
// request are repeated once per provider, each copy migrated as above.
// Calls of clients generated from the OpenAPI document (oapi-codegen, ogen)
// become the provider operations, such as TelephonyConfigsTwilioCreate.
//
// The fix also updates what depends on the response: comparisons of the
// status code with 200 become 201 or 204, the decode target moves to the
// provider's field, and a DELETE's decode is removed. Where any part is
// uncertain, the diagnostic has no fix and gives the reason.
//
// A helper is a function or method whose parameters become the method, URL
// and body of a request it sends, such as
// func (c *Client) Do(ctx context.Context, method, path string, in, out any) error.
// The analyzer records which parameter is which as a fact, so calls of the
// helper are checked and fixed where the path is known, in any package.
//
// Servers that serve the old endpoint, such as test servers and fakes, get
// diagnostics of the category deprecated-route-served, without a fix,
// because migrated clients no longer call them.
//
// For example,
//
//	body, _ := json.Marshal(map[string]any{"twilio": cfg})
//	req, _ := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(body))
//
// becomes
//
//	body, _ := json.Marshal(cfg)
//	req, _ := http.NewRequest(http.MethodPost, base+"/api/telephony_configs/twilio", bytes.NewReader(body))
package analyzer

const doc = `report calls of the deprecated telephony_config endpoint

Ultravox deprecated GET and PATCH /api/accounts/me/telephony_config in favour
of one endpoint per provider, /api/telephony_configs/{twilio,telnyx,plivo}.
This analyzer reports requests to the old endpoint, sent with net/http,
resty, go-retryablehttp or the project's own helpers, and suggests fixes:

	PATCH setting one provider     POST /api/telephony_configs/PROVIDER (PATCH with -patch)
	PATCH setting a provider null  DELETE /api/telephony_configs/PROVIDER
	GET read for one provider      GET /api/telephony_configs/PROVIDER

Several providers in one request become one request per provider, and calls
of generated clients become the provider operations. A fix also moves what
depends on the response: status checks against 200, the decode target, and a
DELETE's decode. Where a rewrite is uncertain the diagnostic has no fix and
gives the reason. Servers that serve the old
endpoint are reported in the category deprecated-route-served.

Build tags go through GOFLAGS, as in GOFLAGS=-tags=legacy. For a summary of
every site, run: telephonyconfig report ./...`
