package nethttp

type TwilioConfig struct {
	AccountSid string `json:"accountSid"`
	AuthToken  string `json:"authToken,omitempty"`
}

type TelnyxConfig struct {
	AccountSid string `json:"accountSid"`
}

type PlivoConfig struct {
	AuthID string `json:"authId"`
}

type AccountTelephonyConfig struct {
	Twilio *TwilioConfig `json:"twilio"`
	Telnyx *TelnyxConfig `json:"telnyx"`
	Plivo  *PlivoConfig  `json:"plivo"`
}

type patchRequest struct {
	Twilio *TwilioConfig `json:"twilio,omitempty"`
	Telnyx *TelnyxConfig `json:"telnyx,omitempty"`
	Plivo  *PlivoConfig  `json:"plivo,omitempty"`
}

type valueRequest struct {
	Twilio TwilioConfig `json:"twilio"`
}
