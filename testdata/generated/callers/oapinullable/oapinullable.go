// Package oapinullable calls the deprecated operations through the client
// that oapi-codegen generates with nullable provider fields.
package oapinullable

import (
	"context"
	"errors"
	"net/http"

	api "generated/oapinullable"

	"github.com/oapi-codegen/nullable"
)

func setTwilio(ctx context.Context, c *api.ClientWithResponses, sid string) (string, error) {
	resp, err := c.AccountsMeTelephonyConfigPartialUpdateWithResponse(ctx, // want `use TelephonyConfigsTwilioCreateWithResponse \(POST /api/telephony_configs/twilio\)`
		api.PatchedAccountTelephonyConfig{Twilio: nullable.NewNullableWithValue(api.TwilioConfig{AccountSid: sid})})
	if err != nil {
		return "", err
	}
	if resp.StatusCode() != http.StatusOK {
		return "", errors.New(resp.Status())
	}
	return resp.JSON200.Twilio.MustGet().AccountSid, nil
}
