package fakeultravox

// The view types are the response bodies for stored configurations. Their
// fields follow the property order of the OpenAPI schemas, leave out the
// write-only secrets and always include the optional fields, with [] and {}
// for empty lists and maps.

type twilioView struct {
	CallCreationAllowedAgentIDs []string          `json:"callCreationAllowedAgentIds"`
	CallCreationAllowAllAgents  bool              `json:"callCreationAllowAllAgents"`
	RequestContextMapping       map[string]string `json:"requestContextMapping"`
	AccountSID                  string            `json:"accountSid"`
	AuthTokenPrefix             KeyPrefix         `json:"authTokenPrefix"`
}

type telnyxView struct {
	CallCreationAllowedAgentIDs []string          `json:"callCreationAllowedAgentIds"`
	CallCreationAllowAllAgents  bool              `json:"callCreationAllowAllAgents"`
	RequestContextMapping       map[string]string `json:"requestContextMapping"`
	AccountSID                  string            `json:"accountSid"`
	APIKeyPrefix                KeyPrefix         `json:"apiKeyPrefix"`
	PublicKeyPrefix             KeyPrefix         `json:"publicKeyPrefix"`
	ApplicationSID              string            `json:"applicationSid"`
}

type plivoView struct {
	CallCreationAllowedAgentIDs []string          `json:"callCreationAllowedAgentIds"`
	CallCreationAllowAllAgents  bool              `json:"callCreationAllowAllAgents"`
	RequestContextMapping       map[string]string `json:"requestContextMapping"`
	AuthID                      string            `json:"authId"`
	AuthTokenPrefix             KeyPrefix         `json:"authTokenPrefix"`
}

// accountView is the body of both operations on the deprecated account-wide
// endpoint. A provider without a configuration is encoded as null.
type accountView struct {
	Twilio *twilioView `json:"twilio"`
	Telnyx *telnyxView `json:"telnyx"`
	Plivo  *plivoView  `json:"plivo"`
}

func (c *TwilioConfig) view() *twilioView {
	if c == nil {
		return nil
	}
	return &twilioView{
		CallCreationAllowedAgentIDs: nonNilList(c.CallCreationAllowedAgentIDs),
		CallCreationAllowAllAgents:  c.CallCreationAllowAllAgents,
		RequestContextMapping:       nonNilMapping(c.RequestContextMapping),
		AccountSID:                  c.AccountSID,
		AuthTokenPrefix:             secretPrefix(c.AuthToken),
	}
}

func (c *TelnyxConfig) view() *telnyxView {
	if c == nil {
		return nil
	}
	return &telnyxView{
		CallCreationAllowedAgentIDs: nonNilList(c.CallCreationAllowedAgentIDs),
		CallCreationAllowAllAgents:  c.CallCreationAllowAllAgents,
		RequestContextMapping:       nonNilMapping(c.RequestContextMapping),
		AccountSID:                  c.AccountSID,
		APIKeyPrefix:                secretPrefix(c.APIKey),
		PublicKeyPrefix:             secretPrefix(c.PublicKey),
		ApplicationSID:              c.ApplicationSID,
	}
}

func (c *PlivoConfig) view() *plivoView {
	if c == nil {
		return nil
	}
	return &plivoView{
		CallCreationAllowedAgentIDs: nonNilList(c.CallCreationAllowedAgentIDs),
		CallCreationAllowAllAgents:  c.CallCreationAllowAllAgents,
		RequestContextMapping:       nonNilMapping(c.RequestContextMapping),
		AuthID:                      c.AuthID,
		AuthTokenPrefix:             secretPrefix(c.AuthToken),
	}
}

func (s *State) view() accountView {
	return accountView{
		Twilio: s.Twilio.view(),
		Telnyx: s.Telnyx.view(),
		Plivo:  s.Plivo.view(),
	}
}

// maxPrefixLength is the maximum number of characters of a secret that a
// response shows.
const maxPrefixLength = 4

// secretPrefix returns the first characters of secret: at most maxPrefixLength
// and at most half of the secret, so a response never contains a whole secret.
//
// NOTE: The OpenAPI schema does not say how long the real API's prefixes are.
// Clients should only display them.
func secretPrefix(secret string) KeyPrefix {
	characters := []rune(secret)
	length := min(maxPrefixLength, len(characters)/2)
	return KeyPrefix{Prefix: string(characters[:length])}
}

func nonNilList(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func nonNilMapping(mapping map[string]string) map[string]string {
	if mapping == nil {
		return map[string]string{}
	}
	return mapping
}
