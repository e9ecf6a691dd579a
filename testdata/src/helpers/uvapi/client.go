package uvapi // want package:"declares helpers"

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// Client sends requests to BaseURL, such as https://api.ultravox.ai.
type Client struct {
	BaseURL string
	Key     string
	HTTP    *http.Client
}

// Do sends in as JSON and decodes the reply into out. A nil in sends no
// body and a nil out skips the decode.
func (c *Client) Do(ctx context.Context, method, path string, in, out any) error { // want Do:`helper\(method=1 url=2 body=3 out=4\)`
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", c.Key)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	return nil
}

// Send wraps Do, as a retrying or logging layer would.
func (c *Client) Send(ctx context.Context, method, path string, in, out any) error { // want Send:`helper\(method=1 url=2 body=3 out=4\)`
	return c.Do(ctx, method, path, in, out)
}

// Patch always sends PATCH.
func (c *Client) Patch(ctx context.Context, path string, in, out any) error { // want Patch:`helper\(method="PATCH" url=1 body=2 out=3\)`
	return c.Do(ctx, http.MethodPatch, path, in, out)
}

// Get always sends GET and has no body.
func (c *Client) Get(ctx context.Context, path string, out any) error { // want Get:`helper\(method="GET" url=1 out=2\)`
	return c.Send(ctx, "GET", path, nil, out)
}

// Raw sends body as it is, after the /api prefix.
func (c *Client) Raw(ctx context.Context, method, path string, body io.Reader) error { // want Raw:`helper\(method=1 url=2 body=3\)`
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+"/api"+path, body)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("unexpected status %d", resp.StatusCode)
	}
	return nil
}

// Strict accepts only 200 OK.
func (c *Client) Strict(ctx context.Context, method, path string, in any) error { // want Strict:`helper\(method=1 url=2 body=3\)`
	data, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, bytes.NewReader(data))
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("unexpected status %s", resp.Status)
	}
	return nil
}

// Typed decodes into a fixed type.
func (c *Client) Typed(ctx context.Context, method, path string, in any, out *Config) error { // want Typed:`helper\(method=1 url=2 body=3 out=4\)`
	return c.Do(ctx, method, path, in, out)
}

// Decoding decodes into a value that unmarshals itself.
func (c *Client) Decoding(ctx context.Context, path string, out json.Unmarshaler) error { // want Decoding:`helper\(method="GET" url=1 out=2\)`
	return c.Do(ctx, http.MethodGet, path, nil, out)
}

// SendText sends the marshalled body as text.
func (c *Client) SendText(ctx context.Context, method, path string, in any) error { // want SendText:`helper\(method=1 url=2 body=3\)`
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, bytes.NewBufferString(string(b)))
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Encode sends in encoded by a json.Encoder.
func (c *Client) Encode(ctx context.Context, method, path string, in any) error { // want Encode:`helper\(method=1 url=2 body=3\)`
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(in); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, &buf)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// UnmarshalJSON makes *Config a json.Unmarshaler.
func (cfg *Config) UnmarshalJSON(data []byte) error {
	type plain Config
	return json.Unmarshal(data, (*plain)(cfg))
}

// Opaque builds its URL in a way the analyzer does not follow.
func (c *Client) Opaque(ctx context.Context, method, path string) error { // want Opaque:`helper\(method="GET" url=2 unfixable: Opaque builds its URL from path in a way the analyzer does not follow\)`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, join(c.BaseURL, path), nil)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Response returns the response to its caller.
func (c *Client) Response(ctx context.Context, path string) (*http.Response, error) { // want Response:`helper\(method="GET" url=1 response=0\)`
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.BaseURL+path, nil)
	if err != nil {
		return nil, err
	}
	return c.HTTP.Do(req)
}

// Call is written the way many clients write their one helper: the error
// body is read only for error statuses, and a nil out returns early.
func (c *Client) Call(ctx context.Context, method, path string, in, out any) error { // want Call:`helper\(method=1 url=2 body=3 out=4\)`
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, body)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		text, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, text)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// Exchange sends body and returns the response once it arrives.
func (c *Client) Exchange(ctx context.Context, method, path string, body io.Reader) (*http.Response, error) { // want Exchange:`helper\(method=1 url=2 body=3 response=0\)`
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// Item reads an item by ID: its URL can never be the old endpoint, so it
// is no helper of interest.
func (c *Client) Item(ctx context.Context, id string, out any) error {
	return c.Do(ctx, http.MethodGet, "/api/items/"+id, nil, out)
}

// Config is the account-wide configuration the old endpoint returns.
type Config struct {
	Twilio *Twilio `json:"twilio"`
}

// Twilio holds Twilio credentials.
type Twilio struct {
	AccountSID string `json:"accountSid"`
	AuthToken  string `json:"authToken"`
}

func join(base, path string) string { return base + path }
