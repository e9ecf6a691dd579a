// Package app calls the old endpoint through the helpers of package uvapi.
package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"helpers/uvapi"
)

type account struct {
	Twilio *uvapi.Twilio `json:"twilio,omitempty"`
	Telnyx *telnyx       `json:"telnyx,omitempty"`
}

type telnyx struct {
	APIKey string `json:"apiKey"`
}

const oldPath = "/api/accounts/me/telephony_config"

func setTwilio(ctx context.Context, c *uvapi.Client, sid, token string) (string, error) {
	var out account
	err := c.Do(ctx, http.MethodPatch, "/api/accounts/me/telephony_config", // want `PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio`
		map[string]any{"twilio": map[string]string{"accountSid": sid, "authToken": token}}, &out)
	if err != nil {
		return "", err
	}
	return out.Twilio.AccountSID, nil
}

func setTwilioThroughWrapper(ctx context.Context, c *uvapi.Client, sid, token string) error {
	body := account{Twilio: &uvapi.Twilio{AccountSID: sid, AuthToken: token}}
	return c.Send(ctx, "PATCH", oldPath, body, nil) // want `PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio`
}

func removeTelnyx(ctx context.Context, c *uvapi.Client) error {
	var out account
	if err := c.Send(ctx, "PATCH", oldPath, map[string]any{"telnyx": nil}, &out); err != nil { // want `PATCH /api/accounts/me/telephony_config is deprecated: use DELETE /api/telephony_configs/telnyx`
		return err
	}
	return nil
}

func twilioSID(ctx context.Context, c *uvapi.Client) (string, error) {
	var out account
	if err := c.Get(ctx, oldPath, &out); err != nil { // want `GET /api/accounts/me/telephony_config is deprecated: use GET /api/telephony_configs/twilio`
		return "", err
	}
	return out.Twilio.AccountSID, nil
}

func rawTwilio(ctx context.Context, c *uvapi.Client) error {
	return c.Raw(ctx, http.MethodPatch, "/accounts/me/telephony_config", strings.NewReader(`{"twilio": {"accountSid": "AC1", "authToken": "t"}}`)) // want `PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio`
}

func setTelnyxAsText(ctx context.Context, c *uvapi.Client) error {
	return c.SendText(ctx, "PATCH", oldPath, map[string]any{"telnyx": map[string]string{"apiKey": "k"}}) // want `use POST /api/telephony_configs/telnyx`
}

func setTelnyxEncoded(ctx context.Context, c *uvapi.Client) error {
	return c.Encode(ctx, "PATCH", oldPath, map[string]any{"telnyx": map[string]string{"apiKey": "k"}}) // want `use POST /api/telephony_configs/telnyx`
}

func removePlivoWithCall(ctx context.Context, c *uvapi.Client) error {
	return c.Call(ctx, "PATCH", oldPath, map[string]any{"plivo": nil}, nil) // want `use DELETE /api/telephony_configs/plivo`
}

func setPlivoWithCall(ctx context.Context, c *uvapi.Client, id string) error {
	var out struct {
		Plivo *struct {
			AuthID string `json:"authId"`
		} `json:"plivo"`
	}
	if err := c.Call(ctx, "PATCH", oldPath, map[string]any{"plivo": map[string]string{"authId": id}}, &out); err != nil { // want `use POST /api/telephony_configs/plivo`
		return err
	}
	if out.Plivo.AuthID != id {
		return fmt.Errorf("stored %s", out.Plivo.AuthID)
	}
	return nil
}

func returnedResponse(ctx context.Context, c *uvapi.Client) (string, error) {
	resp, err := c.Response(ctx, oldPath) // want `GET /api/accounts/me/telephony_config is deprecated: use GET /api/telephony_configs/twilio`
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %s", resp.Status)
	}
	var out account
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", err
	}
	return out.Twilio.AccountSID, nil
}

func exchangedResponse(ctx context.Context, c *uvapi.Client) error {
	resp, err := c.Exchange(ctx, http.MethodPatch, oldPath, strings.NewReader(`{"telnyx": {"apiKey": "k"}}`)) // want `use POST /api/telephony_configs/telnyx`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	return nil
}

// The helpers below cannot take the replacement, so each call is reported
// without a fix.

func fixedMethod(ctx context.Context, c *uvapi.Client) error {
	return c.Patch(ctx, oldPath, map[string]any{"twilio": map[string]string{"accountSid": "AC1"}}, nil) // want `PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio \(no fix: Patch always sends PATCH\)`
}

func strictStatus(ctx context.Context, c *uvapi.Client) error {
	return c.Strict(ctx, "PATCH", oldPath, map[string]any{"twilio": map[string]string{"accountSid": "AC1"}}) // want `use POST /api/telephony_configs/twilio \(no fix: the status check in Strict treats 201 differently from 200\)`
}

func strictDelete(ctx context.Context, c *uvapi.Client) error {
	return c.Strict(ctx, "PATCH", oldPath, map[string]any{"plivo": nil}) // want `use DELETE /api/telephony_configs/plivo \(no fix: Strict sends a body even when it is given nil\)`
}

func typedOut(ctx context.Context, c *uvapi.Client) (string, error) {
	var out uvapi.Config
	err := c.Typed(ctx, "PATCH", oldPath, map[string]any{"twilio": map[string]string{"accountSid": "AC1"}}, &out) // want `use POST /api/telephony_configs/twilio \(no fix: Typed decodes into a parameter of type \*helpers/uvapi.Config, which cannot take the provider field\)`
	return out.Twilio.AccountSID, err
}

func typedOutGet(ctx context.Context, c *uvapi.Client) (string, error) {
	var out uvapi.Config
	err := c.Typed(ctx, "GET", oldPath, nil, &out) // want `use GET /api/telephony_configs/twilio \(no fix: Typed decodes into a parameter of type \*helpers/uvapi.Config, which cannot take the provider field\)`
	return out.Twilio.AccountSID, err
}

func unmarshalerOut(ctx context.Context, c *uvapi.Client) (string, error) {
	var out uvapi.Config
	err := c.Decoding(ctx, oldPath, &out) // want `use GET /api/telephony_configs/twilio \(no fix: Decoding decodes into a parameter of type encoding/json.Unmarshaler, which cannot take the provider field\)`
	return out.Twilio.AccountSID, err
}

func opaque(ctx context.Context, c *uvapi.Client) error {
	return c.Opaque(ctx, "GET", oldPath) // want `GET /api/accounts/me/telephony_config is deprecated: use /api/telephony_configs/twilio, /api/telephony_configs/telnyx or /api/telephony_configs/plivo \(no fix: Opaque builds its URL from path in a way the analyzer does not follow\)`
}

func dynamicProviders(ctx context.Context, c *uvapi.Client, body map[string]any) error {
	return c.Do(ctx, "PATCH", oldPath, body, nil) // want `no fix: the body variable body is not defined in this function`
}

// Calls through values the analyzer cannot resolve are reported where the
// path is visible.

type doer interface {
	Do(ctx context.Context, method, path string, in, out any) error
}

func throughInterface(ctx context.Context, d doer) error {
	return d.Do(ctx, "PATCH", oldPath, map[string]any{"twilio": nil}, nil) // want `/api/accounts/me/telephony_config is deprecated: use /api/telephony_configs/twilio, /api/telephony_configs/telnyx or /api/telephony_configs/plivo \(no fix: the path is passed to the interface method Do, which the analyzer cannot resolve to a request\)`
}

func throughFuncValue(ctx context.Context, send func(context.Context, string, string, any, any) error) error {
	return send(ctx, "PATCH", "/accounts/me/telephony_config", nil, nil) // want `\(no fix: the path is passed to the function value send, which the analyzer cannot resolve to a request\)`
}

// Near misses: no diagnostic.

func nearMisses(ctx context.Context, c *uvapi.Client, d doer, send func(string) error) {
	_ = c.Do(ctx, "GET", "/api/accounts/me/telephony_configs", nil, nil)
	_ = c.Do(ctx, "GET", "/api/telephony_configs/twilio", nil, nil)
	_ = c.Item(ctx, "accounts/me/telephony_config", nil)
	_ = d.Do(ctx, "GET", "/api/accounts/me/telephony_config_v2", nil, nil)
	_ = send("telephony_config")
}

// setBoth sets two providers through a helper and checks each error.
func setBoth(ctx context.Context, c *uvapi.Client, sid, key string) error {
	if err := c.Do(ctx, http.MethodPatch, "/api/accounts/me/telephony_config", map[string]any{"twilio": map[string]string{"accountSid": sid}, "telnyx": telnyx{APIKey: key}}, nil); err != nil { // want `use POST /api/telephony_configs/twilio and POST /api/telephony_configs/telnyx$`
		return fmt.Errorf("configuring: %w", err)
	}
	return nil
}

// clearBoth deletes two providers and returns the error.
func clearBoth(ctx context.Context, c *uvapi.Client) error {
	err := c.Do(ctx, "PATCH", "/api/accounts/me/telephony_config", map[string]any{"twilio": nil, "plivo": nil}, nil) // want `use DELETE /api/telephony_configs/twilio and DELETE /api/telephony_configs/plivo$`
	return err
}

// bothKeys reads two providers through the Get helper.
func bothKeys(ctx context.Context, c *uvapi.Client) (string, error) {
	var out account
	if err := c.Get(ctx, oldPath, &out); err != nil { // want `use GET /api/telephony_configs/twilio and GET /api/telephony_configs/telnyx$`
		return "", err
	}
	return out.Twilio.AccountSID + out.Telnyx.APIKey, nil
}

// moveToTwilio sets Twilio and removes Plivo, and returns the error.
func moveToTwilio(ctx context.Context, c *uvapi.Client, sid string) error {
	// One request used to do both.
	return c.Call(ctx, "PATCH",
		oldPath, // want `use POST /api/telephony_configs/twilio and DELETE /api/telephony_configs/plivo$`
		// The body names two providers.
		map[string]any{"twilio": map[string]string{"accountSid": sid}, "plivo": nil},
		nil)
}

// setTwoInline returns the error of a one-line call.
func setTwoInline(ctx context.Context, c *uvapi.Client) error {
	return c.Send(ctx, http.MethodPatch, "/api/accounts/me/telephony_config", map[string]any{"telnyx": telnyx{APIKey: "k"}, "plivo": map[string]string{"authId": "MA1"}}, nil) // want `use POST /api/telephony_configs/telnyx and POST /api/telephony_configs/plivo$`
}

// replaceWithTelnyx sets Telnyx from a parameter and removes Plivo.
func replaceWithTelnyx(ctx context.Context, c *uvapi.Client, key string) error {
	err := c.Do(ctx, http.MethodPatch, oldPath, map[string]any{"telnyx": telnyx{APIKey: key}, "plivo": nil}, nil) // want `use POST /api/telephony_configs/telnyx and DELETE /api/telephony_configs/plivo$`
	return err
}
