package fakeultravox

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// maxBodyBytes is the largest request body that the server reads. A larger
// body gets 413, and the log stores only its first maxBodyBytes bytes.
const maxBodyBytes = 1 << 20

// apiKeyHeader is the request header that carries the API key.
const apiKeyHeader = "X-API-Key"

// Server is an in-memory fake of the Ultravox telephony configuration API. It
// is safe for concurrent use.
type Server struct {
	apiKey     string
	handler    http.Handler
	httpServer *httptest.Server

	// mu guards state and requests. The server handles one request at a time
	// while holding it, so the log order is the order of the state changes.
	mu       sync.Mutex
	state    State
	requests []Request
}

// Request is one entry of the server's request log.
type Request struct {
	Method string
	// Path is the URL path as the client sent it, including any trailing
	// slash, without the query.
	Path string
	// RawQuery is the encoded query without the "?".
	RawQuery string
	// Body is the request body, or nil when it was empty. A body larger than
	// 1 MiB is cut to its first 1 MiB.
	Body []byte
	// Status is the status code of the response.
	Status int
}

// NewServer starts a fake on a loopback httptest.Server that accepts apiKey in
// the X-API-Key header. Call Close when done. NewServer panics if apiKey is
// empty, because then a client that never sets the header would pass.
func NewServer(apiKey string) *Server {
	if apiKey == "" {
		panic("fakeultravox: NewServer needs a non-empty API key")
	}
	s := &Server{apiKey: apiKey}
	s.handler = http.HandlerFunc(s.serveHTTP)
	s.httpServer = httptest.NewServer(s.handler)
	return s
}

// NewTestServer starts a fake like NewServer and registers its Close with
// t.Cleanup. A *testing.T or *testing.B can be passed as t.
func NewTestServer(t interface{ Cleanup(func()) }, apiKey string) *Server {
	s := NewServer(apiKey)
	t.Cleanup(s.Close)
	return s
}

// URL returns the base URL of the server, such as http://127.0.0.1:40123,
// without a trailing slash or the /api path.
func (s *Server) URL() string {
	return s.httpServer.URL
}

// Close shuts down the listener and blocks until all requests have finished.
// Handler keeps working after Close.
func (s *Server) Close() {
	s.httpServer.Close()
}

// Handler returns the handler that the listener serves. Requests sent to it
// directly share the state and the log with requests sent over the network.
func (s *Server) Handler() http.Handler {
	return s.handler
}

// Requests returns a copy of the request log in the order in which the server
// handled the requests.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()

	log := make([]Request, len(s.requests))
	for i, request := range s.requests {
		request.Body = bytes.Clone(request.Body)
		log[i] = request
	}
	return log
}

// State returns a normalized deep copy of the stored configurations, secrets
// included.
func (s *Server) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.normalized()
}

// SetState replaces the stored configurations with a deep copy of state. It
// panics if a configuration breaks a rule that a request would be rejected
// for, such as a blank required field, so a test cannot seed a state that no
// request could have produced. Prefix fields are ignored.
func (s *Server) SetState(state State) {
	if err := state.validate(); err != nil {
		panic("fakeultravox: SetState: " + err.Error())
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = state.normalized()
}

func (s State) validate() error {
	if s.Twilio != nil {
		if err := s.Twilio.validate("twilio."); err != nil {
			return err
		}
	}
	if s.Telnyx != nil {
		if err := s.Telnyx.validate("telnyx."); err != nil {
			return err
		}
	}
	if s.Plivo != nil {
		if err := s.Plivo.validate("plivo."); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, readErr := readBody(r)

	s.mu.Lock()
	resp := s.respond(r, body, readErr)
	s.requests = append(s.requests, Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Body:     body,
		Status:   resp.status,
	})
	s.mu.Unlock()

	resp.write(w)
}

var errBodyTooLarge = fmt.Errorf("request body is larger than %d bytes", maxBodyBytes)

// readBody reads at most maxBodyBytes of the request body and returns nil for
// an empty one.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if len(body) == 0 {
		body = nil
	}
	if err != nil {
		return body, fmt.Errorf("failed to read request body: %w", err)
	}
	if len(body) > maxBodyBytes {
		return body[:maxBodyBytes], errBodyTooLarge
	}
	return body, nil
}

// respond checks the API key, the body size and the path, in this order, and
// passes the request to its endpoint, which checks the method and the body. It
// runs with s.mu held.
func (s *Server) respond(r *http.Request, body []byte, readErr error) response {
	if rejected := s.authenticate(r); rejected != nil {
		return *rejected
	}

	if errors.Is(readErr, errBodyTooLarge) {
		return errorResponse(http.StatusRequestEntityTooLarge, "%v", readErr)
	}
	if readErr != nil {
		return errorResponse(http.StatusBadRequest, "%v", readErr)
	}

	// One trailing slash is accepted, so /api/telephony_configs/twilio/ is the
	// same endpoint as /api/telephony_configs/twilio.
	path := r.URL.Path
	if len(path) > 1 {
		path = strings.TrimSuffix(path, "/")
	}

	if path == accountPath {
		return s.serveAccount(r, body)
	}
	if name, ok := strings.CutPrefix(path, providerPathPrefix); ok {
		if p, ok := providerByName(name); ok {
			return s.serveProvider(p, r, body)
		}
	}
	return errorResponse(http.StatusNotFound, "no endpoint at %q: the fake serves %s and %s{twilio,telnyx,plivo}",
		r.URL.Path, accountPath, providerPathPrefix)
}

// authenticate returns a 401 response unless the request carries the
// server's API key. It compares in constant time, as code that checks secrets should.
func (s *Server) authenticate(r *http.Request) *response {
	key := r.Header.Get(apiKeyHeader)
	if key == "" {
		rejected := errorResponse(http.StatusUnauthorized, "missing %s header: send the API key that the fake server was created with", apiKeyHeader)
		return &rejected
	}
	if subtle.ConstantTimeCompare([]byte(key), []byte(s.apiKey)) != 1 {
		rejected := errorResponse(http.StatusUnauthorized, "invalid API key in the %s header", apiKeyHeader)
		return &rejected
	}
	return nil
}

// rejectBody returns a 400 response when a GET or DELETE request has a body, so
// that a client that still sends a body where none belongs fails in tests.
func rejectBody(r *http.Request, body []byte) *response {
	if len(body) == 0 {
		return nil
	}
	rejected := errorResponse(http.StatusBadRequest, "a %s request must not have a body, got %d bytes", r.Method, len(body))
	return &rejected
}

// decodeJSONBody checks that a POST or PATCH request declares a JSON body and
// parses it as one JSON object. It returns a 415 or 400 response otherwise.
func decodeJSONBody(r *http.Request, body []byte) (map[string]json.RawMessage, *response) {
	contentType := r.Header.Get("Content-Type")
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil || mediaType != "application/json" {
		rejected := errorResponse(http.StatusUnsupportedMediaType, "Content-Type must be application/json, got %q", contentType)
		return nil, &rejected
	}

	fields, err := parseObject(body)
	if err != nil {
		rejected := errorResponse(http.StatusBadRequest, "%v", err)
		return nil, &rejected
	}
	return fields, nil
}

func methodNotAllowed(r *http.Request, allowed []string) response {
	allow := strings.Join(allowed, ", ")
	rejected := errorResponse(http.StatusMethodNotAllowed, "method %s is not allowed on %s (allowed: %s)", r.Method, r.URL.Path, allow)
	rejected.allow = allow
	return rejected
}

// response is a response that the server has decided on but not yet written.
type response struct {
	status int
	// body is JSON, or nil for 204.
	body []byte
	// allow is the value of the Allow header, set on 405 only.
	allow string
}

func jsonResponse(status int, value any) response {
	body, err := json.Marshal(value)
	if err != nil {
		// The response types contain only strings, bools, structs, and slices and maps of strings.
		panic("fakeultravox: encoding response: " + err.Error())
	}
	return response{status: status, body: body}
}

// errorResponse builds a response with the body {"detail": message}.
func errorResponse(status int, format string, args ...any) response {
	return jsonResponse(status, struct {
		Detail string `json:"detail"`
	}{fmt.Sprintf(format, args...)})
}

func (resp response) write(w http.ResponseWriter) {
	if resp.allow != "" {
		w.Header().Set("Allow", resp.allow)
	}
	if resp.body == nil {
		w.WriteHeader(resp.status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(resp.status)
	w.Write(resp.body)
}
