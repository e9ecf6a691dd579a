// Package retryable calls the old endpoint through go-retryablehttp.
package retryable

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/hashicorp/go-retryablehttp"
)

type account struct {
	Telnyx *telnyx `json:"telnyx,omitempty"`
}

type telnyx struct {
	AccountSID string `json:"accountSid"`
	APIKey     string `json:"apiKey"`
}

func setTelnyx(ctx context.Context, c *retryablehttp.Client, base, sid, key string) (string, error) {
	data, err := json.Marshal(account{Telnyx: &telnyx{AccountSID: sid, APIKey: key}})
	if err != nil {
		return "", err
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPatch, base+"/api/accounts/me/telephony_config", data) // want `PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/telnyx`
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	var out account
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Telnyx.AccountSID, nil
}

func removeTelnyx(c *retryablehttp.Client, base string) error {
	req, err := retryablehttp.NewRequest("PATCH", base+"/api/accounts/me/telephony_config", bytes.NewReader([]byte(`{"telnyx": null}`))) // want `use DELETE /api/telephony_configs/telnyx`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func telnyxSID(c *retryablehttp.Client, base string) (string, error) {
	resp, err := c.Get(base + "/api/accounts/me/telephony_config") // want `use GET /api/telephony_configs/telnyx`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out account
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Telnyx.AccountSID, nil
}

func notSent(base string) (*retryablehttp.Request, error) {
	return retryablehttp.NewRequest("PATCH", base+"/api/accounts/me/telephony_config", []byte(`{"telnyx": null}`)) // want `no fix: the request is used directly instead of through a variable`
}

func stringBody(c *retryablehttp.Client, base string) error {
	req, err := retryablehttp.NewRequest("PATCH", base+"/api/accounts/me/telephony_config", `{"telnyx": null}`) // want `no fix: the request body is not built from a literal or a variable holding one`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}
