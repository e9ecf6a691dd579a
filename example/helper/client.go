package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/uvtools/telephonyconfig/example/helper/uvapi"
)

// telephonyConfigPath is the account-wide telephony configuration endpoint.
const telephonyConfigPath = "/api/accounts/me/telephony_config"

// Client manages the account's telephony credentials through the
// integration's API helper.
type Client struct {
	api *uvapi.Client
}

// setTwilio stores Twilio credentials for the account and returns the
// configuration that the server stored.
func (c *Client) setTwilio(ctx context.Context, accountSID, authToken string) (*TwilioConfig, error) {
	var out AccountTelephonyConfig
	err := c.api.Do(ctx, http.MethodPatch, "/api/accounts/me/telephony_config", map[string]any{
		"twilio": map[string]any{
			"accountSid": accountSID,
			"authToken":  authToken,
			"requestContextMapping": map[string]string{
				"From": "caller.phoneNumber",
			},
		},
	}, &out)
	if err != nil {
		return nil, fmt.Errorf("set twilio configuration: %w", err)
	}
	return out.Twilio, nil
}

// setTelnyx stores Telnyx credentials for the account and returns the
// configuration that the server stored. Only the listed agents may create
// calls through Telnyx.
func (c *Client) setTelnyx(ctx context.Context, accountSID, telnyxAPIKey, publicKey, applicationSID string) (*TelnyxConfig, error) {
	var out AccountTelephonyConfig
	err := c.api.Send(ctx, "PATCH", telephonyConfigPath, patchRequest{Telnyx: &TelnyxConfig{
		AccountSID:     accountSID,
		APIKey:         telnyxAPIKey,
		PublicKey:      publicKey,
		ApplicationSID: applicationSID,
		CallCreationAllowedAgentIDs: []string{
			"5b0c8a3e-9f1d-4c2a-b7e4-1d2f3a4b5c6d",
		},
	}}, &out)
	if err != nil {
		return nil, fmt.Errorf("set telnyx configuration: %w", err)
	}
	return out.Telnyx, nil
}

// setPlivo stores the Plivo test credentials for the account and lets every
// agent create calls through Plivo. It ignores the response body.
func (c *Client) setPlivo(ctx context.Context) error {
	err := c.api.Do(ctx, http.MethodPatch, telephonyConfigPath, map[string]any{
		"plivo": PlivoConfig{
			AuthID:                     "MATESTAUTHID00000001",
			AuthToken:                  "plivo-test-auth-token",
			CallCreationAllowAllAgents: true,
		},
	}, nil)
	if err != nil {
		return fmt.Errorf("set plivo configuration: %w", err)
	}
	return nil
}

// removeTelnyx deletes the account's Telnyx credentials.
func (c *Client) removeTelnyx(ctx context.Context) error {
	if err := c.api.Do(ctx, "PATCH", telephonyConfigPath, map[string]any{"telnyx": nil}, nil); err != nil {
		return fmt.Errorf("remove telnyx configuration: %w", err)
	}
	return nil
}

// twilioAccountSID returns the account SID of the stored Twilio credentials.
//
// NOTE: the account must have Twilio credentials. The old endpoint returns
// null for a provider without them, and this function then panics.
func (c *Client) twilioAccountSID(ctx context.Context) (string, error) {
	var out AccountTelephonyConfig
	if err := c.api.Send(ctx, http.MethodGet, "/api/accounts/me/telephony_config", nil, &out); err != nil {
		return "", fmt.Errorf("get twilio configuration: %w", err)
	}
	return out.Twilio.AccountSID, nil
}

// setTwilioFromVar stores Twilio credentials that let every agent create
// calls, building the request body in a variable, and returns the
// configuration that the server stored.
func (c *Client) setTwilioFromVar(ctx context.Context, accountSID, authToken string) (*TwilioConfig, error) {
	var p patchRequest
	p.Twilio = &TwilioConfig{
		AccountSID:                 accountSID,
		AuthToken:                  authToken,
		CallCreationAllowAllAgents: true,
	}
	var out AccountTelephonyConfig
	if err := c.api.Do(ctx, http.MethodPatch, "/api/accounts/me/telephony_config", p, &out); err != nil {
		return nil, fmt.Errorf("set twilio configuration: %w", err)
	}
	return out.Twilio, nil
}

// accountSIDs returns the account SIDs of the stored Twilio and Telnyx
// credentials, in that order.
//
// NOTE: the account must have Twilio and Telnyx credentials. The old
// endpoint returns null for a provider without them, and this function then
// panics.
func (c *Client) accountSIDs(ctx context.Context) (string, string, error) {
	var out AccountTelephonyConfig
	if err := c.api.Do(ctx, http.MethodGet, telephonyConfigPath, nil, &out); err != nil {
		return "", "", fmt.Errorf("get telephony configuration: %w", err)
	}
	return out.Twilio.AccountSID, out.Telnyx.AccountSID, nil
}

// replacePlivoWithTelnyx stores the Telnyx test credentials, letting every
// agent create calls, and removes the Plivo credentials, in one request.
func (c *Client) replacePlivoWithTelnyx(ctx context.Context) error {
	err := c.api.Do(ctx, http.MethodPatch, telephonyConfigPath, map[string]any{
		"telnyx": map[string]any{
			"accountSid":                 telnyxAccountSID,
			"apiKey":                     telnyxAPIKey,
			"publicKey":                  telnyxPublicKey,
			"applicationSid":             telnyxAppSID,
			"callCreationAllowAllAgents": true,
		},
		"plivo": nil,
	}, nil)
	if err != nil {
		return fmt.Errorf("replace plivo with telnyx: %w", err)
	}
	return nil
}

// listConfigured returns the names of the providers that have credentials,
// in the order twilio, telnyx, plivo.
func (c *Client) listConfigured(ctx context.Context) ([]string, error) {
	var out AccountTelephonyConfig
	if err := c.api.Do(ctx, http.MethodGet, telephonyConfigPath, nil, &out); err != nil {
		return nil, fmt.Errorf("get telephony configuration: %w", err)
	}

	var providers []string
	if out.Twilio != nil {
		providers = append(providers, "twilio")
	}
	if out.Telnyx != nil {
		providers = append(providers, "telnyx")
	}
	if out.Plivo != nil {
		providers = append(providers, "plivo")
	}
	return providers, nil
}
