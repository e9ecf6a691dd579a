package fakeultravox

import (
	"encoding/json"
	"net/http"
)

// providerPathPrefix is the path of the per-provider endpoints without the
// provider name.
const providerPathPrefix = "/api/telephony_configs/"

var providerMethods = []string{http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodDelete}

// provider is the set of operations that both endpoints perform on one
// provider's configuration in a State.
type provider struct {
	// name is the path segment of the provider's endpoint and its key in the
	// account-wide body, such as "twilio".
	name string
	// title is the provider's name in messages, such as "Twilio".
	title string

	// render returns the response body for the stored configuration, or false
	// when the provider has none.
	render func(state *State) (body any, found bool)
	// decodeReplacement validates a complete configuration and returns the
	// function that stores it. Messages prepend path to field names.
	decodeReplacement func(fields map[string]json.RawMessage, path string) (store func(*State), err error)
	// patch merges the fields into the stored configuration. It returns false
	// when the provider has no configuration, and changes nothing on error.
	patch func(state *State, fields map[string]json.RawMessage) (found bool, err error)
	// remove deletes the stored configuration and returns false when there was none.
	remove func(state *State) (found bool)
}

// providers lists the providers in the property order of the account-wide schema.
var providers = []provider{
	newProvider("twilio", "Twilio",
		func(state *State) **TwilioConfig { return &state.Twilio },
		func(config *TwilioConfig) any { return config.view() }),
	newProvider("telnyx", "Telnyx",
		func(state *State) **TelnyxConfig { return &state.Telnyx },
		func(config *TelnyxConfig) any { return config.view() }),
	newProvider("plivo", "Plivo",
		func(state *State) **PlivoConfig { return &state.Plivo },
		func(config *PlivoConfig) any { return config.view() }),
}

func providerByName(name string) (provider, bool) {
	for _, p := range providers {
		if p.name == name {
			return p, true
		}
	}
	return provider{}, false
}

// configPointer is the set of methods that each *XxxConfig type has.
type configPointer[C any] interface {
	*C
	fieldNames() (known, required []string)
	readFields(reader *fieldReader)
	validate(path string) error
	normalized() *C
}

// newProvider builds the operations for the configuration that slot points to
// inside a State.
func newProvider[C any, P configPointer[C]](name, title string, slot func(*State) **C, view func(*C) any) provider {
	// decode reads fields over a copy of base and validates the result. A nil
	// base starts from the zero configuration, and then the required fields
	// must be present.
	decode := func(base *C, fields map[string]json.RawMessage, path string) (*C, error) {
		config := P(new(C))
		if base != nil {
			config = P(P(base).normalized())
		}
		known, required := config.fieldNames()

		reader := &fieldReader{path: path, fields: fields}
		reader.rejectUnknownFields(known)
		config.readFields(reader)
		if base == nil {
			reader.requireFields(required...)
		}
		if reader.err != nil {
			return nil, reader.err
		}

		if err := config.validate(path); err != nil {
			return nil, err
		}
		return config.normalized(), nil
	}

	return provider{
		name:  name,
		title: title,
		render: func(state *State) (any, bool) {
			config := *slot(state)
			if config == nil {
				return nil, false
			}
			return view(config), true
		},
		decodeReplacement: func(fields map[string]json.RawMessage, path string) (func(*State), error) {
			config, err := decode(nil, fields, path)
			if err != nil {
				return nil, err
			}
			return func(state *State) { *slot(state) = config }, nil
		},
		patch: func(state *State, fields map[string]json.RawMessage) (bool, error) {
			stored := *slot(state)
			if stored == nil {
				return false, nil
			}
			config, err := decode(stored, fields, "")
			if err != nil {
				return true, err
			}
			*slot(state) = config
			return true, nil
		},
		remove: func(state *State) bool {
			found := *slot(state) != nil
			*slot(state) = nil
			return found
		},
	}
}

// serveProvider handles a request to /api/telephony_configs/{provider}.
func (s *Server) serveProvider(p provider, r *http.Request, body []byte) response {
	switch r.Method {
	case http.MethodGet:
		if rejected := rejectBody(r, body); rejected != nil {
			return *rejected
		}
		view, found := p.render(&s.state)
		if !found {
			return providerNotFound(p)
		}
		return jsonResponse(http.StatusOK, view)

	case http.MethodPost:
		// POST replaces an existing configuration and returns 201 as for a new
		// one, so it has the effect of the deprecated PATCH with a full
		// configuration. The OpenAPI document does not say what the real API does.
		fields, rejected := decodeJSONBody(r, body)
		if rejected != nil {
			return *rejected
		}
		store, err := p.decodeReplacement(fields, "")
		if err != nil {
			return errorResponse(http.StatusBadRequest, "invalid %s configuration: %v", p.title, err)
		}
		store(&s.state)
		view, _ := p.render(&s.state)
		return jsonResponse(http.StatusCreated, view)

	case http.MethodPatch:
		fields, rejected := decodeJSONBody(r, body)
		if rejected != nil {
			return *rejected
		}
		found, err := p.patch(&s.state, fields)
		if !found {
			return providerNotFound(p)
		}
		if err != nil {
			return errorResponse(http.StatusBadRequest, "invalid %s configuration: %v", p.title, err)
		}
		view, _ := p.render(&s.state)
		return jsonResponse(http.StatusOK, view)

	case http.MethodDelete:
		if rejected := rejectBody(r, body); rejected != nil {
			return *rejected
		}
		// NOTE: the OpenAPI document lists only 204 for this operation. The
		// 404 for a provider without a configuration is a guess at the real API.
		if !p.remove(&s.state) {
			return providerNotFound(p)
		}
		return response{status: http.StatusNoContent}

	default:
		return methodNotAllowed(r, providerMethods)
	}
}

func providerNotFound(p provider) response {
	return errorResponse(http.StatusNotFound, "no %s configuration exists: create one with POST %s%s",
		p.title, providerPathPrefix, p.name)
}
