package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"

	"generated/oapi"
)

// Client calls the Ultravox REST API through the generated client.
type Client struct {
	api *oapi.ClientWithResponses
}

func newClient(baseURL, apiKey string) (*Client, error) {
	api, err := oapi.NewClientWithResponses(baseURL,
		oapi.WithHTTPClient(&http.Client{Timeout: 30 * time.Second}),
		oapi.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
			req.Header.Set("X-API-Key", apiKey)
			return nil
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("create the API client: %w", err)
	}
	return &Client{api: api}, nil
}

// setTwilio stores Twilio credentials with one request context mapping and
// returns what the server stored.
func (c *Client) setTwilio(ctx context.Context, accountSID, authToken string) (twilioSummary, error) {
	resp, err := c.api.AccountsMeTelephonyConfigPartialUpdateWithResponse(ctx, oapi.PatchedAccountTelephonyConfig{
		Twilio: &oapi.TwilioConfig{
			AccountSid: accountSID,
			AuthToken:  &authToken,
			RequestContextMapping: &map[string]string{
				"From": "caller.phoneNumber",
			},
		},
	})
	if err != nil {
		return twilioSummary{}, fmt.Errorf("set twilio configuration: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return twilioSummary{}, fmt.Errorf("set twilio configuration: %s", resp.Status())
	}
	return twilioSummary{
		AccountSID:      resp.JSON200.Twilio.AccountSid,
		ContextMappings: len(*resp.JSON200.Twilio.RequestContextMapping),
	}, nil
}

// setTelnyx stores Telnyx credentials that only one agent may use to
// create calls, and returns what the server stored.
func (c *Client) setTelnyx(ctx context.Context, accountSID, apiKey, publicKey, applicationSID string) (telnyxSummary, error) {
	agentIDs := []uuid.UUID{uuid.MustParse(telnyxAgentID)}
	resp, err := c.api.AccountsMeTelephonyConfigPartialUpdateWithResponse(ctx, oapi.PatchedAccountTelephonyConfig{
		Telnyx: &oapi.TelnyxConfig{
			AccountSid:                  accountSID,
			ApiKey:                      &apiKey,
			PublicKey:                   &publicKey,
			ApplicationSid:              applicationSID,
			CallCreationAllowedAgentIds: &agentIDs,
		},
	})
	if err != nil {
		return telnyxSummary{}, fmt.Errorf("set telnyx configuration: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return telnyxSummary{}, fmt.Errorf("set telnyx configuration: %s", resp.Status())
	}
	return telnyxSummary{
		AccountSID:     resp.JSON200.Telnyx.AccountSid,
		ApplicationSID: resp.JSON200.Telnyx.ApplicationSid,
		AgentIDs:       uuidStrings(resp.JSON200.Telnyx.CallCreationAllowedAgentIds),
	}, nil
}

// setPlivo stores the Plivo test credentials and lets every agent create
// calls through Plivo. It sends the request with the plain client method,
// which returns the *http.Response, and decodes the body itself.
func (c *Client) setPlivo(ctx context.Context) error {
	authToken := plivoAuthToken
	allowAllAgents := true
	body := oapi.PatchedAccountTelephonyConfig{Plivo: &oapi.PlivoConfig{
		AuthId:                     plivoAuthID,
		AuthToken:                  &authToken,
		CallCreationAllowAllAgents: &allowAllAgents,
	}}
	resp, err := c.api.AccountsMeTelephonyConfigPartialUpdate(ctx, body)
	if err != nil {
		return fmt.Errorf("set plivo configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("set plivo configuration: %s", resp.Status)
	}
	var out oapi.AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return fmt.Errorf("decode plivo configuration: %w", err)
	}
	if out.Plivo.AuthId != plivoAuthID {
		return fmt.Errorf("set plivo configuration: the server stored auth ID %q, want %q", out.Plivo.AuthId, plivoAuthID)
	}
	return nil
}

// removeTelnyx deletes the account's Telnyx credentials. It sends raw JSON,
// because the provider fields of oapi.PatchedAccountTelephonyConfig are
// pointers with omitempty, so a nil field is left out instead of being sent
// as null.
func (c *Client) removeTelnyx(ctx context.Context) error {
	resp, err := c.api.AccountsMeTelephonyConfigPartialUpdateWithBodyWithResponse(ctx, "application/json", strings.NewReader(`{"telnyx": null}`))
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
	resp, err := c.api.AccountsMeTelephonyConfigRetrieveWithResponse(ctx)
	if err != nil {
		return "", fmt.Errorf("get twilio configuration: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return "", fmt.Errorf("get twilio configuration: %s", resp.Status())
	}
	return resp.JSON200.Twilio.AccountSid, nil
}

// setTwilioFromVar stores Twilio credentials that every agent may use to
// create calls, from a configuration held in a variable, and returns what
// the server stored.
func (c *Client) setTwilioFromVar(ctx context.Context, accountSID, authToken string) (twilioSummary, error) {
	allowAllAgents := true
	cfg := oapi.TwilioConfig{
		AccountSid:                 accountSID,
		AuthToken:                  &authToken,
		CallCreationAllowAllAgents: &allowAllAgents,
	}
	resp, err := c.api.AccountsMeTelephonyConfigPartialUpdateWithResponse(ctx, oapi.PatchedAccountTelephonyConfig{Twilio: &cfg})
	if err != nil {
		return twilioSummary{}, fmt.Errorf("set twilio configuration: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return twilioSummary{}, fmt.Errorf("set twilio configuration: %s", resp.Status())
	}
	return twilioSummary{
		AccountSID:     resp.JSON200.Twilio.AccountSid,
		AllowAllAgents: *resp.JSON200.Twilio.CallCreationAllowAllAgents,
	}, nil
}

// replacePlivoWithTelnyx stores the Telnyx test credentials, letting every
// agent create calls, and removes the Plivo credentials, in one request. It
// sends raw JSON for the reason given at removeTelnyx.
func (c *Client) replacePlivoWithTelnyx(ctx context.Context) error {
	resp, err := c.api.AccountsMeTelephonyConfigPartialUpdateWithBodyWithResponse(ctx, "application/json", strings.NewReader(`{
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
		return fmt.Errorf("replace plivo with telnyx: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return fmt.Errorf("replace plivo with telnyx: %s", resp.Status())
	}
	return nil
}

// listConfigured returns the names of the providers that have credentials,
// in the order twilio, telnyx, plivo. It reads all three from one response,
// which no single provider endpoint returns.
func (c *Client) listConfigured(ctx context.Context) ([]string, error) {
	resp, err := c.api.AccountsMeTelephonyConfigRetrieveWithResponse(ctx)
	if err != nil {
		return nil, fmt.Errorf("get telephony configuration: %w", err)
	}
	if resp.StatusCode() != http.StatusOK {
		return nil, fmt.Errorf("get telephony configuration: %s", resp.Status())
	}

	var providers []string
	if resp.JSON200.Twilio != nil {
		providers = append(providers, "twilio")
	}
	if resp.JSON200.Telnyx != nil {
		providers = append(providers, "telnyx")
	}
	if resp.JSON200.Plivo != nil {
		providers = append(providers, "plivo")
	}
	return providers, nil
}

// uuidStrings returns the UUIDs in their hyphenated form, or nil when ids
// is nil.
func uuidStrings(ids *[]uuid.UUID) []string {
	if ids == nil {
		return nil
	}
	out := make([]string, 0, len(*ids))
	for _, id := range *ids {
		out = append(out, id.String())
	}
	return out
}
