package e2e_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/uvtools/telephonyconfig/fakeultravox"
)

// exampleCase is one example program and what its migration must produce.
type exampleCase struct {
	name string // subtest name, and the prefix of the program's errors
	// dir is the slash-separated directory of the example's main package,
	// relative to the repository root.
	dir string
	// module, when set, is the slash-separated directory, relative to the
	// repository root, of a nested module that contains the example beside
	// other packages. The tests copy the whole module but analyze, build
	// and run only the packages under dir.
	module string
	// sites lists the example's requests to the old endpoint in source
	// order.
	sites []exampleSite
	// originalRequests is the request log of the original program, in the
	// form that describeOldRequest returns.
	originalRequests []string
	// migratedRequests is the request log of the migrated program, as
	// "METHOD path status".
	migratedRequests []string
	// stdout and migratedStdout are the exact output of the example before
	// and after migration, and exitCode is the exit status of both runs.
	stdout, migratedStdout string
	exitCode               int
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

// generatedDeprecation returns the start of the diagnostic message for a
// call of the generated client method oldMethod, which sends method to the
// old endpoint, followed by the replacement: the method newMethod, which
// sends request, such as "POST /api/telephony_configs/twilio".
func generatedDeprecation(oldMethod, method, newMethod, request string) string {
	return oldMethod + " calls the deprecated " + method + " " + oldPath + ": use " + newMethod + " (" + request + ")"
}

// generatedListSite returns the site of listConfigured in an example that
// calls a generated client. The example reads the configuration with
// AccountsMeTelephonyConfigRetrieve followed by suffix, and the message
// names the retrieve methods of the three providers with the same suffix.
func generatedListSite(suffix string) exampleSite {
	var replacements []string
	for _, provider := range []string{"Twilio", "Telnyx", "Plivo"} {
		replacements = append(replacements, fmt.Sprintf("TelephonyConfigs%sRetrieve%s (GET /api/telephony_configs/%s)", provider, suffix, strings.ToLower(provider)))
	}
	message := fmt.Sprintf("AccountsMeTelephonyConfigRetrieve%s calls the deprecated GET %s: use %s, %s and %s (no fix: the response is read for twilio, telnyx and plivo",
		suffix, oldPath, replacements[0], replacements[1], replacements[2])
	return exampleSite{"listConfigured", message, false}
}

// oapiSites are the sites of the oapi example. It sends most requests with
// the WithResponse methods of ClientWithResponses, the Plivo one with the
// plain method of ClientInterface and the removal of Telnyx with
// WithBodyWithResponse and raw JSON.
var oapiSites = []exampleSite{
	{"setTwilio", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdateWithResponse", "PATCH", "TelephonyConfigsTwilioCreateWithResponse", "POST /api/telephony_configs/twilio"), true},
	{"setTelnyx", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdateWithResponse", "PATCH", "TelephonyConfigsTelnyxCreateWithResponse", "POST /api/telephony_configs/telnyx"), true},
	{"setPlivo", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdate", "PATCH", "TelephonyConfigsPlivoCreate", "POST /api/telephony_configs/plivo"), true},
	{"removeTelnyx", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdateWithBodyWithResponse", "PATCH", "TelephonyConfigsTelnyxDestroyWithResponse", "DELETE /api/telephony_configs/telnyx"), true},
	{"twilioAccountSID", generatedDeprecation("AccountsMeTelephonyConfigRetrieveWithResponse", "GET", "TelephonyConfigsTwilioRetrieveWithResponse", "GET /api/telephony_configs/twilio"), true},
	{"setTwilioFromVar", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdateWithResponse", "PATCH", "TelephonyConfigsTwilioCreateWithResponse", "POST /api/telephony_configs/twilio"), true},
	{
		"replacePlivoWithTelnyx",
		generatedDeprecation("AccountsMeTelephonyConfigPartialUpdateWithBodyWithResponse", "PATCH", "TelephonyConfigsTelnyxCreateWithBodyWithResponse", "POST /api/telephony_configs/telnyx") +
			" and TelephonyConfigsPlivoDestroyWithResponse (DELETE /api/telephony_configs/plivo)",
		true,
	},
	generatedListSite("WithResponse"),
}

// oapinullableSites are the sites of the oapinullable example, which calls
// the same methods as the oapi example except that it sends null in a typed
// body. Its PATCH that sets Telnyx and removes Plivo becomes the DELETE
// first, because the generated struct declares Plivo before Telnyx and so
// encodes it first.
var oapinullableSites = []exampleSite{
	{"setTwilio", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdateWithResponse", "PATCH", "TelephonyConfigsTwilioCreateWithResponse", "POST /api/telephony_configs/twilio"), true},
	{"setTelnyx", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdateWithResponse", "PATCH", "TelephonyConfigsTelnyxCreateWithResponse", "POST /api/telephony_configs/telnyx"), true},
	{"setPlivo", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdate", "PATCH", "TelephonyConfigsPlivoCreate", "POST /api/telephony_configs/plivo"), true},
	{"removeTelnyx", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdateWithResponse", "PATCH", "TelephonyConfigsTelnyxDestroyWithResponse", "DELETE /api/telephony_configs/telnyx"), true},
	{"twilioAccountSID", generatedDeprecation("AccountsMeTelephonyConfigRetrieveWithResponse", "GET", "TelephonyConfigsTwilioRetrieveWithResponse", "GET /api/telephony_configs/twilio"), true},
	{"setTwilioFromVar", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdateWithResponse", "PATCH", "TelephonyConfigsTwilioCreateWithResponse", "POST /api/telephony_configs/twilio"), true},
	{
		"replacePlivoWithTelnyx",
		generatedDeprecation("AccountsMeTelephonyConfigPartialUpdateWithResponse", "PATCH", "TelephonyConfigsPlivoDestroyWithResponse", "DELETE /api/telephony_configs/plivo") +
			" and TelephonyConfigsTelnyxCreateWithResponse (POST /api/telephony_configs/telnyx)",
		true,
	},
	generatedListSite("WithResponse"),
}

// ogenSites are the sites of the ogen example.
var ogenSites = []exampleSite{
	{"setTwilio", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdate", "PATCH", "TelephonyConfigsTwilioCreate", "POST /api/telephony_configs/twilio"), true},
	{"setTelnyx", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdate", "PATCH", "TelephonyConfigsTelnyxCreate", "POST /api/telephony_configs/telnyx"), true},
	{"setPlivo", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdate", "PATCH", "TelephonyConfigsPlivoCreate", "POST /api/telephony_configs/plivo"), true},
	{"removeTelnyx", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdate", "PATCH", "TelephonyConfigsTelnyxDestroy", "DELETE /api/telephony_configs/telnyx"), true},
	{"twilioAccountSID", generatedDeprecation("AccountsMeTelephonyConfigRetrieve", "GET", "TelephonyConfigsTwilioRetrieve", "GET /api/telephony_configs/twilio"), true},
	{"setTwilioFromVar", generatedDeprecation("AccountsMeTelephonyConfigPartialUpdate", "PATCH", "TelephonyConfigsTwilioCreate", "POST /api/telephony_configs/twilio"), true},
	{
		"replacePlivoWithTelnyx",
		generatedDeprecation("AccountsMeTelephonyConfigPartialUpdate", "PATCH", "TelephonyConfigsTelnyxCreate", "POST /api/telephony_configs/telnyx") +
			" and TelephonyConfigsPlivoDestroy (DELETE /api/telephony_configs/plivo)",
		true,
	},
	generatedListSite(""),
}

// scenarioSites are the sites of every example that does not use a
// generated client. All examples implement the same scenario with the same
// function names. accountSIDs reads two providers from one GET and
// replacePlivoWithTelnyx sets one provider and removes another in one
// PATCH, so each becomes two requests. Only listConfigured keeps the old
// endpoint, because it treats a provider that is null in the response as
// not configured, and a provider's own GET returns 404 for it.
var scenarioSites = []exampleSite{
	{"setTwilio", deprecation("PATCH", "POST /api/telephony_configs/twilio"), true},
	{"setTelnyx", deprecation("PATCH", "POST /api/telephony_configs/telnyx"), true},
	{"setPlivo", deprecation("PATCH", "POST /api/telephony_configs/plivo"), true},
	{"removeTelnyx", deprecation("PATCH", "DELETE /api/telephony_configs/telnyx"), true},
	{"twilioAccountSID", deprecation("GET", "GET /api/telephony_configs/twilio"), true},
	{"setTwilioFromVar", deprecation("PATCH", "POST /api/telephony_configs/twilio"), true},
	{"accountSIDs", deprecation("GET", "GET /api/telephony_configs/twilio and GET /api/telephony_configs/telnyx"), true},
	{"replacePlivoWithTelnyx", deprecation("PATCH", "POST /api/telephony_configs/telnyx and DELETE /api/telephony_configs/plivo"), true},
	{
		"listConfigured",
		deprecation("GET", "GET /api/telephony_configs/twilio, GET /api/telephony_configs/telnyx and GET /api/telephony_configs/plivo") +
			" (no fix: the split into one request per provider is not safe: for GET /api/telephony_configs/twilio," +
			" the code handles a missing twilio configuration as nil, but GET /api/telephony_configs/twilio answers 404 Not Found for it)",
		false,
	},
}

// scenarioOriginalRequests is the request log of every unmigrated example
// that does not use a generated client.
var scenarioOriginalRequests = []string{
	"PATCH " + oldPath + " 200 sets twilio",
	"PATCH " + oldPath + " 200 sets telnyx",
	"PATCH " + oldPath + " 200 sets plivo",
	"GET " + oldPath + " 200",
	"GET " + oldPath + " 200",
	"PATCH " + oldPath + " 200 sets twilio",
	"PATCH " + oldPath + " 200 removes telnyx",
	"PATCH " + oldPath + " 200 removes plivo, sets telnyx",
	"GET " + oldPath + " 200",
}

// scenarioMigratedRequests is the request log of every migrated example
// that does not use a generated client. The program runs the steps in
// another order than the functions appear in the source: it reads the
// Twilio account SID, then both account SIDs, before it replaces Twilio and
// removes Telnyx. The split requests follow the order in which the source
// names the providers.
var scenarioMigratedRequests = []string{
	"POST /api/telephony_configs/twilio 201",
	"POST /api/telephony_configs/telnyx 201",
	"POST /api/telephony_configs/plivo 201",
	"GET /api/telephony_configs/twilio 200",
	"GET /api/telephony_configs/twilio 200",
	"GET /api/telephony_configs/telnyx 200",
	"POST /api/telephony_configs/twilio 201",
	"DELETE /api/telephony_configs/telnyx 204",
	"POST /api/telephony_configs/telnyx 201",
	"DELETE /api/telephony_configs/plivo 204",
	"GET " + oldPath + " 200",
}

// generatedOriginalRequests is the request log of every unmigrated example
// that uses a generated client. These examples have no accountSIDs step,
// because the analyzer does not split a GET of a generated client.
var generatedOriginalRequests = []string{
	"PATCH " + oldPath + " 200 sets twilio",
	"PATCH " + oldPath + " 200 sets telnyx",
	"PATCH " + oldPath + " 200 sets plivo",
	"GET " + oldPath + " 200",
	"PATCH " + oldPath + " 200 sets twilio",
	"PATCH " + oldPath + " 200 removes telnyx",
	"PATCH " + oldPath + " 200 removes plivo, sets telnyx",
	"GET " + oldPath + " 200",
}

// generatedMigratedRequests is the request log of the migrated oapi and
// ogen examples.
var generatedMigratedRequests = []string{
	"POST /api/telephony_configs/twilio 201",
	"POST /api/telephony_configs/telnyx 201",
	"POST /api/telephony_configs/plivo 201",
	"GET /api/telephony_configs/twilio 200",
	"POST /api/telephony_configs/twilio 201",
	"DELETE /api/telephony_configs/telnyx 204",
	"POST /api/telephony_configs/telnyx 201",
	"DELETE /api/telephony_configs/plivo 204",
	"GET " + oldPath + " 200",
}

// oapinullableMigratedRequests is the request log of the migrated
// oapinullable example, which removes Plivo before it sets Telnyx.
var oapinullableMigratedRequests = []string{
	"POST /api/telephony_configs/twilio 201",
	"POST /api/telephony_configs/telnyx 201",
	"POST /api/telephony_configs/plivo 201",
	"GET /api/telephony_configs/twilio 200",
	"POST /api/telephony_configs/twilio 201",
	"DELETE /api/telephony_configs/telnyx 204",
	"DELETE /api/telephony_configs/plivo 204",
	"POST /api/telephony_configs/telnyx 201",
	"GET " + oldPath + " 200",
}

// generatedModule is the nested module of clients generated from the
// Ultravox OpenAPI document. Its examples directory holds one example per
// generator.
const generatedModule = "testdata/generated"

// exampleCases lists the examples that the end-to-end tests migrate: one
// per request surface that the analyzer follows.
var exampleCases = []exampleCase{
	// net/http requests built and sent in the function that reads the
	// response.
	scenarioCase("nethttp", "example/nethttp"),
	// Requests sent through the program's own helper in another package,
	// directly and through a second helper that calls the first.
	scenarioCase("helper", "example/helper"),
	// Nested modules, so that the root module does not depend on the
	// client libraries.
	scenarioCase("resty", "example/resty"),
	scenarioCase("restyv3", "example/restyv3"),
	scenarioCase("retryablehttp", "example/retryablehttp"),
	// Clients generated by oapi-codegen, with pointer and with
	// nullable.Nullable provider fields.
	generatedCase("oapi", oapiSites, generatedMigratedRequests),
	generatedCase("oapinullable", oapinullableSites, oapinullableMigratedRequests),
	// The client generated by ogen v1.25.0 rejects every telephony
	// configuration that the API returns, because the OpenAPI document marks
	// the write-only secrets, such as authToken, as required, and responses
	// leave them out. So neither the original nor the migrated program can
	// read a response, and the tests cannot compare what the two programs
	// read. The program prints "response not decoded" for such a step, goes
	// on with the next one and exits with status 1. What remains checked is
	// that the migrated copy builds and passes go vet, and that the fake
	// server receives the expected methods, paths and bodies and ends in the
	// same state as after the original run. After migration, the step that
	// removes Telnyx succeeds too, because DELETE returns no body. The step
	// that replaces Plivo with Telnyx ignores the decoding error, so it
	// succeeds before and after migration, and its DELETE still runs after
	// the POST whose response the client cannot decode.
	{
		name:             "ogen",
		dir:              generatedModule + "/examples/ogen",
		module:           generatedModule,
		sites:            ogenSites,
		originalRequests: generatedOriginalRequests,
		migratedRequests: generatedMigratedRequests,
		stdout:           ogenOriginalStdout,
		migratedStdout:   ogenMigratedStdout,
		exitCode:         1,
	},
}

// scenarioCase returns the row of an example in dir that does not use a
// generated client. It prints wantOriginalStdout and exits with status 0
// before and after migration.
func scenarioCase(name, dir string) exampleCase {
	return exampleCase{
		name:             name,
		dir:              dir,
		sites:            scenarioSites,
		originalRequests: scenarioOriginalRequests,
		migratedRequests: scenarioMigratedRequests,
		stdout:           wantOriginalStdout,
		migratedStdout:   wantOriginalStdout,
	}
}

// generatedCase returns the row of an example in testdata/generated/examples
// whose generated client reads every response, so that it prints
// wantGeneratedStdout and exits with status 0 before and after migration.
func generatedCase(name string, sites []exampleSite, migratedRequests []string) exampleCase {
	return exampleCase{
		name:             name,
		dir:              generatedModule + "/examples/" + name,
		module:           generatedModule,
		sites:            sites,
		originalRequests: generatedOriginalRequests,
		migratedRequests: migratedRequests,
		stdout:           wantGeneratedStdout,
		migratedStdout:   wantGeneratedStdout,
	}
}

// wantOriginalStdout is the output of every example that does not use a
// generated client, before and after migration.
const wantOriginalStdout = `twilio set: account AC0123456789abcdef0123456789abcdef, 1 request context mappings
telnyx set: account telnyx-test-account, application telnyx-test-application, agents 5b0c8a3e-9f1d-4c2a-b7e4-1d2f3a4b5c6d
plivo set
twilio account: AC0123456789abcdef0123456789abcdef
accounts: twilio AC0123456789abcdef0123456789abcdef, telnyx telnyx-test-account
twilio replaced: account ACfedcba9876543210fedcba9876543210, all agents allowed: true
telnyx removed
plivo replaced by telnyx
configured providers: twilio, telnyx
`

// wantGeneratedStdout is the output of the oapi and oapinullable examples,
// before and after migration.
const wantGeneratedStdout = `twilio set: account AC0123456789abcdef0123456789abcdef, 1 request context mappings
telnyx set: account telnyx-test-account, application telnyx-test-application, agents 5b0c8a3e-9f1d-4c2a-b7e4-1d2f3a4b5c6d
plivo set
twilio account: AC0123456789abcdef0123456789abcdef
twilio replaced: account ACfedcba9876543210fedcba9876543210, all agents allowed: true
telnyx removed
plivo replaced by telnyx
configured providers: twilio, telnyx
`

// ogenOriginalStdout is the output of the unmigrated ogen example, which
// cannot decode any response.
const ogenOriginalStdout = `set twilio: response not decoded
set telnyx: response not decoded
set plivo: response not decoded
get twilio account: response not decoded
replace twilio: response not decoded
remove telnyx: response not decoded
plivo replaced by telnyx
list configured providers: response not decoded
`

// ogenMigratedStdout is the output of the migrated ogen example. The
// DELETE that removes Telnyx has no response body to decode.
const ogenMigratedStdout = `set twilio: response not decoded
set telnyx: response not decoded
set plivo: response not decoded
get twilio account: response not decoded
replace twilio: response not decoded
telnyx removed
plivo replaced by telnyx
list configured providers: response not decoded
`

// wantFinalState is the fake server's state after any example has run,
// migrated or not. The second Twilio request replaces the first one's
// configuration as a whole, and the last change removes Plivo and stores
// Telnyx again, now for every agent.
var wantFinalState = fakeultravox.State{
	Twilio: &fakeultravox.TwilioConfig{
		AccountSID:                 "ACfedcba9876543210fedcba9876543210",
		AuthToken:                  "twilio-test-auth-token-2",
		CallCreationAllowAllAgents: true,
	},
	Telnyx: &fakeultravox.TelnyxConfig{
		AccountSID:                 "telnyx-test-account",
		APIKey:                     "KEYTELNYXTEST0001",
		PublicKey:                  "telnyx-test-public-key",
		ApplicationSID:             "telnyx-test-application",
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
			source := resolveExample(t, goBin, root, example)
			dir := copyExample(t, source)
			binary := buildProgram(t, goBin, dir, copyEnv, source.mainPackage(), t.TempDir(), example.name)

			t.Run("runs the scenario", func(t *testing.T) {
				run := runExample(t, binary)
				checkExitCode(t, "the program", run, example.exitCode)
				if run.stdout != example.stdout {
					t.Errorf("stdout is\n%s\nwant\n%s", run.stdout, example.stdout)
				}
				checkNoSecrets(t, "stdout", run.stdout)
				checkNoSecrets(t, "stderr", run.stderr)
				var log []string
				for _, request := range run.requests {
					log = append(log, describeOldRequest(request))
				}
				if !slices.Equal(log, example.originalRequests) {
					t.Errorf("request log is\n%s\nwant\n%s", strings.Join(log, "\n"), strings.Join(example.originalRequests, "\n"))
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
				checkNoSecrets(t, "stderr", res.stderr)
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

// exampleSecrets are the secrets that every example sends. The examples
// must never print them.
var exampleSecrets = []string{"twilio-test-auth-token", "KEYTELNYXTEST0001", "telnyx-test-public-key", "plivo-test-auth-token"}

// checkNoSecrets checks that output contains none of exampleSecrets. The
// error message calls the output by stream, such as "stderr".
func checkNoSecrets(t *testing.T, stream, output string) {
	t.Helper()
	for _, secret := range exampleSecrets {
		if strings.Contains(output, secret) {
			t.Errorf("%s contains the secret %q:\n%s", stream, secret, output)
		}
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
	stdout, stderr string
	exitCode       int
	state          fakeultravox.State
	requests       []fakeultravox.Request
}

// runExample runs the example binary against a new fake server. It fails
// the test when the program cannot be started or is killed, but not when
// it exits with a non-zero status: checkExitCode checks that.
func runExample(t *testing.T, binary string) exampleRun {
	t.Helper()
	server := fakeultravox.NewTestServer(t, apiKey)
	env := []string{"ULTRAVOX_BASE_URL=" + server.URL(), "ULTRAVOX_API_KEY=" + apiKey}
	res := runCommand(t, t.TempDir(), env, binary)
	exitCode := 0
	if res.err != nil {
		var exitErr *exec.ExitError
		if !errors.As(res.err, &exitErr) || exitErr.ExitCode() < 0 {
			t.Fatalf("running %s failed: %v\nstdout:\n%s\nstderr:\n%s", filepath.Base(binary), res.err, res.stdout, res.stderr)
		}
		exitCode = exitErr.ExitCode()
	}
	return exampleRun{
		stdout:   res.stdout,
		stderr:   res.stderr,
		exitCode: exitCode,
		state:    server.State(),
		requests: server.Requests(),
	}
}

// checkExitCode checks that run exited with status want. The error message
// calls the program by program, such as "the migrated program".
func checkExitCode(t *testing.T, program string, run exampleRun, want int) {
	t.Helper()
	if run.exitCode != want {
		t.Errorf("%s exited with status %d, want %d\nstdout:\n%s\nstderr:\n%s", program, run.exitCode, want, run.stdout, run.stderr)
	}
}

// formatRequest returns a request as "METHOD path status".
func formatRequest(request fakeultravox.Request) string {
	return fmt.Sprintf("%s %s %d", request.Method, request.Path, request.Status)
}
