package fakeultravox

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// accountPath is the deprecated endpoint that reads and changes the
// configurations of all providers in one body.
const accountPath = "/api/accounts/me/telephony_config"

var accountMethods = []string{http.MethodGet, http.MethodPatch}

// serveAccount handles a request to the deprecated account-wide endpoint.
func (s *Server) serveAccount(r *http.Request, body []byte) response {
	switch r.Method {
	case http.MethodGet:
		if rejected := rejectBody(r, body); rejected != nil {
			return *rejected
		}
		return jsonResponse(http.StatusOK, s.state.view())

	case http.MethodPatch:
		fields, rejected := decodeJSONBody(r, body)
		if rejected != nil {
			return *rejected
		}
		changes, err := decodeAccountPatch(fields)
		if err != nil {
			return errorResponse(http.StatusBadRequest, "invalid account telephony configuration: %v", err)
		}
		for _, change := range changes {
			change(&s.state)
		}
		return jsonResponse(http.StatusOK, s.state.view())

	default:
		return methodNotAllowed(r, accountMethods)
	}
}

// decodeAccountPatch validates a whole PatchedAccountTelephonyConfig body and
// returns one change per provider key in it. A configuration object replaces
// the stored one and null removes it. Validating everything before the first
// change means that a rejected body leaves the state as it was.
func decodeAccountPatch(fields map[string]json.RawMessage) ([]func(*State), error) {
	names := make([]string, len(providers))
	for i, p := range providers {
		names[i] = p.name
	}
	reader := &fieldReader{fields: fields}
	reader.rejectUnknownFields(names)
	if reader.err != nil {
		return nil, reader.err
	}

	var changes []func(*State)
	for _, p := range providers {
		value, present := fields[p.name]
		if !present {
			continue
		}

		if isNull(value) {
			changes = append(changes, func(state *State) { p.remove(state) })
			continue
		}

		object, isObject := objectFields(value)
		if !isObject {
			return nil, fmt.Errorf("field %q must be a %s configuration object or null, got %s", p.name, p.title, jsonKind(value))
		}
		store, err := p.decodeReplacement(object, p.name+".")
		if err != nil {
			return nil, err
		}
		changes = append(changes, store)
	}
	return changes, nil
}
