package nethttp

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

func methodFromCaller(c *http.Client, base, method string) error {
	req, err := http.NewRequest(method, base+"/api/accounts/me/telephony_config", nil) // want `^request to /api/accounts/me/telephony_config is deprecated: use /api/telephony_configs/twilio, /api/telephony_configs/telnyx or /api/telephony_configs/plivo \(no fix: the method is not a constant\)$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

func postToOldPath(base string) error {
	_, err := http.Post(base+"/api/accounts/me/telephony_config", "application/json", strings.NewReader(`{}`)) // want `^POST /api/accounts/me/telephony_config is deprecated: use /api/telephony_configs/twilio, /api/telephony_configs/telnyx or /api/telephony_configs/plivo \(no fix: the old endpoint has no POST operation\)$`
	return err
}

func bodyFromCaller(c *http.Client, base string, body io.Reader) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", body) // want `no fix: the request body is not built from a literal or a variable holding one\)$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

func maybeNil(c *http.Client, base string, cfg *TwilioConfig) error {
	b, err := json.Marshal(patchRequest{Twilio: cfg})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(b)) // want `use POST /api/telephony_configs/twilio \(no fix: the twilio value may be nil, which would delete the configuration instead\)$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

func sentByHelper(base string) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"plivo": {"authId": "MA1"}}`)) // want `no fix: the request variable req is passed to send, which is not followed\)$`
	if err != nil {
		return err
	}
	return send(req)
}

func send(req *http.Request) error {
	_, err := http.DefaultClient.Do(req)
	return err
}

func responseToHelper(c *http.Client, base string) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"plivo": {"authId": "MA1"}}`)) // want `no fix: the response resp is passed to check, which is not followed\)$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return check(resp)
}

func check(resp *http.Response) error { return resp.Body.Close() }

func sharedURL(c *http.Client, base string) error {
	u := base + "/api/accounts/me/telephony_config"
	if _, err := c.Get(u); err != nil { // want `no fix: the response is not decoded exactly once`
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, u, strings.NewReader(`{"plivo": null}`)) // want `use DELETE /api/telephony_configs/plivo \(no fix: the URL variable u is used 2 times, and the fix would change every use\)$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

var endpoint = "https://api.ultravox.ai/api/accounts/me/telephony_config"

func packageVariable(c *http.Client) error {
	req, err := http.NewRequest(http.MethodPatch, endpoint, strings.NewReader(`{"plivo": null}`)) // want `no fix: the URL comes from package-level variable endpoint, which other code may also use\)$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

func unknownKey(c *http.Client, base string) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"vonage": {"key": "k-123"}}`)) // want `no fix: the body names a key other than twilio, telnyx and plivo\)$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

func brokenJSON(c *http.Client, base string) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"twilio": {"authToken": "s3cr3t-value"`)) // want `no fix: the body text is not a single JSON object\)$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

func changedOutcome(c *http.Client, base string) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"plivo": {"authId": "MA1"}}`)) // want `no fix: a check of the status code changes its outcome for 201\)$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode > 200 {
		return io.ErrUnexpectedEOF
	}
	return nil
}

func statusText(c *http.Client, base string) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"plivo": {"authId": "MA1"}}`)) // want `no fix: the status text is compared, and it changes to the text of 201\)$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.Status != "200 OK" {
		return io.ErrUnexpectedEOF
	}
	return nil
}

func rawBodyReused(c *http.Client, base string) (string, error) {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"plivo": {"authId": "MA1"}}`)) // want `no fix: the raw response body data is read other than by json.Unmarshal, and the new endpoint returns a different body\)$`
	if err != nil {
		return "", err
	}
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
		return "", err
	}
	return string(data) + out.Plivo.AuthID, nil
}

func commentInBody(c *http.Client, base, sid string) error {
	body, err := json.Marshal(map[string]any{
		// Twilio credentials from the vault.
		"twilio": map[string]any{"accountSid": sid},
	})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(body)) // want `no fix: the body has a comment outside the provider's value, which the fix would drop\)$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func multilineRawString(c *http.Client, base string) error {
	body, err := json.Marshal(map[string]any{
		"twilio": map[string]any{
			"requestContextMapping": map[string]string{"note": `first
	second`},
		},
	})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(body)) // want `no fix: the provider's value holds a multi-line raw string, whose text re-indenting would change\)$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
