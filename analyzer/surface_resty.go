package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Import paths of resty v2 and v3. Both versions have the same request
// chain: client.R().SetBody(b).SetResult(&out).Patch(url).
const (
	restyV2 = "github.com/go-resty/resty/v2"
	restyV3 = "resty.dev/v3"
)

func init() { registerSurface(resty{}, restyV2, restyV3) }

// resty recognises requests sent with a resty request chain that starts at
// (*resty.Client).R or NewRequest and ends in a method call such as Patch,
// or in Execute(method, url).
type resty struct{}

// restyMethods maps the *resty.Request methods that send a request to the
// method they use.
var restyMethods = map[string]string{
	"Get":     "GET",
	"Head":    "HEAD",
	"Post":    "POST",
	"Put":     "PUT",
	"Patch":   "PATCH",
	"Delete":  "DELETE",
	"Options": "OPTIONS",
}

// restyNames maps a method to the *resty.Request method that sends it.
var restyNames = map[string]string{"GET": "Get", "POST": "Post", "PATCH": "Patch", "DELETE": "Delete"}

// restyStatusPredicates maps the *resty.Response methods that test the
// status code to the test, as resty v2.17.2 and v3.0.0-rc.4 define them.
var restyStatusPredicates = map[string]func(code int) bool{
	"IsSuccess":       func(code int) bool { return code > 199 && code < 300 },
	"IsStatusSuccess": func(code int) bool { return code > 199 && code < 300 },
	"IsError":         func(code int) bool { return code > 399 },
	"IsStatusFailure": func(code int) bool { return code > 399 },
}

// restyLink is one method call of a request chain.
type restyLink struct {
	call *ast.CallExpr
	cur  inspector.Cursor
}

func (resty) recognize(c *checker, cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) (*request, bool) {
	pkg := restyPackage(fn)
	if pkg == "" || !isMethod(fn, pkg, "Request", fn.Name()) {
		return nil, false
	}
	req := &request{call: call, cursor: cur, surface: SurfaceResty, bodyKind: bodyValueKind, bodyNilSafe: true}
	switch method, ok := restyMethods[fn.Name()]; {
	case ok && len(call.Args) == 1:
		req.fixedMethod, req.url = method, call.Args[0]
		name := ast.Unparen(call.Fun).(*ast.SelectorExpr).Sel
		req.setMethod = func(method string) ([]analysis.TextEdit, string) {
			newName, ok := restyNames[method]
			if !ok {
				return nil, fmt.Sprintf("resty has no request method for %s", method)
			}
			return []analysis.TextEdit{{Pos: name.Pos(), End: name.End(), NewText: []byte(newName)}}, ""
		}
	case fn.Name() == "Execute" && len(call.Args) == 2:
		req.method, req.url = call.Args[0], call.Args[1]
	default:
		return nil, false
	}
	// A path that is not absolute is joined to the client's base URL.
	if parts := c.urlParts(req.url); len(parts) > 0 && !parts[0].dynamic && !strings.Contains(parts[0].text, "://") {
		req.urlBefore = dynamicText
	}

	links, reason := c.restyChain(cur, pkg)
	var bodyLink, resultLink *restyLink
	for i, link := range links {
		switch name := c.calleeFunc(link.call).Name(); name {
		case "SetFormData", "SetFormDataFromValues", "SetMultipartField", "SetMultipartFields", "SetMultipartFormData",
			"SetFile", "SetFiles", "SetFileReader", "SetDoNotParseResponse":
			reason = fmt.Sprintf("the request chain calls %s, which the fix does not handle", name)
		case "SetBody":
			if bodyLink != nil {
				reason = "the request chain sets the body more than once"
			}
			bodyLink = &links[i]
		case "SetResult":
			if resultLink != nil {
				reason = "the request chain sets the result more than once"
			}
			resultLink = &links[i]
		}
	}
	if reason != "" {
		req.reason = reason
		return req, true
	}
	if bodyLink != nil && len(bodyLink.call.Args) == 1 {
		req.body = bodyLink.call.Args[0]
		req.bodyKind = restyBodyKind(c.pass.TypesInfo.TypeOf(req.body))
		req.dropBody = func() ([]analysis.TextEdit, string) { return cutLink(bodyLink.call), "" }
	}
	req.response = func() (*responseUses, string) {
		uses, reason := c.followRestyResponse(c.resultVar(cur, "response"))
		if reason != "" || resultLink == nil || len(resultLink.call.Args) != 1 {
			return uses, reason
		}
		target := resultLink.call.Args[0]
		uses.decodes = append(uses.decodes, decodeSite{
			call:   resultLink.call,
			target: target,
			cursor: resultLink.cur,
			// resty decodes nothing for 204 No Content, so the link may go.
			drop: func() ([]analysis.TextEdit, string) { return cutLink(resultLink.call), "" },
		})
		return uses, ""
	}
	return req, true
}

// restyPackage returns the resty import path that fn belongs to, or "".
func restyPackage(fn *types.Func) string {
	if fn == nil || fn.Pkg() == nil {
		return ""
	}
	switch path := fn.Pkg().Path(); path {
	case restyV2, restyV3:
		return path
	}
	return ""
}

// restyBodyKind returns how resty sends a body of static type t: strings
// and byte slices as they are, readers as their bytes, and any other value
// as JSON.
func restyBodyKind(t types.Type) bodyKind {
	if t == nil {
		return bodyValueKind
	}
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
		return bodyTextKind
	}
	if s, ok := t.Underlying().(*types.Slice); ok {
		if b, ok := s.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return bodyBytesKind
		}
	}
	if isReader(t) {
		return bodyReaderKind
	}
	return bodyValueKind
}

// isReader reports whether t is a concrete type with a Read method, such
// as *bytes.Reader. An interface such as any may hold anything.
func isReader(t types.Type) bool {
	if types.IsInterface(t) && !isNamedType(t, "io", "Reader") {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Read")
	_, ok := obj.(*types.Func)
	return ok
}

// restyChain returns the calls of the request chain that ends at the call
// at cur, from the first after R() to the one before the call, or the
// reason the chain cannot be followed.
func (c *checker) restyChain(cur inspector.Cursor, pkg string) ([]restyLink, string) {
	var links []restyLink
	call := cur.Node().(*ast.CallExpr)
	for range maxURLDepth * 4 {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, "the request chain cannot be followed"
		}
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return nil, "the request is built outside this call chain"
		}
		fn := c.calleeFunc(inner)
		if isMethod(fn, pkg, "Client", "R") || isMethod(fn, pkg, "Client", "NewRequest") {
			return links, ""
		}
		if !isMethod(fn, pkg, "Request", fn.Name()) {
			return nil, "the request chain cannot be followed"
		}
		innerCur, ok := cur.FindNode(inner)
		if !ok {
			return nil, "the request chain cannot be followed"
		}
		links = append([]restyLink{{inner, innerCur}}, links...)
		call = inner
	}
	return nil, "the request chain is too long to follow"
}

// cutLink returns the edit that removes a call from a method chain: the
// dot, any line break before the method name, and the call.
func cutLink(call *ast.CallExpr) []analysis.TextEdit {
	sel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return []analysis.TextEdit{{Pos: sel.X.End(), End: call.Rparen + 1}}
}

// followRestyResponse classifies every use of resp, a *resty.Response, or
// passes on the reason resp is unknown.
func (c *checker) followRestyResponse(resp *types.Var, reason string) (*responseUses, string) {
	if reason != "" {
		return nil, reason
	}
	uses := &responseUses{}
	if resp == nil {
		return uses, ""
	}
	readStatus := c.statusCallReader(resp, restyStatusPredicates)
	for _, id := range c.vars.readsOf(resp) {
		cur, ok := c.cursorOf(id)
		if !ok {
			return nil, "the response cannot be followed"
		}
		if c.onErrorPath(cur, readStatus) {
			continue // code that runs only for an error status reads no success body
		}
		parent := cur.Parent()
		sel, ok := parent.Node().(*ast.SelectorExpr)
		if !ok {
			if bin, ok := parent.Node().(*ast.BinaryExpr); ok && (isNil(c.pass.TypesInfo, bin.X) || isNil(c.pass.TypesInfo, bin.Y)) {
				continue
			}
			return nil, fmt.Sprintf("the response %s is used in a way that is not followed", resp.Name())
		}
		callCur := parent.Parent()
		if _, isCall := callCur.Node().(*ast.CallExpr); !isCall {
			return nil, fmt.Sprintf("the response field %s is used", sel.Sel.Name)
		}
		switch sel.Sel.Name {
		case "StatusCode":
			uses.status = append(uses.status, callCur)
		case "Status":
			switch gp := callCur.Parent().Node().(type) {
			case *ast.BinaryExpr:
				uses.statusTextCompared = true
			case *ast.SwitchStmt:
				uses.statusTextCompared = uses.statusTextCompared || gp.Tag == callCur.Node()
			}
		case "IsSuccess", "IsError", "IsStatusSuccess", "IsStatusFailure":
			// 2xx range checks keep their outcome for 201 and 204.
		case "Header", "Time", "Duration", "ReceivedAt", "Proto", "Error", "ResultError", "Cookies":
			// These do not depend on the success body.
		case "Body", "Bytes", "String":
			if reason := c.followRestyBody(callCur, uses); reason != "" {
				return nil, reason
			}
		default:
			return nil, fmt.Sprintf("the response's %s method is used", sel.Sel.Name)
		}
	}
	return uses, ""
}

// followRestyBody accepts json.Unmarshal(resp.Body(), &out) as a decode of
// the response; any other read of the raw body depends on the old reply.
func (c *checker) followRestyBody(read inspector.Cursor, uses *responseUses) string {
	call, ok := read.Parent().Node().(*ast.CallExpr)
	if ok && isFunc(c.calleeFunc(call), "encoding/json", "Unmarshal") && len(call.Args) == 2 && call.Args[0] == read.Node() {
		uses.decodes = append(uses.decodes, decodeSite{call: call, target: call.Args[1], cursor: read.Parent()})
		return ""
	}
	return "the raw response body is read other than by json.Unmarshal, and the new endpoint returns a different body"
}
