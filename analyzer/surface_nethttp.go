package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

func init() { registerSurface(netHTTP{}, "net/http") }

// netHTTP recognises requests built with http.NewRequest and
// http.NewRequestWithContext and sent with (*http.Client).Do, and the
// shorthand calls http.Get, http.Head, http.Post and http.PostForm with
// their *http.Client methods.
type netHTTP struct{}

// shorthandMethods maps the net/http functions and *http.Client methods
// that send a request at once to the method they use.
var shorthandMethods = map[string]string{
	"Get":      "GET",
	"Head":     "HEAD",
	"Post":     "POST",
	"PostForm": "POST",
}

func (netHTTP) recognize(c *checker, cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) (*request, bool) {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "net/http" {
		return nil, false
	}
	req := &request{call: call, cursor: cur, surface: SurfaceNetHTTP, httpName: qualifier(call), bodyNilSafe: true}
	switch {
	case isFunc(fn, "net/http", "NewRequest") && len(call.Args) == 3:
		req.method, req.url, req.body = call.Args[0], call.Args[1], call.Args[2]
	case isFunc(fn, "net/http", "NewRequestWithContext") && len(call.Args) == 4:
		req.method, req.url, req.body = call.Args[1], call.Args[2], call.Args[3]
	default:
		method, ok := shorthandMethods[fn.Name()]
		if !ok || len(call.Args) == 0 || (fn.Signature().Recv() != nil && !isMethod(fn, "net/http", "Client", fn.Name())) {
			return nil, false
		}
		req.fixedMethod, req.url = method, call.Args[0]
		req.response = func() (*responseUses, string) { return c.followResponse(c.resultVar(cur, "response")) }
		return req, true
	}
	isSend := func(fn *types.Func) bool { return isMethod(fn, "net/http", "Client", "Do") }
	req.response = func() (*responseUses, string) {
		return c.followResponse(c.sentResponse(cur, isSend, "(*http.Client).Do"))
	}
	return req, true
}

// qualifier returns the package name a call's function is selected from.
func qualifier(call *ast.CallExpr) string {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if id, ok := sel.X.(*ast.Ident); ok {
			return id.Name
		}
	}
	return ""
}

// sentResponse follows the request that a NewRequest call at cur builds to
// the one call that sends it, a call of a function for which isSend
// returns true, named sendName in diagnostics. It returns the variable
// holding that call's response.
func (c *checker) sentResponse(cur inspector.Cursor, isSend func(*types.Func) bool, sendName string) (*types.Var, string) {
	req, reason := c.resultVar(cur, "request")
	if req == nil {
		if reason == "" {
			reason = "the request is not kept in a variable"
		}
		return nil, reason
	}
	if c.vars.writes[req] > 0 {
		return nil, fmt.Sprintf("the request variable %s is reassigned", req.Name())
	}
	var send inspector.Cursor
	for _, id := range c.vars.readsOf(req) {
		idCur, ok := c.cursorOf(id)
		if !ok {
			return nil, "the request cannot be followed"
		}
		parent := idCur.Parent()
		switch p := parent.Node().(type) {
		case *ast.SelectorExpr:
			continue // req.Header.Set and the like configure the request
		case *ast.CallExpr:
			if fn := c.calleeFunc(p); isSend(fn) && len(p.Args) == 1 && p.Args[0] == id {
				if send.Valid() {
					return nil, fmt.Sprintf("the request variable %s is sent more than once", req.Name())
				}
				send = parent
				continue
			}
			return nil, fmt.Sprintf("the request variable %s is passed to %s, which is not followed", req.Name(), callName(p))
		}
		return nil, fmt.Sprintf("the request variable %s is used in a way that is not followed", req.Name())
	}
	if !send.Valid() {
		return nil, fmt.Sprintf("the request variable %s is not sent with %s in the same function", req.Name(), sendName)
	}
	return c.resultVar(send, "response")
}

// callName returns a short name for the function a call invokes, for use
// in a diagnostic.
func callName(call *ast.CallExpr) string {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		return fun.Sel.Name
	}
	return "a function value"
}
