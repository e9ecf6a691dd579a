package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client calls the Ultravox REST API with an API key.
type Client struct {
	baseURL string // scheme and host, such as https://api.ultravox.ai
	apiKey  string
	http    *http.Client
}

func newClient(baseURL, apiKey string) *Client {
	return &Client{
		baseURL: baseURL,
		apiKey:  apiKey,
		http:    &http.Client{Timeout: 30 * time.Second},
	}
}

// setTwilio stores Twilio credentials for the account and returns the
// configuration that the server stored.
func (c *Client) setTwilio(ctx context.Context, accountSID, authToken string) (*TwilioConfig, error) {
	body, err := json.Marshal(map[string]any{
		"twilio": map[string]any{
			"accountSid": accountSID,
			"authToken":  authToken,
			"requestContextMapping": map[string]string{
				"From": "caller.phoneNumber",
			},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("encode twilio configuration: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, c.baseURL+"/api/accounts/me/telephony_config", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-API-Key", c.apiKey)
	req.Header.Set("Content-Type", "application/json")

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("set twilio configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("set twilio configuration: %s", resp.Status)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("decode twilio configuration: %w", err)
	}
	return out.Twilio, nil
}

// setTelnyx stores Telnyx credentials for the account and returns the
// configuration that the server stored. Only the listed agents may create
// calls through Telnyx.
func (c *Client) setTelnyx(ctx context.Context, accountSID, telnyxAPIKey, publicKey, applicationSID string) (*TelnyxConfig, error) {
	body, err := json.Marshal(patchRequest{Telnyx: &TelnyxConfig{
		AccountSID:     accountSID,
		APIKey:         telnyxAPIKey,
		PublicKey:      publicKey,
		ApplicationSID: applicationSID,
		CallCreationAllowedAgentIDs: []string{
			"5b0c8a3e-9f1d-4c2a-b7e4-1d2f3a4b5c6d",
		},
	}})
	if err != nil {
		return nil, fmt.Errorf("encode telnyx configuration: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, "PATCH", fmt.Sprintf("%s/api/accounts/me/telephony_config", c.baseURL), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-API-Key", c.apiKey)
	req.Header.Set("Content-Type", "application/json")

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("set telnyx configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("set telnyx configuration: %s", resp.Status)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("decode telnyx configuration: %w", err)
	}
	return out.Telnyx, nil
}

// setPlivo stores the Plivo test credentials for the account and lets every
// agent create calls through Plivo.
func (c *Client) setPlivo(ctx context.Context) error {
	endpoint, err := url.JoinPath(c.baseURL, "api", "accounts", "me", "telephony_config")
	if err != nil {
		return fmt.Errorf("build telephony configuration URL: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, endpoint, strings.NewReader(`{
	"plivo": {
		"authId": "MATESTAUTHID00000001",
		"authToken": "plivo-test-auth-token",
		"callCreationAllowAllAgents": true
	}
}`))
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", c.apiKey)
	req.Header.Set("Content-Type", "application/json")

	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("set plivo configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("set plivo configuration: %s", resp.Status)
	}
	// Reading the body to the end lets the client reuse the connection.
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return fmt.Errorf("read plivo configuration response: %w", err)
	}
	return nil
}

// removeTelnyx deletes the account's Telnyx credentials.
func (c *Client) removeTelnyx(ctx context.Context) error {
	endpoint := c.baseURL + "/api/accounts/me/telephony_config"
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, endpoint, strings.NewReader(`{"telnyx": null}`))
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", c.apiKey)
	req.Header.Set("Content-Type", "application/json")

	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("remove telnyx configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("remove telnyx configuration: %s", resp.Status)
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
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("X-API-Key", c.apiKey)

	resp, err := c.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("get twilio configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("get twilio configuration: %s", resp.Status)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", fmt.Errorf("decode twilio configuration: %w", err)
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
	b, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode twilio configuration: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, c.baseURL+"/api/accounts/me/telephony_config", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-API-Key", c.apiKey)
	req.Header.Set("Content-Type", "application/json")

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("set twilio configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("set twilio configuration: %s", resp.Status)
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read twilio configuration: %w", err)
	}
	var out AccountTelephonyConfig
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("decode twilio configuration: %w", err)
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
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/api/accounts/me/telephony_config", nil)
	if err != nil {
		return "", "", err
	}
	req.Header.Set("X-API-Key", c.apiKey)

	resp, err := c.http.Do(req)
	if err != nil {
		return "", "", fmt.Errorf("get telephony configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", "", fmt.Errorf("get telephony configuration: %s", resp.Status)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", "", fmt.Errorf("decode telephony configuration: %w", err)
	}
	return out.Twilio.AccountSID, out.Telnyx.AccountSID, nil
}

// replacePlivoWithTelnyx stores the Telnyx test credentials, letting every
// agent create calls, and removes the Plivo credentials, in one request.
func (c *Client) replacePlivoWithTelnyx(ctx context.Context) error {
	endpoint := c.baseURL + "/api/accounts/me/telephony_config"
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, endpoint, strings.NewReader(`{
	"telnyx": {
		"accountSid": "telnyx-test-account",
		"apiKey": "KEYTELNYXTEST0001",
		"publicKey": "telnyx-test-public-key",
		"applicationSid": "telnyx-test-application",
		"callCreationAllowAllAgents": true
	},
	"plivo": null
}`))
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", c.apiKey)
	req.Header.Set("Content-Type", "application/json")

	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("replace plivo with telnyx: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("replace plivo with telnyx: %s", resp.Status)
	}
	return nil
}

// listConfigured returns the names of the providers that have credentials,
// in the order twilio, telnyx, plivo.
func (c *Client) listConfigured(ctx context.Context) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"/api/accounts/me/telephony_config", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-API-Key", c.apiKey)

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("get telephony configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get telephony configuration: %s", resp.Status)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("decode telephony configuration: %w", err)
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
