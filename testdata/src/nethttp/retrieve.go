package nethttp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"

	"ultravoxpaths"
)

func twilioSID(ctx context.Context, c *http.Client, base string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/accounts/me/telephony_config", nil) // want `^GET /api/accounts/me/telephony_config is deprecated: use GET /api/telephony_configs/twilio$`
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
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Twilio.AccountSid, nil
}

func telnyxViaGet(base string) (string, error) {
	resp, err := http.Get(fmt.Sprintf("%s/api/accounts/me/telephony_config", base)) // want `use GET /api/telephony_configs/telnyx$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	out := new(AccountTelephonyConfig)
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return "", err
	}
	return out.Telnyx.AccountSid, nil
}

func plivoViaJoinPath(c *http.Client, base string) (string, error) {
	endpoint, err := url.JoinPath(base, "api", "accounts", "me", "telephony_config")
	if err != nil {
		return "", err
	}
	resp, err := c.Get(endpoint) // want `use GET /api/telephony_configs/plivo$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Plivo.AuthID, nil
}

func twilioViaResolve(c *http.Client, base *url.URL) (string, error) {
	ref := &url.URL{Path: "accounts/me/telephony_config", RawQuery: "fields=all"}
	resp, err := c.Get(base.ResolveReference(ref).String()) // want `use GET /api/telephony_configs/twilio$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Twilio.AccountSid, nil
}

func telnyxViaURLJoinPath(c *http.Client, base *url.URL) (string, error) {
	u := base.JoinPath("accounts/me/telephony_config")
	resp, err := c.Get(u.String()) // want `use GET /api/telephony_configs/telnyx$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Telnyx.AccountSid, nil
}

func twilioViaPathJoin(c *http.Client, host string) (string, error) {
	u, err := url.Parse("https://" + host + path.Join("/api", "accounts/me/telephony_config"))
	if err != nil {
		return "", err
	}
	resp, err := c.Get(u.String()) // want `use GET /api/telephony_configs/twilio$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Twilio.AccountSid, nil
}

func plivoViaConstant(c *http.Client, host string) (string, error) {
	resp, err := c.Get("https://" + host + ultravoxpaths.TelephonyConfig) // want `use GET /api/telephony_configs/plivo$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Plivo.AuthID, nil
}

const fullURL = "https://api.ultravox.ai" + "/api/accounts/me/telephony_config"

func twilioViaFullURL(c *http.Client) (string, error) {
	resp, err := c.Get(fullURL) // want `use GET /api/telephony_configs/twilio$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Twilio.AccountSid, nil
}

func telnyxViaSplitJoin(base string) (string, error) {
	u, err := url.JoinPath(base, "api", "accounts", "me", "telephony_config")
	if err != nil {
		return "", err
	}
	resp, err := http.Get(u) // want `use GET /api/telephony_configs/telnyx$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Telnyx.AccountSid, nil
}

// The fix is withheld in the cases below.

var errNotConfigured = errors.New("twilio is not configured")

func missingTwilio(base string) (string, error) {
	resp, err := http.Get(base + "/api/accounts/me/telephony_config") // want `use GET /api/telephony_configs/twilio \(no fix: the code handles a missing twilio configuration as nil, but GET /api/telephony_configs/twilio answers 404 Not Found for it\)$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	if out.Twilio == nil {
		return "", errNotConfigured
	}
	return out.Twilio.AccountSid, nil
}

func wholeResponse(base string) (*AccountTelephonyConfig, error) {
	resp, err := http.Get(base + "/api/accounts/me/telephony_config") // want `no fix: the decoded response out is returned, and each new endpoint returns one provider\)$`
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

func notDecoded(base string) (int, error) {
	resp, err := http.Get(base + "/api/accounts/me/telephony_config") // want `no fix: the response is not decoded exactly once, so the provider it is read for is unknown\)$`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func decodedIntoMap(base string) (any, error) {
	resp, err := http.Get(base + "/api/accounts/me/telephony_config") // want `no fix: the response is decoded into out, which is not a struct with provider fields\)$`
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	return out["twilio"], nil
}

func copiedThenChecked(base string) (string, error) {
	resp, err := http.Get(base + "/api/accounts/me/telephony_config") // want `use GET /api/telephony_configs/twilio \(no fix: out.Twilio is used as a value that other code may check for nil, but GET /api/telephony_configs/twilio answers 404 Not Found when it is missing\)$`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	t := out.Twilio
	if t == nil {
		return "", errNotConfigured
	}
	return t.AccountSid, nil
}
