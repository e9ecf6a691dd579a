// Package uvapi is the example integration's own client for the Ultravox
// REST API: it sends JSON requests with the account's API key and decodes
// JSON responses.
package uvapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Client sends requests to one Ultravox API with one API key.
type Client struct {
	baseURL string // scheme and host, such as https://api.ultravox.ai
	apiKey  string
	http    *http.Client
}

// New returns a client for the API at baseURL, which has no trailing slash
// and no path.
func New(baseURL, apiKey string) *Client {
	return &Client{
		baseURL: baseURL,
		apiKey:  apiKey,
		http:    &http.Client{Timeout: 30 * time.Second},
	}
}

// StatusError is the error that Do returns for a response outside 2xx.
type StatusError struct {
	Method, Path string
	Status       string // such as "404 Not Found"
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s %s: %s", e.Method, e.Path, e.Status)
}

// Do sends a request with the given method to path, which starts with /api.
// A non-nil in is sent as the JSON body. When out is non-nil, the JSON body
// of a successful response is decoded into it. Any 2xx status is success,
// and any other status returns a *StatusError.
func (c *Client) Do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		encoded, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("encode %s %s request body: %w", method, path, err)
		}
		body = bytes.NewReader(encoded)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", c.apiKey)
	req.Header.Set("Content-Type", "application/json")

	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return &StatusError{Method: method, Path: path, Status: resp.Status}
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			return fmt.Errorf("decode %s %s response: %w", method, path, err)
		}
	}
	return nil
}

// Send sends a request exactly like Do. It is the name that older parts of
// the integration use.
func (c *Client) Send(ctx context.Context, method, path string, in, out any) error {
	return c.Do(ctx, method, path, in, out)
}
