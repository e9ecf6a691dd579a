// Package broken does not type-check, so the report must list its error.
// It imports nothing, so that it loads quickly.
package broken

const oldPath = "/api/accounts/me/telephony_config"

func Path() string {
	return oldPath + undefinedArgument
}
