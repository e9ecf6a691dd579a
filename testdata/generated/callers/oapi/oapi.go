// Package oapi calls the deprecated operations through the client that
// oapi-codegen generates from the spec.
package oapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	api "generated/oapi"
)

func setTwilio(ctx context.Context, c *api.ClientWithResponses, sid, token string) (string, error) {
	resp, err := c.AccountsMeTelephonyConfigPartialUpdateWithResponse(ctx, // want `AccountsMeTelephonyConfigPartialUpdateWithResponse calls the deprecated PATCH /api/accounts/me/telephony_config: use TelephonyConfigsTwilioCreateWithResponse \(POST /api/telephony_configs/twilio\)`
		api.PatchedAccountTelephonyConfig{Twilio: &api.TwilioConfig{AccountSid: sid, AuthToken: &token}})
	if err != nil {
		return "", err
	}
	if resp.StatusCode() != http.StatusOK || resp.JSON200 == nil {
		return "", fmt.Errorf("set twilio: %s", resp.Status())
	}
	return resp.JSON200.Twilio.AccountSid, nil
}

func setPlivoPlain(ctx context.Context, c api.ClientInterface, id, token string) (string, error) {
	body := api.PatchedAccountTelephonyConfig{Plivo: &api.PlivoConfig{AuthId: id, AuthToken: &token}}
	resp, err := c.AccountsMeTelephonyConfigPartialUpdate(ctx, body) // want `use TelephonyConfigsPlivoCreate \(POST /api/telephony_configs/plivo\)`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return "", errors.New(resp.Status)
	}
	var out api.AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Plivo.AuthId, nil
}

func removeTelnyx(ctx context.Context, c *api.ClientWithResponses) error {
	resp, err := c.AccountsMeTelephonyConfigPartialUpdateWithBodyWithResponse(ctx, "application/json", strings.NewReader(`{"telnyx": null}`)) // want `use TelephonyConfigsTelnyxDestroyWithResponse \(DELETE /api/telephony_configs/telnyx\)`
	if err != nil {
		return err
	}
	if resp.StatusCode() != http.StatusOK {
		return errors.New(resp.Status())
	}
	return nil
}

func setTelnyxRaw(ctx context.Context, c *api.Client) error {
	resp, err := c.AccountsMeTelephonyConfigPartialUpdateWithBody(ctx, "application/json", strings.NewReader(`{"telnyx": {"accountSid": "a", "apiKey": "k", "publicKey": "p", "applicationSid": "s"}}`)) // want `use TelephonyConfigsTelnyxCreateWithBody \(POST /api/telephony_configs/telnyx\)`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func twilioSID(ctx context.Context, c api.ClientWithResponsesInterface) (string, error) {
	resp, err := c.AccountsMeTelephonyConfigRetrieveWithResponse(ctx) // want `AccountsMeTelephonyConfigRetrieveWithResponse calls the deprecated GET /api/accounts/me/telephony_config: use TelephonyConfigsTwilioRetrieveWithResponse \(GET /api/telephony_configs/twilio\)`
	if err != nil {
		return "", err
	}
	if resp.JSON200 == nil {
		return "", errors.New(resp.Status())
	}
	return resp.JSON200.Twilio.AccountSid, nil
}

func plivoIDPlain(ctx context.Context, c *api.Client) (string, error) {
	resp, err := c.AccountsMeTelephonyConfigRetrieve(ctx) // want `use TelephonyConfigsPlivoRetrieve \(GET /api/telephony_configs/plivo\)`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out api.AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Plivo.AuthId, nil
}

// The calls below are reported without a fix.

func listConfigured(ctx context.Context, c *api.ClientWithResponses) ([]string, error) {
	resp, err := c.AccountsMeTelephonyConfigRetrieveWithResponse(ctx) // want `no fix: the response is read for twilio, telnyx and plivo, which needs one request per provider`
	if err != nil || resp.JSON200 == nil {
		return nil, err
	}
	var names []string
	if resp.JSON200.Twilio != nil {
		names = append(names, "twilio")
	}
	if resp.JSON200.Telnyx != nil {
		names = append(names, "telnyx")
	}
	if resp.JSON200.Plivo != nil {
		names = append(names, "plivo")
	}
	return names, nil
}

func twilioPointer(ctx context.Context, c *api.ClientWithResponses) (*api.TwilioConfig, error) {
	resp, err := c.AccountsMeTelephonyConfigRetrieveWithResponse(ctx) // want `TelephonyConfigsTwilioRetrieveWithResponse \(GET /api/telephony_configs/twilio\) \(no fix: resp.JSON200.Twilio is used as a value that other code may check for nil`
	if err != nil {
		return nil, err
	}
	return resp.JSON200.Twilio, nil
}

func twoProviders(ctx context.Context, c *api.ClientWithResponses) error {
	_, err := c.AccountsMeTelephonyConfigPartialUpdateWithResponse(ctx, api.PatchedAccountTelephonyConfig{ // want `use TelephonyConfigsPlivoCreateWithResponse \(POST /api/telephony_configs/plivo\) and TelephonyConfigsTwilioCreateWithResponse \(POST /api/telephony_configs/twilio\) \(no fix: the split into one call per provider is not safe: for POST /api/telephony_configs/plivo, the body has a comment outside the provider's value, which the fix would drop\)`
		Twilio: &api.TwilioConfig{AccountSid: "AC1"},
		Plivo:  &api.PlivoConfig{AuthId: "MA1"},
	})
	return err
}

func providerPointer(ctx context.Context, c *api.ClientWithResponses, cfg *api.TwilioConfig) error {
	_, err := c.AccountsMeTelephonyConfigPartialUpdateWithResponse(ctx, api.PatchedAccountTelephonyConfig{Twilio: cfg}) // want `no fix: the twilio value may be nil, which would leave the provider out instead`
	return err
}

func rawBody(ctx context.Context, c *api.ClientWithResponses) (string, error) {
	resp, err := c.AccountsMeTelephonyConfigPartialUpdateWithResponse(ctx, api.PatchedAccountTelephonyConfig{Twilio: &api.TwilioConfig{AccountSid: "AC1"}}) // want `no fix: the response field Body is used`
	if err != nil {
		return "", err
	}
	return string(resp.Body), nil
}

// setTwilioAndTelnyx sets two providers in one call and checks the status.
func setTwilioAndTelnyx(ctx context.Context, c *api.ClientWithResponses, sid, key string) error {
	body := api.PatchedAccountTelephonyConfig{
		Twilio: &api.TwilioConfig{AccountSid: sid},
		Telnyx: &api.TelnyxConfig{ApiKey: &key},
	}
	resp, err := c.AccountsMeTelephonyConfigPartialUpdateWithResponse(ctx, body) // want `use TelephonyConfigsTelnyxCreateWithResponse \(POST /api/telephony_configs/telnyx\) and TelephonyConfigsTwilioCreateWithResponse \(POST /api/telephony_configs/twilio\)$`
	if err != nil {
		return err
	}
	if resp.StatusCode() != http.StatusOK {
		return errors.New(resp.Status())
	}
	return nil
}

// removeTwilioAndPlivo removes two providers with raw JSON.
func removeTwilioAndPlivo(ctx context.Context, c *api.ClientWithResponses) error {
	_, err := c.AccountsMeTelephonyConfigPartialUpdateWithBodyWithResponse(ctx, "application/json", strings.NewReader(`{"twilio": null, "plivo": null}`)) // want `use TelephonyConfigsTwilioDestroyWithResponse \(DELETE /api/telephony_configs/twilio\) and TelephonyConfigsPlivoDestroyWithResponse \(DELETE /api/telephony_configs/plivo\)$`
	return err
}
