package split

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

type account struct {
	Twilio *TwilioConfig `json:"twilio"`
	Telnyx *TelnyxConfig `json:"telnyx"`
}

// bothProviders reads two providers from one decoded response.
func bothProviders(base string) ([]string, error) {
	resp, err := http.Get(base + "/api/accounts/me/telephony_config") // want `^GET /api/accounts/me/telephony_config is deprecated: use GET /api/telephony_configs/twilio and GET /api/telephony_configs/telnyx$`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	// The old endpoint returns every provider.
	var out account
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	return []string{out.Twilio.AccountSid, out.Telnyx.ConnectionId}, nil
}

// declaredBefore declares the decoded value before the request.
func declaredBefore(c *http.Client, base string) (string, error) {
	var out account
	req, err := http.NewRequest(http.MethodGet, base+"/api/accounts/me/telephony_config", nil) // want `^GET /api/accounts/me/telephony_config is deprecated: use GET /api/telephony_configs/telnyx and GET /api/telephony_configs/twilio$`
	if err != nil {
		return "", err
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Telnyx.ApiKey + out.Twilio.AuthToken, nil
}

// The requests below are reported without a fix.

func nilChecked(base string) (string, error) {
	resp, err := http.Get(base + "/api/accounts/me/telephony_config") // want `use GET /api/telephony_configs/telnyx and GET /api/telephony_configs/twilio \(no fix: the split into one request per provider is not safe: for GET /api/telephony_configs/telnyx, the code handles a missing telnyx configuration as nil, but GET /api/telephony_configs/telnyx answers 404 Not Found for it\)$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out account
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	if out.Telnyx == nil {
		return "", errors.New("telnyx is not configured")
	}
	return out.Twilio.AccountSid + out.Telnyx.ApiKey, nil
}

// wrapperReturned passes the decoded wrapper on, so its other fields
// cannot be left empty.
func wrapperReturned(base string) (*account, error) {
	resp, err := http.Get(base + "/api/accounts/me/telephony_config") // want `no fix: the decoded response out is returned, and each new endpoint returns one provider\)$`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out account
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	fmt.Println(out.Twilio.AccountSid, out.Telnyx.ApiKey)
	return &out, nil
}
