// Command ogen manages an account's Twilio, Telnyx and Plivo credentials
// through the deprecated Ultravox endpoint /api/accounts/me/telephony_config,
// using the client in package generated/ogen that ogen v1.25.0 generated. It
// is an input that the telephonyconfig analyzer's end-to-end test migrates.
//
// The program takes the API's base URL, such as https://api.ultravox.ai,
// from ULTRAVOX_BASE_URL and an API key from ULTRAVOX_API_KEY. It sets,
// reads and removes test credentials in a fixed order and prints one line
// per step, without secrets.
//
// NOTE: the generated client cannot decode this API's telephony
// configurations. The OpenAPI document marks the write-only secrets, such as
// authToken, as required, so ogen rejects every response, which leaves them
// out. A step whose response fails to decode therefore prints "response not
// decoded" and the program goes on with the next step, because the server
// has already applied the request. Only the step that replaces Plivo with
// Telnyx ignores the failure, because it does not read its response. The
// program exits with status 1 at the first other error, and after the last
// step when any response failed to decode.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/ogen-go/ogen/ogenerrors"
)

// Test credentials. The program never prints the secrets among them.
const (
	twilioAccountSID    = "AC0123456789abcdef0123456789abcdef"
	twilioAuthToken     = "twilio-test-auth-token"
	newTwilioAccountSID = "ACfedcba9876543210fedcba9876543210"
	newTwilioAuthToken  = "twilio-test-auth-token-2"
	telnyxAccountSID    = "telnyx-test-account"
	telnyxAPIKey        = "KEYTELNYXTEST0001"
	telnyxPublicKey     = "telnyx-test-public-key"
	telnyxAppSID        = "telnyx-test-application"
	telnyxAgentID       = "5b0c8a3e-9f1d-4c2a-b7e4-1d2f3a4b5c6d"
	plivoAuthID         = "MATESTAUTHID00000001"
	plivoAuthToken      = "plivo-test-auth-token"
)

// twilioSummary is what the program prints about a stored Twilio
// configuration.
type twilioSummary struct {
	AccountSID      string
	ContextMappings int
	AllowAllAgents  bool
}

// telnyxSummary is what the program prints about a stored Telnyx
// configuration.
type telnyxSummary struct {
	AccountSID     string
	ApplicationSID string
	AgentIDs       []string
}

// step is one step of the scenario. Its run function returns the line that
// the program prints when the step succeeds.
type step struct {
	name string
	run  func(ctx context.Context, client *Client) (string, error)
}

// steps is the scenario, in the order in which the program runs it.
var steps = []step{
	{"set twilio", func(ctx context.Context, client *Client) (string, error) {
		twilio, err := client.setTwilio(ctx, twilioAccountSID, twilioAuthToken)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("twilio set: account %s, %d request context mappings", twilio.AccountSID, twilio.ContextMappings), nil
	}},
	{"set telnyx", func(ctx context.Context, client *Client) (string, error) {
		telnyx, err := client.setTelnyx(ctx, telnyxAccountSID, telnyxAPIKey, telnyxPublicKey, telnyxAppSID)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("telnyx set: account %s, application %s, agents %s",
			telnyx.AccountSID, telnyx.ApplicationSID, strings.Join(telnyx.AgentIDs, ",")), nil
	}},
	{"set plivo", func(ctx context.Context, client *Client) (string, error) {
		if err := client.setPlivo(ctx); err != nil {
			return "", err
		}
		return "plivo set", nil
	}},
	{"get twilio account", func(ctx context.Context, client *Client) (string, error) {
		sid, err := client.twilioAccountSID(ctx)
		if err != nil {
			return "", err
		}
		return "twilio account: " + sid, nil
	}},
	{"replace twilio", func(ctx context.Context, client *Client) (string, error) {
		twilio, err := client.setTwilioFromVar(ctx, newTwilioAccountSID, newTwilioAuthToken)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("twilio replaced: account %s, all agents allowed: %t", twilio.AccountSID, twilio.AllowAllAgents), nil
	}},
	{"remove telnyx", func(ctx context.Context, client *Client) (string, error) {
		if err := client.removeTelnyx(ctx); err != nil {
			return "", err
		}
		return "telnyx removed", nil
	}},
	{"replace plivo with telnyx", func(ctx context.Context, client *Client) (string, error) {
		if err := client.replacePlivoWithTelnyx(ctx); err != nil {
			return "", err
		}
		return "plivo replaced by telnyx", nil
	}},
	{"list configured providers", func(ctx context.Context, client *Client) (string, error) {
		providers, err := client.listConfigured(ctx)
		if err != nil {
			return "", err
		}
		return "configured providers: " + strings.Join(providers, ", "), nil
	}},
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ogen:", err)
		os.Exit(1)
	}
}

func run() error {
	client, err := clientFromEnv()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	var undecoded []string
	for _, s := range steps {
		line, err := s.run(ctx, client)
		var decodeErr *ogenerrors.DecodeBodyError
		switch {
		case errors.As(err, &decodeErr):
			// The detail goes to stderr. It names the failing field but
			// not the body, which ogen prints only with %+v.
			fmt.Printf("%s: response not decoded\n", s.name)
			fmt.Fprintf(os.Stderr, "ogen: %v\n", err)
			undecoded = append(undecoded, s.name)
		case err != nil:
			return err
		default:
			fmt.Println(line)
		}
	}
	if len(undecoded) > 0 {
		return fmt.Errorf("the client could not decode the responses of %d of %d steps (%s)", len(undecoded), len(steps), strings.Join(undecoded, ", "))
	}
	return nil
}

// clientFromEnv creates a client for the API at ULTRAVOX_BASE_URL that
// sends the key in ULTRAVOX_API_KEY.
func clientFromEnv() (*Client, error) {
	baseURL, apiKey, err := readEnv()
	if err != nil {
		return nil, err
	}
	return newClient(baseURL, apiKey)
}

// readEnv returns the base URL without a trailing slash and the API key.
// Its errors never quote the URL, because it may contain a password.
func readEnv() (baseURL, apiKey string, err error) {
	baseURL = os.Getenv("ULTRAVOX_BASE_URL")
	if baseURL == "" {
		return "", "", errors.New("ULTRAVOX_BASE_URL is not set: set it to the API's base URL, such as https://api.ultravox.ai")
	}
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", "", errors.New("ULTRAVOX_BASE_URL is invalid: use an http or https URL with a host, such as https://api.ultravox.ai")
	}
	// The generated client adds the operation's whole path, /api included.
	if strings.TrimSuffix(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return "", "", errors.New("ULTRAVOX_BASE_URL is invalid: remove its path, query and fragment, because every API path already starts with /api")
	}

	apiKey = os.Getenv("ULTRAVOX_API_KEY")
	if apiKey == "" {
		return "", "", errors.New("ULTRAVOX_API_KEY is not set: set it to an Ultravox API key")
	}
	return strings.TrimSuffix(baseURL, "/"), apiKey, nil
}
