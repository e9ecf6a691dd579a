package importdecl

import "strings" // for the request body

import (
	"context"
	"net/http"
)

func deleteTrailing(ctx context.Context, c *http.Client, base string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"telnyx": null}`)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use DELETE /api/telephony_configs/telnyx$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
