package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// A bodyEntry is a provider that a PATCH body names, with the value it is
// given.
type bodyEntry struct {
	provider provider
	null     bool // the provider is set to JSON null, which deletes it
	// unwrap contains the edits that make the request send the provider's
	// value instead of the whole body. unwrapReason gives the reason there
	// are none when unwrap is empty.
	unwrap       []analysis.TextEdit
	unwrapReason string
	// value is the provider's value expression and valueType its type,
	// for bodies whose new parameter type matters (generated clients).
	value     ast.Expr
	valueType types.Type
}

// requestBody is the known content of a PATCH body.
type requestBody struct {
	entries []bodyEntry
	// unknown gives the reason the providers the body names are unknown.
	unknown string
	// vars are the local variables followed to reach the body's value; an
	// edit of that value is safe only when each is read once.
	vars []*types.Var
}

func (b *requestBody) providers() providerSet {
	var s providerSet
	for _, e := range b.entries {
		s = s.add(e.provider)
	}
	return s
}

// bodyReader reads the body expression of a request: an io.Reader built
// from marshalled Go values or from JSON text.
type bodyReader struct {
	c    *checker
	vars []*types.Var
}

// requestBody reads the body of a request according to its kind.
func (c *checker) requestBody(req *request) *requestBody {
	if req.bodyReason != "" {
		return unknownBody("%s", req.bodyReason)
	}
	if req.body == nil {
		return unknownBody("the request has no body")
	}
	r := &bodyReader{c: c}
	var body *requestBody
	switch req.bodyKind {
	case bodyValueKind:
		if isNil(c.pass.TypesInfo, req.body) {
			return unknownBody("the request has no body")
		}
		body = c.marshalled(req.body)
	case bodyBytesKind:
		body = r.bytes(req.body)
	case bodyTextKind:
		body = r.text(req.body)
	default:
		body = r.reader(req.body)
	}
	body.vars = r.vars
	return body
}

func unknownBody(format string, args ...any) *requestBody {
	return &requestBody{unknown: fmt.Sprintf(format, args...)}
}

// follow returns the value a local variable is given once, and records the
// variable.
func (r *bodyReader) follow(e ast.Expr) (varDef, bool) {
	v := r.c.localVar(e)
	if v == nil {
		return varDef{}, false
	}
	def, ok := r.c.vars.assignedOnce(v)
	if ok {
		r.vars = append(r.vars, v)
	}
	return def, ok
}

func (r *bodyReader) reader(e ast.Expr) *requestBody {
	e = ast.Unparen(e)
	if isNil(r.c.pass.TypesInfo, e) {
		return unknownBody("the request has no body")
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		fn := r.c.calleeFunc(e)
		switch {
		case len(e.Args) != 1:
		case isFunc(fn, "bytes", "NewReader"), isFunc(fn, "bytes", "NewBuffer"):
			return r.bytes(e.Args[0])
		case isFunc(fn, "strings", "NewReader"), isFunc(fn, "bytes", "NewBufferString"):
			return r.text(e.Args[0])
		}
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			if body, ok := r.encoded(e.X); ok {
				return body
			}
		}
	case *ast.Ident:
		if body, ok := r.encoded(e); ok {
			return body
		}
		if def, ok := r.follow(e); ok && def.result < 0 {
			return r.reader(def.rhs)
		}
	}
	return unknownBody("the request body is not built from a literal or a variable holding one")
}

// bytes reads a []byte operand: JSON text converted to bytes, or the result
// of json.Marshal.
func (r *bodyReader) bytes(e ast.Expr) *requestBody {
	e = ast.Unparen(e)
	if conv, ok := e.(*ast.CallExpr); ok && len(conv.Args) == 1 {
		if tv := r.c.pass.TypesInfo.Types[conv.Fun]; tv.IsType() {
			return r.text(conv.Args[0])
		}
	}
	def, ok := r.follow(e)
	if !ok {
		return unknownBody("the request body is not built from a literal or a variable holding one")
	}
	if def.result < 0 {
		return r.bytes(def.rhs)
	}
	call, _ := ast.Unparen(def.rhs).(*ast.CallExpr)
	if call == nil || def.result != 0 {
		return unknownBody("the request body is not built from a literal or a variable holding one")
	}
	fn := r.c.calleeFunc(call)
	if (isFunc(fn, "encoding/json", "Marshal") || isFunc(fn, "encoding/json", "MarshalIndent")) && len(call.Args) >= 1 {
		return r.c.marshalled(call.Args[0])
	}
	return unknownBody("the request body comes from %s, which is not followed", callName(call))
}

// text reads a string operand holding JSON text.
func (r *bodyReader) text(e ast.Expr) *requestBody {
	e = ast.Unparen(e)
	if value, ok := r.c.stringConstant(e); ok {
		return r.c.jsonText(e, value)
	}
	if def, ok := r.follow(e); ok && def.result < 0 {
		return r.text(def.rhs)
	}
	return unknownBody("the request body text is not a constant")
}

// encoded reads a bytes.Buffer that json.NewEncoder(&buf).Encode(v) fills
// and the request then sends.
func (r *bodyReader) encoded(e ast.Expr) (*requestBody, bool) {
	v := r.c.localVar(e)
	if v == nil || !isNamedType(v.Type(), "bytes", "Buffer") {
		return nil, false
	}
	var value ast.Expr
	for _, id := range r.c.vars.readsOf(v) {
		if id == ast.Unparen(e) {
			continue
		}
		cur, ok := r.c.cursorOf(id)
		if !ok {
			return nil, false
		}
		encode, ok := encoderCall(r.c, cur)
		if !ok || value != nil {
			return unknownBody("the buffer %s is written by more than one call", v.Name()), true
		}
		value = encode.Args[0]
	}
	if value == nil {
		return unknownBody("nothing writes JSON to the buffer %s", v.Name()), true
	}
	return r.c.marshalled(value), true
}

// encoderCall returns the Encode call when the identifier at cur is the
// writer of json.NewEncoder(w).Encode(v), with or without &.
func encoderCall(c *checker, cur inspector.Cursor) (*ast.CallExpr, bool) {
	parent := cur.Parent()
	if u, ok := parent.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		parent = parent.Parent()
	}
	newEncoder, ok := parent.Node().(*ast.CallExpr)
	if !ok || !isFunc(c.calleeFunc(newEncoder), "encoding/json", "NewEncoder") {
		return nil, false
	}
	sel, ok := parent.Parent().Node().(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Encode" {
		return nil, false
	}
	encode, ok := parent.Parent().Parent().Node().(*ast.CallExpr)
	if !ok || len(encode.Args) != 1 || !isMethod(c.calleeFunc(encode), "encoding/json", "Encoder", "Encode") {
		return nil, false
	}
	return encode, true
}

// marshalled reads the Go value given to json.Marshal or Encode.
func (c *checker) marshalled(e ast.Expr) *requestBody {
	e = ast.Unparen(e)
	outer := e
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if lit, ok := e.(*ast.CompositeLit); ok {
		return c.literalBody(lit, outer)
	}
	if v := c.localVar(e); v != nil {
		return c.variableBody(v, e.(*ast.Ident))
	}
	return unknownBody("the marshalled value is not a literal or a variable holding one")
}

// literalBody reads a map or struct literal given to json.Marshal. outer is
// the marshalled expression, the literal itself or its address.
func (c *checker) literalBody(lit *ast.CompositeLit, outer ast.Expr) *requestBody {
	t := c.pass.TypesInfo.TypeOf(lit)
	if t == nil {
		return unknownBody("the body's type is unknown")
	}
	body := &requestBody{}
	unwrap := func(value ast.Expr) ([]analysis.TextEdit, string) {
		return c.unwrapEdits(outer, value)
	}
	switch u := t.Underlying().(type) {
	case *types.Map:
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				return unknownBody("the body map has an element without a key")
			}
			key, ok := c.stringConstant(kv.Key)
			if !ok {
				return unknownBody("the body map has a key that is not a constant")
			}
			p, ok := providerByKey(key)
			if !ok {
				return unknownBody("the body names a key other than twilio, telnyx and plivo")
			}
			body.entries = append(body.entries, c.entry(p, kv.Value, unwrap))
		}
	case *types.Struct:
		values := c.fieldValues(lit, u)
		return c.structBody(u, unwrap, func(field *types.Var) ast.Expr { return values[field] })
	default:
		return unknownBody("the body is neither a map nor a struct")
	}
	return body
}

// fieldValues returns the expression each field of a struct literal is set
// to, for keyed and positional literals.
func (c *checker) fieldValues(lit *ast.CompositeLit, s *types.Struct) map[*types.Var]ast.Expr {
	values := make(map[*types.Var]ast.Expr)
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			key, _ := kv.Key.(*ast.Ident)
			if field, ok := c.pass.TypesInfo.Uses[key].(*types.Var); ok {
				values[field] = kv.Value
			}
		} else if i < s.NumFields() {
			values[s.Field(i)] = elt
		}
	}
	return values
}

// structBody reads the providers a struct value names when marshalled.
// valueOf returns the expression a field is set to, or nil when the field
// keeps its zero value.
func (c *checker) structBody(s *types.Struct,
	unwrap func(ast.Expr) ([]analysis.TextEdit, string), valueOf func(*types.Var) ast.Expr) *requestBody {
	body := &requestBody{}
	for i := 0; i < s.NumFields(); i++ {
		field := s.Field(i)
		tag := parseJSONTag(field, s.Tag(i))
		if tag.skip {
			continue
		}
		value := valueOf(field)
		p, isProvider := providerByKey(tag.name)
		if !isProvider {
			if value != nil || !tag.omitted(field.Type()) {
				return unknownBody("the body struct marshals field %s, which is not a provider", field.Name())
			}
			continue
		}
		if value == nil {
			if tag.omitted(field.Type()) {
				continue
			}
			if isNillable(field.Type()) {
				// NOTE: without omitempty, a nil field is marshalled as
				// null, and null deletes that provider's configuration.
				body.entries = append(body.entries, bodyEntry{provider: p, null: true,
					unwrapReason: fmt.Sprintf("field %s has no omitempty, so its zero value is sent as null", field.Name())})
				continue
			}
			body.entries = append(body.entries, bodyEntry{provider: p,
				unwrapReason: fmt.Sprintf("field %s has no omitempty, so its zero value is sent", field.Name())})
			continue
		}
		body.entries = append(body.entries, c.entry(p, value, unwrap))
	}
	return body
}

// entry describes a provider set to value, which is null only when it is a
// nil literal and an object only when it cannot be nil.
func (c *checker) entry(p provider, value ast.Expr, unwrap func(ast.Expr) ([]analysis.TextEdit, string)) bodyEntry {
	e := bodyEntry{provider: p}
	switch {
	case isNil(c.pass.TypesInfo, value):
		e.null = true
	case !c.neverNil(value):
		e.unwrapReason = fmt.Sprintf("the %s value may be nil, which would delete the configuration instead", p)
	case unwrap != nil:
		e.unwrap, e.unwrapReason = unwrap(value)
	}
	return e
}

// neverNil reports whether value marshals as a JSON object whatever its run
// time value: a composite literal, an address, or a struct.
func (c *checker) neverNil(value ast.Expr) bool {
	value = ast.Unparen(value)
	switch v := value.(type) {
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		return v.Op == token.AND
	case *ast.CallExpr:
		if id, ok := ast.Unparen(v.Fun).(*ast.Ident); ok && id.Name == "new" {
			_, builtin := c.pass.TypesInfo.Uses[id].(*types.Builtin)
			return builtin
		}
	}
	t := c.pass.TypesInfo.TypeOf(value)
	if t == nil {
		return false
	}
	_, isStruct := t.Underlying().(*types.Struct)
	return isStruct
}

// unwrapEdits returns the edits that replace outer, the marshalled body
// literal, by value, one of its elements, re-indenting value's lines.
func (c *checker) unwrapEdits(outer, value ast.Expr) ([]analysis.TextEdit, string) {
	src, ok := c.source(outer)
	if !ok {
		return nil, "the source file cannot be read"
	}
	if c.commentsBetween(outer.Pos(), value.Pos()) || c.commentsBetween(value.End(), outer.End()) {
		return nil, "the body has a comment outside the provider's value, which the fix would drop"
	}
	shift := indentOf(src, c.offset(value.Pos())) - indentOf(src, c.offset(outer.Pos()))
	if shift > 0 && hasMultilineRawString(value) {
		return nil, "the provider's value holds a multi-line raw string, whose text re-indenting would change"
	}
	// The edits delete the text around the value and, when the value sat
	// deeper, the extra tabs of its lines, so that its own text, comments
	// included, stays in place.
	edits := []analysis.TextEdit{{Pos: outer.Pos(), End: value.Pos()}}
	if shift > 0 {
		tabs := "\n" + strings.Repeat("\t", shift)
		start, end := c.offset(value.Pos()), c.offset(value.End())
		for i := start; i < end; {
			k := strings.Index(string(src[i:end]), tabs)
			if k < 0 {
				break
			}
			at := value.Pos() + token.Pos(i-start+k+1)
			edits = append(edits, analysis.TextEdit{Pos: at, End: at + token.Pos(shift)})
			i += k + len(tabs)
		}
	}
	return append(edits, analysis.TextEdit{Pos: value.End(), End: outer.End()}), ""
}

// variableBody reads a struct or map variable given to json.Marshal: its
// definition and the field or key assignments that follow it in the same
// block, before the marshal.
func (c *checker) variableBody(v *types.Var, use *ast.Ident) *requestBody {
	def, ok := c.vars.defs[v]
	if !ok {
		return unknownBody("the body variable %s is not defined in this function", v.Name())
	}
	if c.vars.writes[v] > addressUses(c, v, use) {
		return unknownBody("the body variable %s is reassigned or its address is taken", v.Name())
	}
	// Collect assignments to fields or keys of v; any other use of v before
	// the marshal makes its content unknown.
	assigned := make(map[string]ast.Expr) // JSON key to value
	var order []string
	for _, id := range c.vars.readsOf(v) {
		if id == use || id.Pos() > use.Pos() {
			continue
		}
		key, value, ok := c.memberAssignment(v, id)
		if !ok {
			return unknownBody("the body variable %s is used before it is marshalled", v.Name())
		}
		if _, seen := assigned[key]; !seen {
			order = append(order, key)
		}
		assigned[key] = value
	}
	var selector func(p provider) (string, bool)
	t := v.Type()
	if ptr, ok := t.Underlying().(*types.Pointer); ok {
		t = ptr.Elem()
	}
	var lit *ast.CompositeLit
	if def.rhs != nil {
		rhs := ast.Unparen(def.rhs)
		if u, ok := rhs.(*ast.UnaryExpr); ok && u.Op == token.AND {
			rhs = ast.Unparen(u.X)
		}
		if lit, ok = rhs.(*ast.CompositeLit); !ok {
			return unknownBody("the body variable %s is not given a literal", v.Name())
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Map:
		body := &requestBody{}
		if lit != nil {
			body = c.literalBody(lit, lit)
			if body.unknown != "" {
				return body
			}
		}
		for _, key := range order {
			p, ok := providerByKey(key)
			if !ok {
				return unknownBody("the body names a key other than twilio, telnyx and plivo")
			}
			body.entries = setEntry(body.entries, c.entry(p, assigned[key], nil))
		}
		selector = func(p provider) (string, bool) { return "[" + strconv.Quote(p.String()) + "]", true }
		return c.withSelector(body, use, selector)
	case *types.Struct:
		values := make(map[*types.Var]ast.Expr)
		if lit != nil {
			values = c.fieldValues(lit, u)
		}
		names := make(map[provider]string)
		for i := 0; i < u.NumFields(); i++ {
			field := u.Field(i)
			if value, ok := assigned[field.Name()]; ok {
				values[field] = value
			}
			if p, ok := providerByKey(parseJSONTag(field, u.Tag(i)).name); ok {
				names[p] = field.Name()
			}
		}
		body := c.structBody(u, nil, func(field *types.Var) ast.Expr { return values[field] })
		selector = func(p provider) (string, bool) { name, ok := names[p]; return "." + name, ok }
		return c.withSelector(body, use, selector)
	}
	return unknownBody("the body variable %s is neither a map nor a struct", v.Name())
}

// withSelector sets the unwrap edits of a variable body's object entries:
// the marshalled variable gains a selector or index for the provider.
func (c *checker) withSelector(body *requestBody, use *ast.Ident, selector func(provider) (string, bool)) *requestBody {
	if body.unknown != "" {
		return body
	}
	for i := range body.entries {
		e := &body.entries[i]
		if e.null || e.unwrapReason != "" {
			continue
		}
		text, ok := selector(e.provider)
		if !ok {
			e.unwrapReason = fmt.Sprintf("the body has no field for %s", e.provider)
			continue
		}
		e.unwrap = []analysis.TextEdit{{Pos: use.End(), End: use.End(), NewText: []byte(text)}}
	}
	return body
}

func setEntry(entries []bodyEntry, e bodyEntry) []bodyEntry {
	for i := range entries {
		if entries[i].provider == e.provider {
			entries[i] = e
			return entries
		}
	}
	return append(entries, e)
}

// addressUses counts the writes of v that are only the marshal taking its
// address, as in json.Marshal(&v).
func addressUses(c *checker, v *types.Var, use *ast.Ident) int {
	cur, ok := c.cursorOf(use)
	if !ok {
		return 0
	}
	if u, ok := cur.Parent().Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		return 1
	}
	return 0
}

// memberAssignment returns the JSON key and value of an assignment
// statement v.Field = value or v["key"] = value, in which id is v.
func (c *checker) memberAssignment(v *types.Var, id *ast.Ident) (string, ast.Expr, bool) {
	cur, ok := c.cursorOf(id)
	if !ok {
		return "", nil, false
	}
	member := cur.Parent()
	var key string
	switch m := member.Node().(type) {
	case *ast.SelectorExpr:
		key = m.Sel.Name // a Go field name; structBody matches it by field
	case *ast.IndexExpr:
		k, ok := c.stringConstant(m.Index)
		if !ok {
			return "", nil, false
		}
		key = k
	default:
		return "", nil, false
	}
	assign, ok := member.Parent().Node().(*ast.AssignStmt)
	if !ok || assign.Tok != token.ASSIGN || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 || assign.Lhs[0] != member.Node() {
		return "", nil, false
	}
	return key, assign.Rhs[0], true
}

// jsonTag is the part of a struct field's json tag that decides its key
// and whether it is left out.
type jsonTag struct {
	name      string
	skip      bool // tag "-"
	omitempty bool
	omitzero  bool
}

func parseJSONTag(field *types.Var, tag string) jsonTag {
	value, ok := reflect.StructTag(tag).Lookup("json")
	if !field.Exported() || value == "-" {
		return jsonTag{skip: true}
	}
	t := jsonTag{name: field.Name()}
	if !ok {
		return t
	}
	name, options, _ := strings.Cut(value, ",")
	if name != "" {
		t.name = name
	}
	for _, opt := range strings.Split(options, ",") {
		switch opt {
		case "omitempty":
			t.omitempty = true
		case "omitzero":
			t.omitzero = true
		}
	}
	return t
}

// omitted reports whether encoding/json leaves out a field of type t that
// holds its zero value.
func (t jsonTag) omitted(typ types.Type) bool {
	if t.omitzero {
		return true
	}
	if !t.omitempty {
		return false
	}
	switch typ.Underlying().(type) {
	case *types.Struct, *types.Array:
		return false // omitempty never leaves out a struct
	}
	return true
}

func isNillable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Slice, *types.Interface:
		return true
	}
	return false
}

func isNil(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if conv, ok := e.(*ast.CallExpr); ok && len(conv.Args) == 1 && info.Types[conv.Fun].IsType() {
		e = ast.Unparen(conv.Args[0])
	}
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// commentsBetween reports whether a comment of the file lies in [pos, end).
func (c *checker) commentsBetween(pos, end token.Pos) bool {
	file := c.syntaxOf(c.pass.Fset.File(pos))
	if file == nil {
		return false
	}
	for _, group := range file.Comments {
		if group.Pos() < end && group.End() > pos {
			return true
		}
	}
	return false
}

// hasMultilineRawString reports whether e contains a raw string literal
// that spans lines.
func hasMultilineRawString(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && strings.HasPrefix(lit.Value, "`") && strings.Contains(lit.Value, "\n") {
			found = true
		}
		return !found
	})
	return found
}
