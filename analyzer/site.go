package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// replacement is the provider endpoint operation that replaces an old call.
type replacement struct {
	method   string
	provider provider
	status   int  // the success status code
	hasBody  bool // the success response has a body
}

func (r replacement) String() string { return r.method + " " + r.provider.path() }

// replacementFor returns the operation that replaces a PATCH setting p, to
// null when null is true.
func (c *checker) replacementFor(p provider, null bool) replacement {
	switch {
	case null:
		return replacement{method: "DELETE", provider: p, status: 204}
	case c.patch:
		return replacement{method: "PATCH", provider: p, status: 200, hasBody: true}
	}
	return replacement{method: "POST", provider: p, status: 201, hasBody: true}
}

// check reports a request when its URL is the old endpoint, and plans the
// fix that moves it to the provider endpoint.
func (c *checker) check(req *request) {
	m, ok := matchOldEndpoint(c.requestURLParts(req))
	if !ok {
		return
	}
	f := c.newFinding(req.url)
	f.surface = req.surface
	method, known := c.methodOf(req)
	if known {
		f.operation = method
	}
	switch {
	case req.reason != "":
		if !known {
			method = "request to"
		}
		f.message = fmt.Sprintf("%s %s is deprecated: use %s", method, oldPath, anyProviderPaths())
		f.reason = req.reason
	case !known:
		f.message = fmt.Sprintf("request to %s is deprecated: use %s", oldPath, anyProviderPaths())
		f.reason = "the method is not a constant"
	case method == "GET":
		c.planRetrieve(req, m, f)
	case method == "PATCH":
		c.planUpdate(req, m, f)
	default:
		f.message = fmt.Sprintf("%s %s is deprecated: use %s", method, oldPath, anyProviderPaths())
		f.reason = fmt.Sprintf("the old endpoint has no %s operation", method)
	}
	c.add(f)
}

// planRetrieve plans the fix of a GET: the provider endpoint of the one
// provider the function reads from the decoded response.
func (c *checker) planRetrieve(req *request, m *urlMatch, f *finding) {
	f.message = fmt.Sprintf("GET %s is deprecated: use GET %s", oldPath, anyProviderPaths())
	uses, reason := req.responseUses()
	if reason != "" {
		f.reason = reason
		return
	}
	if len(uses.decodes) == 1 {
		if d, reason := c.readDecoded(uses.decodes[0]); reason == "" && d.otherUse == "" && len(d.read) > 1 {
			c.planRetrieveSplit(req, m, uses.decodes[0], d, f)
			return
		}
	}
	p, site, d, ok := c.readProvider(uses, f, getMessage)
	if !ok {
		return
	}
	urlEdits, reason := c.urlEdits(m, p)
	if reason != "" {
		f.reason = reason
		return
	}
	f.addEdits(urlEdits...)
	f.addEdits(c.targetEdit(site, d, p))
	f.fixMessage = fmt.Sprintf("Replace GET %s with GET %s", oldPath, p.path())
}

// planRetrieveSplit plans the fix of a GET whose decoded response is read
// for several providers: one GET per provider, each decoding into the
// provider's field of the same variable, so that the reads stay as they are.
func (c *checker) planRetrieveSplit(req *request, m *urlMatch, site decodeSite, d *decodedValue, f *finding) {
	f.message = getMessage(d.read)
	f.providers, f.replacements = d.read, getPaths(d.read)
	reps := make([]replacement, len(d.read))
	for i, p := range d.read {
		reps[i] = replacement{method: "GET", provider: p, status: 200, hasBody: true}
	}
	plan := func(i int, single *finding) string {
		p := d.read[i]
		if _, ok := c.oneProviderRead(providerSet{p}, d.nilChecked, d.valueUsed, "out."+d.fields[p], single, getMessage); !ok {
			return single.reason
		}
		if reason := c.targetFits(site, d, p); reason != "" {
			return reason
		}
		urlEdits, reason := c.urlEdits(m, p)
		if reason != "" {
			return reason
		}
		single.addEdits(urlEdits...)
		single.addEdits(c.targetEdit(site, d, p))
		return ""
	}
	if reason := c.planSplit(req.call, f, reps, plan, d.out, nil); reason != "" {
		f.reason = "the split into one request per provider is not safe: " + reason
		return
	}
	f.fixMessage = fmt.Sprintf("Replace GET %s with %s, one request per provider", oldPath, joinEnglish(getPaths(d.read), "and"))
}

// readProvider returns the one provider that the code reads from the
// decoded response of an old GET, with the decode site, after checking that
// the decode can move to that provider's field. Otherwise it sets f's
// message and reason and returns false.
func (c *checker) readProvider(uses *responseUses, f *finding, message getMessageFunc) (provider, decodeSite, *decodedValue, bool) {
	if len(uses.decodes) != 1 {
		f.reason = "the response is not decoded exactly once, so the provider it is read for is unknown"
		return 0, decodeSite{}, nil, false
	}
	site := uses.decodes[0]
	d, reason := c.readDecoded(site)
	if reason == "" {
		reason = d.otherUse
	}
	if reason != "" {
		f.reason = reason
		return 0, decodeSite{}, nil, false
	}
	value := ""
	if len(d.read) > 0 {
		value = "out." + d.fields[d.read[0]]
	}
	p, ok := c.oneProviderRead(d.read, d.nilChecked, d.valueUsed, value, f, message)
	if !ok {
		return 0, decodeSite{}, nil, false
	}
	if reason := c.targetFits(site, d, p); reason != "" {
		f.reason = reason
		return 0, decodeSite{}, nil, false
	}
	return p, site, d, true
}

// A getMessageFunc returns the message of a diagnostic for an old GET
// whose replacement is a GET of each of the providers.
type getMessageFunc func(providers providerSet) string

// getMessage is the getMessageFunc of requests that name the endpoint.
func getMessage(providers providerSet) string {
	return fmt.Sprintf("GET %s is deprecated: use %s", oldPath, joinEnglish(getPaths(providers), "and"))
}

// oneProviderRead returns the one provider read from an old GET's
// response, given the providers read, those compared with nil and those
// used as whole values, value naming the latter in messages. Otherwise it
// sets f's reason and returns false. It sets f's message with message.
func (c *checker) oneProviderRead(read, nilChecked, valueUsed providerSet, value string, f *finding, message getMessageFunc) (provider, bool) {
	if len(read) > 0 {
		f.message = message(read)
		f.providers, f.replacements = read, getPaths(read)
	}
	switch len(read) {
	case 0:
		f.reason = "no provider is read from the decoded response"
		return 0, false
	case 1:
	default:
		f.reason = fmt.Sprintf("the response is read for %s, which needs one request per provider", read)
		return 0, false
	}
	p := read[0]
	rep := replacement{method: "GET", provider: p, status: 200, hasBody: true}
	if nilChecked.contains(p) {
		f.reason = fmt.Sprintf("the code handles a missing %s configuration as nil, but %s answers 404 Not Found for it", p, rep)
		return 0, false
	}
	if valueUsed.contains(p) {
		f.reason = fmt.Sprintf("%s is used as a value that other code may check for nil, but %s answers 404 Not Found when it is missing", value, rep)
		return 0, false
	}
	return p, true
}

func getPaths(s providerSet) []string {
	paths := make([]string, len(s))
	for i, p := range s {
		paths[i] = "GET " + p.path()
	}
	return paths
}

// planUpdate plans the fix of a PATCH that sets one provider.
func (c *checker) planUpdate(req *request, m *urlMatch, f *finding) {
	method := c.replacementFor(twilio, false).method
	f.message = fmt.Sprintf("PATCH %s is deprecated: use %s %s", oldPath, method, anyProviderPaths())
	body := c.requestBody(req)
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
		var reps []replacement
		var texts []string
		for _, e := range body.entries {
			rep := c.replacementFor(e.provider, e.null)
			reps, texts = append(reps, rep), append(texts, rep.String())
		}
		f.providers, f.replacements = body.providers(), texts
		f.message = fmt.Sprintf("PATCH %s is deprecated: use %s", oldPath, joinEnglish(texts, "and"))
		plan := func(i int, single *finding) string {
			return c.planUpdateEdits(req, m, single, body, body.entries[i], reps[i])
		}
		if reason := c.planSplit(req.call, f, reps, plan, nil, req.body); reason != "" {
			f.reason = "the split into one request per provider is not safe: " + reason
			return
		}
		f.fixMessage = fmt.Sprintf("Replace PATCH %s with %s, one request per provider", oldPath, joinEnglish(texts, "and"))
		return
	}
	entry := body.entries[0]
	rep := c.replacementFor(entry.provider, entry.null)
	f.providers, f.replacements = body.providers(), []string{rep.String()}
	f.message = fmt.Sprintf("PATCH %s is deprecated: use %s", oldPath, rep)
	f.reason = c.planUpdateEdits(req, m, f, body, entry, rep)
	if f.reason == "" {
		f.fixMessage = fmt.Sprintf("Replace PATCH %s with %s", oldPath, rep)
	}
}

// planUpdateEdits adds the edits of a single-provider PATCH to f, or
// returns why there can be none.
func (c *checker) planUpdateEdits(req *request, m *urlMatch, f *finding, body *requestBody, entry bodyEntry, rep replacement) string {
	methodEdits, reason := c.methodEdits(req, rep.method)
	if reason != "" {
		return reason
	}
	f.addEdits(methodEdits...)
	urlEdits, reason := c.urlEdits(m, rep.provider)
	if reason != "" {
		return reason
	}
	f.addEdits(urlEdits...)
	if entry.null {
		if reason := c.removeBody(req, f); reason != "" {
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
		f.addEdits(entry.unwrap...)
	}
	uses, reason := req.responseUses()
	if reason != "" {
		return reason
	}
	return c.moveResponse(uses, rep, f)
}

// moveResponse adds the edits that make the uses of an old PATCH's
// response fit the replacement rep: status checks and decodes.
func (c *checker) moveResponse(uses *responseUses, rep replacement, f *finding) string {
	if reason := uses.rejects[rep.status]; reason != "" {
		return reason
	}
	if uses.statusTextCompared && rep.status != oldStatus {
		return fmt.Sprintf("the status text is compared, and it changes to the text of %d", rep.status)
	}
	statusEdits, reason := c.statusEdits(uses.status, rep.status)
	if reason != "" {
		return reason
	}
	f.addEdits(statusEdits...)
	for _, site := range uses.decodes {
		if reason := c.moveDecode(site, rep, f); reason != "" {
			return reason
		}
	}
	return ""
}

// moveDecode makes a decode of the old response fit the replacement: it
// decodes into the provider's field, or goes when there is no body.
func (c *checker) moveDecode(site decodeSite, rep replacement, f *finding) string {
	d, reason := c.readDecoded(site)
	if reason != "" {
		return reason
	}
	if !rep.hasBody {
		return c.removeDecode(site, d, f)
	}
	if d.otherUse != "" {
		return d.otherUse
	}
	for _, p := range d.read {
		if p != rep.provider {
			return fmt.Sprintf("the response is read for %s, which %s does not return", p, rep)
		}
	}
	if _, ok := d.fields[rep.provider]; !ok {
		return fmt.Sprintf("the decoded response %s has no field for %s", d.out.Name(), rep.provider)
	}
	if reason := c.targetFits(site, d, rep.provider); reason != "" {
		return reason
	}
	f.addEdits(c.targetEdit(site, d, rep.provider))
	return ""
}

// targetFits returns the reason the address of provider p's field cannot
// replace the decode target, when the target is passed to a parameter whose
// type does not accept it.
func (c *checker) targetFits(site decodeSite, d *decodedValue, p provider) string {
	if site.param == nil {
		return ""
	}
	var field types.Type
	if obj, _, _ := types.LookupFieldOrMethod(d.out.Type(), true, d.out.Pkg(), d.fields[p]); obj != nil {
		field = obj.Type()
	}
	if field == nil || !types.AssignableTo(types.NewPointer(field), site.param) {
		return fmt.Sprintf("%s decodes into a parameter of type %s, which cannot take the provider field", site.calleeName, site.param)
	}
	return ""
}

// targetEdit makes a decode target the field of provider p, so that later
// reads of that field see the unwrapped provider config.
func (c *checker) targetEdit(site decodeSite, d *decodedValue, p provider) analysis.TextEdit {
	target := ast.Unparen(site.target)
	field := d.fields[p]
	if d.addressed {
		return analysis.TextEdit{Pos: target.End(), End: target.End(), NewText: []byte("." + field)}
	}
	return analysis.TextEdit{Pos: target.Pos(), End: target.End(), NewText: []byte("&" + d.out.Name() + "." + field)}
}

// removeDecode removes the statement that decodes the response of a
// request that now has no response body, with the declaration of the
// variable it decoded into.
func (c *checker) removeDecode(site decodeSite, d *decodedValue, f *finding) string {
	var stmt ast.Node = decodeStatement(site.cursor)
	var dropEdits []analysis.TextEdit
	if site.drop != nil {
		edits, reason := site.drop()
		if reason != "" {
			return reason
		}
		stmt, dropEdits = site.target, edits
	} else if stmt == (ast.Stmt)(nil) {
		return "the response is decoded, but the DELETE replacement has no body and the decode is not a statement the fix can remove"
	}
	for _, id := range c.vars.readsOf(d.out) {
		if id.Pos() < stmt.Pos() || id.End() > stmt.End() {
			return fmt.Sprintf("the DELETE replacement has no response body, but %s is used after decoding it", d.out.Name())
		}
	}
	decl := c.vars.defs[d.out].stmt
	declStmt, ok := c.removableDeclaration(decl)
	if !ok {
		return fmt.Sprintf("the DELETE replacement has no response body, and the declaration of %s cannot be removed", d.out.Name())
	}
	if reason := c.leftUnused([]ast.Node{declStmt, stmt}); reason != "" {
		return reason
	}
	f.removeLine(c, declStmt)
	if site.drop != nil {
		f.addEdits(dropEdits...)
	} else {
		f.removeLine(c, stmt)
	}
	return ""
}

// decodeStatement returns the statement that only decodes: the decode call
// as a statement, or an if statement without else whose init or condition
// is the decode.
func decodeStatement(call inspector.Cursor) ast.Stmt {
	parent := call.Parent()
	switch p := parent.Node().(type) {
	case *ast.ExprStmt:
		return p
	case *ast.AssignStmt:
		if ifStmt, ok := parent.Parent().Node().(*ast.IfStmt); ok && ifStmt.Init == p && ifStmt.Else == nil {
			return ifStmt
		}
	case *ast.BinaryExpr:
		if ifStmt, ok := parent.Parent().Node().(*ast.IfStmt); ok && ifStmt.Cond == p && ifStmt.Init == nil && ifStmt.Else == nil {
			return ifStmt
		}
	}
	return nil
}

// removableDeclaration returns the statement that declares a decode target
// when it declares nothing else and has no side effect: var out T, or
// out := T{} and its variants.
func (c *checker) removableDeclaration(decl ast.Node) (ast.Stmt, bool) {
	switch decl := decl.(type) {
	case *ast.ValueSpec:
		cur, ok := c.cursorOf(decl)
		if !ok || len(decl.Names) != 1 || len(decl.Values) > 1 {
			return nil, false
		}
		gen, ok := cur.Parent().Node().(*ast.GenDecl)
		if !ok || len(gen.Specs) != 1 {
			return nil, false
		}
		stmt, ok := cur.Parent().Parent().Node().(*ast.DeclStmt)
		if !ok || len(decl.Values) == 1 && !isPlainValue(c, decl.Values[0]) {
			return nil, false
		}
		return stmt, true
	case *ast.AssignStmt:
		if len(decl.Lhs) == 1 && len(decl.Rhs) == 1 && isPlainValue(c, decl.Rhs[0]) {
			return decl, true
		}
	}
	return nil, false
}

// isPlainValue reports whether e only makes a value: a composite literal,
// its address, or new(T).
func isPlainValue(c *checker, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if _, ok := e.(*ast.CompositeLit); ok {
		return true
	}
	return c.neverNil(e) && !hasCall(e)
}

func hasCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "new" {
				found = true
			}
		}
		return !found
	})
	return found
}

// methodOf returns the request's method when it is known at compile time.
func (c *checker) methodOf(req *request) (string, bool) {
	if req.method == nil {
		return req.fixedMethod, true
	}
	e := req.method
	for range maxURLDepth {
		if value, ok := c.stringConstant(e); ok {
			return strings.ToUpper(value), true
		}
		v := c.localVar(e)
		if v == nil {
			return "", false
		}
		def, ok := c.vars.assignedOnce(v)
		if !ok || def.result >= 0 {
			return "", false
		}
		e = def.rhs
	}
	return "", false
}

// methodEdits returns the edits that make the request use method.
func (c *checker) methodEdits(req *request, method string) ([]analysis.TextEdit, string) {
	if req.setMethod != nil {
		return req.setMethod(method)
	}
	if req.method == nil {
		return nil, fmt.Sprintf("%s always sends %s", callName(req.call), req.fixedMethod)
	}
	edit := c.methodEdit(req.method, method)
	return []analysis.TextEdit{edit}, ""
}

// methodEdit returns the edit that makes the method expression e give
// method instead, in the code's own style.
func (c *checker) methodEdit(methodExpr ast.Expr, method string) analysis.TextEdit {
	e := ast.Unparen(methodExpr)
	// A variable read only here is rewritten where it gets its value.
	for range maxURLDepth {
		v := c.localVar(e)
		if v == nil || len(c.vars.readsOf(v)) != 1 {
			break
		}
		def, ok := c.vars.assignedOnce(v)
		if !ok || def.result >= 0 {
			break
		}
		e = ast.Unparen(def.rhs)
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		text := strconv.Quote(method)
		if strings.HasPrefix(e.Value, "`") {
			text = "`" + method + "`"
		}
		return analysis.TextEdit{Pos: e.Pos(), End: e.End(), NewText: []byte(text)}
	case *ast.SelectorExpr, *ast.Ident:
		name := "Method" + method[:1] + strings.ToLower(method[1:])
		if edit, ok := c.renameHTTPConstant(e, "Method", name); ok {
			return edit
		}
	}
	// Any other constant is replaced by a literal where the request uses it.
	return analysis.TextEdit{Pos: methodExpr.Pos(), End: methodExpr.End(), NewText: []byte(strconv.Quote(method))}
}

// removeBody makes the request send no body, for a DELETE: it replaces
// the body expression with nil unless the surface removes it otherwise.
func (c *checker) removeBody(req *request, f *finding) string {
	if req.body == nil {
		return "the call cannot send a request without a body"
	}
	if reason := c.leftUnused([]ast.Node{req.body}); reason != "" {
		// A body marshalled in its own statement goes with that statement.
		edits, reason := c.dropBodyStatements(req, reason)
		if reason != "" {
			return reason
		}
		f.addEdits(edits...)
	}
	if req.dropBody != nil {
		edits, reason := req.dropBody()
		if reason != "" {
			return reason
		}
		f.addEdits(edits...)
		return ""
	}
	if param := paramType(c, req.call, req.body); !req.bodyNilSafe || param == nil || !isNillable(param) {
		return fmt.Sprintf("%s sends a body even when it is given nil", callName(req.call))
	}
	f.addEdits(analysis.TextEdit{Pos: req.body.Pos(), End: req.body.End(), NewText: []byte("nil")})
	return ""
}

// dropBodyStatements returns the edits that remove the statements that
// only build the body of a request that now sends none, or the reason,
// given as unused, for which the body alone cannot go.
func (c *checker) dropBodyStatements(req *request, unused string) ([]analysis.TextEdit, string) {
	run, reason := c.enclosingRun(req.call)
	if reason != "" {
		return nil, unused
	}
	for _, v := range c.bodyBuilders(req.body) {
		if i := slices.IndexFunc(run.list, func(s ast.Stmt) bool { return s == c.vars.defs[v].stmt }); i >= 0 && i < run.first {
			run.first = i
		}
	}
	edits, removed, reason := c.dropBodyBuild(run, req.body)
	if reason != "" {
		return nil, reason
	}
	if len(removed) == 0 {
		return nil, unused
	}
	if reason := c.leftUnused(append(removed, req.body)); reason != "" {
		return nil, reason
	}
	return edits, ""
}

// leftUnused returns a reason when removing the nodes would leave a local
// variable defined outside them without any read.
func (c *checker) leftUnused(nodes []ast.Node) string {
	if c.splitting {
		return ""
	}
	inside := func(pos token.Pos) bool {
		for _, n := range nodes {
			if n.Pos() <= pos && pos < n.End() {
				return true
			}
		}
		return false
	}
	for _, n := range nodes {
		var reason string
		ast.Inspect(n, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || reason != "" {
				return reason == ""
			}
			v := c.localVar(id)
			if v == nil || v.Pkg() != c.pass.Pkg || v.Parent() == c.pass.Pkg.Scope() || inside(v.Pos()) {
				return true
			}
			for _, read := range c.vars.readsOf(v) {
				if !inside(read.Pos()) {
					return true
				}
			}
			reason = fmt.Sprintf("the fix would leave %s without a use", v.Name())
			return false
		})
		if reason != "" {
			return reason
		}
	}
	return ""
}
