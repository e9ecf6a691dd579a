package fakeultravox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits from the OpenAPI schemas of the three provider configurations.
const (
	maxAllowedAgentIDs   = 100
	maxApplicationSIDLen = 40
)

// Field names shared by the three provider schemas.
const (
	allowedAgentIDsField = "callCreationAllowedAgentIds"
	allowAllAgentsField  = "callCreationAllowAllAgents"
	contextMappingField  = "requestContextMapping"
)

// The known fields include the read-only prefix fields. Requests may send them,
// for example by echoing a response, and the server ignores them.
var (
	twilioFields = []string{
		allowedAgentIDsField, allowAllAgentsField, contextMappingField,
		"accountSid", "authToken", "authTokenPrefix",
	}
	telnyxFields = []string{
		allowedAgentIDsField, allowAllAgentsField, contextMappingField,
		"accountSid", "apiKey", "apiKeyPrefix", "publicKey", "publicKeyPrefix", "applicationSid",
	}
	plivoFields = []string{
		allowedAgentIDsField, allowAllAgentsField, contextMappingField,
		"authId", "authToken", "authTokenPrefix",
	}
)

// uuidPattern matches the hyphenated UUID form, in either case.
//
// NOTE: The real API may also accept other spellings that Python's uuid.UUID
// parses, such as 32 hex digits without hyphens. The fake rejects them.
var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// parseObject decodes a request body that must be exactly one JSON object.
func parseObject(body []byte) (map[string]json.RawMessage, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errors.New("request body is empty: send a JSON object")
	}

	decoder := json.NewDecoder(bytes.NewReader(body))
	var value json.RawMessage
	if err := decoder.Decode(&value); err != nil {
		return nil, fmt.Errorf("request body is not valid JSON: %v", err)
	}
	if err := decoder.Decode(&json.RawMessage{}); err != io.EOF {
		return nil, errors.New("request body is not valid JSON: it contains data after the first JSON value")
	}

	fields, ok := objectFields(value)
	if !ok {
		return nil, fmt.Errorf("request body must be a JSON object, got %s", jsonKind(value))
	}
	return fields, nil
}

// objectFields returns the members of value when value is a JSON object.
func objectFields(value json.RawMessage) (map[string]json.RawMessage, bool) {
	value = bytes.TrimSpace(value)
	if len(value) == 0 || value[0] != '{' {
		return nil, false
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(value, &fields); err != nil {
		return nil, false
	}
	return fields, true
}

// jsonKind names the JSON type of a syntactically valid value, for messages.
func jsonKind(value json.RawMessage) string {
	value = bytes.TrimSpace(value)
	if len(value) == 0 {
		return "nothing"
	}
	switch value[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

func isNull(value json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(value), []byte("null"))
}

// fieldReader decodes the members of one JSON object into a configuration. It
// keeps the first error and skips all later reads, so the error is the first
// problem in the schema's field order.
type fieldReader struct {
	// path is prepended to field names in messages: "" for a body that is the
	// configuration, "twilio." for one nested in the account-wide body.
	path   string
	fields map[string]json.RawMessage
	err    error
}

func (r *fieldReader) failf(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

// rejectUnknownFields fails on the first member, in sorted order, that is not in known.
func (r *fieldReader) rejectUnknownFields(known []string) {
	var unknown []string
	for name := range r.fields {
		if !slices.Contains(known, name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return
	}
	slices.Sort(unknown)
	r.failf("unknown field %q (valid fields: %s)", r.path+unknown[0], strings.Join(known, ", "))
}

// requireFields fails on the first name that is not a member of the object.
func (r *fieldReader) requireFields(names ...string) {
	for _, name := range names {
		if _, ok := r.fields[name]; !ok {
			r.failf("missing required field %q", r.path+name)
			return
		}
	}
}

// value returns the member called name. It returns false when the member is
// absent or an earlier read failed, and fails on null because no field of the
// provider schemas is nullable.
func (r *fieldReader) value(name string) (json.RawMessage, bool) {
	if r.err != nil {
		return nil, false
	}
	value, ok := r.fields[name]
	if !ok {
		return nil, false
	}
	if isNull(value) {
		r.failf("field %q must not be null", r.path+name)
		return nil, false
	}
	return value, true
}

// readString stores the member called name in dst when the member is present.
// Messages never quote the value, because it may be a secret.
func (r *fieldReader) readString(name string, dst *string) {
	value, ok := r.value(name)
	if !ok {
		return
	}
	var text string
	if err := json.Unmarshal(value, &text); err != nil {
		r.failf("field %q must be a string, got %s", r.path+name, jsonKind(value))
		return
	}
	*dst = text
}

func (r *fieldReader) readBool(name string, dst *bool) {
	value, ok := r.value(name)
	if !ok {
		return
	}
	var flag bool
	if err := json.Unmarshal(value, &flag); err != nil {
		r.failf("field %q must be a boolean, got %s", r.path+name, jsonKind(value))
		return
	}
	*dst = flag
}

func (r *fieldReader) readStringList(name string, dst *[]string) {
	value, ok := r.value(name)
	if !ok {
		return
	}
	var items []json.RawMessage
	if err := json.Unmarshal(value, &items); err != nil {
		r.failf("field %q must be an array of strings, got %s", r.path+name, jsonKind(value))
		return
	}
	list := make([]string, len(items))
	for i, item := range items {
		if isNull(item) || json.Unmarshal(item, &list[i]) != nil {
			r.failf("field %q must be a string, got %s", fmt.Sprintf("%s%s[%d]", r.path, name, i), jsonKind(item))
			return
		}
	}
	*dst = list
}

func (r *fieldReader) readStringMap(name string, dst *map[string]string) {
	value, ok := r.value(name)
	if !ok {
		return
	}
	var entries map[string]json.RawMessage
	if _, isObject := objectFields(value); !isObject || json.Unmarshal(value, &entries) != nil {
		r.failf("field %q must be an object with string values, got %s", r.path+name, jsonKind(value))
		return
	}

	// Sorted keys make the reported entry the same on every run.
	mapping := make(map[string]string, len(entries))
	for _, key := range slices.Sorted(maps.Keys(entries)) {
		var text string
		if isNull(entries[key]) || json.Unmarshal(entries[key], &text) != nil {
			r.failf("field %q must map %q to a string, got %s", r.path+name, key, jsonKind(entries[key]))
			return
		}
		mapping[key] = text
	}
	*dst = mapping
}

// readCallCreationFields reads the optional fields that all three provider
// schemas share.
func (r *fieldReader) readCallCreationFields(ids *[]string, allowAll *bool, mapping *map[string]string) {
	r.readStringList(allowedAgentIDsField, ids)
	r.readBool(allowAllAgentsField, allowAll)
	r.readStringMap(contextMappingField, mapping)
}

// validateCallCreation checks the shared optional fields of a configuration.
func validateCallCreation(path string, ids []string, allowAll bool) error {
	if len(ids) > maxAllowedAgentIDs {
		return fmt.Errorf("field %q must have at most %d items, got %d", path+allowedAgentIDsField, maxAllowedAgentIDs, len(ids))
	}
	for i, id := range ids {
		if !uuidPattern.MatchString(id) {
			return fmt.Errorf("field %q must be a UUID such as 123e4567-e89b-12d3-a456-426614174000", fmt.Sprintf("%s%s[%d]", path, allowedAgentIDsField, i))
		}
	}
	if allowAll && len(ids) > 0 {
		return fmt.Errorf("field %q must be empty when %q is true", path+allowedAgentIDsField, path+allowAllAgentsField)
	}
	return nil
}

// validateRequiredText checks a required string field. Blank means empty or
// only white space.
func validateRequiredText(path, name, value string) error {
	if strings.TrimSpace(value) == "" {
		return fmt.Errorf("field %q must not be blank", path+name)
	}
	return nil
}

func (c *TwilioConfig) readFields(r *fieldReader) {
	r.readCallCreationFields(&c.CallCreationAllowedAgentIDs, &c.CallCreationAllowAllAgents, &c.RequestContextMapping)
	r.readString("accountSid", &c.AccountSID)
	r.readString("authToken", &c.AuthToken)
}

func (c *TwilioConfig) fieldNames() (known, required []string) {
	return twilioFields, []string{"accountSid", "authToken"}
}

// validate checks the value rules of a complete configuration. Its messages
// prepend path to field names.
func (c *TwilioConfig) validate(path string) error {
	return firstError(
		validateCallCreation(path, c.CallCreationAllowedAgentIDs, c.CallCreationAllowAllAgents),
		validateRequiredText(path, "accountSid", c.AccountSID),
		validateRequiredText(path, "authToken", c.AuthToken),
	)
}

func (c *TelnyxConfig) readFields(r *fieldReader) {
	r.readCallCreationFields(&c.CallCreationAllowedAgentIDs, &c.CallCreationAllowAllAgents, &c.RequestContextMapping)
	r.readString("accountSid", &c.AccountSID)
	r.readString("apiKey", &c.APIKey)
	r.readString("publicKey", &c.PublicKey)
	r.readString("applicationSid", &c.ApplicationSID)
}

func (c *TelnyxConfig) fieldNames() (known, required []string) {
	return telnyxFields, []string{"accountSid", "apiKey", "publicKey", "applicationSid"}
}

func (c *TelnyxConfig) validate(path string) error {
	err := firstError(
		validateCallCreation(path, c.CallCreationAllowedAgentIDs, c.CallCreationAllowAllAgents),
		validateRequiredText(path, "accountSid", c.AccountSID),
		validateRequiredText(path, "apiKey", c.APIKey),
		validateRequiredText(path, "publicKey", c.PublicKey),
		validateRequiredText(path, "applicationSid", c.ApplicationSID),
	)
	if err != nil {
		return err
	}
	if length := utf8.RuneCountInString(c.ApplicationSID); length > maxApplicationSIDLen {
		return fmt.Errorf("field %q must have at most %d characters, got %d", path+"applicationSid", maxApplicationSIDLen, length)
	}
	return nil
}

func (c *PlivoConfig) readFields(r *fieldReader) {
	r.readCallCreationFields(&c.CallCreationAllowedAgentIDs, &c.CallCreationAllowAllAgents, &c.RequestContextMapping)
	r.readString("authId", &c.AuthID)
	r.readString("authToken", &c.AuthToken)
}

func (c *PlivoConfig) fieldNames() (known, required []string) {
	return plivoFields, []string{"authId", "authToken"}
}

func (c *PlivoConfig) validate(path string) error {
	return firstError(
		validateCallCreation(path, c.CallCreationAllowedAgentIDs, c.CallCreationAllowAllAgents),
		validateRequiredText(path, "authId", c.AuthID),
		validateRequiredText(path, "authToken", c.AuthToken),
	)
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
