// Package ultravoxpaths holds endpoint paths shared by other test packages.
package ultravoxpaths

const TelephonyConfig = "/api/accounts/me/telephony_config"
