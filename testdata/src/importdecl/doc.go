// Package importdecl has DELETE sites whose fixes remove an import
// declaration that contains only strings, in several layouts.
package importdecl

// The request bodies below are built with strings.
import "strings"

import (
	"context"
	"net/http"
)

func deleteDoc(ctx context.Context, c *http.Client, base string) error {
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
