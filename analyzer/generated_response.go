package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// generatedUses records how the code uses the result of a generated
// client's call of a deprecated operation.
type generatedUses struct {
	// http holds the uses of the *http.Response that oapi-codegen's plain
	// variant returns; the other fields are then unused.
	http *responseUses
	// status lists the expressions that read the status code, such as
	// resp.StatusCode().
	status             []inspector.Cursor
	statusTextCompared bool
	// read lists the providers read from the decoded body, nilChecked
	// those compared with nil or checked for presence, and valueUsed those
	// used as whole values, named valueName in messages.
	read, nilChecked, valueUsed providerSet
	valueName                   string
	reads                       []providerRead
	// wrapperChecks are the reads of the decoded body as a whole that only
	// compare it with nil, such as resp.JSON200 != nil.
	wrapperChecks []*ast.Ident
	// ogen is set when the result is the decoded body itself.
	ogen bool
}

// providerRead is one read of a provider from a generated response.
type providerRead struct {
	provider provider
	// from and to delimit the text that selects the provider, such as
	// JSON200.Twilio in resp.JSON200.Twilio.AccountSid, or .Twilio.Value
	// in res.Twilio.Value.AccountSid.
	from, to token.Pos
	// base is the start of the whole read, such as the position of resp
	// in resp.JSON200.Twilio.
	base token.Pos
	// deref is set for a read of a wrapped provider's whole value, as in
	// res.Twilio.Value, which becomes *res.
	deref bool
}

// wrappedValue returns the expression that reads the value of a wrapped
// provider member selected at cur: .Value of an ogen OptNil wrapper, or
// .MustGet() of a nullable.Nullable.
func (c *checker) wrappedValue(cur inspector.Cursor) (inspector.Cursor, bool) {
	sel, ok := cur.Parent().Node().(*ast.SelectorExpr)
	if !ok {
		return inspector.Cursor{}, false
	}
	switch sel.Sel.Name {
	case "Value":
		return cur.Parent(), true
	case "MustGet":
		if call, ok := cur.Parent().Parent().Node().(*ast.CallExpr); ok && len(call.Args) == 0 {
			return cur.Parent().Parent(), true
		}
	}
	return inspector.Cursor{}, false
}

// generatedResponse follows the result of a generated call.
func (c *checker) generatedResponse(g *generatedCall) (*generatedUses, string) {
	switch {
	case g.ogen:
		return c.followOgenResult(g)
	case g.withResponse:
		return c.followResponseWrapper(g)
	}
	uses, reason := c.followResponse(c.resultVar(g.cur, "response"))
	if reason != "" {
		return nil, reason
	}
	return &generatedUses{http: uses}, ""
}

// providerFields maps the fields of a decoded body type that hold a
// provider's configuration, found by their json keys.
func providerFields(t types.Type) map[*types.Var]provider {
	if ptr, ok := t.Underlying().(*types.Pointer); ok {
		t = ptr.Elem()
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	fields := make(map[*types.Var]provider)
	for i := 0; i < s.NumFields(); i++ {
		tag := parseJSONTag(s.Field(i), s.Tag(i))
		if p, ok := providerByKey(tag.name); ok && !tag.skip {
			fields[s.Field(i)] = p
		}
	}
	return fields
}

// followResponseWrapper follows the response wrapper of oapi-codegen's
// WithResponse variants: StatusCode() and Status() calls, and JSON200,
// the decoded AccountTelephonyConfig.
func (c *checker) followResponseWrapper(g *generatedCall) (*generatedUses, string) {
	resp, reason := c.resultVar(g.cur, "response")
	if reason != "" {
		return nil, reason
	}
	uses := &generatedUses{}
	if resp == nil {
		return uses, ""
	}
	readStatus := c.statusCallReader(resp, nil)
	for _, id := range c.vars.readsOf(resp) {
		cur, ok := c.cursorOf(id)
		if !ok {
			return nil, "the response cannot be followed"
		}
		if c.onErrorPath(cur, readStatus) {
			continue
		}
		sel, ok := cur.Parent().Node().(*ast.SelectorExpr)
		if !ok {
			if bin, ok := cur.Parent().Node().(*ast.BinaryExpr); ok && (isNil(c.pass.TypesInfo, bin.X) || isNil(c.pass.TypesInfo, bin.Y)) {
				continue
			}
			return nil, fmt.Sprintf("the response %s is used in a way that is not followed", resp.Name())
		}
		selCur := cur.Parent()
		switch sel.Sel.Name {
		case "StatusCode", "Status":
			callCur := selCur.Parent()
			if _, ok := callCur.Node().(*ast.CallExpr); !ok {
				return nil, fmt.Sprintf("the response's %s method is used as a value", sel.Sel.Name)
			}
			if sel.Sel.Name == "StatusCode" {
				uses.status = append(uses.status, callCur)
				continue
			}
			switch p := callCur.Parent().Node().(type) {
			case *ast.BinaryExpr:
				uses.statusTextCompared = true
			case *ast.SwitchStmt:
				uses.statusTextCompared = uses.statusTextCompared || p.Tag == callCur.Node()
			}
		case "JSON200":
			if reason := c.followProviderRead(selCur, sel.Sel, id, sel.Sel.Pos(), uses, false); reason != "" {
				return nil, reason
			}
		default:
			return nil, fmt.Sprintf("the response field %s is used", sel.Sel.Name)
		}
	}
	return uses, ""
}

// followOgenResult follows the *AccountTelephonyConfig that an ogen
// method returns: reads of res.Twilio.Value and its fields.
func (c *checker) followOgenResult(g *generatedCall) (*generatedUses, string) {
	res, reason := c.resultVar(g.cur, "result")
	if reason != "" {
		return nil, reason
	}
	uses := &generatedUses{ogen: true}
	if res == nil {
		return uses, ""
	}
	for _, id := range c.vars.readsOf(res) {
		cur, ok := c.cursorOf(id)
		if !ok {
			return nil, "the result cannot be followed"
		}
		if _, ok := cur.Parent().Node().(*ast.SelectorExpr); !ok {
			if bin, ok := cur.Parent().Node().(*ast.BinaryExpr); ok && (isNil(c.pass.TypesInfo, bin.X) || isNil(c.pass.TypesInfo, bin.Y)) {
				continue
			}
			return nil, fmt.Sprintf("the result %s is used as a whole", res.Name())
		}
		if reason := c.followProviderRead(cur, id, id, id.End(), uses, true); reason != "" {
			return nil, reason
		}
	}
	return uses, ""
}

// followProviderRead classifies a read of a decoded body: the node at cur
// (resp.JSON200 or res) must be followed by a provider field. from is where
// the text that the fix replaces starts. For ogen, the provider field must
// be followed by .Value.
func (c *checker) followProviderRead(cur inspector.Cursor, body *ast.Ident, base ast.Expr, from token.Pos, uses *generatedUses, ogen bool) string {
	fields := providerFields(c.pass.TypesInfo.TypeOf(cur.Node().(ast.Expr)))
	outer := cur.Parent()
	sel, ok := outer.Node().(*ast.SelectorExpr)
	if !ok {
		if bin, ok := outer.Node().(*ast.BinaryExpr); ok && !ogen && (isNil(c.pass.TypesInfo, bin.X) || isNil(c.pass.TypesInfo, bin.Y)) {
			uses.wrapperChecks = append(uses.wrapperChecks, body)
			return ""
		}
		return fmt.Sprintf("the decoded response %s is used as a whole", body.Name)
	}
	field, _ := c.pass.TypesInfo.Uses[sel.Sel].(*types.Var)
	p, ok := fields[field]
	if !ok {
		return fmt.Sprintf("the decoded response's field %s is read", sel.Sel.Name)
	}

	uses.read = uses.read.add(p)
	read := providerRead{provider: p, from: from, to: sel.End(), base: base.Pos()}
	if wrapped := ogen || isNamedType(field.Type(), nullablePath, "Nullable"); wrapped {
		// ogen's OptNil and oapi-codegen's Nullable wrap the provider's
		// value: res.Twilio.Value and resp.JSON200.Twilio.MustGet() read it,
		// and the other fields and methods check for presence.
		valueCur, ok := c.wrappedValue(outer)
		if !ok {
			uses.nilChecked = uses.nilChecked.add(p)
			return ""
		}
		read.to = valueCur.Node().End()
		outer = valueCur
		if _, ok := outer.Parent().Node().(*ast.SelectorExpr); !ok {
			read.deref = true
			uses.valueUsed = uses.valueUsed.add(p)
			uses.valueName = types.ExprString(valueCur.Node().(ast.Expr))
		}
		uses.reads = append(uses.reads, read)
		return ""
	}
	switch use := outer.Parent().Node().(type) {
	case *ast.SelectorExpr:
	case *ast.BinaryExpr:
		if (use.Op == token.EQL || use.Op == token.NEQ) && (isNil(c.pass.TypesInfo, use.X) || isNil(c.pass.TypesInfo, use.Y)) {
			uses.nilChecked = uses.nilChecked.add(p)
		} else {
			uses.valueUsed = uses.valueUsed.add(p)
			uses.valueName = types.ExprString(sel)
		}
	default:
		uses.valueUsed = uses.valueUsed.add(p)
		uses.valueName = types.ExprString(sel)
	}
	uses.reads = append(uses.reads, read)
	return ""
}

// moveReads returns the edits that make each read of provider p's field
// read the replacement op's result instead, or the reason it cannot.
func (uses *generatedUses) moveReads(p provider, op string) ([]analysis.TextEdit, string) {
	var edits []analysis.TextEdit
	field := "JSON200"
	if op == "Create" {
		field = "JSON201"
	}
	for _, id := range uses.wrapperChecks {
		if op == "Destroy" {
			return nil, "the decoded response is checked, but the DELETE replacement has no body"
		}
		edits = append(edits, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(field)})
	}
	for _, read := range uses.reads {
		if read.provider != p {
			return nil, fmt.Sprintf("the response is read for %s, which the replacement does not return", read.provider)
		}
		if op == "Destroy" {
			return nil, fmt.Sprintf("the response is read for %s, but the DELETE replacement has no body", p)
		}
		// res.Twilio.Value.X becomes res.X, and resp.JSON200.Twilio.X
		// becomes resp.JSON201.X.
		newText := []byte(field)
		if uses.ogen {
			newText = nil
		}
		edits = append(edits, analysis.TextEdit{Pos: read.from, End: read.to, NewText: newText})
		if read.deref {
			edits = append(edits, analysis.TextEdit{Pos: read.base, End: read.base, NewText: []byte("*")})
		}
	}
	return edits, ""
}

// dropOgenResult removes the result variable of an ogen call that becomes
// Destroy, which returns only an error: res, err := becomes err :=.
func (c *checker) dropOgenResult(g *generatedCall) ([]analysis.TextEdit, string) {
	switch p := g.cur.Parent().Node().(type) {
	case *ast.ExprStmt:
		return nil, ""
	case *ast.AssignStmt:
		if len(p.Lhs) != 2 || len(p.Rhs) != 1 {
			return nil, "the call's results are not assigned as a result and an error"
		}
		id, ok := p.Lhs[0].(*ast.Ident)
		if !ok {
			return nil, "the call's result is stored outside a local variable"
		}
		if id.Name != "_" {
			v := c.localVar(id)
			if v == nil || len(c.vars.readsOf(v)) > 0 {
				return nil, fmt.Sprintf("the result %s is used, but the DELETE replacement returns only an error", id.Name)
			}
		}
		if p.Tok == token.DEFINE {
			if errID, ok := p.Lhs[1].(*ast.Ident); ok && errID.Name != "_" && c.pass.TypesInfo.Defs[errID] == nil {
				return nil, "err is declared before the call, so err := would not compile"
			}
			if errID, ok := p.Lhs[1].(*ast.Ident); ok && errID.Name == "_" {
				return nil, "the error is discarded, so the result assignment cannot simply drop the result"
			}
		}
		return []analysis.TextEdit{{Pos: p.Lhs[0].Pos(), End: p.Lhs[1].Pos()}}, ""
	}
	return nil, "the call's results are used in a way that is not followed"
}
