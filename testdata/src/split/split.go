// Package split holds PATCH requests whose bodies name several providers.
// The fixes send one request per provider.
package split

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

type TwilioConfig struct {
	AccountSid string `json:"accountSid"`
	AuthToken  string `json:"authToken"`
}

type TelnyxConfig struct {
	ApiKey       string `json:"apiKey"`
	ConnectionId string `json:"connectionId"`
}

// errorReturned sends the request, and the function returns its error.
func errorReturned(c *http.Client, base string) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"twilio": {"accountSid": "AC1", "authToken": "t1"}, "telnyx": null}`)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio and DELETE /api/telephony_configs/telnyx$`
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", "key")
	_, err = c.Do(req)
	return err
}

// statusChecked marshals a map, checks the status and closes the body.
func statusChecked(ctx context.Context, c *http.Client, base string) error {
	// Build the body of both providers.
	body, err := json.Marshal(map[string]any{
		"telnyx": TelnyxConfig{ApiKey: "KEY1", ConnectionId: "conn-1"},
		"twilio": TwilioConfig{AccountSid: "AC1", AuthToken: "t1"},
	})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(body)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/telnyx and POST /api/telephony_configs/twilio$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("sending: %w", err)
	}
	defer resp.Body.Close() // closed when the function returns
	// A PATCH returns 200.
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

// structBody sends a struct with two provider fields.
func structBody(c *http.Client, base string) error {
	type patch struct {
		Twilio *TwilioConfig `json:"twilio,omitempty"`
		Telnyx *TelnyxConfig `json:"telnyx,omitempty"`
	}
	b, err := json.Marshal(patch{Twilio: &TwilioConfig{AccountSid: "AC2", AuthToken: "t2"}, Telnyx: &TelnyxConfig{ApiKey: "KEY2", ConnectionId: "conn-2"}})
	if err != nil {
		return err
	}
	req, err := http.NewRequest("PATCH", base+"/api/accounts/me/telephony_config", bytes.NewReader(b)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio and POST /api/telephony_configs/telnyx$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	fmt.Println("configured")
	return nil
}

// deleteAfterMarshal marshals a body in which telnyx is null. The DELETE
// copy drops the marshalling and its error check.
func deleteAfterMarshal(c *http.Client, base string) error {
	b, err := json.Marshal(map[string]any{"twilio": TwilioConfig{AccountSid: "AC1"}, "telnyx": nil})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(b)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio and DELETE /api/telephony_configs/telnyx$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

// strictStruct marshals a struct without omitempty, whose nil Telnyx field
// is sent as null.
func strictStruct(c *http.Client, base string) error {
	type strictRequest struct {
		Twilio *TwilioConfig `json:"twilio"`
		Telnyx *TelnyxConfig `json:"telnyx"`
	}
	b, err := json.Marshal(strictRequest{Twilio: &TwilioConfig{AccountSid: "AC1"}})
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(b)) // want `^PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio and DELETE /api/telephony_configs/telnyx$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

// The requests below are reported without a fix.

func responseReturned(c *http.Client, base string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"twilio": {"accountSid": "AC1"}, "plivo": {"authId": "MA1"}}`)) // want `no fix: the split into one request per provider is not safe: for POST /api/telephony_configs/twilio, the response resp is returned\)$`
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func deferredClosure(c *http.Client, base string) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"twilio": {"accountSid": "AC1"}, "plivo": {"authId": "MA1"}}`)) // want `no fix: the split into one request per provider is not safe: the statements to repeat contain a function literal, which may keep the variables of one request\)$`
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer func() { resp.Body.Close() }()
	return nil
}

// returnedValue returns something else than the error after the request.
func returnedValue(c *http.Client, base string) (bool, error) {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", strings.NewReader(`{"twilio": {"accountSid": "AC1"}, "plivo": {"authId": "MA1"}}`)) // want `no fix: the split into one request per provider is not safe: a value of the request is returned, and one value cannot stand for several requests\)$`
	if err != nil {
		return false, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return false, err
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK, nil
}

// encodedBody encodes a struct whose nil Telnyx field is sent as null.
func encodedBody(c *http.Client, base string) error {
	type patch struct {
		Twilio *TwilioConfig `json:"twilio,omitempty"`
		Telnyx *TelnyxConfig `json:"telnyx"`
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(patch{Twilio: &TwilioConfig{AccountSid: "AC1"}}); err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", &buf) // want `no fix: the split into one request per provider is not safe: the statements to repeat change buf, which is declared before them, so the copies would share it\)$`
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

// errorDeclaredByMarshal declares err in the statement that a DELETE copy
// would remove, and no later statement declares it again.
func errorDeclaredByMarshal(c *http.Client, base string) error {
	b, err := json.Marshal(map[string]any{"plivo": nil, "twilio": TwilioConfig{AccountSid: "AC1"}})
	if err != nil {
		return err
	}
	req, _ := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config", bytes.NewReader(b)) // want `no fix: the split into one request per provider is not safe: for DELETE /api/telephony_configs/plivo, the statement that builds b declares err, which later statements need\)$`
	_, err = c.Do(req)
	return err
}
