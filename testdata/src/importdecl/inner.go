package importdecl

import (
	"context"
	"net/http"
)

import (
	// strings builds the request body.
	"strings"
)

func deleteInner(ctx context.Context, c *http.Client, base string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"twilio": null}`)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use DELETE /api/telephony_configs/twilio$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
