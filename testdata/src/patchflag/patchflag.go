package patchflag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

type TwilioConfig struct {
	AccountSid string `json:"accountSid"`
}

type AccountTelephonyConfig struct {
	Twilio *TwilioConfig `json:"twilio"`
}

func updateTwilio(c *http.Client, base string, cfg TwilioConfig) (*TwilioConfig, error) {
	body, err := json.Marshal(map[string]TwilioConfig{"twilio": cfg})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(body)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use PATCH /api/telephony_configs/twilio$`
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	return out.Twilio, nil
}
