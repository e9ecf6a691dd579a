package analyzer

import "strings"

// The deprecated account-wide endpoint, as a full path and as the suffix
// that follows a base URL ending in /api.
const (
	oldPath   = "/api/accounts/me/telephony_config"
	oldSuffix = "accounts/me/telephony_config"
)

// provider is a telephony provider with its own configuration endpoint.
type provider int

const (
	twilio provider = iota
	telnyx
	plivo
)

var providers = [...]provider{twilio, telnyx, plivo}

// String returns the provider's JSON key, which is also the last segment of
// its endpoint path.
func (p provider) String() string {
	switch p {
	case twilio:
		return "twilio"
	case telnyx:
		return "telnyx"
	case plivo:
		return "plivo"
	}
	return "unknown"
}

// providerByKey returns the provider whose JSON key is key.
func providerByKey(key string) (provider, bool) {
	for _, p := range providers {
		if p.String() == key {
			return p, true
		}
	}
	return 0, false
}

// path returns the provider's endpoint path, for example
// /api/telephony_configs/twilio.
func (p provider) path() string { return "/api/" + p.suffix() }

// suffix returns the provider's endpoint path after /api/.
func (p provider) suffix() string { return "telephony_configs/" + p.String() }

// providerSet is a set of providers kept in body or read order.
type providerSet []provider

func (s providerSet) contains(p provider) bool {
	for _, q := range s {
		if q == p {
			return true
		}
	}
	return false
}

func (s providerSet) add(p provider) providerSet {
	if s.contains(p) {
		return s
	}
	return append(s, p)
}

// String lists the providers in English, as in "twilio and telnyx".
func (s providerSet) String() string {
	names := make([]string, len(s))
	for i, p := range s {
		names[i] = p.String()
	}
	return joinEnglish(names, "and")
}

// joinEnglish joins words as an English list with the given conjunction.
func joinEnglish(words []string, conjunction string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conjunction + " " + words[len(words)-1]
}

// anyProviderPaths lists the three replacement paths, for diagnostics where
// the provider is unknown.
func anyProviderPaths() string {
	paths := make([]string, len(providers))
	for i, p := range providers {
		paths[i] = p.path()
	}
	return joinEnglish(paths, "or")
}

// names returns the providers' names, or nil for an empty set.
func (s providerSet) names() []string {
	var names []string
	for _, p := range s {
		names = append(names, p.String())
	}
	return names
}
