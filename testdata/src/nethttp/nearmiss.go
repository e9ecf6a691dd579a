package nethttp

import (
	"log"
	"net/http"
)

// Paths that only look like the old endpoint are not reported, nor is the
// old path where no request is made with it: in this comment,
// /api/accounts/me/telephony_config, in log messages and in struct tags.

type taggedConfig struct {
	Path string `json:"path" doc:"/api/accounts/me/telephony_config"`
}

func nearMisses(c *http.Client, base string) {
	log.Printf("migrating off %s", "/api/accounts/me/telephony_config")
	for _, u := range []string{
		base + "/api/accounts/me/telephony_configs",
		base + "/api/accounts/me/telephony_config_v2",
		base + "/api/accounts/me/telephony",
		base + "/api/telephony_configs/twilio",
		base + "/api/v2/accounts/me/telephony_config",
	} {
		c.Get(u)
	}
	c.Get(base + "/api/accounts/me/telephony_configs")
	c.Get(base + "/api/accounts/me/telephony_config_v2")
	c.Get(base + "/api/accounts/me/telephony")
	c.Get(base + "/api/telephony_configs/twilio")
	c.Get(base + "/api/v2/accounts/me/telephony_config")
	c.Get(base + "/api/accounts/me/telephony_config/extra")

	// The old path in a query or fragment is not the path of the request.
	c.Get("https://api.ultravox.ai?next=/api/accounts/me/telephony_config")
	c.Get("https://api.ultravox.ai/login?next=/api/accounts/me/telephony_config")
	c.Get(base + "?next=" + base + "/api/accounts/me/telephony_config")
	c.Get("https://api.ultravox.ai#/api/accounts/me/telephony_config")
	c.Get(base + "/docs#" + base + "/accounts/me/telephony_config")
}
