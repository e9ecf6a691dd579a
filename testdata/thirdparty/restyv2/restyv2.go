// Package restyv2 calls the old endpoint through resty v2.
package restyv2

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/go-resty/resty/v2"
)

type account struct {
	Twilio *twilio `json:"twilio,omitempty"`
	Plivo  *plivo  `json:"plivo,omitempty"`
}

type twilio struct {
	AccountSID string `json:"accountSid"`
	AuthToken  string `json:"authToken"`
}

type plivo struct {
	AuthID    string `json:"authId"`
	AuthToken string `json:"authToken"`
}

const base = "https://api.ultravox.ai"

func setTwilio(c *resty.Client, sid, token string) (string, error) {
	var out account
	resp, err := c.R().
		SetHeader("Content-Type", "application/json").
		SetBody(map[string]any{"twilio": map[string]string{"accountSid": sid, "authToken": token}}).
		SetResult(&out).
		Patch(base + "/api/accounts/me/telephony_config") // want `PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio`
	if err != nil {
		return "", err
	}
	if resp.StatusCode() != http.StatusOK {
		return "", errors.New(resp.Status())
	}
	return out.Twilio.AccountSID, nil
}

func setPlivo(c *resty.Client, id, token string) error {
	body := account{Plivo: &plivo{AuthID: id, AuthToken: token}}
	resp, err := c.R().SetBody(body).Execute(http.MethodPatch, "/api/accounts/me/telephony_config") // want `use POST /api/telephony_configs/plivo`
	if err != nil {
		return err
	}
	if resp.IsError() {
		return errors.New(resp.Status())
	}
	return nil
}

func removePlivo(c *resty.Client) error {
	var out account
	resp, err := c.R().SetBody(`{"plivo": null}`).SetResult(&out).Patch("/accounts/me/telephony_config") // want `use DELETE /api/telephony_configs/plivo`
	if err != nil {
		return err
	}
	switch resp.StatusCode() {
	case 200:
		return nil
	default:
		return errors.New(resp.Status())
	}
}

func twilioSID(c *resty.Client) (string, error) {
	var out account
	resp, err := c.R().SetResult(&out).Get("/api/accounts/me/telephony_config") // want `use GET /api/telephony_configs/twilio`
	if err != nil {
		return "", err
	}
	if !resp.IsSuccess() {
		return "", errors.New(resp.Status())
	}
	return out.Twilio.AccountSID, nil
}

func twilioSIDUnmarshal(c *resty.Client) (string, error) {
	resp, err := c.R().Get("/api/accounts/me/telephony_config") // want `use GET /api/telephony_configs/twilio`
	if err != nil {
		return "", err
	}
	var out account
	if err := json.Unmarshal(resp.Body(), &out); err != nil {
		return "", err
	}
	return out.Twilio.AccountSID, nil
}

func setTwilioErrorText(c *resty.Client) error {
	var out account
	resp, err := c.R().SetBody(map[string]any{"twilio": map[string]string{"accountSid": "AC2"}}).SetResult(&out).Patch("/api/accounts/me/telephony_config") // want `use POST /api/telephony_configs/twilio`
	if err != nil {
		return err
	}
	if resp.IsError() {
		return errors.New(resp.String())
	}
	if out.Twilio == nil {
		return errors.New("no twilio configuration")
	}
	return nil
}

// The calls below are reported without a fix.

func rawBodyRead(c *resty.Client) (string, error) {
	resp, err := c.R().SetBody(map[string]any{"twilio": map[string]string{"accountSid": "AC1"}}).Patch("/api/accounts/me/telephony_config") // want `no fix: the raw response body is read other than by json.Unmarshal`
	if err != nil {
		return "", err
	}
	return resp.String(), nil
}

func resultUsed(c *resty.Client) (any, error) {
	resp, err := c.R().SetBody(map[string]any{"twilio": map[string]string{"accountSid": "AC1"}}).SetResult(&account{}).Patch("/api/accounts/me/telephony_config") // want `no fix: the response's Result method is used`
	if err != nil {
		return nil, err
	}
	return resp.Result(), nil
}

func requestVariable(c *resty.Client) error {
	r := c.R().SetBody(map[string]any{"twilio": map[string]string{"accountSid": "AC1"}})
	_, err := r.Patch("/api/accounts/me/telephony_config") // want `no fix: the request is built outside this call chain`
	return err
}

func form(c *resty.Client) error {
	_, err := c.R().SetFormData(map[string]string{"twilio": "x"}).Patch("/api/accounts/me/telephony_config") // want `no fix: the request chain calls SetFormData, which the fix does not handle`
	return err
}

func notAnEndpoint(c *resty.Client) {
	_, _ = c.R().Get("/api/accounts/me/telephony_configs")
	_, _ = c.R().Get("https://example.com/accounts/me/telephony_config")
}

// setTwilioAndPlivo sets two providers in one chain.
func setTwilioAndPlivo(c *resty.Client, sid, id string) error {
	resp, err := c.R().
		SetBody(account{Twilio: &twilio{AccountSID: sid}, Plivo: &plivo{AuthID: id}}).
		Patch(base + "/api/accounts/me/telephony_config") // want `use POST /api/telephony_configs/twilio and POST /api/telephony_configs/plivo$`
	if err != nil {
		return err
	}
	if resp.IsError() {
		return errors.New(resp.Status())
	}
	return nil
}
