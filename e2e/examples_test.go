package e2e_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/uvtools/telephonyconfig/fakeultravox"
)

// exampleCase is one example program under example/ and what its migration
// must produce.
type exampleCase struct {
	name string // subtest name
	dir  string // slash-separated directory under example/
	// sites lists the example's requests to the old endpoint in source
	// order.
	sites []exampleSite
	// migratedRequests is the request log of the migrated program, as
	// "METHOD path status".
	migratedRequests []string
}

// exampleSite is a request to the old endpoint in an example and what the
// analyzer must report for it.
type exampleSite struct {
	function string // the function that sends the request
	message  string // text that the diagnostic's message must contain
	fixed    bool   // whether the diagnostic carries a fix
}

// oldPath is the deprecated endpoint.
const oldPath = "/api/accounts/me/telephony_config"

// apiKey is the key of the fake servers that the example programs call.
const apiKey = "e2e-test-key"

// deprecation returns the start of the diagnostic message for a request
// with the given method to the old endpoint, followed by the replacement.
func deprecation(method, replacement string) string {
	return method + " " + oldPath + " is deprecated: use " + replacement
}

// scenarioSites are the sites of every example, which all implement the same
// scenario with the same function names. Only listConfigured keeps the old
// endpoint, because it reads all three providers from one response.
var scenarioSites = []exampleSite{
	{"setTwilio", deprecation("PATCH", "POST /api/telephony_configs/twilio"), true},
	{"setTelnyx", deprecation("PATCH", "POST /api/telephony_configs/telnyx"), true},
	{"setPlivo", deprecation("PATCH", "POST /api/telephony_configs/plivo"), true},
	{"removeTelnyx", deprecation("PATCH", "DELETE /api/telephony_configs/telnyx"), true},
	{"twilioAccountSID", deprecation("GET", "GET /api/telephony_configs/twilio"), true},
	{"setTwilioFromVar", deprecation("PATCH", "POST /api/telephony_configs/twilio"), true},
	{
		"listConfigured",
		deprecation("GET", "GET /api/telephony_configs/twilio, GET /api/telephony_configs/telnyx and GET /api/telephony_configs/plivo") +
			" (no fix: the response is read for twilio, telnyx and plivo",
		false,
	},
}

// scenarioMigratedRequests is the request log of every migrated example. The
// program runs the steps in another order than the functions appear in the
// source: it reads the Twilio account SID before it replaces Twilio and
// removes Telnyx.
var scenarioMigratedRequests = []string{
	"POST /api/telephony_configs/twilio 201",
	"POST /api/telephony_configs/telnyx 201",
	"POST /api/telephony_configs/plivo 201",
	"GET /api/telephony_configs/twilio 200",
	"POST /api/telephony_configs/twilio 201",
	"DELETE /api/telephony_configs/telnyx 204",
	"GET " + oldPath + " 200",
}

// exampleCases lists the examples that the end-to-end tests migrate: one
// per request surface that the analyzer follows.
var exampleCases = []exampleCase{
	// net/http requests built and sent in the function that reads the
	// response.
	{name: "nethttp", dir: "nethttp", sites: scenarioSites, migratedRequests: scenarioMigratedRequests},
	// Requests sent through the program's own helper in another package,
	// directly and through a second helper that calls the first.
	{name: "helper", dir: "helper", sites: scenarioSites, migratedRequests: scenarioMigratedRequests},
	// Nested modules, so that the root module does not depend on the
	// client libraries.
	{name: "resty", dir: "resty", sites: scenarioSites, migratedRequests: scenarioMigratedRequests},
	{name: "restyv3", dir: "restyv3", sites: scenarioSites, migratedRequests: scenarioMigratedRequests},
	{name: "retryablehttp", dir: "retryablehttp", sites: scenarioSites, migratedRequests: scenarioMigratedRequests},
}

// wantOriginalStdout is the output of every unmigrated example.
const wantOriginalStdout = `twilio set: account AC0123456789abcdef0123456789abcdef, 1 request context mappings
telnyx set: account telnyx-test-account, application telnyx-test-application, agents 5b0c8a3e-9f1d-4c2a-b7e4-1d2f3a4b5c6d
plivo set
twilio account: AC0123456789abcdef0123456789abcdef
twilio replaced: account ACfedcba9876543210fedcba9876543210, all agents allowed: true
telnyx removed
configured providers: twilio, plivo
`

// wantOriginalRequests is the request log of every unmigrated example, in
// the form that describeOldRequest returns.
var wantOriginalRequests = []string{
	"PATCH " + oldPath + " 200 sets twilio",
	"PATCH " + oldPath + " 200 sets telnyx",
	"PATCH " + oldPath + " 200 sets plivo",
	"GET " + oldPath + " 200",
	"PATCH " + oldPath + " 200 sets twilio",
	"PATCH " + oldPath + " 200 removes telnyx",
	"GET " + oldPath + " 200",
}

// wantFinalState is the fake server's state after any example has run,
// migrated or not. The second Twilio request replaces the first one's
// configuration as a whole.
var wantFinalState = fakeultravox.State{
	Twilio: &fakeultravox.TwilioConfig{
		AccountSID:                 "ACfedcba9876543210fedcba9876543210",
		AuthToken:                  "twilio-test-auth-token-2",
		CallCreationAllowAllAgents: true,
	},
	Plivo: &fakeultravox.PlivoConfig{
		AuthID:                     "MATESTAUTHID00000001",
		AuthToken:                  "plivo-test-auth-token",
		CallCreationAllowAllAgents: true,
	},
}

// TestExampleOriginals runs each example as it is, before any migration,
// against the fake server. It checks the examples themselves, so that a
// failure of TestExampleMigration points to the analyzer.
func TestExampleOriginals(t *testing.T) {
	goBin := goTool(t)
	root := repositoryRoot(t, goBin)

	for _, example := range exampleCases {
		t.Run(example.name, func(t *testing.T) {
			source := resolveExample(t, goBin, root, example.dir)
			dir := copyExample(t, source)
			binary := buildProgram(t, goBin, dir, copyEnv, ".", t.TempDir(), example.name)

			t.Run("runs the scenario", func(t *testing.T) {
				run := runExample(t, binary)
				if run.stdout != wantOriginalStdout {
					t.Errorf("stdout is\n%s\nwant\n%s", run.stdout, wantOriginalStdout)
				}
				var log []string
				for _, request := range run.requests {
					log = append(log, describeOldRequest(request))
				}
				if !slices.Equal(log, wantOriginalRequests) {
					t.Errorf("request log is\n%s\nwant\n%s", strings.Join(log, "\n"), strings.Join(wantOriginalRequests, "\n"))
				}
				if !run.state.Equal(wantFinalState) {
					t.Errorf("final state is\n%s\nwant\n%s", run.state.JSON(), wantFinalState.JSON())
				}
			})

			t.Run("stops at a rejected API key", func(t *testing.T) {
				server := fakeultravox.NewTestServer(t, apiKey)
				env := []string{"ULTRAVOX_BASE_URL=" + server.URL(), "ULTRAVOX_API_KEY=not-" + apiKey}
				res := runCommand(t, t.TempDir(), env, binary)
				if res.err == nil {
					t.Fatalf("the program exited with status 0 although the server rejected its key\nstdout:\n%s", res.stdout)
				}
				if !strings.Contains(res.stderr, "401 Unauthorized") {
					t.Errorf("stderr does not name the 401 response:\n%s", res.stderr)
				}
				for _, secret := range []string{"twilio-test-auth-token", "plivo-test-auth-token", "KEYTELNYXTEST0001"} {
					if strings.Contains(res.stderr, secret) {
						t.Errorf("stderr contains the secret %q:\n%s", secret, res.stderr)
					}
				}
				if requests := server.Requests(); len(requests) != 1 {
					t.Errorf("the server got %d requests, want 1, because the program stops at the first error and no client retries a 401", len(requests))
				}
			})

			t.Run("stops when the server is unreachable", func(t *testing.T) {
				env := []string{"ULTRAVOX_BASE_URL=" + closedLoopbackURL(t), "ULTRAVOX_API_KEY=" + apiKey}
				res := runCommand(t, t.TempDir(), env, binary)
				if res.err == nil {
					t.Fatalf("the program exited with status 0 without a server\nstdout:\n%s", res.stdout)
				}
				if res.stdout != "" {
					t.Errorf("the program printed a step without a server:\n%s", res.stdout)
				}
				if !strings.HasPrefix(res.stderr, example.name+": set twilio configuration: ") {
					t.Errorf("stderr does not report the first step's failure:\n%s", res.stderr)
				}
			})

			t.Run("rejects a missing base URL", func(t *testing.T) {
				env := []string{"ULTRAVOX_BASE_URL=", "ULTRAVOX_API_KEY=" + apiKey}
				res := runCommand(t, t.TempDir(), env, binary)
				if res.err == nil {
					t.Fatalf("the program exited with status 0 without ULTRAVOX_BASE_URL\nstdout:\n%s", res.stdout)
				}
				if want := "ULTRAVOX_BASE_URL is not set"; !strings.Contains(res.stderr, want) {
					t.Errorf("stderr does not contain %q:\n%s", want, res.stderr)
				}
			})
		})
	}
}

// closedLoopbackURL returns the URL of a loopback port that was just free,
// so that connecting to it is refused.
func closedLoopbackURL(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening on a loopback port failed: %v", err)
	}
	addr := listener.Addr().String()
	if err := listener.Close(); err != nil {
		t.Fatalf("closing the listener on %s failed: %v", addr, err)
	}
	return "http://" + addr
}

// describeOldRequest returns a request as "METHOD path status", followed for
// a PATCH by what its body does to each provider, in the order of the
// provider names: "sets twilio" for an object and "removes telnyx" for null.
func describeOldRequest(request fakeultravox.Request) string {
	text := formatRequest(request)
	if request.Method != "PATCH" {
		return text
	}

	var body map[string]json.RawMessage
	if err := json.Unmarshal(request.Body, &body); err != nil {
		return text + " with an invalid body"
	}
	var changes []string
	for _, provider := range slices.Sorted(maps.Keys(body)) {
		if string(body[provider]) == "null" {
			changes = append(changes, "removes "+provider)
		} else {
			changes = append(changes, "sets "+provider)
		}
	}
	return text + " " + strings.Join(changes, ", ")
}

// exampleRun is the outcome of one run of an example against a fresh fake
// server.
type exampleRun struct {
	stdout   string
	state    fakeultravox.State
	requests []fakeultravox.Request
}

// runExample runs the example binary against a new fake server and fails
// the test unless the program exits with status 0.
func runExample(t *testing.T, binary string) exampleRun {
	t.Helper()
	server := fakeultravox.NewTestServer(t, apiKey)
	env := []string{"ULTRAVOX_BASE_URL=" + server.URL(), "ULTRAVOX_API_KEY=" + apiKey}
	res := runCommand(t, t.TempDir(), env, binary)
	if res.err != nil {
		t.Fatalf("%s failed: %v\nstdout:\n%s\nstderr:\n%s", filepath.Base(binary), res.err, res.stdout, res.stderr)
	}
	return exampleRun{stdout: res.stdout, state: server.State(), requests: server.Requests()}
}

// formatRequest returns a request as "METHOD path status".
func formatRequest(request fakeultravox.Request) string {
	return fmt.Sprintf("%s %s %d", request.Method, request.Path, request.Status)
}
