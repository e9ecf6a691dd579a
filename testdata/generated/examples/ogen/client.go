package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/ogen-go/ogen/ogenerrors"
	"github.com/ogen-go/ogen/validate"

	"generated/ogen"
)

// Client calls the Ultravox REST API through the generated client.
type Client struct {
	api *ogen.Client
}

// apiKeySource is an ogen.SecuritySource that sends the same API key with
// every operation.
type apiKeySource string

func (k apiKeySource) ApiKeyAuth(context.Context, ogen.OperationName) (ogen.ApiKeyAuth, error) {
	return ogen.ApiKeyAuth{APIKey: string(k)}, nil
}

func newClient(baseURL, apiKey string) (*Client, error) {
	api, err := ogen.NewClient(baseURL, apiKeySource(apiKey), ogen.WithClient(&http.Client{Timeout: 30 * time.Second}))
	if err != nil {
		return nil, fmt.Errorf("create the API client: %w", err)
	}
	return &Client{api: api}, nil
}

// requestError prefixes err with the failed operation. ogen reports a
// response with an unexpected status as "unexpected status code: 401", so
// that case gets the status line, such as "401 Unauthorized", instead.
func requestError(operation string, err error) error {
	var statusErr *validate.UnexpectedStatusCodeError
	if errors.As(err, &statusErr) {
		return fmt.Errorf("%s: %d %s", operation, statusErr.StatusCode, http.StatusText(statusErr.StatusCode))
	}
	return fmt.Errorf("%s: %w", operation, err)
}

// undecodedResponse reports whether err is the client's failure to decode
// a response body. The operations that change a configuration document
// only their success status, and the client reports any other status
// without decoding its body, so such an error means that the server applied
// the request.
func undecodedResponse(err error) bool {
	var decodeErr *ogenerrors.DecodeBodyError
	return errors.As(err, &decodeErr)
}

// setTwilio stores Twilio credentials with one request context mapping and
// returns what the server stored.
func (c *Client) setTwilio(ctx context.Context, accountSID, authToken string) (twilioSummary, error) {
	res, err := c.api.AccountsMeTelephonyConfigPartialUpdate(ctx, ogen.NewOptPatchedAccountTelephonyConfig(ogen.PatchedAccountTelephonyConfig{
		Twilio: ogen.NewOptNilTwilioConfig(ogen.TwilioConfig{
			AccountSid: accountSID,
			AuthToken:  authToken,
			RequestContextMapping: ogen.NewOptTwilioConfigRequestContextMapping(ogen.TwilioConfigRequestContextMapping{
				"From": "caller.phoneNumber",
			}),
		}),
	}))
	if err != nil {
		return twilioSummary{}, requestError("set twilio configuration", err)
	}
	return twilioSummary{
		AccountSID:      res.Twilio.Value.AccountSid,
		ContextMappings: len(res.Twilio.Value.RequestContextMapping.Value),
	}, nil
}

// setTelnyx stores Telnyx credentials that only one agent may use to
// create calls, and returns what the server stored.
func (c *Client) setTelnyx(ctx context.Context, accountSID, apiKey, publicKey, applicationSID string) (telnyxSummary, error) {
	res, err := c.api.AccountsMeTelephonyConfigPartialUpdate(ctx, ogen.NewOptPatchedAccountTelephonyConfig(ogen.PatchedAccountTelephonyConfig{
		Telnyx: ogen.NewOptNilTelnyxConfig(ogen.TelnyxConfig{
			AccountSid:                  accountSID,
			ApiKey:                      apiKey,
			PublicKey:                   publicKey,
			ApplicationSid:              applicationSID,
			CallCreationAllowedAgentIds: []uuid.UUID{uuid.MustParse(telnyxAgentID)},
		}),
	}))
	if err != nil {
		return telnyxSummary{}, requestError("set telnyx configuration", err)
	}
	return telnyxSummary{
		AccountSID:     res.Telnyx.Value.AccountSid,
		ApplicationSID: res.Telnyx.Value.ApplicationSid,
		AgentIDs:       uuidStrings(res.Telnyx.Value.CallCreationAllowedAgentIds),
	}, nil
}

// setPlivo stores the Plivo test credentials and lets every agent create
// calls through Plivo.
func (c *Client) setPlivo(ctx context.Context) error {
	res, err := c.api.AccountsMeTelephonyConfigPartialUpdate(ctx, ogen.NewOptPatchedAccountTelephonyConfig(ogen.PatchedAccountTelephonyConfig{
		Plivo: ogen.NewOptNilPlivoConfig(ogen.PlivoConfig{
			AuthId:                     plivoAuthID,
			AuthToken:                  plivoAuthToken,
			CallCreationAllowAllAgents: ogen.NewOptBool(true),
		}),
	}))
	if err != nil {
		return requestError("set plivo configuration", err)
	}
	if res.Plivo.Value.AuthId != plivoAuthID {
		return fmt.Errorf("set plivo configuration: the server stored auth ID %q, want %q", res.Plivo.Value.AuthId, plivoAuthID)
	}
	return nil
}

// removeTelnyx deletes the account's Telnyx credentials by sending the
// provider as null.
func (c *Client) removeTelnyx(ctx context.Context) error {
	_, err := c.api.AccountsMeTelephonyConfigPartialUpdate(ctx, ogen.NewOptPatchedAccountTelephonyConfig(ogen.PatchedAccountTelephonyConfig{
		Telnyx: ogen.OptNilTelnyxConfig{Set: true, Null: true},
	}))
	if err != nil {
		return requestError("remove telnyx configuration", err)
	}
	return nil
}

// twilioAccountSID returns the account SID of the stored Twilio credentials.
//
// NOTE: the account must have Twilio credentials. The old endpoint returns
// null for a provider without them, and this function then returns "".
func (c *Client) twilioAccountSID(ctx context.Context) (string, error) {
	res, err := c.api.AccountsMeTelephonyConfigRetrieve(ctx)
	if err != nil {
		return "", requestError("get twilio configuration", err)
	}
	return res.Twilio.Value.AccountSid, nil
}

// setTwilioFromVar stores Twilio credentials that every agent may use to
// create calls, from a configuration held in a variable, and returns what
// the server stored.
func (c *Client) setTwilioFromVar(ctx context.Context, accountSID, authToken string) (twilioSummary, error) {
	cfg := ogen.TwilioConfig{
		AccountSid:                 accountSID,
		AuthToken:                  authToken,
		CallCreationAllowAllAgents: ogen.NewOptBool(true),
	}
	res, err := c.api.AccountsMeTelephonyConfigPartialUpdate(ctx, ogen.NewOptPatchedAccountTelephonyConfig(ogen.PatchedAccountTelephonyConfig{
		Twilio: ogen.NewOptNilTwilioConfig(cfg),
	}))
	if err != nil {
		return twilioSummary{}, requestError("set twilio configuration", err)
	}
	return twilioSummary{
		AccountSID:     res.Twilio.Value.AccountSid,
		AllowAllAgents: res.Twilio.Value.CallCreationAllowAllAgents.Value,
	}, nil
}

// replacePlivoWithTelnyx stores the Telnyx test credentials, letting every
// agent create calls, and removes the Plivo credentials, in one request. It
// does not read the response, so a response that the client cannot decode
// does not make it fail.
func (c *Client) replacePlivoWithTelnyx(ctx context.Context) error {
	_, err := c.api.AccountsMeTelephonyConfigPartialUpdate(ctx, ogen.NewOptPatchedAccountTelephonyConfig(ogen.PatchedAccountTelephonyConfig{
		Telnyx: ogen.NewOptNilTelnyxConfig(ogen.TelnyxConfig{
			AccountSid:                 telnyxAccountSID,
			ApiKey:                     telnyxAPIKey,
			PublicKey:                  telnyxPublicKey,
			ApplicationSid:             telnyxAppSID,
			CallCreationAllowAllAgents: ogen.NewOptBool(true),
		}),
		Plivo: ogen.OptNilPlivoConfig{Set: true, Null: true},
	}))
	if err != nil && !undecodedResponse(err) {
		return requestError("replace plivo with telnyx", err)
	}
	return nil
}

// listConfigured returns the names of the providers that have credentials,
// in the order twilio, telnyx, plivo. It reads all three from one response,
// which no single provider endpoint returns.
func (c *Client) listConfigured(ctx context.Context) ([]string, error) {
	res, err := c.api.AccountsMeTelephonyConfigRetrieve(ctx)
	if err != nil {
		return nil, requestError("get telephony configuration", err)
	}

	var providers []string
	if res.Twilio.IsSet() && !res.Twilio.IsNull() {
		providers = append(providers, "twilio")
	}
	if res.Telnyx.IsSet() && !res.Telnyx.IsNull() {
		providers = append(providers, "telnyx")
	}
	if res.Plivo.IsSet() && !res.Plivo.IsNull() {
		providers = append(providers, "plivo")
	}
	return providers, nil
}

// uuidStrings returns the UUIDs in their hyphenated form.
func uuidStrings(ids []uuid.UUID) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, id.String())
	}
	return out
}
