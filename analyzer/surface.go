package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// A request is a call that builds or sends an HTTP request, split by the
// surface that recognised it into method, URL and body.
type request struct {
	call   *ast.CallExpr
	cursor inspector.Cursor
	// method is the expression giving the method, or nil when the call
	// fixes it, as http.Get does; fixedMethod is then the method.
	method      ast.Expr
	fixedMethod string
	url         ast.Expr
	body        ast.Expr // nil when the call takes no body
	// httpName is the name under which the file refers to net/http at the
	// call, or "" when it does not.
	httpName string
	// response returns the variable holding the response, which is nil
	// when the response is discarded, or the reason it cannot be followed.
	response func() (*types.Var, string)
}

// A surface is an HTTP client API through which a request can be sent.
type surface interface {
	// recognize returns the request that call builds or sends, when fn,
	// its static callee, belongs to the surface.
	recognize(c *checker, cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) (*request, bool)
}

// surfaces lists the recognised surfaces. Each registers itself from the
// file that implements it.
var surfaces []surface

func registerSurface(s surface) { surfaces = append(surfaces, s) }
