package nethttp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

func removeTwilio(ctx context.Context, c *http.Client, base string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"twilio": null}`)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use DELETE /api/telephony_configs/twilio$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("remove failed: %s", resp.Status)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return err
	}
	return nil
}

func removeKeepsStrings() string { return strings.ToUpper("x") }

func removeMarshalled(c *http.Client, base string) error {
	b, err := json.Marshal(map[string]any{"plivo": nil})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(b)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use DELETE /api/telephony_configs/plivo$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

func removeReadsResponse(c *http.Client, base string) (*AccountTelephonyConfig, error) {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"telnyx": null}`)) // want `use DELETE /api/telephony_configs/telnyx \(no fix: the DELETE replacement has no response body, but out is used after decoding it\)$`
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	return &out, nil
}
