package app

import (
	"context"
	"testing"

	"helpers/uvapi"
	"helpers/wrap"
)

// patchConfig is a helper of the tests alone.
func patchConfig(c *uvapi.Client, method, path string, in any) error { // want patchConfig:`helper\(method=1 url=2 body=3\)`
	return wrap.Call(context.Background(), c, method, path, in)
}

func TestSetPlivo(t *testing.T) {
	c := &uvapi.Client{}
	err := patchConfig(c, "PATCH", oldPath, map[string]any{"plivo": map[string]string{"authId": "MA1", "authToken": "t"}}) // want `use POST /api/telephony_configs/plivo`
	if err != nil {
		t.Fatal(err)
	}
	if err := wrap.Call(context.Background(), c, "PATCH", "/api/accounts/me/telephony_config/", map[string]any{"plivo": nil}); err != nil { // want `use DELETE /api/telephony_configs/plivo`
		t.Fatal(err)
	}
}
