package wrap // want package:"declares helpers"

import (
	"context"

	"helpers/uvapi"
)

// Call wraps a helper of another package, as a service layer would.
func Call(ctx context.Context, c *uvapi.Client, method, path string, in any) error { // want Call:`helper\(method=2 url=3 body=4\)`
	return c.Send(ctx, method, path, in, nil)
}
