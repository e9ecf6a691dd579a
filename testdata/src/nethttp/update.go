package nethttp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

func mapLiteral(ctx context.Context, c *http.Client, base string) (*TwilioConfig, error) {
	body, err := json.Marshal(map[string]any{
		"twilio": map[string]string{
			"accountSid": "AC123",
			"authToken":  "token-1", // the credential
		},
	})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(body)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio$`
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("update failed: %s", resp.Status)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	return out.Twilio, nil
}

func structLiteral(c *http.Client, base, sid string) (string, error) {
	body, err := json.Marshal(patchRequest{Telnyx: &TelnyxConfig{AccountSid: sid}})
	if err != nil {
		return "", err
	}
	req, err := http.NewRequest("PATCH", fmt.Sprintf("%s/api/accounts/me/telephony_config", base), bytes.NewReader(body)) // want `use POST /api/telephony_configs/telnyx$`
	if err != nil {
		return "", err
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Telnyx.AccountSid, nil
}

func valueField(c *http.Client, base string, cfg TwilioConfig) error {
	body, err := json.Marshal(&valueRequest{Twilio: cfg})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config?verbose=1", bytes.NewBuffer(body)) // want `use POST /api/telephony_configs/twilio$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func structVariable(c *http.Client, base string) error {
	var p patchRequest
	p.Plivo = &PlivoConfig{AuthID: "MA1"}
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	method := http.MethodPatch
	req, err := http.NewRequest(method, base+"/api/accounts/me/telephony_config", bytes.NewReader(b)) // want `use POST /api/telephony_configs/plivo$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
		return nil
	case http.StatusNotFound:
		return fmt.Errorf("not found")
	}
	return fmt.Errorf("status %d", resp.StatusCode)
}

const methodPatch = "PATCH"

func mapVariable(c *http.Client, apiBase string) (string, error) {
	m := map[string]any{}
	m["plivo"] = map[string]string{"authId": "MA2"}
	b, _ := json.Marshal(m)
	req, _ := http.NewRequest(methodPatch, apiBase+"/accounts/me/telephony_config/", bytes.NewReader(b)) // want `use POST /api/telephony_configs/plivo$`
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	var out AccountTelephonyConfig
	if err := json.Unmarshal(data, &out); err != nil {
		return "", fmt.Errorf("decode: %w", err)
	}
	return out.Plivo.AuthID, nil
}

func rawText(c *http.Client, base string) error {
	req, err := http.NewRequest(http.MethodPatch,
		base+"/api/accounts/me/telephony_config", // want `use POST /api/telephony_configs/twilio$`
		strings.NewReader(`{
  "twilio": {
    "accountSid": "AC9",
    "authToken": "token-9"
  }
}`))
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func interpretedText(c *http.Client, base string) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader([]byte("{\"telnyx\": {\"accountSid\": \"AC\\u0031\"}}"))) // want `use POST /api/telephony_configs/telnyx$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

func encoded(c *http.Client, base string, cfg TelnyxConfig) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(map[string]TelnyxConfig{"telnyx": cfg}); err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", &buf) // want `use POST /api/telephony_configs/telnyx$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	return fmt.Errorf("status %d", resp.StatusCode)
}
