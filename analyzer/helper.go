package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// helperFact summarises a function or method that sends one request whose
// URL comes from one of its parameters, so that the analyzer can check and
// fix its calls, in the same package or another, where the URL is known.
// Indexes count the parameters from 0 without the receiver, and -1 means
// none. The fields are exported because the drivers encode facts with
// encoding/gob.
type helperFact struct {
	// Method is the parameter giving the method, or -1 when the helper
	// always sends FixedMethod.
	Method      int
	FixedMethod string
	// URL is the parameter that ends the URL. URLBefore and URLAfter are
	// the text the helper puts around it, with dynamicText standing for
	// each part whose text is not known, such as a base URL.
	URL                 int
	URLBefore, URLAfter string
	// Body is the parameter that gives the body, of kind BodyKind. When
	// BodyNilSafe is set, a nil argument sends no body. BodyReason, when
	// not empty, is the reason the body the helper sends is unknown.
	Body        int
	BodyKind    bodyKind
	BodyNilSafe bool
	BodyReason  string
	// Response is the result through which the helper returns the
	// *http.Response, or -1.
	Response int
	// Out is the parameter the helper decodes the response body into.
	// When OutNilSafe is set, a nil argument skips the decode.
	Out        int
	OutNilSafe bool
	// Rejects lists the success codes the helper does not accept as it
	// accepts 200, in increasing order. It is a slice rather than a map
	// because a fact's encoding must be deterministic.
	Rejects []rejection
	// ResponseReason, when not empty, is the reason the helper's use of the
	// response cannot be summarised.
	ResponseReason string
	// Reason, when not empty, is the reason no call of the helper can be fixed.
	Reason string
}

func (*helperFact) AFact() {}

// rejection is a success code that a helper does not accept, and why.
type rejection struct {
	Status int
	Reason string
}

// rejectsMap returns the rejections as a map from status to reason.
func (f *helperFact) rejectsMap() map[int]string {
	m := make(map[int]string, len(f.Rejects))
	for _, r := range f.Rejects {
		m[r.Status] = r.Reason
	}
	return m
}

// String describes the fact for analysistest's fact expectations.
func (f *helperFact) String() string {
	var b strings.Builder
	b.WriteString("helper(")
	if f.Method >= 0 {
		fmt.Fprintf(&b, "method=%d", f.Method)
	} else {
		fmt.Fprintf(&b, "method=%q", f.FixedMethod)
	}
	fmt.Fprintf(&b, " url=%d", f.URL)
	if f.Body >= 0 {
		fmt.Fprintf(&b, " body=%d", f.Body)
	}
	if f.Out >= 0 {
		fmt.Fprintf(&b, " out=%d", f.Out)
	}
	if f.Response >= 0 {
		fmt.Fprintf(&b, " response=%d", f.Response)
	}
	if f.Reason != "" {
		fmt.Fprintf(&b, " unfixable: %s", f.Reason)
	}
	b.WriteString(")")
	return b.String()
}

// helperPackage is the package fact of a package that declares helpers,
// so that importers without a path constant of their own can skip looking
// for calls of helpers.
type helperPackage struct{}

func (*helperPackage) AFact()         {}
func (*helperPackage) String() string { return "declares helpers" }

// helperFactOf returns the fact of fn, declared in this package or another.
func (c *checker) helperFactOf(fn *types.Func) *helperFact {
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.helpers[fn]
	}
	fact := new(helperFact)
	if c.pass.ImportObjectFact(fn, fact) {
		return fact
	}
	return nil
}

// maxHelperRounds bounds how often the helpers of a package are summarised
// again so that helpers of helpers see each other's facts. Each round
// follows one more level of wrapping.
const maxHelperRounds = 8

// findHelpers summarises every function and method of the package that
// sends a request built from its parameters, and exports their facts.
func (c *checker) findHelpers() {
	type funcDecl struct {
		fn  *types.Func
		cur inspector.Cursor
	}
	var decls []funcDecl
	for cur := range c.root.Preorder((*ast.FuncDecl)(nil)) {
		// Generated clients are recognised by their operation names, and a
		// generated file holds no project helper.
		if c.inGeneratedFile(cur.Node()) {
			continue
		}
		decl := cur.Node().(*ast.FuncDecl)
		fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if ok && decl.Body != nil && fn.Signature().Params().Len() > 0 {
			body, _ := cur.FindNode(decl.Body)
			decls = append(decls, funcDecl{fn, body})
		}
	}
	c.helpers = make(map[*types.Func]*helperFact)
	for range maxHelperRounds {
		changed := false
		for _, d := range decls {
			var fact *helperFact
			c.guard(d.cur.Parent().Node(), func() { fact = c.summarize(d.fn, d.cur) })
			if !reflect.DeepEqual(fact, c.helpers[d.fn]) {
				changed = true
				if fact == nil {
					delete(c.helpers, d.fn)
				} else {
					c.helpers[d.fn] = fact
				}
			}
		}
		if !changed {
			break
		}
	}
	if len(c.helpers) == 0 {
		return
	}
	exported := false
	for _, d := range decls {
		if fact, ok := c.helpers[d.fn]; ok {
			c.pass.ExportObjectFact(d.fn, fact)
			exported = exported || d.fn.Exported()
		}
	}
	// Other packages can call only exported helpers.
	if exported {
		c.pass.ExportPackageFact(&helperPackage{})
	}
}

// summarize returns the fact of fn, whose body is at body, or nil when fn
// sends no request whose URL comes from a parameter.
func (c *checker) summarize(fn *types.Func, body inspector.Cursor) *helperFact {
	sig := fn.Signature()
	params := make(map[*types.Var]int)
	n := sig.Params().Len()
	if sig.Variadic() {
		n--
	}
	for i := range n {
		params[sig.Params().At(i)] = i
	}
	c.summarizing = fn
	defer func() { c.summarizing = nil }()
	var fact *helperFact
	for cur := range body.Preorder((*ast.CallExpr)(nil)) {
		req, ok := c.recognize(cur)
		if !ok {
			continue
		}
		next := c.summarizeRequest(fn, req, params)
		if next == nil {
			continue
		}
		if fact != nil {
			fact.Reason = fmt.Sprintf("%s sends more than one request built from its parameters", fn.Name())
			return fact
		}
		fact = next
	}
	return fact
}

// summarizeRequest returns the fact of a helper fn that sends req, or nil
// when the URL of req does not come from a parameter of fn.
func (c *checker) summarizeRequest(fn *types.Func, req *request, params map[*types.Var]int) *helperFact {
	parts := c.requestURLParts(req)
	last := -1
	for i, p := range parts {
		if _, ok := params[p.source]; ok && p.dynamic {
			last = i
		}
	}
	fact := &helperFact{Method: -1, Body: -1, Out: -1, Response: -1, Reason: req.reason}
	if last >= 0 {
		fact.URL = params[parts[last].source]
		fact.URLBefore = partsText(parts[:last])
		fact.URLAfter = partsText(parts[last+1:])
		if !canReachOldEndpoint(fact.URLBefore, fact.URLAfter) {
			return nil // such as a base URL parameter before a fixed path
		}
	} else {
		// A parameter that reaches the URL in a way the analyzer does not
		// follow still makes fn a helper, whose calls are then reported
		// without a fix.
		if _, reported := matchOldEndpoint(parts); reported {
			return nil
		}
		i, ok := c.mentionedParam(req.url, params)
		if !ok {
			return nil
		}
		fact.URL, fact.URLBefore = i, dynamicText
		fact.Reason = fmt.Sprintf("%s builds its URL from %s in a way the analyzer does not follow", fn.Name(), paramName(fn, i))
	}

	switch method, ok := c.methodParam(req, params); {
	case ok:
		fact.Method = method
	case req.method == nil || c.isConstant(req.method):
		fact.FixedMethod, _ = c.methodOf(req)
	case fact.Reason == "":
		fact.Reason = fmt.Sprintf("%s sends a method that is neither a parameter nor a constant", fn.Name())
	}

	switch {
	case req.body == nil || isNil(c.pass.TypesInfo, req.body):
	case req.bodyReason != "":
		fact.BodyReason = req.bodyReason
	default:
		if i, kind, nilSafe, ok := c.bodyParam(req, params); ok {
			fact.Body, fact.BodyKind, fact.BodyNilSafe = i, kind, nilSafe
		} else {
			fact.BodyReason = fmt.Sprintf("%s sends a body that does not come from its parameters", fn.Name())
		}
	}

	uses, reason := req.responseUses()
	if reason != "" {
		fact.ResponseReason = fmt.Sprintf("in %s, %s", fn.Name(), reason)
		return fact
	}
	c.summarizeResponse(fn, uses, params, fact)
	return fact
}

// summarizeResponse records in fact which parameter the helper fn decodes
// the response into and which success codes it does not accept.
func (c *checker) summarizeResponse(fn *types.Func, uses *responseUses, params map[*types.Var]int, fact *helperFact) {
	if uses.returned {
		results := fn.Signature().Results()
		if results.Len() == 0 || !isNamedType(results.At(0).Type(), "net/http", "Response") {
			fact.ResponseReason = fmt.Sprintf("%s returns the response other than as its first result", fn.Name())
			return
		}
		fact.Response = 0
	}
	for _, site := range uses.decodes {
		v := c.localVar(site.target)
		i, ok := params[v]
		if !ok {
			fact.ResponseReason = fmt.Sprintf("%s decodes the response into a value of its own", fn.Name())
			return
		}
		if fact.Out >= 0 {
			fact.ResponseReason = fmt.Sprintf("%s decodes the response more than once", fn.Name())
			return
		}
		fact.Out = i
		fact.OutNilSafe = site.nilSafe || c.guardedNonNil(site.cursor, v)
	}
	for _, status := range []int{201, 204} {
		var reason string
		edits, editReason := c.statusEdits(uses.status, status)
		switch {
		case uses.rejects[status] != "":
			reason = uses.rejects[status]
		case uses.statusTextCompared:
			reason = fmt.Sprintf("%s compares the status text, which changes for %d", fn.Name(), status)
		case editReason != "" || len(edits) > 0:
			reason = fmt.Sprintf("the status check in %s treats %d differently from 200", fn.Name(), status)
		default:
			continue
		}
		fact.Rejects = append(fact.Rejects, rejection{status, reason})
	}
}

// oldPathSpellings are the spellings of the old endpoint that a helper's
// caller may pass: the whole path, or the part after a base ending in /api.
var oldPathSpellings = []string{oldPath, strings.TrimPrefix(oldPath, "/"), "/" + oldSuffix, oldSuffix}

// canReachOldEndpoint reports whether some spelling of the old endpoint,
// put between before and after, makes a URL of the old endpoint. A helper
// whose URL can never be the old endpoint needs no fact.
func canReachOldEndpoint(before, after string) bool {
	for _, spelling := range oldPathSpellings {
		parts := textParts(before + spelling + after)
		if _, ok := matchOldEndpoint(parts); ok {
			return true
		}
	}
	return false
}

// methodParam returns the parameter that gives the request's method,
// directly or through local variables assigned once.
func (c *checker) methodParam(req *request, params map[*types.Var]int) (int, bool) {
	e := req.method
	for range maxURLDepth {
		v := c.localVar(e)
		if v == nil {
			return 0, false
		}
		if i, ok := params[v]; ok {
			return i, true
		}
		def, ok := c.vars.assignedOnce(v)
		if !ok || def.result >= 0 {
			return 0, false
		}
		e = def.rhs
	}
	return 0, false
}

// bodyParam follows the request's body back to the parameter it comes
// from, through readers, json.Marshal and local variables given one value.
// It returns the parameter with the kind of value the helper expects there,
// and whether a nil argument makes the helper send no body.
func (c *checker) bodyParam(req *request, params map[*types.Var]int) (index int, kind bodyKind, nilSafe bool, ok bool) {
	e, kind, nilSafe := req.body, req.bodyKind, req.bodyNilSafe
	for range maxURLDepth {
		e = ast.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND && kind == bodyReaderKind {
			// &buf, a bytes.Buffer that a json.Encoder fills.
			if v := c.localVar(u.X); v != nil {
				if value, ok := c.encodedValue(v, u.X); ok {
					e, kind, nilSafe = value, bodyValueKind, false
					continue
				}
			}
		}
		if v := c.localVar(e); v != nil {
			if i, ok := params[v]; ok {
				if !nilSafe {
					cur, found := c.cursorOf(e)
					nilSafe = found && c.guardedNonNil(cur, v)
				}
				return i, kind, nilSafe, true
			}
			if kind == bodyReaderKind {
				if value, ok := c.encodedValue(v, e); ok {
					e, kind, nilSafe = value, bodyValueKind, false
					continue
				}
			}
			def, ok := c.vars.valueOf(v)
			if !ok {
				return 0, 0, false, false
			}
			if def.result >= 0 && c.isTuple(def.rhs) {
				call, _ := ast.Unparen(def.rhs).(*ast.CallExpr)
				if call == nil || def.result != 0 || kind != bodyBytesKind {
					return 0, 0, false, false
				}
				e = call
				continue
			}
			e = def.rhs
			continue
		}
		call, isCall := e.(*ast.CallExpr)
		if !isCall || len(call.Args) == 0 {
			return 0, 0, false, false
		}
		fn := c.calleeFunc(call)
		switch {
		case kind == bodyReaderKind && (isFunc(fn, "bytes", "NewReader") || isFunc(fn, "bytes", "NewBuffer")):
			e, kind, nilSafe = call.Args[0], bodyBytesKind, true
		case kind == bodyReaderKind && (isFunc(fn, "strings", "NewReader") || isFunc(fn, "bytes", "NewBufferString")):
			e, kind, nilSafe = call.Args[0], bodyTextKind, false
		case kind == bodyTextKind && c.isConversion(call, types.Typ[types.String]):
			e, kind = call.Args[0], bodyBytesKind
		case kind == bodyBytesKind && c.isConversion(call, types.NewSlice(types.Typ[types.Byte])):
			e, kind = call.Args[0], bodyTextKind
		case kind == bodyBytesKind && (isFunc(fn, "encoding/json", "Marshal") || isFunc(fn, "encoding/json", "MarshalIndent")):
			// json.Marshal(nil) is the text null, which is still a body.
			e, kind, nilSafe = call.Args[0], bodyValueKind, false
		default:
			return 0, 0, false, false
		}
	}
	return 0, 0, false, false
}

// encodedValue returns x when v is a bytes.Buffer that only
// json.NewEncoder(&v).Encode(x) writes, apart from its use at use.
func (c *checker) encodedValue(v *types.Var, use ast.Expr) (ast.Expr, bool) {
	if !isNamedType(v.Type(), "bytes", "Buffer") {
		return nil, false
	}
	var value ast.Expr
	for _, id := range c.vars.readsOf(v) {
		if id == ast.Unparen(use) {
			continue
		}
		cur, ok := c.cursorOf(id)
		if !ok {
			return nil, false
		}
		encode, ok := encoderCall(c, cur)
		if !ok || value != nil {
			return nil, false
		}
		value = encode.Args[0]
	}
	return value, value != nil
}

// isConversion reports whether call converts its operand to a type
// identical to t, such as string(b).
func (c *checker) isConversion(call *ast.CallExpr, t types.Type) bool {
	tv := c.pass.TypesInfo.Types[call.Fun]
	return tv.IsType() && len(call.Args) == 1 && types.Identical(tv.Type.Underlying(), t)
}

// isTuple reports whether e yields several values.
func (c *checker) isTuple(e ast.Expr) bool {
	_, ok := c.pass.TypesInfo.TypeOf(e).(*types.Tuple)
	return ok
}

// guardedNonNil reports whether the node at cur runs only when v is not
// nil: it is in the body of an if statement whose condition requires
// v != nil, or comes after an if statement that returns when v == nil.
func (c *checker) guardedNonNil(cur inspector.Cursor, v *types.Var) bool {
	for inner, outer := cur, cur.Parent(); outer.Valid(); inner, outer = outer, outer.Parent() {
		switch n := outer.Node().(type) {
		case *ast.IfStmt:
			if n.Body == inner.Node() && c.requiresNonNil(n.Cond, v) {
				return true
			}
		case *ast.BlockStmt:
			for _, stmt := range n.List {
				if stmt == inner.Node() {
					break
				}
				if c.returnsWhenNil(stmt, v) {
					return true
				}
			}
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		}
	}
	return false
}

// returnsWhenNil reports whether stmt is an if statement without else that
// returns when v is nil, such as if out == nil { return nil }.
func (c *checker) returnsWhenNil(stmt ast.Stmt, v *types.Var) bool {
	ifStmt, ok := stmt.(*ast.IfStmt)
	if !ok || ifStmt.Init != nil || ifStmt.Else != nil || len(ifStmt.Body.List) == 0 {
		return false
	}
	if _, ok := ifStmt.Body.List[len(ifStmt.Body.List)-1].(*ast.ReturnStmt); !ok {
		return false
	}
	return c.holdsWhenNil(ifStmt.Cond, v)
}

// holdsWhenNil reports whether the condition cond is true when v is nil.
func (c *checker) holdsWhenNil(cond ast.Expr, v *types.Var) bool {
	bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch bin.Op {
	case token.LOR:
		return c.holdsWhenNil(bin.X, v) || c.holdsWhenNil(bin.Y, v)
	case token.EQL:
		info := c.pass.TypesInfo
		return c.localVar(bin.X) == v && isNil(info, bin.Y) || c.localVar(bin.Y) == v && isNil(info, bin.X)
	}
	return false
}

// requiresNonNil reports whether the condition cond is false when v is nil.
func (c *checker) requiresNonNil(cond ast.Expr, v *types.Var) bool {
	bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch bin.Op {
	case token.LAND:
		return c.requiresNonNil(bin.X, v) || c.requiresNonNil(bin.Y, v)
	case token.NEQ:
		info := c.pass.TypesInfo
		return c.localVar(bin.X) == v && isNil(info, bin.Y) || c.localVar(bin.Y) == v && isNil(info, bin.X)
	}
	return false
}

// mentionedParam returns the one string parameter that the expression e
// reads, directly or through local variables assigned once.
func (c *checker) mentionedParam(e ast.Expr, params map[*types.Var]int) (int, bool) {
	found := make(map[int]bool)
	var visit func(e ast.Expr, depth int)
	visit = func(e ast.Expr, depth int) {
		if depth > maxURLDepth {
			return
		}
		ast.Inspect(e, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
			if i, ok := params[v]; ok && isString(v.Type()) {
				found[i] = true
			} else if def, ok := c.vars.assignedOnce(v); ok && v != nil {
				visit(def.rhs, depth+1)
			}
			return true
		})
	}
	visit(e, 0)
	if len(found) != 1 {
		return 0, false
	}
	return slices.Collect(maps.Keys(found))[0], true
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// paramName returns the name of fn's parameter i, or its position when it
// has none.
func paramName(fn *types.Func, i int) string {
	if name := fn.Signature().Params().At(i).Name(); name != "" && name != "_" {
		return name
	}
	return "parameter " + strconv.Itoa(i+1)
}
