package oapinullable

import (
	"context"
	"errors"
	"net/http"

	api "generated/oapinullable"

	"github.com/oapi-codegen/nullable"
)

func removeTelnyx(ctx context.Context, c *api.ClientWithResponses) error {
	resp, err := c.AccountsMeTelephonyConfigPartialUpdateWithResponse(ctx, api.PatchedAccountTelephonyConfig{Telnyx: nullable.NewNullNullable[api.TelnyxConfig]()}) // want `use TelephonyConfigsTelnyxDestroyWithResponse \(DELETE /api/telephony_configs/telnyx\)`
	if err != nil {
		return err
	}
	if resp.StatusCode() != http.StatusOK {
		return errors.New(resp.Status())
	}
	return nil
}
