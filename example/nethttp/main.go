// Command nethttp is a small Ultravox integration that manages an account's
// Twilio, Telnyx and Plivo credentials with net/http, through the deprecated
// endpoint /api/accounts/me/telephony_config. It is the input that the
// telephonyconfig analyzer's end-to-end test migrates.
//
// It reads the API's base URL, such as https://api.ultravox.ai, from
// ULTRAVOX_BASE_URL and the API key from ULTRAVOX_API_KEY. It then sets,
// reads and removes test credentials in a fixed order and prints one line per
// step, without secrets. It exits with status 1 at the first error.
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

// Test credentials. The secrets among them are never printed.
const (
	twilioAccountSID    = "AC0123456789abcdef0123456789abcdef"
	twilioAuthToken     = "twilio-test-auth-token"
	newTwilioAccountSID = "ACfedcba9876543210fedcba9876543210"
	newTwilioAuthToken  = "twilio-test-auth-token-2"
	telnyxAccountSID    = "telnyx-test-account"
	telnyxAPIKey        = "KEYTELNYXTEST0001"
	telnyxPublicKey     = "telnyx-test-public-key"
	telnyxAppSID        = "telnyx-test-application"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "nethttp:", err)
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
	fmt.Printf("twilio set: account %s, %d request context mappings\n", twilio.AccountSID, len(twilio.RequestContextMapping))

	telnyx, err := client.setTelnyx(ctx, telnyxAccountSID, telnyxAPIKey, telnyxPublicKey, telnyxAppSID)
	if err != nil {
		return err
	}
	fmt.Printf("telnyx set: account %s, application %s, agents %s\n",
		telnyx.AccountSID, telnyx.ApplicationSID, strings.Join(telnyx.CallCreationAllowedAgentIDs, ","))

	if err := client.setPlivo(ctx); err != nil {
		return err
	}
	fmt.Println("plivo set")

	sid, err := client.twilioAccountSID(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("twilio account: %s\n", sid)

	twilioSID, telnyxSID, err := client.accountSIDs(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("accounts: twilio %s, telnyx %s\n", twilioSID, telnyxSID)

	twilio, err = client.setTwilioFromVar(ctx, newTwilioAccountSID, newTwilioAuthToken)
	if err != nil {
		return err
	}
	fmt.Printf("twilio replaced: account %s, all agents allowed: %t\n", twilio.AccountSID, twilio.CallCreationAllowAllAgents)

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

// clientFromEnv returns a client for the API at ULTRAVOX_BASE_URL with the
// key in ULTRAVOX_API_KEY.
func clientFromEnv() (*Client, error) {
	baseURL := os.Getenv("ULTRAVOX_BASE_URL")
	if baseURL == "" {
		return nil, errors.New("ULTRAVOX_BASE_URL is not set: set it to the API's base URL, such as https://api.ultravox.ai")
	}
	// The error does not quote the value, which may contain a password.
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("ULTRAVOX_BASE_URL is invalid: it must be an http or https URL with a host, such as https://api.ultravox.ai")
	}
	if strings.TrimSuffix(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, errors.New("ULTRAVOX_BASE_URL is invalid: it must have no path, query or fragment, because the client adds /api itself")
	}

	apiKey := os.Getenv("ULTRAVOX_API_KEY")
	if apiKey == "" {
		return nil, errors.New("ULTRAVOX_API_KEY is not set: set it to an Ultravox API key")
	}
	return newClient(strings.TrimSuffix(baseURL, "/"), apiKey), nil
}
