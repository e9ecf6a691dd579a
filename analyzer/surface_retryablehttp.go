package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// retryableHTTP is the import path of HashiCorp's retrying HTTP client.
const retryableHTTP = "github.com/hashicorp/go-retryablehttp"

func init() { registerSurface(retryable{}, retryableHTTP) }

// retryable recognises requests built with retryablehttp.NewRequest and
// NewRequestWithContext and sent with (*retryablehttp.Client).Do, and the
// shorthand calls Get, Head and Post with their *Client methods. Responses
// are *http.Response values, handled as for net/http.
type retryable struct{}

func (retryable) recognize(c *checker, cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) (*request, bool) {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != retryableHTTP {
		return nil, false
	}
	if recv := fn.Signature().Recv(); recv != nil && !isNamedType(recv.Type(), retryableHTTP, "Client") {
		return nil, false
	}
	req := &request{call: call, cursor: cur, surface: SurfaceRetryable, bodyNilSafe: true}
	switch {
	case fn.Name() == "NewRequest" && len(call.Args) == 3:
		req.method, req.url, req.body = call.Args[0], call.Args[1], call.Args[2]
	case fn.Name() == "NewRequestWithContext" && len(call.Args) == 4:
		req.method, req.url, req.body = call.Args[1], call.Args[2], call.Args[3]
	case (fn.Name() == "Get" || fn.Name() == "Head") && len(call.Args) == 1:
		req.fixedMethod, req.url = shorthandMethods[fn.Name()], call.Args[0]
		req.response = func() (*responseUses, string) { return c.followResponse(c.resultVar(cur, "response")) }
		return req, true
	case fn.Name() == "Post" && len(call.Args) == 3:
		req.fixedMethod, req.url, req.body = "POST", call.Args[0], call.Args[2]
		req.bodyKind = retryableBodyKind(c.pass.TypesInfo.TypeOf(req.body))
		req.response = func() (*responseUses, string) { return c.followResponse(c.resultVar(cur, "response")) }
		return req, true
	default:
		return nil, false
	}
	req.bodyKind = retryableBodyKind(c.pass.TypesInfo.TypeOf(req.body))
	isSend := func(fn *types.Func) bool { return isMethod(fn, retryableHTTP, "Client", "Do") }
	req.response = func() (*responseUses, string) {
		return c.followResponse(c.sentResponse(cur, isSend, "(*retryablehttp.Client).Do"))
	}
	return req, true
}

// retryableBodyKind returns how retryablehttp sends a body of static type
// t: a []byte as it is, anything else as a reader. A string is no valid
// body there, and a reader kind makes the body model reject it.
func retryableBodyKind(t types.Type) bodyKind {
	if t != nil {
		if s, ok := t.Underlying().(*types.Slice); ok {
			if b, ok := s.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
				return bodyBytesKind
			}
		}
	}
	return bodyReaderKind
}
