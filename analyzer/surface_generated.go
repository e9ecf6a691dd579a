package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Clients generated from the Ultravox OpenAPI document name their methods
// after the operation IDs: oapi-codegen and ogen both turn
// accounts_me_telephony_config_partial_update into
// AccountsMeTelephonyConfigPartialUpdate and
// telephony_configs_twilio_create into TelephonyConfigsTwilioCreate.
// oapi-codegen adds the variants WithBody (raw body and content type) and
// WithResponse (a parsed response wrapper), and a trailing variadic list of
// request editors. ogen methods take the body as an Opt wrapper and return
// the decoded body.
const (
	oldOperationPrefix = "AccountsMeTelephonyConfig"
	newOperationPrefix = "TelephonyConfigs"
)

// generatedCall is a call of a deprecated operation of a generated client.
type generatedCall struct {
	call *ast.CallExpr
	cur  inspector.Cursor
	name *ast.Ident // the method name at the call
	recv types.Type // the type of the receiver expression
	// retrieve is set for the GET operation, PartialUpdate otherwise.
	retrieve bool
	// withBody and withResponse are the oapi-codegen variants.
	withBody, withResponse bool
	ogen                   bool
}

// parseGeneratedCall returns the generated call at cur, when call invokes a
// deprecated operation on a receiver whose method set also has the
// replacement operations, so that it is a client generated from the spec
// whatever its package.
func (c *checker) parseGeneratedCall(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) (*generatedCall, bool) {
	if fn == nil || !strings.HasPrefix(fn.Name(), oldOperationPrefix) {
		return nil, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || fn.Signature().Recv() == nil {
		return nil, false
	}
	g := &generatedCall{call: call, cur: cur, name: sel.Sel, recv: c.pass.TypesInfo.TypeOf(sel.X)}
	rest := strings.TrimPrefix(fn.Name(), oldOperationPrefix)
	rest, g.withResponse = strings.CutSuffix(rest, "WithResponse")
	rest, g.withBody = strings.CutSuffix(rest, "WithBody")
	switch rest {
	case "Retrieve":
		g.retrieve = true
	case "PartialUpdate":
	default:
		return nil, false
	}

	sig := fn.Signature()
	g.ogen = !sig.Variadic()
	if g.ogen && (g.withBody || g.withResponse) || g.retrieve && g.withBody {
		return nil, false
	}
	// The method set must have the replacement operations too.
	for _, op := range []string{"Retrieve", "Create", "Destroy"} {
		if c.generatedMethod(g, twilio, op) == nil {
			return nil, false
		}
	}
	if !g.retrieve && !c.hasGeneratedBody(g, sig) {
		return nil, false
	}
	return g, true
}

// hasGeneratedBody reports whether the PartialUpdate signature takes the
// body as the generators do: PatchedAccountTelephonyConfig (or the Opt
// wrapper of ogen) after the context, or a content type and a reader.
func (c *checker) hasGeneratedBody(g *generatedCall, sig *types.Signature) bool {
	if g.withBody {
		return sig.Params().Len() >= 3 && isString(sig.Params().At(1).Type()) && isNamedType(sig.Params().At(2).Type(), "io", "Reader")
	}
	if sig.Params().Len() < 2 {
		return false
	}
	named, ok := types.Unalias(sig.Params().At(1).Type()).(*types.Named)
	if !ok {
		return false
	}
	want := "PatchedAccountTelephonyConfig"
	if g.ogen {
		want = "OptPatchedAccountTelephonyConfig"
	}
	return named.Obj().Name() == want
}

// newOperationName returns the name of the replacement method of provider
// p and operation op (Retrieve, Create, PartialUpdate or Destroy) in the
// same variant as g.
func (g *generatedCall) newOperationName(p provider, op string) string {
	providerName := "{Twilio,Telnyx,Plivo}"
	if p != providerPlaceholder {
		providerName = exportedName(p)
	}
	name := newOperationPrefix + providerName + op
	if g.withBody && op != "Destroy" && op != "Retrieve" {
		name += "WithBody"
	}
	if g.withResponse {
		name += "WithResponse"
	}
	return name
}

// generatedMethod returns the replacement method of provider p and
// operation op on g's receiver, or nil.
func (c *checker) generatedMethod(g *generatedCall, p provider, op string) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(g.recv, true, nil, g.newOperationName(p, op))
	fn, _ := obj.(*types.Func)
	return fn
}

// exportedName returns the provider's name as the generators spell it in
// identifiers: Twilio, Telnyx, Plivo.
func exportedName(p provider) string {
	name := p.String()
	return strings.ToUpper(name[:1]) + name[1:]
}

// checkGeneratedCall reports a call of a deprecated operation of a
// generated client and plans its fix.
func (c *checker) checkGeneratedCall(g *generatedCall) {
	f := c.newFinding(g.name)
	f.surface = SurfaceGenerated
	f.operation = "PATCH"
	if g.retrieve {
		f.operation = "GET"
	}
	if g.retrieve {
		c.planGeneratedRetrieve(g, f)
	} else {
		c.planGeneratedUpdate(g, f)
	}
	c.add(f)
}

// planGeneratedRetrieve plans the fix of a call of the GET operation: the
// provider's Retrieve, with the reads of the response moved to it.
func (c *checker) planGeneratedRetrieve(g *generatedCall, f *finding) {
	f.message = fmt.Sprintf("%s calls the deprecated GET %s: use %s", g.name.Name, oldPath, g.newOperationName(providerPlaceholder, "Retrieve"))
	message := func(providers providerSet) string {
		var names []string
		for _, p := range providers {
			names = append(names, fmt.Sprintf("%s (GET %s)", g.newOperationName(p, "Retrieve"), p.path()))
		}
		return fmt.Sprintf("%s calls the deprecated GET %s: use %s", g.name.Name, oldPath, joinEnglish(names, "and"))
	}

	uses, reason := c.generatedResponse(g)
	if reason != "" {
		f.reason = reason
		return
	}
	var p provider
	var edits []analysis.TextEdit
	if uses.http != nil {
		var site decodeSite
		var d *decodedValue
		var ok bool
		if p, site, d, ok = c.readProvider(uses.http, f, message); !ok {
			return
		}
		edits = []analysis.TextEdit{c.targetEdit(site, d, p)}
	} else {
		var ok bool
		if p, ok = c.oneProviderRead(uses.read, uses.nilChecked, uses.valueUsed, uses.valueName, f, message); !ok {
			return
		}
		if edits, reason = uses.moveReads(p, "Retrieve"); reason != "" {
			f.reason = reason
			return
		}
	}
	newName := g.newOperationName(p, "Retrieve")
	if c.generatedMethod(g, p, "Retrieve") == nil {
		f.reason = fmt.Sprintf("the client has no method %s", newName)
		return
	}
	f.addEdits(analysis.TextEdit{Pos: g.name.Pos(), End: g.name.End(), NewText: []byte(newName)})
	f.addEdits(edits...)
	f.fixMessage = fmt.Sprintf("Replace %s with %s", g.name.Name, newName)
}

// providerPlaceholder stands for the provider in a message that names a
// replacement before the provider is known.
const providerPlaceholder provider = -1

// planGeneratedUpdate plans the fix of a call of the PATCH operation that
// sets one provider: Create (or PartialUpdate with -patch) with the
// provider's value, or Destroy for null.
func (c *checker) planGeneratedUpdate(g *generatedCall, f *finding) {
	f.message = fmt.Sprintf("%s calls the deprecated PATCH %s: use %s or %s", g.name.Name, oldPath,
		g.newOperationName(providerPlaceholder, c.updateOperation()), g.newOperationName(providerPlaceholder, "Destroy"))
	body := c.generatedBody(g)
	if body.unknown != "" {
		f.reason = body.unknown
		return
	}
	switch len(body.entries) {
	case 0:
		f.reason = "the body sets no provider"
		return
	case 1:
	default:
		var names, described []string
		var reps []replacement
		for _, e := range body.entries {
			rep := c.replacementFor(e.provider, e.null)
			name := g.newOperationName(e.provider, c.generatedOperation(e.null))
			names, described = append(names, name), append(described, fmt.Sprintf("%s (%s)", name, rep))
			reps = append(reps, rep)
			f.replacements = append(f.replacements, rep.String())
		}
		f.providers = body.providers()
		f.message = fmt.Sprintf("%s calls the deprecated PATCH %s: use %s", g.name.Name, oldPath, joinEnglish(described, "and"))
		plan := func(i int, single *finding) string {
			entry := body.entries[i]
			if reason := c.planGeneratedUpdateEdits(g, single, body, entry, reps[i], c.generatedOperation(entry.null)); reason != "" {
				return reason
			}
			single.addEdits(analysis.TextEdit{Pos: g.name.Pos(), End: g.name.End(), NewText: []byte(names[i])})
			return ""
		}
		if reason := c.planSplit(g.call, f, reps, plan, nil, nil); reason != "" {
			f.reason = "the split into one call per provider is not safe: " + reason
			return
		}
		f.fixMessage = fmt.Sprintf("Replace %s with %s, one call per provider", g.name.Name, joinEnglish(names, "and"))
		return
	}
	entry := body.entries[0]
	rep := c.replacementFor(entry.provider, entry.null)
	op := c.generatedOperation(entry.null)
	newName := g.newOperationName(entry.provider, op)
	f.providers, f.replacements = body.providers(), []string{rep.String()}
	f.message = fmt.Sprintf("%s calls the deprecated PATCH %s: use %s (%s)", g.name.Name, oldPath, newName, rep)
	if reason := c.planGeneratedUpdateEdits(g, f, body, entry, rep, op); reason != "" {
		f.reason = reason
		return
	}
	f.addEdits(analysis.TextEdit{Pos: g.name.Pos(), End: g.name.End(), NewText: []byte(newName)})
	f.fixMessage = fmt.Sprintf("Replace %s with %s", g.name.Name, newName)
}

// updateOperation returns the operation that replaces a PATCH setting a
// provider to an object.
func (c *checker) updateOperation() string {
	if c.patch {
		return "PartialUpdate"
	}
	return "Create"
}

// generatedOperation returns the operation that replaces a PATCH setting a
// provider, to null when null is true.
func (c *checker) generatedOperation(null bool) string {
	if null {
		return "Destroy"
	}
	return c.updateOperation()
}

// planGeneratedUpdateEdits adds the body and response edits of a
// single-provider PATCH through a generated client, or returns why there
// can be none.
func (c *checker) planGeneratedUpdateEdits(g *generatedCall, f *finding, body *requestBody, entry bodyEntry, rep replacement, op string) string {
	newMethod := c.generatedMethod(g, entry.provider, op)
	if newMethod == nil {
		return fmt.Sprintf("the client has no method %s", g.newOperationName(entry.provider, op))
	}
	if entry.null {
		if reason := c.dropGeneratedBody(g, f); reason != "" {
			return reason
		}
	} else {
		if entry.unwrapReason != "" {
			return entry.unwrapReason
		}
		for _, v := range body.vars {
			if n := len(c.vars.readsOf(v)); n != 1 {
				return fmt.Sprintf("the body variable %s is used %d times, and the fix would change every use", v.Name(), n)
			}
		}
		edits := entry.unwrap
		if !g.withBody {
			params := newMethod.Signature().Params()
			if params.Len() < 2 {
				return fmt.Sprintf("%s takes no body", newMethod.Name())
			}
			var reason string
			if edits, reason = c.generatedValueEdits(entry, params.At(1).Type()); reason != "" {
				return reason
			}
		}
		f.addEdits(edits...)
	}

	uses, reason := c.generatedResponse(g)
	if reason != "" {
		return reason
	}
	if uses.http != nil {
		return c.moveResponse(uses.http, rep, f)
	}
	if !rep.hasBody && len(uses.read) > 0 {
		return fmt.Sprintf("the response is read for %s, but %s has no response body", uses.read, g.newOperationName(entry.provider, op))
	}
	for _, p := range uses.read {
		if p != entry.provider {
			return fmt.Sprintf("the response is read for %s, which %s does not return", p, g.newOperationName(entry.provider, op))
		}
	}

	statusEdits, reason := c.statusEdits(uses.status, rep.status)
	if reason != "" {
		return reason
	}
	if uses.statusTextCompared && rep.status != oldStatus {
		return fmt.Sprintf("the status text is compared, and it changes to the text of %d", rep.status)
	}
	f.addEdits(statusEdits...)
	edits, reason := uses.moveReads(entry.provider, op)
	if reason != "" {
		return reason
	}
	f.addEdits(edits...)
	if !rep.hasBody && g.ogen {
		resultEdits, reason := c.dropOgenResult(g)
		if reason != "" {
			return reason
		}
		f.addEdits(resultEdits...)
	}
	return ""
}

// dropGeneratedBody removes the body arguments of a call that becomes
// Destroy, which takes only the context and the request editors.
func (c *checker) dropGeneratedBody(g *generatedCall, f *finding) string {
	last := 1
	if g.withBody {
		last = 2
	}
	if len(g.call.Args) <= last {
		return "the call has no body argument to remove"
	}
	removed := g.call.Args[1 : last+1]
	var nodes []ast.Node
	for _, arg := range removed {
		nodes = append(nodes, arg)
	}
	if reason := c.leftUnused(nodes); reason != "" {
		return reason
	}
	if c.commentsBetween(g.call.Args[0].End(), removed[len(removed)-1].End()) {
		return "a comment among the removed body arguments would be lost"
	}
	f.addEdits(analysis.TextEdit{Pos: g.call.Args[0].End(), End: removed[len(removed)-1].End()})
	return ""
}
