package analyzer

import "testing"

func TestHasOldEndpointLiteral(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"old path", `package p; var u = "/api/accounts/me/telephony_config"`, true},
		{"old path with query", `package p; var u = "/api/accounts/me/telephony_config?x=1"`, true},
		{"last element of a join", "package p; var e = `telephony_config`", true},
		{"new path only", `package p; var u = "/api/telephony_configs/twilio"`, false},
		{"new path before old", `package p; var u = "telephony_configs telephony_config"`, true},
		{"longer identifier", `package p; var u = "telephony_config_id"`, false},
		{"comment only", "package p\n// was /api/accounts/me/telephony_config\n", false},
		{"unterminated file", `package p; func f() { g("/api/accounts/me/telephony_config"`, true},
		{"not Go", "\x00\xff telephony_config", false},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			if got := hasOldEndpointLiteral([]byte(test.src)); got != test.want {
				t.Errorf("hasOldEndpointLiteral(%q) = %v, want %v", test.src, got, test.want)
			}
		})
	}
}
