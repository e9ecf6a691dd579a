// Command oapi manages an account's Twilio, Telnyx and Plivo credentials
// through the deprecated Ultravox endpoint /api/accounts/me/telephony_config,
// using the client in package generated/oapi that oapi-codegen generated
// with its default options. It is an input that the telephonyconfig
// analyzer's end-to-end test migrates. It covers the three ways that such a
// client sends a request: the ...WithResponse methods, the plain methods
// that return the *http.Response, and a ...WithBody method with raw JSON.
//
// The program takes the API's base URL, such as https://api.ultravox.ai,
// from ULTRAVOX_BASE_URL and an API key from ULTRAVOX_API_KEY. It sets,
// reads and removes test credentials in a fixed order and prints one line
// per step, without secrets. It exits with status 1 at the first error.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"
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

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "oapi:", err)
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

	twilio, err := client.setTwilio(ctx, twilioAccountSID, twilioAuthToken)
	if err != nil {
		return err
	}
	fmt.Printf("twilio set: account %s, %d request context mappings\n", twilio.AccountSID, twilio.ContextMappings)

	telnyx, err := client.setTelnyx(ctx, telnyxAccountSID, telnyxAPIKey, telnyxPublicKey, telnyxAppSID)
	if err != nil {
		return err
	}
	fmt.Printf("telnyx set: account %s, application %s, agents %s\n",
		telnyx.AccountSID, telnyx.ApplicationSID, strings.Join(telnyx.AgentIDs, ","))

	if err := client.setPlivo(ctx); err != nil {
		return err
	}
	fmt.Println("plivo set")

	sid, err := client.twilioAccountSID(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("twilio account: %s\n", sid)

	twilio, err = client.setTwilioFromVar(ctx, newTwilioAccountSID, newTwilioAuthToken)
	if err != nil {
		return err
	}
	fmt.Printf("twilio replaced: account %s, all agents allowed: %t\n", twilio.AccountSID, twilio.AllowAllAgents)

	if err := client.removeTelnyx(ctx); err != nil {
		return err
	}
	fmt.Println("telnyx removed")

	if err := client.replacePlivoWithTelnyx(ctx); err != nil {
		return err
	}
	fmt.Println("plivo replaced by telnyx")

	providers, err := client.listConfigured(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("configured providers: %s\n", strings.Join(providers, ", "))
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
