package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// resultVar returns the variable that the first result of the call at cur
// is assigned to. It returns nil and no reason when the result is
// discarded.
func (c *checker) resultVar(cur inspector.Cursor, what string) (*types.Var, string) {
	var lhs ast.Expr
	switch p := cur.Parent().Node().(type) {
	case *ast.ExprStmt:
		return nil, ""
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || len(p.Lhs) == 0 {
			return nil, fmt.Sprintf("the %s is not assigned to a variable", what)
		}
		lhs = p.Lhs[0]
	case *ast.ValueSpec:
		if len(p.Values) != 1 || len(p.Names) == 0 {
			return nil, fmt.Sprintf("the %s is not assigned to a variable", what)
		}
		lhs = p.Names[0]
	case *ast.ReturnStmt:
		if c.summarizing != nil {
			return nil, returnedByHelper
		}
		return nil, fmt.Sprintf("the %s is used directly instead of through a variable", what)
	default:
		return nil, fmt.Sprintf("the %s is used directly instead of through a variable", what)
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil, fmt.Sprintf("the %s is stored outside a local variable", what)
	}
	if id.Name == "_" {
		return nil, ""
	}
	v := c.localVar(id)
	if v == nil {
		return nil, fmt.Sprintf("the %s variable cannot be resolved", what)
	}
	if _, defined := c.pass.TypesInfo.Defs[id]; !defined || c.vars.writes[v] > 0 {
		return nil, fmt.Sprintf("the %s variable %s is assigned more than once", what, v.Name())
	}
	return v, ""
}

// returnedByHelper is the reason resultVar gives for a response that a
// helper being summarised returns at once, as in return c.http.Do(req).
const returnedByHelper = "the response is returned by the helper"

// responseUses records the uses of the *http.Response of a migrated
// request.
type responseUses struct {
	status  []inspector.Cursor // the resp.StatusCode selectors
	decodes []decodeSite
	// statusTextCompared reports a comparison or switch on resp.Status,
	// whose text changes with the status code.
	statusTextCompared bool
	// returned reports that a helper being summarised returns the
	// response to its caller, who then handles it.
	returned bool
	// rejects maps a success code to the reason code outside the call site,
	// such as a helper's own status check, does not accept it as it
	// accepts 200.
	rejects map[int]string
}

// decodeSite is a call that decodes the response body into target.
type decodeSite struct {
	call   *ast.CallExpr
	target ast.Expr
	cursor inspector.Cursor
	// drop returns the edits that stop the decode, for a replacement
	// without a response body. When it is nil, the statement of the decode
	// call is removed.
	drop func() ([]analysis.TextEdit, string)
	// nilSafe reports that passing nil in place of target skips the
	// decode.
	nilSafe bool
	// param is the type of the callee's parameter that target is passed
	// to, or nil when target is not an argument of a call the analyzer
	// follows. The target's replacement must be assignable to it.
	param types.Type
	// calleeName names that callee for diagnostics.
	calleeName string
}

// followResponse classifies every use of resp, the variable that holds an
// *http.Response, or passes on the reason resp is unknown. It returns a
// reason when some use cannot be followed, because a fix could change what
// that use reads.
func (c *checker) followResponse(resp *types.Var, reason string) (*responseUses, string) {
	if reason == returnedByHelper {
		return &responseUses{returned: true}, ""
	}
	if reason != "" {
		return nil, reason
	}
	uses := &responseUses{}
	if resp == nil {
		return uses, ""
	}
	readStatus := func(e ast.Expr, code int) (constant.Value, bool) {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		return constant.MakeInt64(int64(code)), ok && sel.Sel.Name == "StatusCode" && c.localVar(sel.X) == resp
	}
	for _, id := range c.vars.readsOf(resp) {
		cur, ok := c.cursorOf(id)
		if !ok {
			return nil, "the response cannot be followed"
		}
		if c.onErrorPath(cur, readStatus) {
			continue // code that runs only for an error status reads no success body
		}
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.SelectorExpr:
			switch p.Sel.Name {
			case "StatusCode":
				uses.status = append(uses.status, parent)
			case "Body":
				if reason := c.followBody(parent, uses); reason != "" {
					return nil, reason
				}
			case "Status":
				switch gp := parent.Parent().Node().(type) {
				case *ast.BinaryExpr:
					uses.statusTextCompared = true
				case *ast.SwitchStmt:
					uses.statusTextCompared = gp.Tag == p
				}
			case "Header", "ContentLength", "Proto", "Request":
				// Reading these does not depend on the endpoint's reply.
			default:
				return nil, fmt.Sprintf("the response field %s is used", p.Sel.Name)
			}
		case *ast.BinaryExpr:
			if !isNil(c.pass.TypesInfo, p.X) && !isNil(c.pass.TypesInfo, p.Y) {
				return nil, fmt.Sprintf("the response %s is compared", resp.Name())
			}
		case *ast.CallExpr:
			return nil, fmt.Sprintf("the response %s is passed to %s, which is not followed", resp.Name(), callName(p))
		case *ast.ReturnStmt:
			if c.summarizing == nil {
				return nil, fmt.Sprintf("the response %s is returned", resp.Name())
			}
			uses.returned = true
		default:
			return nil, fmt.Sprintf("the response %s is used in a way that is not followed", resp.Name())
		}
	}
	return uses, ""
}

// followBody classifies a use of resp.Body: closing it, draining it,
// decoding it with json.NewDecoder or reading it with io.ReadAll.
func (c *checker) followBody(body inspector.Cursor, uses *responseUses) string {
	switch p := body.Parent().Node().(type) {
	case *ast.SelectorExpr:
		if p.Sel.Name == "Close" {
			return ""
		}
	case *ast.CallExpr:
		fn := c.calleeFunc(p)
		switch {
		case isFunc(fn, "io", "Copy") && len(p.Args) == 2 && p.Args[1] == body.Node() && isDiscard(c, p.Args[0]):
			return ""
		case isFunc(fn, "encoding/json", "NewDecoder"):
			decodeCur := body.Parent().Parent().Parent()
			decode, ok := decodeCur.Node().(*ast.CallExpr)
			if !ok || len(decode.Args) != 1 || !isMethod(c.calleeFunc(decode), "encoding/json", "Decoder", "Decode") {
				return "the response body's decoder is used in a way that is not followed"
			}
			uses.decodes = append(uses.decodes, decodeSite{call: decode, target: decode.Args[0], cursor: decodeCur})
			return ""
		case isFunc(fn, "io", "ReadAll"):
			return c.followReadAll(body.Parent(), uses)
		}
		return fmt.Sprintf("the response body is passed to %s, which is not followed", callName(p))
	}
	return "the response body is used in a way that is not followed"
}

// followReadAll follows data, err := io.ReadAll(resp.Body) to the
// json.Unmarshal calls that decode data.
func (c *checker) followReadAll(readAll inspector.Cursor, uses *responseUses) string {
	data, reason := c.resultVar(readAll, "response body")
	if reason != "" || data == nil {
		return reason
	}
	for _, id := range c.vars.readsOf(data) {
		cur, _ := c.cursorOf(id)
		call, ok := cur.Parent().Node().(*ast.CallExpr)
		if ok && isFunc(c.calleeFunc(call), "encoding/json", "Unmarshal") && len(call.Args) == 2 && call.Args[0] == id {
			uses.decodes = append(uses.decodes, decodeSite{call: call, target: call.Args[1], cursor: cur.Parent()})
			continue
		}
		return fmt.Sprintf("the raw response body %s is read other than by json.Unmarshal, and the new endpoint returns a different body", data.Name())
	}
	return ""
}

// printingPackages are the packages whose functions only format their
// operands into text or logs.
var printingPackages = map[string]bool{"fmt": true, "log": true, "log/slog": true, "errors": true, "strings": true}

func isDiscard(c *checker, e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "io" && v.Name() == "Discard"
}

// decodedValue is the variable a response is decoded into and how the
// function reads it afterwards.
type decodedValue struct {
	out       *types.Var
	addressed bool // the target is &out rather than out itself
	fields    map[provider]string
	read      providerSet
	// nilChecked lists the providers whose field is compared with nil.
	nilChecked providerSet
	// valueUsed lists the providers whose field is used as a whole value
	// (copied, returned or passed), which code elsewhere may check for nil.
	valueUsed providerSet
	// otherUse describes a use of out other than reading a provider field,
	// or is empty.
	otherUse string
}

// readDecoded follows the target of a decode to the provider fields the
// function reads from it.
func (c *checker) readDecoded(site decodeSite) (*decodedValue, string) {
	target := ast.Unparen(site.target)
	d := &decodedValue{fields: make(map[provider]string)}
	if u, ok := target.(*ast.UnaryExpr); ok && u.Op == token.AND {
		d.addressed = true
		target = ast.Unparen(u.X)
	}
	d.out = c.localVar(target)
	if d.out == nil {
		return nil, "the response is decoded into something other than a local variable"
	}
	t := d.out.Type()
	if ptr, ok := t.Underlying().(*types.Pointer); ok && !d.addressed {
		t = ptr.Elem()
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil, fmt.Sprintf("the response is decoded into %s, which is not a struct with provider fields", d.out.Name())
	}
	fieldProvider := make(map[*types.Var]provider)
	for i := 0; i < s.NumFields(); i++ {
		tag := parseJSONTag(s.Field(i), s.Tag(i))
		for _, p := range providers {
			// encoding/json matches keys to field names without regard to case.
			if !tag.skip && strings.EqualFold(tag.name, p.String()) {
				d.fields[p] = s.Field(i).Name()
				fieldProvider[s.Field(i)] = p
			}
		}
	}
	for _, id := range c.vars.readsOf(d.out) {
		if id.Pos() >= site.target.Pos() && id.End() <= site.target.End() {
			continue
		}
		cur, _ := c.cursorOf(id)
		sel, ok := cur.Parent().Node().(*ast.SelectorExpr)
		if !ok {
			d.otherUse = fmt.Sprintf("the decoded response %s %s, and each new endpoint returns one provider", d.out.Name(), wholeUse(cur))
			continue
		}
		field, _ := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
		p, ok := fieldProvider[field]
		if !ok {
			d.otherUse = fmt.Sprintf("the decoded response's field %s is read", sel.Sel.Name)
			continue
		}
		d.read = d.read.add(p)
		switch use := cur.Parent().Parent().Node().(type) {
		case *ast.SelectorExpr:
			// out.Twilio.AccountSid reads a field of the configuration.
		case *ast.BinaryExpr:
			if (use.Op == token.EQL || use.Op == token.NEQ) && (isNil(c.pass.TypesInfo, use.X) || isNil(c.pass.TypesInfo, use.Y)) {
				d.nilChecked = d.nilChecked.add(p)
			} else {
				d.valueUsed = d.valueUsed.add(p)
			}
		default:
			d.valueUsed = d.valueUsed.add(p)
		}
	}
	return d, ""
}

// wholeUse describes a use of the decoded variable at cur other than a
// field read, such as "is returned".
func wholeUse(cur inspector.Cursor) string {
	for {
		switch cur.Parent().Node().(type) {
		case *ast.ParenExpr, *ast.UnaryExpr, *ast.StarExpr:
			cur = cur.Parent()
			continue
		}
		break
	}
	switch parent := cur.Parent().Node().(type) {
	case *ast.ReturnStmt:
		return "is returned"
	case *ast.CallExpr:
		if parent.Fun != cur.Node() {
			return "is passed to " + callName(parent)
		}
	case *ast.AssignStmt, *ast.ValueSpec:
		return "is stored in another variable"
	case *ast.CompositeLit, *ast.KeyValueExpr:
		return "is stored in a composite literal"
	case *ast.SendStmt:
		return "is sent on a channel"
	}
	return "is used as a whole"
}
