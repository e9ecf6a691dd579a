package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"resty.dev/v3"
)

// Client calls the Ultravox REST API with an API key through resty v3.
type Client struct {
	baseURL string // scheme and host, such as https://api.ultravox.ai
	rest    *resty.Client
}

func newClient(baseURL, apiKey string) *Client {
	rest := resty.New().
		SetTimeout(30*time.Second).
		SetHeader("X-API-Key", apiKey)
	return &Client{baseURL: baseURL, rest: rest}
}

// Close releases the resources of the resty client.
func (c *Client) Close() error {
	return c.rest.Close()
}

// setTwilio stores Twilio credentials for the account and returns the
// configuration that the server stored.
func (c *Client) setTwilio(ctx context.Context, accountSID, authToken string) (*TwilioConfig, error) {
	var out AccountTelephonyConfig
	resp, err := c.rest.R().
		SetContext(ctx).
		SetBody(map[string]any{
			"twilio": map[string]any{
				"accountSid": accountSID,
				"authToken":  authToken,
				"requestContextMapping": map[string]string{
					"From": "caller.phoneNumber",
				},
			},
		}).
		SetResult(&out).
		Patch(c.baseURL + "/api/accounts/me/telephony_config")
	if err != nil {
		return nil, fmt.Errorf("set twilio configuration: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return nil, fmt.Errorf("set twilio configuration: %s", resp.Status())
	}
	return out.Twilio, nil
}

// setTelnyx stores Telnyx credentials for the account and returns the
// configuration that the server stored. Only the listed agents may create
// calls through Telnyx.
func (c *Client) setTelnyx(ctx context.Context, accountSID, telnyxAPIKey, publicKey, applicationSID string) (*TelnyxConfig, error) {
	var out AccountTelephonyConfig
	resp, err := c.rest.R().
		SetContext(ctx).
		SetBody(patchRequest{Telnyx: &TelnyxConfig{
			AccountSID:     accountSID,
			APIKey:         telnyxAPIKey,
			PublicKey:      publicKey,
			ApplicationSID: applicationSID,
			CallCreationAllowedAgentIDs: []string{
				"5b0c8a3e-9f1d-4c2a-b7e4-1d2f3a4b5c6d",
			},
		}}).
		SetResult(&out).
		Execute(http.MethodPatch, fmt.Sprintf("%s/api/accounts/me/telephony_config", c.baseURL))
	if err != nil {
		return nil, fmt.Errorf("set telnyx configuration: %w", err)
	}
	if resp.IsStatusFailure() {
		return nil, fmt.Errorf("set telnyx configuration: %s", resp.Status())
	}
	return out.Telnyx, nil
}

// setPlivo stores the Plivo test credentials for the account and lets every
// agent create calls through Plivo. It ignores the response body.
func (c *Client) setPlivo(ctx context.Context) error {
	endpoint, err := url.JoinPath(c.baseURL, "api", "accounts", "me", "telephony_config")
	if err != nil {
		return fmt.Errorf("build telephony configuration URL: %w", err)
	}
	resp, err := c.rest.R().
		SetContext(ctx).
		SetBody(map[string]any{
			"plivo": &PlivoConfig{
				AuthID:                     "MATESTAUTHID00000001",
				AuthToken:                  "plivo-test-auth-token",
				CallCreationAllowAllAgents: true,
			},
		}).
		Patch(endpoint)
	if err != nil {
		return fmt.Errorf("set plivo configuration: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return fmt.Errorf("set plivo configuration: %s", resp.Status())
	}
	return nil
}

// removeTelnyx deletes the account's Telnyx credentials.
func (c *Client) removeTelnyx(ctx context.Context) error {
	endpoint := c.baseURL + "/api/accounts/me/telephony_config"
	resp, err := c.rest.R().
		SetContext(ctx).
		SetBody(map[string]any{"telnyx": nil}).
		Patch(endpoint)
	if err != nil {
		return fmt.Errorf("remove telnyx configuration: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return fmt.Errorf("remove telnyx configuration: %s", resp.Status())
	}
	return nil
}

// twilioAccountSID returns the account SID of the stored Twilio credentials.
//
// NOTE: the account must have Twilio credentials. The old endpoint returns
// null for a provider without them, and this function then panics.
func (c *Client) twilioAccountSID(ctx context.Context) (string, error) {
	u, err := url.Parse(c.baseURL + "/api/accounts/me/telephony_config")
	if err != nil {
		return "", fmt.Errorf("build telephony configuration URL: %w", err)
	}
	var out AccountTelephonyConfig
	resp, err := c.rest.R().SetContext(ctx).SetResult(&out).Get(u.String())
	if err != nil {
		return "", fmt.Errorf("get twilio configuration: %w", err)
	}
	if resp.IsStatusFailure() {
		return "", fmt.Errorf("get twilio configuration: %s", resp.Status())
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
	resp, err := c.rest.R().SetContext(ctx).SetBody(p).SetResult(&out).Patch(c.baseURL + "/api/accounts/me/telephony_config")
	if err != nil {
		return nil, fmt.Errorf("set twilio configuration: %w", err)
	}
	if resp.StatusCode() != 200 {
		return nil, fmt.Errorf("set twilio configuration: %s", resp.Status())
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
	resp, err := c.rest.R().
		SetContext(ctx).
		SetResult(&out).
		Get(c.baseURL + "/api/accounts/me/telephony_config")
	if err != nil {
		return "", "", fmt.Errorf("get telephony configuration: %w", err)
	}
	if resp.IsStatusFailure() {
		return "", "", fmt.Errorf("get telephony configuration: %s", resp.Status())
	}
	return out.Twilio.AccountSID, out.Telnyx.AccountSID, nil
}

// replacePlivoWithTelnyx stores the Telnyx test credentials, letting every
// agent create calls, and removes the Plivo credentials, in one request.
func (c *Client) replacePlivoWithTelnyx(ctx context.Context) error {
	resp, err := c.rest.R().
		SetContext(ctx).
		SetBody(map[string]any{
			"telnyx": map[string]any{
				"accountSid":                 telnyxAccountSID,
				"apiKey":                     telnyxAPIKey,
				"publicKey":                  telnyxPublicKey,
				"applicationSid":             telnyxAppSID,
				"callCreationAllowAllAgents": true,
			},
			"plivo": nil,
		}).
		Patch(c.baseURL + "/api/accounts/me/telephony_config")
	if err != nil {
		return fmt.Errorf("replace plivo with telnyx: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return fmt.Errorf("replace plivo with telnyx: %s", resp.Status())
	}
	return nil
}

// listConfigured returns the names of the providers that have credentials,
// in the order twilio, telnyx, plivo.
func (c *Client) listConfigured(ctx context.Context) ([]string, error) {
	var out AccountTelephonyConfig
	resp, err := c.rest.R().
		SetContext(ctx).
		SetResult(&out).
		Get(c.baseURL + "/api/accounts/me/telephony_config")
	if err != nil {
		return nil, fmt.Errorf("get telephony configuration: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return nil, fmt.Errorf("get telephony configuration: %s", resp.Status())
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
