// Package synth writes Go packages with many requests to the deprecated
// telephony_config endpoint, for measuring the analyzer on large inputs.
//
// The output depends only on the arguments, so two runs with the same
// arguments write the same bytes.
package synth

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"text/template"
)

// Endpoint selects what the generated requests call.
type Endpoint int

const (
	// OldEndpoint sends every request to /api/accounts/me/telephony_config,
	// so each request is a call site that the analyzer reports.
	OldEndpoint Endpoint = iota
	// OtherEndpoint sends the same requests to /api/calls, which the
	// analyzer must not report. The package still imports net/http, so the
	// analyzer looks for helpers in it.
	OtherEndpoint
	// NoRequests writes only the ordinary functions, without net/http, so
	// the analyzer takes its fast path.
	NoRequests
)

// Package describes one generated package.
type Package struct {
	Name     string // package name, also the folder name
	Sites    int    // number of requests, one function each
	Endpoint Endpoint
	// SitesPerFile is the number of request functions in one file, or 0
	// for DefaultSitesPerFile.
	SitesPerFile int
}

// DefaultSitesPerFile is the number of request functions in one generated
// file unless Package.SitesPerFile sets another.
const DefaultSitesPerFile = 5

// Forms is the number of request shapes that the sites rotate through.
// Site i has shape i%Forms, so every package with at least Forms sites
// has each shape.
const Forms = 4

// WritePackage writes the package p into dir, which it creates. Requests
// go into sitesNNN.go, ordinary code into plainNNN.go and the JSON types
// and client into types.go.
func WritePackage(dir string, p Package) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if p.Endpoint != NoRequests {
		if err := writeSource(filepath.Join(dir, "types.go"), typesTemplate, p); err != nil {
			return err
		}
	}
	perFile := p.SitesPerFile
	if perFile <= 0 {
		perFile = DefaultSitesPerFile
	}
	for first := 0; first < p.Sites; first += perFile {
		last := min(first+perFile, p.Sites)
		indexes := make([]int, 0, last-first)
		for i := first; i < last; i++ {
			indexes = append(indexes, i)
		}
		number := first / perFile
		plain := fileData{Package: p.Name, Indexes: indexes}
		if err := writeSource(filepath.Join(dir, fmt.Sprintf("plain%03d.go", number)), plainTemplate, plain); err != nil {
			return err
		}
		if p.Endpoint == NoRequests {
			continue
		}
		sites := fileData{Package: p.Name, Indexes: indexes, Path: "/api/calls"}
		if p.Endpoint == OldEndpoint {
			sites.Path = "/api/accounts/me/telephony_config"
		}
		sites.Imports = siteImports(indexes)
		if err := writeSource(filepath.Join(dir, fmt.Sprintf("sites%03d.go", number)), sitesTemplate, sites); err != nil {
			return err
		}
	}
	return nil
}

// WriteModule writes a module with the given path into dir: a go.mod and
// packages folders p000, p001, … with sitesPerPackage requests to the old
// endpoint each.
func WriteModule(dir, modulePath string, packages, sitesPerPackage int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	goMod := fmt.Sprintf("module %s\n\ngo 1.26\n", modulePath)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
		return err
	}
	for i := range packages {
		name := fmt.Sprintf("p%03d", i)
		p := Package{Name: name, Sites: sitesPerPackage, Endpoint: OldEndpoint}
		if err := WritePackage(filepath.Join(dir, name), p); err != nil {
			return err
		}
	}
	return nil
}

// fileData is the input of one file template.
type fileData struct {
	Package string
	Indexes []int
	Imports []string
	Path    string // request path, without scheme and host
}

// formImports lists the imports that each request shape uses.
var formImports = [Forms][]string{
	{"bytes", "context", "encoding/json", "fmt", "net/http", "strings"},
	{"bytes", "context", "encoding/json", "fmt", "net/http", "strings"},
	{"context", "fmt", "net/http", "strings"},
	{"context", "encoding/json", "fmt", "net/http", "strings"},
}

// siteImports returns the sorted imports of a file with the given sites.
func siteImports(indexes []int) []string {
	var imports []string
	for _, i := range indexes {
		for _, imp := range formImports[i%Forms] {
			if !slices.Contains(imports, imp) {
				imports = append(imports, imp)
			}
		}
	}
	slices.Sort(imports)
	return imports
}

func writeSource(path string, tmpl *template.Template, data any) error {
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		return fmt.Errorf("generate %s: %w", path, err)
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return fmt.Errorf("format generated %s: %w", path, err)
	}
	return os.WriteFile(path, src, 0o644)
}

var funcs = template.FuncMap{
	"form": func(i int) int { return i % Forms },
}

var typesTemplate = template.Must(template.New("types").Parse(`// Code for benchmarks, written by bench/synth.

package {{.Name}}

import "net/http"

// Client calls the Ultravox REST API.
type Client struct {
	baseURL string
	apiKey  string
	http    *http.Client
}

// NewClient returns a client for the API at baseURL.
func NewClient(baseURL, apiKey string) *Client {
	return &Client{baseURL: baseURL, apiKey: apiKey, http: http.DefaultClient}
}

// AccountTelephonyConfig is the body of the account-wide endpoint.
type AccountTelephonyConfig struct {
	Twilio *TwilioConfig ` + "`json:\"twilio\"`" + `
	Telnyx *TelnyxConfig ` + "`json:\"telnyx\"`" + `
	Plivo  *PlivoConfig  ` + "`json:\"plivo\"`" + `
}

// patchRequest names only the providers that it sets.
type patchRequest struct {
	Twilio *TwilioConfig ` + "`json:\"twilio,omitempty\"`" + `
	Telnyx *TelnyxConfig ` + "`json:\"telnyx,omitempty\"`" + `
	Plivo  *PlivoConfig  ` + "`json:\"plivo,omitempty\"`" + `
}

// TwilioConfig is a Twilio account's credentials.
type TwilioConfig struct {
	AccountSID string ` + "`json:\"accountSid\"`" + `
	AuthToken  string ` + "`json:\"authToken,omitempty\"`" + `
}

// TelnyxConfig is a Telnyx account's credentials.
type TelnyxConfig struct {
	AccountSID string ` + "`json:\"accountSid\"`" + `
	APIKey     string ` + "`json:\"apiKey,omitempty\"`" + `
}

// PlivoConfig is a Plivo account's credentials.
type PlivoConfig struct {
	AuthID    string ` + "`json:\"authId\"`" + `
	AuthToken string ` + "`json:\"authToken,omitempty\"`" + `
}
`))

// sitesTemplate writes one function per index, in the shape index%Forms:
// a PATCH of Twilio with a map body, a PATCH of Telnyx with a struct body,
// a PATCH that deletes Plivo, and a GET that reads one Twilio field.
var sitesTemplate = template.Must(template.New("sites").Funcs(funcs).Parse(`// Code for benchmarks, written by bench/synth.

package {{.Package}}

import (
{{- range .Imports}}
	"{{.}}"
{{- end}}
)
{{range $i := .Indexes}}{{$f := form $i}}
{{- if eq $f 0}}
// SetTwilio{{$i}} stores Twilio credentials and returns the stored ones.
func (c *Client) SetTwilio{{$i}}(ctx context.Context, sid, token string) (*TwilioConfig, error) {
	body, err := json.Marshal(map[string]any{
		"twilio": map[string]any{"accountSid": sid, "authToken": token},
	})
	if err != nil {
		return nil, fmt.Errorf("encode twilio configuration: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, c.baseURL+"{{$.Path}}", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-API-Key", strings.TrimSpace(c.apiKey))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("set twilio configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("set twilio configuration: %s", resp.Status)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("decode twilio configuration: %w", err)
	}
	return out.Twilio, nil
}
{{else if eq $f 1}}
// SetTelnyx{{$i}} stores Telnyx credentials.
func (c *Client) SetTelnyx{{$i}}(ctx context.Context, sid, key string) error {
	body, err := json.Marshal(patchRequest{Telnyx: &TelnyxConfig{AccountSID: sid, APIKey: key}})
	if err != nil {
		return fmt.Errorf("encode telnyx configuration: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, "PATCH", fmt.Sprintf("%s{{$.Path}}", c.baseURL), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", strings.TrimSpace(c.apiKey))
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("set telnyx configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("set telnyx configuration: %s", resp.Status)
	}
	return nil
}
{{else if eq $f 2}}
// RemovePlivo{{$i}} deletes the Plivo credentials.
func (c *Client) RemovePlivo{{$i}}(ctx context.Context) error {
	endpoint := c.baseURL + "{{$.Path}}"
	req, err := http.NewRequestWithContext(ctx, http.MethodPatch, endpoint, strings.NewReader(` + "`" + `{"plivo": null}` + "`" + `))
	if err != nil {
		return err
	}
	req.Header.Set("X-API-Key", strings.TrimSpace(c.apiKey))
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("remove plivo configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("remove plivo configuration: %s", resp.Status)
	}
	return nil
}
{{else}}
// TwilioAccountSID{{$i}} returns the account SID of the Twilio credentials.
func (c *Client) TwilioAccountSID{{$i}}(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+"{{$.Path}}", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("X-API-Key", strings.TrimSpace(c.apiKey))
	resp, err := c.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("get twilio configuration: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("get twilio configuration: %s", resp.Status)
	}
	var out AccountTelephonyConfig
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", fmt.Errorf("decode twilio configuration: %w", err)
	}
	return out.Twilio.AccountSID, nil
}
{{end}}{{end}}`))

// plainTemplate writes, per index, two functions that neither send requests
// nor mention the endpoint: one handles strings, the other filters and
// sorts a slice of structs.
var plainTemplate = template.Must(template.New("plain").Parse(`// Code for benchmarks, written by bench/synth.

package {{.Package}}

import (
	"errors"
	"sort"
	"strings"
)
{{range $i := .Indexes}}
// normalizeNumber{{$i}} returns the digits of a phone number after a plus.
func normalizeNumber{{$i}}(s string) (string, error) {
	var b strings.Builder
	b.WriteByte('+')
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '+':
		default:
			return "", errors.New("invalid character in phone number " + s)
		}
	}
	if b.Len() < 4 {
		return "", errors.New("phone number too short: " + s)
	}
	return b.String(), nil
}

type agent{{$i}} struct {
	id       string
	priority int
	labels   map[string]string
}

// rankAgents{{$i}} orders agents by priority, then by id, and drops those
// without the given label.
func rankAgents{{$i}}(agents []agent{{$i}}, label string) []string {
	labeled := make([]agent{{$i}}, 0, len(agents))
	for _, a := range agents {
		if _, ok := a.labels[label]; ok {
			labeled = append(labeled, a)
		}
	}
	sort.Slice(labeled, func(x, y int) bool {
		if labeled[x].priority != labeled[y].priority {
			return labeled[x].priority > labeled[y].priority
		}
		return labeled[x].id < labeled[y].id
	})
	ids := make([]string, len(labeled))
	for k, a := range labeled {
		ids[k] = strings.ToLower(a.id)
	}
	return ids
}
{{end}}`))
