package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// helperCalls recognises calls of the project's own helpers: functions and
// methods, in this package or another, that carry a helperFact. It is not
// registered with the other surfaces because it must come after them.
type helperCalls struct{}

func (helperCalls) recognize(c *checker, cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) (*request, bool) {
	if fn == nil || call.Ellipsis.IsValid() {
		return nil, false
	}
	fact := c.helperFactOf(fn)
	if fact == nil || fact.URL >= len(call.Args) {
		return nil, false
	}
	req := &request{
		call:       call,
		cursor:     cur,
		surface:    SurfaceHelper,
		url:        call.Args[fact.URL],
		urlBefore:  fact.URLBefore,
		urlAfter:   fact.URLAfter,
		bodyReason: fact.BodyReason,
		reason:     fact.Reason,
	}
	switch {
	case fact.Method >= 0:
		req.method = call.Args[fact.Method]
	case fact.FixedMethod != "":
		req.fixedMethod = fact.FixedMethod
	case req.reason == "":
		req.reason = fmt.Sprintf("the method %s sends is unknown", fn.Name())
	}
	if fact.Body >= 0 {
		req.body, req.bodyKind, req.bodyNilSafe = call.Args[fact.Body], fact.BodyKind, fact.BodyNilSafe
	}
	req.response = func() (*responseUses, string) {
		if fact.ResponseReason != "" {
			return nil, fact.ResponseReason
		}
		uses := &responseUses{}
		if fact.Response >= 0 {
			var reason string
			uses, reason = c.followResponse(c.resultVar(cur, "response"))
			if reason != "" {
				return nil, reason
			}
		}
		uses.rejects = fact.rejectsMap()
		if fact.Out < 0 || isNil(c.pass.TypesInfo, call.Args[fact.Out]) {
			return uses, ""
		}
		target := call.Args[fact.Out]
		site := decodeSite{call: call, target: target, cursor: cur, nilSafe: fact.OutNilSafe, calleeName: fn.Name()}
		site.param = paramType(c, call, target)
		if site.param == nil {
			site.param = types.Typ[types.Invalid] // no provider field fits a variadic parameter
		}
		site.drop = func() ([]analysis.TextEdit, string) {
			if !fact.OutNilSafe {
				return nil, fmt.Sprintf("%s decodes the response even when it is given nil, but the DELETE replacement has no response body", fn.Name())
			}
			return []analysis.TextEdit{{Pos: target.Pos(), End: target.End(), NewText: []byte("nil")}}, ""
		}
		uses.decodes = append(uses.decodes, site)
		return uses, ""
	}
	return req, true
}
