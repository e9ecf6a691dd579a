package fakeultravox_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/uvtools/telephonyconfig/fakeultravox"
)

const testAPIKey = "test-api-key-123"

const (
	accountPath = "/api/accounts/me/telephony_config"
	twilioPath  = "/api/telephony_configs/twilio"
	telnyxPath  = "/api/telephony_configs/telnyx"
	plivoPath   = "/api/telephony_configs/plivo"
)

// Secrets that no response body may contain.
const (
	twilioToken     = "twilio-secret-token"
	telnyxAPIKey    = "telnyx-secret-api-key"
	telnyxPublicKey = "telnyx-secret-public-key"
	plivoToken      = "plivo-secret-token"
)

const (
	twilioBody = `{"accountSid":"AC123","authToken":"` + twilioToken + `"}`
	telnyxBody = `{"accountSid":"telnyx-account","apiKey":"` + telnyxAPIKey +
		`","publicKey":"` + telnyxPublicKey + `","applicationSid":"telnyx-app"}`
	plivoBody = `{"authId":"MA123","authToken":"` + plivoToken + `"}`
)

// The response bodies for the configurations above.
const (
	twilioView = `{"callCreationAllowedAgentIds":[],"callCreationAllowAllAgents":false,` +
		`"requestContextMapping":{},"accountSid":"AC123","authTokenPrefix":{"prefix":"twil"}}`
	telnyxView = `{"callCreationAllowedAgentIds":[],"callCreationAllowAllAgents":false,` +
		`"requestContextMapping":{},"accountSid":"telnyx-account","apiKeyPrefix":{"prefix":"teln"},` +
		`"publicKeyPrefix":{"prefix":"teln"},"applicationSid":"telnyx-app"}`
	plivoView = `{"callCreationAllowedAgentIds":[],"callCreationAllowAllAgents":false,` +
		`"requestContextMapping":{},"authId":"MA123","authTokenPrefix":{"prefix":"pliv"}}`
)

const (
	agentA = "0b7f8c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b"
	agentB = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
)

var (
	twilioState = &fakeultravox.TwilioConfig{AccountSID: "AC123", AuthToken: twilioToken}
	telnyxState = &fakeultravox.TelnyxConfig{
		AccountSID: "telnyx-account", APIKey: telnyxAPIKey, PublicKey: telnyxPublicKey, ApplicationSID: "telnyx-app",
	}
	plivoState = &fakeultravox.PlivoConfig{AuthID: "MA123", AuthToken: plivoToken}
)

type reply struct {
	status int
	header http.Header
	body   []byte
}

// send sends a request with the test API key over HTTP. It sets Content-Type
// application/json when body is not empty.
func send(t *testing.T, server *fakeultravox.Server, method, path, body string) reply {
	t.Helper()
	request := newRequest(t, server, method, path, body)
	if body != "" {
		request.Header.Set("Content-Type", "application/json")
	}
	return do(t, request)
}

// newRequest builds a request with the test API key and no Content-Type.
func newRequest(t *testing.T, server *fakeultravox.Server, method, path, body string) *http.Request {
	t.Helper()
	var bodyReader io.Reader
	if body != "" {
		bodyReader = strings.NewReader(body)
	}
	request, err := http.NewRequest(method, server.URL()+path, bodyReader)
	if err != nil {
		t.Fatalf("building %s %s: %v", method, path, err)
	}
	request.Header.Set("X-API-Key", testAPIKey)
	return request
}

func do(t *testing.T, request *http.Request) reply {
	t.Helper()
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatalf("%s %s: %v", request.Method, request.URL, err)
	}
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		t.Fatalf("reading response to %s %s: %v", request.Method, request.URL, err)
	}
	return reply{status: response.StatusCode, header: response.Header, body: body}
}

// expectJSON fails unless the reply has the status, Content-Type
// application/json and exactly the body want.
func expectJSON(t *testing.T, got reply, status int, want string) {
	t.Helper()
	if got.status != status {
		t.Errorf("status = %d, want %d (body %s)", got.status, status, got.body)
	}
	if contentType := got.header.Get("Content-Type"); contentType != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", contentType)
	}
	if string(got.body) != want {
		t.Errorf("body =\n%s\nwant\n%s", got.body, want)
	}
}

// expectError fails unless the reply has the status and a JSON body
// {"detail": message} whose message contains wantDetail. It returns the message.
func expectError(t *testing.T, got reply, status int, wantDetail string) string {
	t.Helper()
	if got.status != status {
		t.Errorf("status = %d, want %d (body %s)", got.status, status, got.body)
	}
	if contentType := got.header.Get("Content-Type"); contentType != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", contentType)
	}

	var errorBody struct {
		Detail string `json:"detail"`
	}
	decoder := json.NewDecoder(bytes.NewReader(got.body))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&errorBody); err != nil {
		t.Errorf("error body %s is not {\"detail\": ...}: %v", got.body, err)
		return ""
	}
	if errorBody.Detail == "" {
		t.Errorf("error body %s has an empty detail", got.body)
	}
	if !strings.Contains(errorBody.Detail, wantDetail) {
		t.Errorf("detail = %q, want it to contain %q", errorBody.Detail, wantDetail)
	}
	return errorBody.Detail
}

func expectState(t *testing.T, server *fakeultravox.Server, want fakeultravox.State) {
	t.Helper()
	got := server.State()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("state =\n%s\nwant\n%s", got.JSON(), want.JSON())
	}
}

func TestAccountGetEmpty(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)

	got := send(t, server, http.MethodGet, accountPath, "")

	expectJSON(t, got, http.StatusOK, `{"twilio":null,"telnyx":null,"plivo":null}`)
}

func TestAccountGetAllProviders(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Twilio: twilioState, Telnyx: telnyxState, Plivo: plivoState})

	got := send(t, server, http.MethodGet, accountPath, "")

	want := `{"twilio":` + twilioView + `,"telnyx":` + telnyxView + `,"plivo":` + plivoView + `}`
	expectJSON(t, got, http.StatusOK, want)
}

func TestAccountPatchSetsProvider(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Telnyx: telnyxState})

	got := send(t, server, http.MethodPatch, accountPath, `{"twilio":`+twilioBody+`}`)

	want := `{"twilio":` + twilioView + `,"telnyx":` + telnyxView + `,"plivo":null}`
	expectJSON(t, got, http.StatusOK, want)
	expectState(t, server, fakeultravox.State{Twilio: twilioState, Telnyx: telnyxState})
}

func TestAccountPatchNullRemovesProvider(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Twilio: twilioState, Plivo: plivoState})

	got := send(t, server, http.MethodPatch, accountPath, `{"twilio":null,"telnyx":null}`)

	expectJSON(t, got, http.StatusOK, `{"twilio":null,"telnyx":null,"plivo":`+plivoView+`}`)
	expectState(t, server, fakeultravox.State{Plivo: plivoState})
}

func TestAccountPatchEmptyObjectChangesNothing(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Twilio: twilioState})

	got := send(t, server, http.MethodPatch, accountPath, `{}`)

	expectJSON(t, got, http.StatusOK, `{"twilio":`+twilioView+`,"telnyx":null,"plivo":null}`)
	expectState(t, server, fakeultravox.State{Twilio: twilioState})
}

func TestAccountPatchReplacesWholeConfig(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		CallCreationAllowedAgentIDs: []string{agentA},
		RequestContextMapping:       map[string]string{"a": "b"},
		AccountSID:                  "AC-old",
		AuthToken:                   "old-token",
	}})

	got := send(t, server, http.MethodPatch, accountPath, `{"twilio":`+twilioBody+`}`)

	expectJSON(t, got, http.StatusOK, `{"twilio":`+twilioView+`,"telnyx":null,"plivo":null}`)
	expectState(t, server, fakeultravox.State{Twilio: twilioState})
}

func TestAccountPatchAllProviders(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)

	body := `{"plivo":` + plivoBody + `,"telnyx":` + telnyxBody + `,"twilio":` + twilioBody + `}`
	got := send(t, server, http.MethodPatch, accountPath, body)

	want := `{"twilio":` + twilioView + `,"telnyx":` + telnyxView + `,"plivo":` + plivoView + `}`
	expectJSON(t, got, http.StatusOK, want)
	expectState(t, server, fakeultravox.State{Twilio: twilioState, Telnyx: telnyxState, Plivo: plivoState})
}

func TestAccountPatchRejectsBadBodies(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantDetail string
	}{
		{"unknown provider", `{"vonage":{}}`, `unknown field "vonage"`},
		{"provider as string", `{"twilio":"AC123"}`, `field "twilio" must be a Twilio configuration object or null, got a string`},
		{"provider as array", `{"plivo":[]}`, `field "plivo" must be a Plivo configuration object or null, got an array`},
		{"missing required field", `{"twilio":{"accountSid":"AC123"}}`, `missing required field "twilio.authToken"`},
		{"unknown nested field", `{"telnyx":{"accountSid":"a","apiKey":"b","publicKey":"c","applicationSid":"d","region":"eu"}}`, `unknown field "telnyx.region"`},
		{"wrong nested type", `{"plivo":{"authId":7,"authToken":"x"}}`, `field "plivo.authId" must be a string, got a number`},
		{"blank nested field", `{"plivo":{"authId":" ","authToken":"x"}}`, `field "plivo.authId" must not be blank`},
		{"body as array", `[]`, `request body must be a JSON object, got an array`},
		{"body as null", `null`, `request body must be a JSON object, got null`},
		{"malformed", `{"twilio":`, `request body is not valid JSON`},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)
			server.SetState(fakeultravox.State{Twilio: twilioState})

			got := send(t, server, http.MethodPatch, accountPath, test.body)

			expectError(t, got, http.StatusBadRequest, test.wantDetail)
			expectState(t, server, fakeultravox.State{Twilio: twilioState})
		})
	}
}

func TestAccountPatchInvalidChangesNothing(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Plivo: plivoState})

	// The Twilio part is valid and comes first, but the Plivo part is not.
	body := `{"twilio":` + twilioBody + `,"plivo":{"authId":"MA999"}}`
	got := send(t, server, http.MethodPatch, accountPath, body)

	expectError(t, got, http.StatusBadRequest, `missing required field "plivo.authToken"`)
	expectState(t, server, fakeultravox.State{Plivo: plivoState})
}

// providerCase describes one provider endpoint with a complete configuration.
type providerCase struct {
	name      string
	path      string
	body      string
	view      string
	state     fakeultravox.State
	patch     string // changes one required field
	patchView string
	patched   fakeultravox.State
}

func providerCases() []providerCase {
	return []providerCase{
		{
			name:      "twilio",
			path:      twilioPath,
			body:      twilioBody,
			view:      twilioView,
			state:     fakeultravox.State{Twilio: twilioState},
			patch:     `{"accountSid":"AC456"}`,
			patchView: strings.Replace(twilioView, "AC123", "AC456", 1),
			patched: fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
				AccountSID: "AC456", AuthToken: twilioToken,
			}},
		},
		{
			name:      "telnyx",
			path:      telnyxPath,
			body:      telnyxBody,
			view:      telnyxView,
			state:     fakeultravox.State{Telnyx: telnyxState},
			patch:     `{"applicationSid":"other-app"}`,
			patchView: strings.Replace(telnyxView, "telnyx-app", "other-app", 1),
			patched: fakeultravox.State{Telnyx: &fakeultravox.TelnyxConfig{
				AccountSID: "telnyx-account", APIKey: telnyxAPIKey, PublicKey: telnyxPublicKey, ApplicationSID: "other-app",
			}},
		},
		{
			name:      "plivo",
			path:      plivoPath,
			body:      plivoBody,
			view:      plivoView,
			state:     fakeultravox.State{Plivo: plivoState},
			patch:     `{"authId":"MA456"}`,
			patchView: strings.Replace(plivoView, "MA123", "MA456", 1),
			patched: fakeultravox.State{Plivo: &fakeultravox.PlivoConfig{
				AuthID: "MA456", AuthToken: plivoToken,
			}},
		},
	}
}

func TestProviderLifecycle(t *testing.T) {
	for _, provider := range providerCases() {
		t.Run(provider.name, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)

			got := send(t, server, http.MethodGet, provider.path, "")
			expectError(t, got, http.StatusNotFound, "create one with POST "+provider.path)

			got = send(t, server, http.MethodPost, provider.path, provider.body)
			expectJSON(t, got, http.StatusCreated, provider.view)
			expectState(t, server, provider.state)

			got = send(t, server, http.MethodGet, provider.path, "")
			expectJSON(t, got, http.StatusOK, provider.view)

			got = send(t, server, http.MethodPatch, provider.path, provider.patch)
			expectJSON(t, got, http.StatusOK, provider.patchView)
			expectState(t, server, provider.patched)

			got = send(t, server, http.MethodDelete, provider.path, "")
			if got.status != http.StatusNoContent {
				t.Errorf("DELETE status = %d, want 204 (body %s)", got.status, got.body)
			}
			if len(got.body) != 0 {
				t.Errorf("DELETE body = %q, want empty", got.body)
			}
			if contentType := got.header.Get("Content-Type"); contentType != "" {
				t.Errorf("DELETE Content-Type = %q, want none", contentType)
			}
			expectState(t, server, fakeultravox.State{})

			got = send(t, server, http.MethodGet, provider.path, "")
			expectError(t, got, http.StatusNotFound, "no ")
		})
	}
}

func TestProviderMissingConfigNotFound(t *testing.T) {
	for _, provider := range providerCases() {
		t.Run(provider.name, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)

			got := send(t, server, http.MethodPatch, provider.path, provider.patch)
			expectError(t, got, http.StatusNotFound, "configuration exists")

			got = send(t, server, http.MethodDelete, provider.path, "")
			expectError(t, got, http.StatusNotFound, "configuration exists")

			expectState(t, server, fakeultravox.State{})
		})
	}
}

func TestProviderEndpointsAreIndependent(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Twilio: twilioState, Plivo: plivoState})

	got := send(t, server, http.MethodDelete, twilioPath, "")
	if got.status != http.StatusNoContent {
		t.Fatalf("DELETE twilio status = %d, want 204", got.status)
	}
	got = send(t, server, http.MethodGet, telnyxPath, "")
	expectError(t, got, http.StatusNotFound, "no Telnyx configuration exists")

	expectState(t, server, fakeultravox.State{Plivo: plivoState})
}

func TestProviderPostReplacesExisting(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		CallCreationAllowedAgentIDs: []string{agentA},
		RequestContextMapping:       map[string]string{"call.from": "caller"},
		AccountSID:                  "AC-old",
		AuthToken:                   "old-token",
	}})

	got := send(t, server, http.MethodPost, twilioPath, twilioBody)

	// The optional fields go back to their defaults because POST stores the body as a whole.
	expectJSON(t, got, http.StatusCreated, twilioView)
	expectState(t, server, fakeultravox.State{Twilio: twilioState})
}

func TestProviderOptionalFields(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)

	body := `{"callCreationAllowedAgentIds":["` + strings.ToUpper(agentA) + `","` + agentB + `"],` +
		`"requestContextMapping":{"z.field":"ctx.z","a.field":"ctx.a"},` +
		`"authId":"MA123","authToken":"` + plivoToken + `"}`
	got := send(t, server, http.MethodPost, plivoPath, body)

	// Agent IDs come back in lower case and map keys in sorted order.
	want := `{"callCreationAllowedAgentIds":["` + agentA + `","` + agentB + `"],"callCreationAllowAllAgents":false,` +
		`"requestContextMapping":{"a.field":"ctx.a","z.field":"ctx.z"},"authId":"MA123","authTokenPrefix":{"prefix":"pliv"}}`
	expectJSON(t, got, http.StatusCreated, want)
	expectState(t, server, fakeultravox.State{Plivo: &fakeultravox.PlivoConfig{
		CallCreationAllowedAgentIDs: []string{agentA, agentB},
		RequestContextMapping:       map[string]string{"a.field": "ctx.a", "z.field": "ctx.z"},
		AuthID:                      "MA123",
		AuthToken:                   plivoToken,
	}})
}

func TestProviderPatchMergesFields(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		CallCreationAllowedAgentIDs: []string{agentA},
		RequestContextMapping:       map[string]string{"old": "value"},
		AccountSID:                  "AC123",
		AuthToken:                   twilioToken,
	}})

	// Lists and maps are replaced as a whole, and the secret can be changed.
	body := `{"callCreationAllowedAgentIds":[],"requestContextMapping":{"new":"value"},"authToken":"rotated-token"}`
	got := send(t, server, http.MethodPatch, twilioPath, body)

	want := `{"callCreationAllowedAgentIds":[],"callCreationAllowAllAgents":false,"requestContextMapping":{"new":"value"},` +
		`"accountSid":"AC123","authTokenPrefix":{"prefix":"rota"}}`
	expectJSON(t, got, http.StatusOK, want)
	expectState(t, server, fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		RequestContextMapping: map[string]string{"new": "value"},
		AccountSID:            "AC123",
		AuthToken:             "rotated-token",
	}})
}

func TestProviderPatchEmptyObjectChangesNothing(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Telnyx: telnyxState})

	got := send(t, server, http.MethodPatch, telnyxPath, `{}`)

	expectJSON(t, got, http.StatusOK, telnyxView)
	expectState(t, server, fakeultravox.State{Telnyx: telnyxState})
}

func TestProviderIgnoresPrefixFields(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)

	body := `{"accountSid":"AC123","authToken":"` + twilioToken + `","authTokenPrefix":{"prefix":"fake"}}`
	got := send(t, server, http.MethodPost, twilioPath, body)

	expectJSON(t, got, http.StatusCreated, twilioView)
	expectState(t, server, fakeultravox.State{Twilio: twilioState})
}

func TestProviderPostRejectsBadBodies(t *testing.T) {
	manyAgents := make([]string, 101)
	for i := range manyAgents {
		manyAgents[i] = fmt.Sprintf(`"%08d-0000-4000-8000-000000000000"`, i)
	}

	tests := []struct {
		name       string
		path       string
		body       string
		wantDetail string
	}{
		{"empty body", twilioPath, ``, "request body is empty"},
		{"white space body", twilioPath, "  \n", "request body is empty"},
		{"malformed JSON", twilioPath, `{"accountSid":`, "request body is not valid JSON"},
		{"trailing data", twilioPath, twilioBody + `{}`, "data after the first JSON value"},
		{"array body", twilioPath, `[` + twilioBody + `]`, "must be a JSON object, got an array"},
		{"string body", twilioPath, `"AC123"`, "must be a JSON object, got a string"},
		{"unknown field", twilioPath, `{"accountSid":"AC123","authToken":"x","authTokn":"y"}`, `unknown field "authTokn"`},
		{"field of other provider", twilioPath, `{"accountSid":"AC123","authToken":"x","authId":"MA1"}`, `unknown field "authId"`},
		{"twilio missing accountSid", twilioPath, `{"authToken":"x"}`, `missing required field "accountSid"`},
		{"twilio missing authToken", twilioPath, `{"accountSid":"AC123"}`, `missing required field "authToken"`},
		{"telnyx missing apiKey", telnyxPath, `{"accountSid":"a","publicKey":"c","applicationSid":"d"}`, `missing required field "apiKey"`},
		{"telnyx missing publicKey", telnyxPath, `{"accountSid":"a","apiKey":"b","applicationSid":"d"}`, `missing required field "publicKey"`},
		{"telnyx missing applicationSid", telnyxPath, `{"accountSid":"a","apiKey":"b","publicKey":"c"}`, `missing required field "applicationSid"`},
		{"plivo missing authId", plivoPath, `{"authToken":"x"}`, `missing required field "authId"`},
		{"empty object", plivoPath, `{}`, `missing required field "authId"`},
		{"null required field", twilioPath, `{"accountSid":null,"authToken":"x"}`, `field "accountSid" must not be null`},
		{"null optional field", twilioPath, `{"accountSid":"a","authToken":"x","requestContextMapping":null}`, `field "requestContextMapping" must not be null`},
		{"number as string", twilioPath, `{"accountSid":123,"authToken":"x"}`, `field "accountSid" must be a string, got a number`},
		{"string as boolean", twilioPath, `{"accountSid":"a","authToken":"x","callCreationAllowAllAgents":"true"}`, `field "callCreationAllowAllAgents" must be a boolean, got a string`},
		{"string as list", twilioPath, `{"accountSid":"a","authToken":"x","callCreationAllowedAgentIds":"` + agentA + `"}`, `field "callCreationAllowedAgentIds" must be an array of strings, got a string`},
		{"number in list", twilioPath, `{"accountSid":"a","authToken":"x","callCreationAllowedAgentIds":[1]}`, `field "callCreationAllowedAgentIds[0]" must be a string, got a number`},
		{"null in list", twilioPath, `{"accountSid":"a","authToken":"x","callCreationAllowedAgentIds":["` + agentA + `",null]}`, `field "callCreationAllowedAgentIds[1]" must be a string, got null`},
		{"list as map", twilioPath, `{"accountSid":"a","authToken":"x","requestContextMapping":["a"]}`, `field "requestContextMapping" must be an object with string values, got an array`},
		{"number in map", twilioPath, `{"accountSid":"a","authToken":"x","requestContextMapping":{"b":"c","a":1}}`, `field "requestContextMapping" must map "a" to a string, got a number`},
		{"blank required field", twilioPath, `{"accountSid":"","authToken":"x"}`, `field "accountSid" must not be blank`},
		{"blank secret", plivoPath, `{"authId":"MA1","authToken":"  "}`, `field "authToken" must not be blank`},
		{"agent ID not a UUID", twilioPath, `{"accountSid":"a","authToken":"x","callCreationAllowedAgentIds":["agent-1"]}`, `field "callCreationAllowedAgentIds[0]" must be a UUID`},
		{"agent ID without hyphens", twilioPath, `{"accountSid":"a","authToken":"x","callCreationAllowedAgentIds":["0b7f8c1e2d3a4e5f8a9b0c1d2e3f4a5b"]}`, `must be a UUID`},
		{"too many agent IDs", plivoPath, `{"authId":"MA1","authToken":"x","callCreationAllowedAgentIds":[` + strings.Join(manyAgents, ",") + `]}`, `must have at most 100 items, got 101`},
		{"agent IDs with allow all", telnyxPath, `{"accountSid":"a","apiKey":"b","publicKey":"c","applicationSid":"d","callCreationAllowAllAgents":true,"callCreationAllowedAgentIds":["` + agentA + `"]}`, `field "callCreationAllowedAgentIds" must be empty when "callCreationAllowAllAgents" is true`},
		{"applicationSid too long", telnyxPath, `{"accountSid":"a","apiKey":"b","publicKey":"c","applicationSid":"` + strings.Repeat("x", 41) + `"}`, `field "applicationSid" must have at most 40 characters, got 41`},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)
			request := newRequest(t, server, http.MethodPost, test.path, test.body)
			request.Header.Set("Content-Type", "application/json")

			got := do(t, request)

			expectError(t, got, http.StatusBadRequest, test.wantDetail)
			expectState(t, server, fakeultravox.State{})
		})
	}
}

func TestProviderPostAcceptsLimits(t *testing.T) {
	agents := make([]string, 100)
	for i := range agents {
		agents[i] = fmt.Sprintf(`"%08d-0000-4000-8000-000000000000"`, i)
	}
	server := fakeultravox.NewTestServer(t, testAPIKey)

	body := `{"accountSid":"a","apiKey":"b","publicKey":"c","applicationSid":"` + strings.Repeat("é", 40) + `",` +
		`"callCreationAllowedAgentIds":[` + strings.Join(agents, ",") + `]}`
	got := send(t, server, http.MethodPost, telnyxPath, body)

	if got.status != http.StatusCreated {
		t.Errorf("status = %d, want 201 (body %s)", got.status, got.body)
	}
	state := server.State()
	if state.Telnyx == nil {
		t.Fatal("Telnyx configuration was not stored")
	}
	if len(state.Telnyx.CallCreationAllowedAgentIDs) != 100 {
		t.Errorf("stored %d agent IDs, want 100", len(state.Telnyx.CallCreationAllowedAgentIDs))
	}
}

func TestProviderAllowAllAgents(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)

	body := `{"accountSid":"AC123","authToken":"` + twilioToken + `","callCreationAllowAllAgents":true,"callCreationAllowedAgentIds":[]}`
	got := send(t, server, http.MethodPost, twilioPath, body)

	expectJSON(t, got, http.StatusCreated, strings.Replace(twilioView, `"callCreationAllowAllAgents":false`, `"callCreationAllowAllAgents":true`, 1))
	expectState(t, server, fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		CallCreationAllowAllAgents: true, AccountSID: "AC123", AuthToken: twilioToken,
	}})
}

func TestProviderPatchRejectsBadBodies(t *testing.T) {
	seeded := fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		CallCreationAllowedAgentIDs: []string{agentA},
		AccountSID:                  "AC123",
		AuthToken:                   twilioToken,
	}}

	tests := []struct {
		name       string
		body       string
		wantDetail string
	}{
		{"null field", `{"authToken":null}`, `field "authToken" must not be null`},
		{"blank field", `{"accountSid":""}`, `field "accountSid" must not be blank`},
		{"unknown field", `{"accountSID":"AC9"}`, `unknown field "accountSID"`},
		{"conflict with stored IDs", `{"callCreationAllowAllAgents":true}`, `must be empty when "callCreationAllowAllAgents" is true`},
		{"malformed JSON", `{`, `request body is not valid JSON`},
		{"empty body", ``, `request body is empty`},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)
			server.SetState(seeded)
			request := newRequest(t, server, http.MethodPatch, twilioPath, test.body)
			request.Header.Set("Content-Type", "application/json")

			got := do(t, request)

			expectError(t, got, http.StatusBadRequest, test.wantDetail)
			expectState(t, server, seeded)
		})
	}
}

func TestContentTypeRequired(t *testing.T) {
	tests := []struct {
		name        string
		method      string
		path        string
		contentType string
	}{
		{"post without content type", http.MethodPost, twilioPath, ""},
		{"post as text", http.MethodPost, twilioPath, "text/plain"},
		{"patch as form", http.MethodPatch, twilioPath, "application/x-www-form-urlencoded"},
		{"account patch without content type", http.MethodPatch, accountPath, ""},
		{"invalid media type", http.MethodPost, twilioPath, "application/json; charset"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)
			server.SetState(fakeultravox.State{Twilio: twilioState})
			request := newRequest(t, server, test.method, test.path, twilioBody)
			if test.contentType != "" {
				request.Header.Set("Content-Type", test.contentType)
			}

			got := do(t, request)

			expectError(t, got, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
			expectState(t, server, fakeultravox.State{Twilio: twilioState})
		})
	}
}

func TestContentTypeWithCharset(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	request := newRequest(t, server, http.MethodPost, twilioPath, twilioBody)
	request.Header.Set("Content-Type", "application/json; charset=utf-8")

	got := do(t, request)

	expectJSON(t, got, http.StatusCreated, twilioView)
}

func TestBodyRejectedOnGetAndDelete(t *testing.T) {
	tests := []struct {
		method string
		path   string
	}{
		{http.MethodGet, accountPath},
		{http.MethodGet, twilioPath},
		{http.MethodDelete, twilioPath},
	}
	for _, test := range tests {
		t.Run(test.method+" "+test.path, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)
			server.SetState(fakeultravox.State{Twilio: twilioState})

			got := send(t, server, test.method, test.path, `{"twilio":null}`)

			expectError(t, got, http.StatusBadRequest, "a "+test.method+" request must not have a body, got 15 bytes")
			expectState(t, server, fakeultravox.State{Twilio: twilioState})
		})
	}
}

func TestBodyTooLarge(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	body := `{"accountSid":"` + strings.Repeat("x", 1<<20) + `","authToken":"x"}`

	got := send(t, server, http.MethodPost, twilioPath, body)

	expectError(t, got, http.StatusRequestEntityTooLarge, "request body is larger than 1048576 bytes")
	log := server.Requests()
	if len(log) != 1 {
		t.Fatalf("log has %d entries, want 1", len(log))
	}
	if len(log[0].Body) != 1<<20 {
		t.Errorf("logged body has %d bytes, want the first 1048576", len(log[0].Body))
	}
	expectState(t, server, fakeultravox.State{})
}

func TestAuthFailures(t *testing.T) {
	tests := []struct {
		name       string
		key        string
		method     string
		path       string
		wantDetail string
	}{
		{"missing key on account", "", http.MethodGet, accountPath, "missing X-API-Key header"},
		{"wrong key on account", "wrong-key", http.MethodPatch, accountPath, "invalid API key"},
		{"missing key on provider", "", http.MethodDelete, twilioPath, "missing X-API-Key header"},
		{"wrong key on provider", "wrong-key", http.MethodPost, plivoPath, "invalid API key"},
		{"key prefix", testAPIKey[:4], http.MethodGet, twilioPath, "invalid API key"},
		{"key with suffix", testAPIKey + "x", http.MethodGet, twilioPath, "invalid API key"},
		{"unknown path", "", http.MethodGet, "/api/calls", "missing X-API-Key header"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)
			server.SetState(fakeultravox.State{Twilio: twilioState})
			var body string
			if test.method == http.MethodPost || test.method == http.MethodPatch {
				body = `{"twilio":null}`
			}
			request := newRequest(t, server, test.method, test.path, body)
			request.Header.Set("Content-Type", "application/json")
			if test.key == "" {
				request.Header.Del("X-API-Key")
			} else {
				request.Header.Set("X-API-Key", test.key)
			}

			got := do(t, request)

			detail := expectError(t, got, http.StatusUnauthorized, test.wantDetail)
			if test.key != "" && strings.Contains(detail, test.key) {
				t.Errorf("detail %q repeats the API key", detail)
			}
			expectState(t, server, fakeultravox.State{Twilio: twilioState})
		})
	}
}

func TestUnknownPaths(t *testing.T) {
	paths := []string{
		"/",
		"/api",
		"/api/telephony_configs",
		"/api/telephony_configs/",
		"/api/telephony_configs/vonage",
		"/api/telephony_configs/Twilio",
		"/api/telephony_configs/twilio//",
		"/api/telephony_configs/twilio/extra",
		"/api/accounts/me/telephony_config/twilio",
		"/api/accounts/me",
		"/telephony_configs/twilio",
	}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)

			got := send(t, server, http.MethodGet, path, "")

			expectError(t, got, http.StatusNotFound, "no endpoint at")
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	tests := []struct {
		method    string
		path      string
		wantAllow string
	}{
		{http.MethodPost, accountPath, "GET, PATCH"},
		{http.MethodPut, accountPath, "GET, PATCH"},
		{http.MethodDelete, accountPath + "/", "GET, PATCH"},
		{http.MethodPut, twilioPath, "GET, POST, PATCH, DELETE"},
		{http.MethodOptions, telnyxPath, "GET, POST, PATCH, DELETE"},
		{http.MethodHead, plivoPath, "GET, POST, PATCH, DELETE"},
	}
	for _, test := range tests {
		t.Run(test.method+" "+test.path, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)
			server.SetState(fakeultravox.State{Plivo: plivoState})

			got := send(t, server, test.method, test.path, "")

			if got.status != http.StatusMethodNotAllowed {
				t.Errorf("status = %d, want 405", got.status)
			}
			if allow := got.header.Get("Allow"); allow != test.wantAllow {
				t.Errorf("Allow = %q, want %q", allow, test.wantAllow)
			}
			// A response to HEAD has no body, so only the other methods can show the detail.
			if test.method != http.MethodHead {
				expectError(t, got, http.StatusMethodNotAllowed, "method "+test.method+" is not allowed")
			}
			expectState(t, server, fakeultravox.State{Plivo: plivoState})
		})
	}
}

func TestTrailingSlashAndQuery(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)

	got := send(t, server, http.MethodPost, twilioPath+"/?dry_run=true", twilioBody)
	expectJSON(t, got, http.StatusCreated, twilioView)

	got = send(t, server, http.MethodGet, twilioPath+"/", "")
	expectJSON(t, got, http.StatusOK, twilioView)

	got = send(t, server, http.MethodGet, accountPath+"/?format=json", "")
	expectJSON(t, got, http.StatusOK, `{"twilio":`+twilioView+`,"telnyx":null,"plivo":null}`)

	got = send(t, server, http.MethodDelete, twilioPath+"/", "")
	if got.status != http.StatusNoContent {
		t.Errorf("DELETE with trailing slash status = %d, want 204", got.status)
	}

	log := server.Requests()
	if len(log) != 4 {
		t.Fatalf("log has %d entries, want 4", len(log))
	}
	if log[0].Path != twilioPath+"/" {
		t.Errorf("log[0].Path = %q, want the path as sent, %q", log[0].Path, twilioPath+"/")
	}
	if log[0].RawQuery != "dry_run=true" {
		t.Errorf("log[0].RawQuery = %q, want %q", log[0].RawQuery, "dry_run=true")
	}
	if log[2].RawQuery != "format=json" {
		t.Errorf("log[2].RawQuery = %q, want %q", log[2].RawQuery, "format=json")
	}
}

// TestSecretsNeverInResponses sends every kind of request, successful and
// rejected, and checks the raw response bytes for each secret.
func TestSecretsNeverInResponses(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	secrets := []string{twilioToken, telnyxAPIKey, telnyxPublicKey, plivoToken, "rotated-secret", "tiny"}

	requests := []struct {
		method string
		path   string
		body   string
	}{
		{http.MethodPatch, accountPath, `{"twilio":` + twilioBody + `,"telnyx":` + telnyxBody + `,"plivo":` + plivoBody + `}`},
		{http.MethodGet, accountPath, ""},
		{http.MethodGet, twilioPath, ""},
		{http.MethodGet, telnyxPath, ""},
		{http.MethodGet, plivoPath, ""},
		{http.MethodPost, twilioPath, twilioBody},
		{http.MethodPost, telnyxPath, telnyxBody},
		{http.MethodPost, plivoPath, plivoBody},
		{http.MethodPatch, twilioPath, `{"authToken":"rotated-secret"}`},
		{http.MethodPatch, telnyxPath, `{"apiKey":"tiny","publicKey":"` + telnyxPublicKey + `"}`},
		{http.MethodPatch, plivoPath, `{"authToken":"` + plivoToken + `"}`},
		// Rejected requests that carry secrets.
		{http.MethodPost, twilioPath, `{"authToken":"` + twilioToken + `"}`},
		{http.MethodPost, twilioPath, `{"accountSid":"a","authToken":"` + twilioToken + `","bogus":1}`},
		{http.MethodPatch, telnyxPath, `{"apiKey":["` + telnyxAPIKey + `"]}`},
		{http.MethodPatch, accountPath, `{"plivo":{"authToken":"` + plivoToken + `"}}`},
		{http.MethodPatch, plivoPath, `{"authToken":"` + plivoToken + `"`},
		{http.MethodGet, twilioPath, `{"authToken":"` + twilioToken + `"}`},
		{http.MethodPut, twilioPath, twilioBody},
		{http.MethodPatch, accountPath, ""},
		{http.MethodGet, accountPath, ""},
	}

	var responses [][]byte
	for _, request := range requests {
		got := send(t, server, request.method, request.path, request.body)
		responses = append(responses, got.body)
	}

	for i, body := range responses {
		for _, secret := range secrets {
			if bytes.Contains(body, []byte(secret)) {
				t.Errorf("response %d to %s %s contains secret %q: %s", i, requests[i].method, requests[i].path, secret, body)
			}
		}
	}

	// The secrets are stored even though no response shows them.
	state := server.State()
	if state.Twilio == nil || state.Twilio.AuthToken != "rotated-secret" {
		t.Errorf("stored Twilio config = %+v, want auth token rotated-secret", state.Twilio)
	}
	if state.Telnyx == nil || state.Telnyx.APIKey != "tiny" {
		t.Errorf("stored Telnyx config = %+v, want API key tiny", state.Telnyx)
	}
}

func TestSecretPrefixes(t *testing.T) {
	tests := []struct {
		token      string
		wantPrefix string
	}{
		{"x", ""},
		{"ab", "a"},
		{"abcde", "ab"},
		{"abcdefgh", "abcd"},
		{"ääääääääää", "ääää"},
	}
	for _, test := range tests {
		t.Run(test.token, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)

			got := send(t, server, http.MethodPost, twilioPath, `{"accountSid":"AC1","authToken":"`+test.token+`"}`)

			var view struct {
				AuthTokenPrefix struct {
					Prefix string `json:"prefix"`
				} `json:"authTokenPrefix"`
			}
			if err := json.Unmarshal(got.body, &view); err != nil {
				t.Fatalf("decoding %s: %v", got.body, err)
			}
			if view.AuthTokenPrefix.Prefix != test.wantPrefix {
				t.Errorf("prefix = %q, want %q", view.AuthTokenPrefix.Prefix, test.wantPrefix)
			}
		})
	}
}

func TestResponseDecodesIntoConfigType(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Telnyx: telnyxState})

	got := send(t, server, http.MethodGet, telnyxPath, "")

	var config fakeultravox.TelnyxConfig
	decoder := json.NewDecoder(bytes.NewReader(got.body))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&config); err != nil {
		t.Fatalf("decoding %s into TelnyxConfig: %v", got.body, err)
	}
	want := fakeultravox.TelnyxConfig{
		CallCreationAllowedAgentIDs: []string{},
		RequestContextMapping:       map[string]string{},
		AccountSID:                  "telnyx-account",
		APIKeyPrefix:                &fakeultravox.KeyPrefix{Prefix: "teln"},
		PublicKeyPrefix:             &fakeultravox.KeyPrefix{Prefix: "teln"},
		ApplicationSID:              "telnyx-app",
	}
	if !reflect.DeepEqual(config, want) {
		t.Errorf("decoded %+v, want %+v", config, want)
	}
}

func TestRequestLog(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)

	send(t, server, http.MethodPost, twilioPath+"?a=1&b=2", twilioBody)
	send(t, server, http.MethodGet, twilioPath+"/", "")
	send(t, server, http.MethodPatch, plivoPath, `{"authId":"x"}`)
	unauthorized := newRequest(t, server, http.MethodGet, accountPath, "")
	unauthorized.Header.Del("X-API-Key")
	do(t, unauthorized)
	send(t, server, http.MethodPut, "/api/unknown", "")
	send(t, server, http.MethodDelete, twilioPath, "")

	want := []fakeultravox.Request{
		{Method: http.MethodPost, Path: twilioPath, RawQuery: "a=1&b=2", Body: []byte(twilioBody), Status: http.StatusCreated},
		{Method: http.MethodGet, Path: twilioPath + "/", Status: http.StatusOK},
		{Method: http.MethodPatch, Path: plivoPath, Body: []byte(`{"authId":"x"}`), Status: http.StatusNotFound},
		{Method: http.MethodGet, Path: accountPath, Status: http.StatusUnauthorized},
		{Method: http.MethodPut, Path: "/api/unknown", Status: http.StatusNotFound},
		{Method: http.MethodDelete, Path: twilioPath, Status: http.StatusNoContent},
	}
	got := server.Requests()
	if len(got) != len(want) {
		t.Fatalf("log has %d entries, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("log[%d] = %+v (body %q), want %+v (body %q)", i, got[i], got[i].Body, want[i], want[i].Body)
		}
	}
}

func TestRequestsReturnsCopy(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	send(t, server, http.MethodPost, twilioPath, twilioBody)

	first := server.Requests()
	first[0].Body[0] = 'X'
	first[0].Status = 0
	_ = append(first[:0], fakeultravox.Request{Method: "BOGUS"})

	second := server.Requests()
	if string(second[0].Body) != twilioBody {
		t.Errorf("logged body changed to %q after the caller edited its copy", second[0].Body)
	}
	if second[0].Status != http.StatusCreated {
		t.Errorf("logged status changed to %d after the caller edited its copy", second[0].Status)
	}
	if second[0].Method != http.MethodPost {
		t.Errorf("logged method changed to %q after the caller edited its copy", second[0].Method)
	}
}

func TestStateReturnsCopy(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		CallCreationAllowedAgentIDs: []string{agentA},
		RequestContextMapping:       map[string]string{"a": "b"},
		AccountSID:                  "AC123",
		AuthToken:                   twilioToken,
	}})

	state := server.State()
	state.Twilio.AccountSID = "changed"
	state.Twilio.CallCreationAllowedAgentIDs[0] = "changed"
	state.Twilio.RequestContextMapping["a"] = "changed"
	state.Plivo = plivoState

	again := server.State()
	if again.Twilio.AccountSID != "AC123" {
		t.Errorf("stored accountSid = %q after the caller edited its copy", again.Twilio.AccountSID)
	}
	if again.Twilio.CallCreationAllowedAgentIDs[0] != agentA {
		t.Errorf("stored agent ID = %q after the caller edited its copy", again.Twilio.CallCreationAllowedAgentIDs[0])
	}
	if again.Twilio.RequestContextMapping["a"] != "b" {
		t.Errorf("stored mapping value = %q after the caller edited its copy", again.Twilio.RequestContextMapping["a"])
	}
	if again.Plivo != nil {
		t.Errorf("stored Plivo config = %+v after the caller edited its copy", again.Plivo)
	}
}

func TestSetStateCopiesInput(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	seed := &fakeultravox.PlivoConfig{
		CallCreationAllowedAgentIDs: []string{agentA},
		AuthID:                      "MA123",
		AuthToken:                   plivoToken,
	}
	server.SetState(fakeultravox.State{Plivo: seed})

	seed.AuthID = "changed"
	seed.CallCreationAllowedAgentIDs[0] = agentB

	state := server.State()
	if state.Plivo.AuthID != "MA123" {
		t.Errorf("stored authId = %q after the caller edited the seed", state.Plivo.AuthID)
	}
	if state.Plivo.CallCreationAllowedAgentIDs[0] != agentA {
		t.Errorf("stored agent ID = %q after the caller edited the seed", state.Plivo.CallCreationAllowedAgentIDs[0])
	}
}

func TestSetStateNormalizes(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		CallCreationAllowedAgentIDs: []string{strings.ToUpper(agentA)},
		RequestContextMapping:       map[string]string{},
		AccountSID:                  "AC123",
		AuthToken:                   twilioToken,
		AuthTokenPrefix:             &fakeultravox.KeyPrefix{Prefix: "ignored"},
	}})

	expectState(t, server, fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		CallCreationAllowedAgentIDs: []string{agentA},
		AccountSID:                  "AC123",
		AuthToken:                   twilioToken,
	}})
}

func TestSetStateRejectsInvalid(t *testing.T) {
	tests := []struct {
		name      string
		state     fakeultravox.State
		wantPanic string
	}{
		{"missing token", fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{AccountSID: "AC1"}}, `field "twilio.authToken" must not be blank`},
		{"bad agent ID", fakeultravox.State{Plivo: &fakeultravox.PlivoConfig{
			AuthID: "MA1", AuthToken: "x", CallCreationAllowedAgentIDs: []string{"nope"},
		}}, `field "plivo.callCreationAllowedAgentIds[0]" must be a UUID`},
		{"long application SID", fakeultravox.State{Telnyx: &fakeultravox.TelnyxConfig{
			AccountSID: "a", APIKey: "b", PublicKey: "c", ApplicationSID: strings.Repeat("x", 41),
		}}, `field "telnyx.applicationSid" must have at most 40 characters`},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			server := fakeultravox.NewTestServer(t, testAPIKey)
			defer func() {
				recovered := recover()
				message, _ := recovered.(string)
				if !strings.Contains(message, test.wantPanic) {
					t.Errorf("panic = %v, want it to contain %q", recovered, test.wantPanic)
				}
				expectState(t, server, fakeultravox.State{})
			}()
			server.SetState(test.state)
		})
	}
}

func TestStateJSON(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	server.SetState(fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		RequestContextMapping: map[string]string{"z": "1", "a": "2"},
		AccountSID:            "AC123",
		AuthToken:             twilioToken,
	}})

	got := string(server.State().JSON())

	want := `{
  "twilio": {
    "requestContextMapping": {
      "a": "2",
      "z": "1"
    },
    "accountSid": "AC123",
    "authToken": "twilio-secret-token"
  },
  "telnyx": null,
  "plivo": null
}
`
	if got != want {
		t.Errorf("State().JSON() =\n%s\nwant\n%s", got, want)
	}
	for range 20 {
		if again := string(server.State().JSON()); again != got {
			t.Fatalf("State().JSON() changed between calls:\n%s\nthen\n%s", got, again)
		}
	}
}

func TestStateEqual(t *testing.T) {
	withEmpties := fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{
		CallCreationAllowedAgentIDs: []string{},
		RequestContextMapping:       map[string]string{},
		AccountSID:                  "AC123",
		AuthToken:                   twilioToken,
		AuthTokenPrefix:             &fakeultravox.KeyPrefix{Prefix: "twil"},
	}}
	if !withEmpties.Equal(fakeultravox.State{Twilio: twilioState}) {
		t.Error("Equal = false for states that differ only in empty collections and prefixes")
	}

	otherToken := fakeultravox.State{Twilio: &fakeultravox.TwilioConfig{AccountSID: "AC123", AuthToken: "other"}}
	if otherToken.Equal(fakeultravox.State{Twilio: twilioState}) {
		t.Error("Equal = true for states with different secrets")
	}
	if (fakeultravox.State{}).Equal(fakeultravox.State{Plivo: plivoState}) {
		t.Error("Equal = true for an empty state and one with a Plivo config")
	}
}

// TestDeprecatedAndMigratedRunsMatch runs the same changes through the
// deprecated endpoint and through the provider endpoints, which is how tests
// of a migration use the fake.
func TestDeprecatedAndMigratedRunsMatch(t *testing.T) {
	seed := fakeultravox.State{Plivo: plivoState}
	deprecated := fakeultravox.NewTestServer(t, testAPIKey)
	deprecated.SetState(seed)
	migrated := fakeultravox.NewTestServer(t, testAPIKey)
	migrated.SetState(seed)

	rotated := `{"accountSid":"AC123","authToken":"rotated","callCreationAllowAllAgents":true}`
	deprecatedSteps := []struct{ method, path, body string }{
		{http.MethodPatch, accountPath, `{"twilio":` + twilioBody + `,"telnyx":` + telnyxBody + `}`},
		{http.MethodPatch, accountPath, `{"twilio":` + rotated + `,"plivo":null}`},
	}
	migratedSteps := []struct{ method, path, body string }{
		{http.MethodPost, twilioPath, twilioBody},
		{http.MethodPost, telnyxPath, telnyxBody},
		{http.MethodPost, twilioPath, rotated},
		{http.MethodDelete, plivoPath, ""},
	}
	for _, step := range deprecatedSteps {
		if got := send(t, deprecated, step.method, step.path, step.body); got.status != http.StatusOK {
			t.Fatalf("%s %s status = %d, want 200 (body %s)", step.method, step.path, got.status, got.body)
		}
	}
	for _, step := range migratedSteps {
		if got := send(t, migrated, step.method, step.path, step.body); got.status >= 300 {
			t.Fatalf("%s %s status = %d, want 2xx (body %s)", step.method, step.path, got.status, got.body)
		}
	}

	if !reflect.DeepEqual(deprecated.State(), migrated.State()) {
		t.Errorf("states differ:\ndeprecated\n%s\nmigrated\n%s", deprecated.State().JSON(), migrated.State().JSON())
	}
	if !bytes.Equal(deprecated.State().JSON(), migrated.State().JSON()) {
		t.Error("State().JSON() differs between runs with the same state")
	}
}

func TestConcurrentRequests(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	const workers = 8
	const rounds = 10

	var wait sync.WaitGroup
	for worker := range workers {
		wait.Add(1)
		go func() {
			defer wait.Done()
			for round := range rounds {
				provider := providerCases()[(worker+round)%3]
				steps := []struct{ method, path, body string }{
					{http.MethodPost, provider.path, provider.body},
					{http.MethodPatch, provider.path, provider.patch},
					{http.MethodGet, provider.path, ""},
					{http.MethodPatch, accountPath, `{"` + provider.name + `":null}`},
					{http.MethodDelete, provider.path, ""},
				}
				for _, step := range steps {
					request, err := http.NewRequest(step.method, server.URL()+step.path, strings.NewReader(step.body))
					if err != nil {
						t.Errorf("building %s %s: %v", step.method, step.path, err)
						return
					}
					request.Header.Set("X-API-Key", testAPIKey)
					request.Header.Set("Content-Type", "application/json")
					response, err := http.DefaultClient.Do(request)
					if err != nil {
						t.Errorf("%s %s: %v", step.method, step.path, err)
						return
					}
					io.Copy(io.Discard, response.Body)
					response.Body.Close()
				}
			}
		}()
	}

	// Read the log and the state while the workers run.
	readers := make(chan struct{})
	go func() {
		defer close(readers)
		for range 200 {
			server.Requests()
			server.State().JSON()
		}
	}()

	wait.Wait()
	<-readers

	log := server.Requests()
	if len(log) != workers*rounds*5 {
		t.Errorf("log has %d entries, want %d", len(log), workers*rounds*5)
	}
	allowed := map[int]bool{
		http.StatusOK: true, http.StatusCreated: true, http.StatusNoContent: true, http.StatusNotFound: true,
	}
	for i, entry := range log {
		if !allowed[entry.Status] {
			t.Errorf("log[%d] = %s %s with status %d, want 200, 201, 204 or 404", i, entry.Method, entry.Path, entry.Status)
		}
	}
}

func TestHandlerWithoutListener(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	handler := server.Handler()

	request := httptest.NewRequest(http.MethodPost, plivoPath, strings.NewReader(plivoBody))
	request.Header.Set("X-API-Key", testAPIKey)
	request.Header.Set("Content-Type", "application/json")
	recorder := httptest.NewRecorder()
	handler.ServeHTTP(recorder, request)

	if recorder.Code != http.StatusCreated {
		t.Errorf("status = %d, want 201 (body %s)", recorder.Code, recorder.Body)
	}
	if recorder.Body.String() != plivoView {
		t.Errorf("body = %s, want %s", recorder.Body, plivoView)
	}
	expectState(t, server, fakeultravox.State{Plivo: plivoState})

	// A request over the network reads the configuration stored through the handler.
	got := send(t, server, http.MethodGet, plivoPath, "")
	expectJSON(t, got, http.StatusOK, plivoView)
	if len(server.Requests()) != 2 {
		t.Errorf("log has %d entries, want 2", len(server.Requests()))
	}
}

func TestHandlerWithNilBody(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)
	request := &http.Request{
		Method: http.MethodGet,
		URL:    &url.URL{Path: accountPath},
		Header: http.Header{"X-Api-Key": []string{testAPIKey}},
	}
	recorder := httptest.NewRecorder()

	server.Handler().ServeHTTP(recorder, request)

	if recorder.Code != http.StatusOK {
		t.Errorf("status = %d, want 200 (body %s)", recorder.Code, recorder.Body)
	}
}

func TestServerURL(t *testing.T) {
	server := fakeultravox.NewTestServer(t, testAPIKey)

	baseURL := server.URL()

	if !strings.HasPrefix(baseURL, "http://127.0.0.1:") && !strings.HasPrefix(baseURL, "http://[::1]:") {
		t.Errorf("URL() = %q, want a loopback address", baseURL)
	}
	if strings.HasSuffix(baseURL, "/") {
		t.Errorf("URL() = %q, want no trailing slash", baseURL)
	}
}

func TestNewTestServerClosesOnCleanup(t *testing.T) {
	var baseURL string
	t.Run("server", func(t *testing.T) {
		server := fakeultravox.NewTestServer(t, testAPIKey)
		baseURL = server.URL()
	})

	request, err := http.NewRequest(http.MethodGet, baseURL+accountPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	request.Header.Set("X-API-Key", testAPIKey)
	response, err := http.DefaultClient.Do(request)
	if err == nil {
		response.Body.Close()
		t.Errorf("request after cleanup got status %d, want a connection error", response.StatusCode)
	}
}

func TestNewServerRejectsEmptyKey(t *testing.T) {
	defer func() {
		if recovered := recover(); recovered == nil {
			t.Error("NewServer(\"\") did not panic")
		}
	}()
	server := fakeultravox.NewServer("")
	server.Close()
}
