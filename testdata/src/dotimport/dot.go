// Package dotimport imports net/http with a dot. Its fixes write the bare
// constant names, except where a local declaration hides the name.
package dotimport

import (
	"context"
	"fmt"
	. "net/http"
	"strings"
)

func setTelnyx(ctx context.Context, c *Client, base string) error {
	req, err := NewRequestWithContext(ctx, MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"telnyx": {"accountSid": "AC1"}}`)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/telnyx$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != StatusOK {
		return fmt.Errorf("set telnyx: %s", resp.Status)
	}
	return nil
}

// setPlivoHidden declares locals named MethodPost and StatusCreated, so a
// fix that wrote those names would refer to the locals.
func setPlivoHidden(ctx context.Context, c *Client, base string) error {
	const MethodPost = "post"
	StatusCreated := "created"
	req, err := NewRequestWithContext(ctx, MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"plivo": {"authId": "MA1"}}`)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/plivo$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != StatusOK {
		return fmt.Errorf("set plivo (%s, %s): %s", MethodPost, StatusCreated, resp.Status)
	}
	return nil
}

func deleteTwilio(ctx context.Context, c *Client, base string) error {
	req, err := NewRequestWithContext(ctx, MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"twilio": null}`)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use DELETE /api/telephony_configs/twilio$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case StatusOK:
		return nil
	}
	return fmt.Errorf("delete twilio: %s", resp.Status)
}
