// Package ogen calls the deprecated operations through the client that
// ogen generates from the spec.
package ogen

import (
	"context"

	api "generated/ogen"
)

func setTwilio(ctx context.Context, c *api.Client, sid, token string) (string, error) {
	res, err := c.AccountsMeTelephonyConfigPartialUpdate(ctx, // want `use TelephonyConfigsTwilioCreate \(POST /api/telephony_configs/twilio\)`
		api.NewOptPatchedAccountTelephonyConfig(api.PatchedAccountTelephonyConfig{
			Twilio: api.NewOptNilTwilioConfig(api.TwilioConfig{AccountSid: sid, AuthToken: token}),
		}))
	if err != nil {
		return "", err
	}
	return res.Twilio.Value.AccountSid, nil
}

func removeTelnyx(ctx context.Context, c api.Invoker) error {
	_, err := c.AccountsMeTelephonyConfigPartialUpdate(ctx, api.NewOptPatchedAccountTelephonyConfig(api.PatchedAccountTelephonyConfig{Telnyx: api.OptNilTelnyxConfig{Set: true, Null: true}})) // want `use TelephonyConfigsTelnyxDestroy \(DELETE /api/telephony_configs/telnyx\)`
	return err
}

func plivoFromVariable(ctx context.Context, c *api.Client, cfg api.PlivoConfig) (api.PlivoConfig, error) {
	body := api.NewOptPatchedAccountTelephonyConfig(api.PatchedAccountTelephonyConfig{Plivo: api.NewOptNilPlivoConfig(cfg)})
	res, err := c.AccountsMeTelephonyConfigPartialUpdate(ctx, body) // want `use TelephonyConfigsPlivoCreate \(POST /api/telephony_configs/plivo\)`
	if err != nil {
		return api.PlivoConfig{}, err
	}
	return res.Plivo.Value, nil
}

func twilioSID(ctx context.Context, c api.Invoker) (string, error) {
	res, err := c.AccountsMeTelephonyConfigRetrieve(ctx) // want `use TelephonyConfigsTwilioRetrieve \(GET /api/telephony_configs/twilio\)`
	if err != nil {
		return "", err
	}
	return res.Twilio.Value.AccountSid, nil
}

// The calls below are reported without a fix.

func twilioSet(ctx context.Context, c *api.Client) (bool, error) {
	res, err := c.AccountsMeTelephonyConfigRetrieve(ctx) // want `no fix: the code handles a missing twilio configuration as nil, but GET /api/telephony_configs/twilio answers 404 Not Found for it`
	if err != nil {
		return false, err
	}
	return res.Twilio.Set && !res.Twilio.Null, nil
}
