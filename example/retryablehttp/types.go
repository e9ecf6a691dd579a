package main

// AccountTelephonyConfig is the body that GET and PATCH
// /api/accounts/me/telephony_config return. A nil field means that the
// provider has no configuration.
type AccountTelephonyConfig struct {
	Twilio *TwilioConfig `json:"twilio"`
	Telnyx *TelnyxConfig `json:"telnyx"`
	Plivo  *PlivoConfig  `json:"plivo"`
}

// patchRequest is a body of PATCH /api/accounts/me/telephony_config. A nil
// field leaves that provider's configuration unchanged.
type patchRequest struct {
	Twilio *TwilioConfig `json:"twilio,omitempty"`
	Telnyx *TelnyxConfig `json:"telnyx,omitempty"`
	Plivo  *PlivoConfig  `json:"plivo,omitempty"`
}

// KeyPrefix is the start of a secret, which responses return in place of
// the secret itself.
type KeyPrefix struct {
	Prefix string `json:"prefix"`
}

// TwilioConfig is a Twilio account's credentials. AuthToken is write-only,
// so a response carries AuthTokenPrefix instead.
type TwilioConfig struct {
	AccountSID                  string            `json:"accountSid"`
	AuthToken                   string            `json:"authToken,omitempty"`
	AuthTokenPrefix             *KeyPrefix        `json:"authTokenPrefix,omitempty"`
	CallCreationAllowedAgentIDs []string          `json:"callCreationAllowedAgentIds,omitempty"`
	CallCreationAllowAllAgents  bool              `json:"callCreationAllowAllAgents,omitempty"`
	RequestContextMapping       map[string]string `json:"requestContextMapping,omitempty"`
}

// TelnyxConfig is a Telnyx account's credentials. APIKey and PublicKey are
// write-only, so a response carries their prefixes instead.
type TelnyxConfig struct {
	AccountSID                  string            `json:"accountSid"`
	APIKey                      string            `json:"apiKey,omitempty"`
	APIKeyPrefix                *KeyPrefix        `json:"apiKeyPrefix,omitempty"`
	PublicKey                   string            `json:"publicKey,omitempty"`
	PublicKeyPrefix             *KeyPrefix        `json:"publicKeyPrefix,omitempty"`
	ApplicationSID              string            `json:"applicationSid"`
	CallCreationAllowedAgentIDs []string          `json:"callCreationAllowedAgentIds,omitempty"`
	CallCreationAllowAllAgents  bool              `json:"callCreationAllowAllAgents,omitempty"`
	RequestContextMapping       map[string]string `json:"requestContextMapping,omitempty"`
}

// PlivoConfig is a Plivo account's credentials. AuthToken is write-only, so
// a response carries AuthTokenPrefix instead.
type PlivoConfig struct {
	AuthID                      string            `json:"authId"`
	AuthToken                   string            `json:"authToken,omitempty"`
	AuthTokenPrefix             *KeyPrefix        `json:"authTokenPrefix,omitempty"`
	CallCreationAllowedAgentIDs []string          `json:"callCreationAllowedAgentIds,omitempty"`
	CallCreationAllowAllAgents  bool              `json:"callCreationAllowAllAgents,omitempty"`
	RequestContextMapping       map[string]string `json:"requestContextMapping,omitempty"`
}
