package fakeultravox

import (
	"encoding/json"
	"maps"
	"reflect"
	"strings"
)

// KeyPrefix is the read-only stand-in for a secret in API responses.
type KeyPrefix struct {
	Prefix string `json:"prefix"`
}

// TwilioConfig is a Twilio telephony configuration, schema TwilioConfig.
//
// AuthToken is write-only: the server stores it but never returns it. The
// server fills AuthTokenPrefix in responses only, so a TwilioConfig decoded from
// a response has a prefix and no token, and State never sets the prefix.
type TwilioConfig struct {
	CallCreationAllowedAgentIDs []string          `json:"callCreationAllowedAgentIds,omitempty"`
	CallCreationAllowAllAgents  bool              `json:"callCreationAllowAllAgents,omitempty"`
	RequestContextMapping       map[string]string `json:"requestContextMapping,omitempty"`
	AccountSID                  string            `json:"accountSid"`
	AuthToken                   string            `json:"authToken,omitempty"`
	AuthTokenPrefix             *KeyPrefix        `json:"authTokenPrefix,omitempty"`
}

// TelnyxConfig is a Telnyx telephony configuration, schema TelnyxConfig.
//
// APIKey and PublicKey are write-only: the server stores them but never returns
// them. The server fills APIKeyPrefix and PublicKeyPrefix in responses only.
type TelnyxConfig struct {
	CallCreationAllowedAgentIDs []string          `json:"callCreationAllowedAgentIds,omitempty"`
	CallCreationAllowAllAgents  bool              `json:"callCreationAllowAllAgents,omitempty"`
	RequestContextMapping       map[string]string `json:"requestContextMapping,omitempty"`
	AccountSID                  string            `json:"accountSid"`
	APIKey                      string            `json:"apiKey,omitempty"`
	APIKeyPrefix                *KeyPrefix        `json:"apiKeyPrefix,omitempty"`
	PublicKey                   string            `json:"publicKey,omitempty"`
	PublicKeyPrefix             *KeyPrefix        `json:"publicKeyPrefix,omitempty"`
	ApplicationSID              string            `json:"applicationSid"`
}

// PlivoConfig is a Plivo telephony configuration, schema PlivoConfig.
//
// AuthToken is write-only: the server stores it but never returns it. The
// server fills AuthTokenPrefix in responses only.
type PlivoConfig struct {
	CallCreationAllowedAgentIDs []string          `json:"callCreationAllowedAgentIds,omitempty"`
	CallCreationAllowAllAgents  bool              `json:"callCreationAllowAllAgents,omitempty"`
	RequestContextMapping       map[string]string `json:"requestContextMapping,omitempty"`
	AuthID                      string            `json:"authId"`
	AuthToken                   string            `json:"authToken,omitempty"`
	AuthTokenPrefix             *KeyPrefix        `json:"authTokenPrefix,omitempty"`
}

// State is the server's stored configuration of all three providers, secrets
// included. A nil pointer means that the provider has no configuration.
//
// State values that Server.State returns are normalized: empty lists and maps
// are nil, agent IDs are lower case and prefix fields are nil. Two such values
// can be compared with reflect.DeepEqual or Equal, and json.Marshal encodes
// them deterministically because struct fields keep their declared order and
// map keys are sorted.
type State struct {
	Twilio *TwilioConfig `json:"twilio"`
	Telnyx *TelnyxConfig `json:"telnyx"`
	Plivo  *PlivoConfig  `json:"plivo"`
}

// Equal reports whether s and other store the same configurations. It treats
// nil and empty lists and maps as equal, compares agent IDs regardless of case,
// and ignores the read-only prefix fields, because the server derives those
// from the secrets.
func (s State) Equal(other State) bool {
	return reflect.DeepEqual(s.normalized(), other.normalized())
}

// JSON encodes s as indented JSON with a trailing newline, for golden files and
// failure messages. It includes the secrets.
func (s State) JSON() []byte {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		// Every field is a string, bool, slice or map of strings, so encoding cannot fail.
		panic("fakeultravox: encoding State: " + err.Error())
	}
	return append(data, '\n')
}

// normalized returns a deep copy of s in the form that Server.State returns.
func (s State) normalized() State {
	return State{
		Twilio: s.Twilio.normalized(),
		Telnyx: s.Telnyx.normalized(),
		Plivo:  s.Plivo.normalized(),
	}
}

func (c *TwilioConfig) normalized() *TwilioConfig {
	if c == nil {
		return nil
	}
	return &TwilioConfig{
		CallCreationAllowedAgentIDs: normalizeAgentIDs(c.CallCreationAllowedAgentIDs),
		CallCreationAllowAllAgents:  c.CallCreationAllowAllAgents,
		RequestContextMapping:       cloneMapping(c.RequestContextMapping),
		AccountSID:                  c.AccountSID,
		AuthToken:                   c.AuthToken,
	}
}

func (c *TelnyxConfig) normalized() *TelnyxConfig {
	if c == nil {
		return nil
	}
	return &TelnyxConfig{
		CallCreationAllowedAgentIDs: normalizeAgentIDs(c.CallCreationAllowedAgentIDs),
		CallCreationAllowAllAgents:  c.CallCreationAllowAllAgents,
		RequestContextMapping:       cloneMapping(c.RequestContextMapping),
		AccountSID:                  c.AccountSID,
		APIKey:                      c.APIKey,
		PublicKey:                   c.PublicKey,
		ApplicationSID:              c.ApplicationSID,
	}
}

func (c *PlivoConfig) normalized() *PlivoConfig {
	if c == nil {
		return nil
	}
	return &PlivoConfig{
		CallCreationAllowedAgentIDs: normalizeAgentIDs(c.CallCreationAllowedAgentIDs),
		CallCreationAllowAllAgents:  c.CallCreationAllowAllAgents,
		RequestContextMapping:       cloneMapping(c.RequestContextMapping),
		AuthID:                      c.AuthID,
		AuthToken:                   c.AuthToken,
	}
}

// normalizeAgentIDs returns a lower-case copy of ids, or nil when ids is empty.
// Agent IDs have the UUID format, in which case carries no meaning.
func normalizeAgentIDs(ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	lowered := make([]string, len(ids))
	for i, id := range ids {
		lowered[i] = strings.ToLower(id)
	}
	return lowered
}

// cloneMapping returns a copy of mapping, or nil when mapping is empty.
func cloneMapping(mapping map[string]string) map[string]string {
	if len(mapping) == 0 {
		return nil
	}
	return maps.Clone(mapping)
}
