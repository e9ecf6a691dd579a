// Package small is a fixed input for the report's golden files. It calls the
// deprecated endpoint once with a fix, once without, and serves it in its
// test. Only the standard library is imported, so it loads offline.
package small

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

type TwilioConfig struct {
	AccountSID string `json:"accountSid"`
	AuthToken  string `json:"authToken,omitempty"`
}

type PlivoConfig struct {
	AuthID    string `json:"authId"`
	AuthToken string `json:"authToken,omitempty"`
}

type Account struct {
	Twilio *TwilioConfig `json:"twilio"`
	Plivo  *PlivoConfig  `json:"plivo"`
}

// SetTwilio has a fix: it sets one provider.
func SetTwilio(client *http.Client, base, sid, token string) error {
	body, err := json.Marshal(map[string]any{"twilio": map[string]any{"accountSid": sid, "authToken": token}})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("set twilio: %s", resp.Status)
	}
	return nil
}

// Configured has no fix: it checks two providers for nil, which the
// provider endpoints report as 404 Not Found. The non-ASCII characters before
// the URL make its SARIF column, in code points, differ from its byte column.
func Configured(client *http.Client, base string) (bool, error) {
	resp, err := client.Get( /* « » */ base + "/api/accounts/me/telephony_config")
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	var out Account
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return false, err
	}
	return out.Twilio != nil && out.Plivo != nil, nil
}
