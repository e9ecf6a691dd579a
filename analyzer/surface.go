package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// A request is a call that builds or sends an HTTP request, split by the
// surface that recognised it into method, URL and body.
type request struct {
	call   *ast.CallExpr
	cursor inspector.Cursor
	// surface names the client API of the call, such as net/http.
	surface string
	// method is the expression giving the method, or nil when the call
	// fixes it, as http.Get does; fixedMethod is then the method.
	method      ast.Expr
	fixedMethod string
	url         ast.Expr
	// urlBefore and urlAfter are text that the callee puts around url,
	// such as the base URL a helper prepends, with dynamicText standing for
	// each part whose text is not known.
	urlBefore, urlAfter string
	body                ast.Expr // nil when the call takes no body
	bodyKind            bodyKind
	// bodyReason, when not empty, is the reason the body is unknown.
	bodyReason string
	// bodyNilSafe reports that a nil body sends a request without a body.
	bodyNilSafe bool
	// httpName is the name under which the file refers to net/http at the
	// call, or "" when it does not.
	httpName string
	// response returns how the code uses the response, or the reason it
	// cannot be followed.
	response func() (*responseUses, string)
	// setMethod returns the edits that make the request use another
	// method, or nil to edit the method expression.
	setMethod func(method string) ([]analysis.TextEdit, string)
	// dropBody returns the edits that make the request send no body, or
	// nil to replace the body expression with nil.
	dropBody func() ([]analysis.TextEdit, string)
	// reason, when not empty, is the reason no call of this kind can be fixed.
	reason string
}

// bodyKind is the way a request's body expression becomes the bytes sent.
type bodyKind int

const (
	bodyReaderKind bodyKind = iota // an io.Reader whose bytes are sent
	bodyValueKind                  // a Go value marshalled as JSON
	bodyBytesKind                  // a []byte sent as it is
	bodyTextKind                   // a string sent as it is
)

// A surface is an HTTP client API through which a request can be sent.
type surface interface {
	// recognize returns the request that call builds or sends, when fn,
	// its static callee, belongs to the surface.
	recognize(c *checker, cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) (*request, bool)
}

// surfaces lists the recognised surfaces. Each registers itself from the
// file that implements it, with the import paths of its packages.
var surfaces []surface

// surfacePackages holds the import paths of the surfaces' packages.
var surfacePackages = make(map[string]bool)

func registerSurface(s surface, packages ...string) {
	surfaces = append(surfaces, s)
	for _, path := range packages {
		surfacePackages[path] = true
	}
}

// responseUses returns how the code uses the request's response, or the
// reason it cannot be followed.
func (req *request) responseUses() (*responseUses, string) {
	if req.response == nil {
		return nil, "the response cannot be followed"
	}
	return req.response()
}

// isSurfacePackage reports whether path is the package of a surface or
// one inside its module, such as a library's internal package.
func isSurfacePackage(path string) bool {
	for prefix := range surfacePackages {
		if path == prefix || strings.HasPrefix(path, prefix+"/") {
			return true
		}
	}
	return false
}

// recognize returns the request that the call at cur builds or sends
// through any surface. The client libraries come before the project's
// helpers, so that a library's own methods are never taken for helpers.
func (c *checker) recognize(cur inspector.Cursor) (*request, bool) {
	call := cur.Node().(*ast.CallExpr)
	fn := c.calleeFunc(call)
	for _, s := range surfaces {
		if req, ok := s.recognize(c, cur, call, fn); ok {
			return req, true
		}
	}
	return helperCalls{}.recognize(c, cur, call, fn)
}
