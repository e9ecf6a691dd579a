// Package sameline is input of the golangci-lint plugin tests: two sites
// on one line, and a fix on a request whose arguments span two lines.
package sameline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

const oldPath = "/api/accounts/me/telephony_config"

// send sends a request with in as its JSON body, or no body for nil.
func send(c *http.Client, method, path string, in any) error {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, "https://api.ultravox.ai"+path, body)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	return nil
}

// removeTwo sends two requests from one line, which golangci-lint reports
// as one issue unless issues.uniq-by-line is false.
func removeTwo(c *http.Client) error {
	return errors.Join(send(c, http.MethodPatch, oldPath, map[string]any{"twilio": nil}), send(c, http.MethodPatch, oldPath, map[string]any{"plivo": nil}))
}

func setTwilio(c *http.Client, base string) error {
	req, err := http.NewRequest(http.MethodPatch, base+"/api/accounts/me/telephony_config",
		strings.NewReader(`{"twilio": {"accountSid": "AC1", "authToken": "t"}}`))
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
