package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A urlPart is a piece of a URL built by Go expressions: text known at
// compile time, or a dynamic piece whose text is not known.
type urlPart struct {
	text    string
	dynamic bool
	// node is the constant expression the text comes from, or nil for text
	// that no edit may touch, such as a separator added by a join.
	node ast.Expr
	// offset is the start of text in node's constant value.
	offset int
	// group is the concatenation or join call the part is an operand of. A
	// match spanning several parts is rewritten only within one group.
	group ast.Node
	// vars are the local variables followed to reach the part.
	vars []*types.Var
	// global is the package-level variable followed to reach the part.
	global *types.Var
	// source is the variable a dynamic part reads when the variable's
	// value is not known, such as a parameter.
	source *types.Var
}

// urlMatch is an occurrence of the old endpoint in a URL expression.
type urlMatch struct {
	parts       []urlPart
	start, end  int  // the match of oldSuffix in the joined text
	first, last int  // the parts holding the first and last byte of the match
	full        bool // the match includes the /api/ prefix
}

// dynamicText stands for a dynamic part in the joined text; it cannot occur
// in a URL.
const dynamicText = "\x00"

// hostOnly matches a scheme and host with no path, query or fragment, such
// as https://api.ultravox.ai.
var hostOnly = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*$`)

// matchOldEndpoint looks for the old endpoint in the path of a URL given
// by its parts. The path ends at the first ? or # of the known text, so
// the old path in a query or fragment, as in https://h?next=/api/..., is
// not a match.
func matchOldEndpoint(parts []urlPart) (*urlMatch, bool) {
	starts := make([]int, len(parts))
	offset := 0
	for i, p := range parts {
		starts[i] = offset
		offset += partLen(p)
	}
	text := partsText(parts)
	if pathEnd := strings.IndexAny(text, "?#"); pathEnd >= 0 {
		text = text[:pathEnd]
	}
	for from := 0; ; {
		i := strings.Index(text[from:], oldSuffix)
		if i < 0 {
			return nil, false
		}
		start := from + i
		end := start + len(oldSuffix)
		from = start + 1
		full, ok := precededByBase(text[:start])
		if !ok || !endsPath(text[end:]) {
			continue
		}
		m := &urlMatch{parts: parts, start: start, end: end, full: full}
		for j := range parts {
			if starts[j] <= start {
				m.first = j
			}
			if starts[j] < end {
				m.last = j
			}
		}
		return m, true
	}
}

// precededByBase reports whether the text before accounts/me/telephony_config
// is a base URL that makes it the old endpoint: a dynamic base, with or
// without a slash, or /api/ after a dynamic base, a scheme and host, or
// nothing. full reports the last case, where /api/ is part of the text.
func precededByBase(before string) (full, ok bool) {
	switch {
	case strings.HasSuffix(before, dynamicText), strings.HasSuffix(before, dynamicText+"/"):
		return false, true
	case strings.HasSuffix(before, "/api/"):
		rest := strings.TrimSuffix(before, "/api/")
		return true, rest == "" || strings.HasSuffix(rest, dynamicText) || hostOnly.MatchString(rest)
	}
	return false, false
}

// endsPath reports whether after, the text following the match, ends the
// path: nothing, a query, a fragment, or a trailing slash before them.
func endsPath(after string) bool {
	after = strings.TrimPrefix(after, "/")
	return after == "" || after[0] == '?' || after[0] == '#'
}

// urlBuilder splits URL expressions into parts.
type urlBuilder struct {
	c     *checker
	vars  []*types.Var
	depth int
}

// maxURLDepth bounds how far a URL is followed through calls and variables.
const maxURLDepth = 16

// urlParts returns the parts of the string or *url.URL expression e.
func (c *checker) urlParts(e ast.Expr) []urlPart {
	b := &urlBuilder{c: c}
	return b.parts(e, nil)
}

// requestURLParts returns the parts of a request's whole URL: the URL
// expression with the text its callee puts around it.
func (c *checker) requestURLParts(req *request) []urlPart {
	parts := textParts(req.urlBefore)
	parts = append(parts, c.urlParts(req.url)...)
	return append(parts, textParts(req.urlAfter)...)
}

// textParts splits text in which dynamicText stands for unknown parts into
// parts that no edit may touch.
func textParts(text string) []urlPart {
	var parts []urlPart
	for i, piece := range strings.Split(text, dynamicText) {
		if i > 0 {
			parts = append(parts, urlPart{dynamic: true})
		}
		if piece != "" {
			parts = append(parts, urlPart{text: piece})
		}
	}
	return parts
}

// partsText joins parts into text in which dynamicText stands for each
// dynamic part.
func partsText(parts []urlPart) string {
	var b strings.Builder
	for _, p := range parts {
		if p.dynamic {
			b.WriteString(dynamicText)
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}

func (b *urlBuilder) dynamic() []urlPart {
	return []urlPart{{dynamic: true, vars: b.vars}}
}

func (b *urlBuilder) parts(e ast.Expr, group ast.Node) []urlPart {
	b.depth++
	defer func() { b.depth-- }()
	if b.depth > maxURLDepth {
		return b.dynamic()
	}
	e = ast.Unparen(e)
	info := b.c.pass.TypesInfo
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		if bin, ok := e.(*ast.BinaryExpr); ok && bin.Op == token.ADD {
			return b.concat(bin, group)
		}
		return []urlPart{{text: constant.StringVal(tv.Value), node: e, group: group, vars: b.vars}}
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return b.concat(e, group)
		}
	case *ast.Ident:
		return b.variable(e)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			if lit, ok := ast.Unparen(e.X).(*ast.CompositeLit); ok {
				return b.urlLiteral(lit)
			}
		}
	case *ast.CompositeLit:
		return b.urlLiteral(e)
	case *ast.CallExpr:
		return b.call(e, -1)
	}
	return b.dynamic()
}

// concat splits a chain of string concatenations. Operands of one chain
// share a group, so adjacent constant operands may be merged by an edit.
func (b *urlBuilder) concat(e *ast.BinaryExpr, group ast.Node) []urlPart {
	if _, inChain := group.(*ast.BinaryExpr); !inChain {
		group = e
	}
	var out []urlPart
	for _, operand := range []ast.Expr{e.X, e.Y} {
		inner := group
		if _, paren := operand.(*ast.ParenExpr); paren {
			inner = nil // parentheses start a new chain
		}
		out = append(out, b.parts(operand, inner)...)
	}
	return out
}

// variable follows a local variable assigned once, or a package-level
// variable's initializer.
func (b *urlBuilder) variable(id *ast.Ident) []urlPart {
	v, ok := b.c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return b.dynamic()
	}
	if init, ok := b.c.vars.inits[v]; ok {
		saved := b.vars
		b.vars = nil
		parts := b.parts(init, nil)
		b.vars = saved
		for i := range parts {
			parts[i].global = v
		}
		return parts
	}
	def, ok := b.c.vars.assignedOnce(v)
	if !ok {
		return []urlPart{{dynamic: true, vars: b.vars, source: v}}
	}
	saved := b.vars
	b.vars = append(append([]*types.Var(nil), b.vars...), v)
	defer func() { b.vars = saved }()
	if def.result >= 0 {
		call, ok := ast.Unparen(def.rhs).(*ast.CallExpr)
		if !ok {
			return b.dynamic()
		}
		return b.call(call, def.result)
	}
	return b.parts(def.rhs, nil)
}

// urlLiteral reads a url.URL composite literal: only its Path is known, and
// whatever precedes it (scheme and host) is dynamic.
func (b *urlBuilder) urlLiteral(lit *ast.CompositeLit) []urlPart {
	if !isNamedType(b.c.pass.TypesInfo.TypeOf(lit), "net/url", "URL") {
		return b.dynamic()
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Path" {
			return append(b.dynamic(), b.parts(kv.Value, nil)...)
		}
	}
	return b.dynamic()
}

// call reads the calls that build URLs. result is the index of the call's
// result in a multi-value assignment, or -1.
func (b *urlBuilder) call(call *ast.CallExpr, result int) []urlPart {
	fn := b.c.calleeFunc(call)
	if fn == nil || result > 0 {
		return b.dynamic()
	}
	switch {
	case isFunc(fn, "fmt", "Sprintf"):
		return b.sprintf(call)
	case isFunc(fn, "net/url", "JoinPath"), isFunc(fn, "path", "Join"):
		return b.join(call, call.Args)
	case isFunc(fn, "net/url", "Parse"), isFunc(fn, "net/url", "ParseRequestURI"):
		return b.parts(call.Args[0], nil)
	case isMethod(fn, "net/url", "URL", "JoinPath"):
		return b.join(call, append([]ast.Expr{receiver(call)}, call.Args...))
	case isMethod(fn, "net/url", "URL", "String"):
		return b.parts(receiver(call), nil)
	case isMethod(fn, "net/url", "URL", "ResolveReference"):
		// The base's own path may be replaced by an absolute reference, so
		// only the reference is followed.
		return append(b.dynamic(), dropLeadingDynamic(b.parts(call.Args[0], nil))...)
	}
	return b.dynamic()
}

func dropLeadingDynamic(parts []urlPart) []urlPart {
	if len(parts) > 0 && parts[0].dynamic {
		return parts[1:]
	}
	return parts
}

// join reads path.Join, url.JoinPath and (*url.URL).JoinPath, which put a
// slash between elements.
func (b *urlBuilder) join(call *ast.CallExpr, elems []ast.Expr) []urlPart {
	if call.Ellipsis.IsValid() {
		return b.dynamic()
	}
	var out []urlPart
	for i, elem := range elems {
		parts := b.parts(elem, call)
		if i > 0 && !endsWithSlash(out) && !startsWithSlash(parts) {
			out = append(out, urlPart{text: "/", group: call, vars: b.vars})
		}
		out = append(out, parts...)
	}
	return out
}

func endsWithSlash(parts []urlPart) bool {
	return len(parts) > 0 && !parts[len(parts)-1].dynamic && strings.HasSuffix(parts[len(parts)-1].text, "/")
}

func startsWithSlash(parts []urlPart) bool {
	return len(parts) > 0 && !parts[0].dynamic && strings.HasPrefix(parts[0].text, "/")
}

// sprintf reads fmt.Sprintf: the literal runs of the format are parts of
// the format literal, and %s or %v operands are followed.
func (b *urlBuilder) sprintf(call *ast.CallExpr) []urlPart {
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return b.dynamic()
	}
	format := ast.Unparen(call.Args[0])
	tv := b.c.pass.TypesInfo.Types[format]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return b.dynamic()
	}
	var out []urlPart
	for _, piece := range parseFormat(constant.StringVal(tv.Value)) {
		switch {
		case piece.verb == literalText:
			out = append(out, urlPart{text: piece.text, node: format, offset: piece.offset, vars: b.vars})
		case piece.verb == '%':
			out = append(out, urlPart{text: "%", vars: b.vars})
		case piece.badIndex:
			out = append(out, urlPart{text: "%!" + string(piece.verb) + "(BADINDEX)", vars: b.vars})
		case (piece.verb == 's' || piece.verb == 'v') && piece.plain && piece.arg+1 < len(call.Args):
			out = append(out, b.parts(call.Args[piece.arg+1], nil)...)
		default:
			out = append(out, b.dynamic()...)
		}
	}
	return out
}

// urlEdits returns the edits that turn the matched old endpoint into p's
// endpoint, or the reason they cannot be made.
func (c *checker) urlEdits(m *urlMatch, p provider) ([]analysis.TextEdit, string) {
	first, last := m.parts[m.first], m.parts[m.last]
	for _, part := range m.parts[m.first : m.last+1] {
		if part.global != nil {
			return nil, fmt.Sprintf("the URL comes from package-level variable %s, which other code may also use", part.global.Name())
		}
		for _, v := range part.vars {
			if reads := c.vars.readsOf(v); len(reads) != 1 {
				return nil, fmt.Sprintf("the URL variable %s is used %d times, and the fix would change every use", v.Name(), len(reads))
			}
		}
	}
	starts := 0
	for _, part := range m.parts[:m.first] {
		starts += partLen(part)
	}
	localStart := m.start - starts + first.offset
	if m.first == m.last {
		if first.node == nil {
			return nil, "the path is formatted from parts the fix cannot edit"
		}
		edit, err := c.replaceInConstant(first.node, localStart, localStart+len(oldSuffix), p.suffix())
		if err != nil {
			return nil, err.Error()
		}
		return []analysis.TextEdit{edit}, ""
	}
	// The match spans several operands of one concatenation or join: replace
	// them all by one literal.
	var value strings.Builder
	for i := m.first; i <= m.last; i++ {
		part := m.parts[i]
		if part.dynamic || part.group == nil || part.group != first.group {
			return nil, "the path is split over expressions the fix cannot merge"
		}
		if part.node == nil {
			value.WriteString(part.text)
			continue
		}
		whole, ok := c.stringConstant(part.node)
		if !ok || part.offset != 0 || len(part.text) != len(whole) {
			return nil, "the path is split over expressions the fix cannot merge"
		}
		value.WriteString(whole)
	}
	text := value.String()
	rel := localStart
	newValue := text[:rel] + p.suffix() + text[rel+len(oldSuffix):]
	if first.node == nil || last.node == nil {
		return nil, "the path is split over expressions the fix cannot merge"
	}
	newText := strconv.Quote(newValue)
	if _, isJoin := first.group.(*ast.CallExpr); isJoin {
		newText = joinArguments(newValue)
	}
	return []analysis.TextEdit{{Pos: first.node.Pos(), End: last.node.End(), NewText: []byte(newText)}}, ""
}

// joinArguments returns path as arguments of a join call, one element per
// segment, keeping a leading or trailing slash on the first or last one:
// "telephony_configs/plivo" becomes "telephony_configs", "plivo".
func joinArguments(path string) string {
	var elems []string
	lead := ""
	for _, segment := range strings.Split(path, "/") {
		if segment == "" {
			if len(elems) == 0 {
				lead = "/"
			} else {
				elems[len(elems)-1] += "/"
			}
			continue
		}
		elems = append(elems, lead+segment)
		lead = ""
	}
	if len(elems) == 0 {
		return strconv.Quote(path)
	}
	quoted := make([]string, len(elems))
	for i, e := range elems {
		quoted[i] = strconv.Quote(e)
	}
	return strings.Join(quoted, ", ")
}

func partLen(p urlPart) int {
	if p.dynamic {
		return len(dynamicText)
	}
	return len(p.text)
}

// replaceInConstant returns an edit that replaces value[start:end] of the
// constant expression e with text: inside the literal when e is one, or by
// a new literal for the whole expression otherwise.
func (c *checker) replaceInConstant(e ast.Expr, start, end int, text string) (analysis.TextEdit, error) {
	if lit, ok := e.(*ast.BasicLit); ok {
		s, ok := c.stringLiteral(lit)
		if !ok {
			return analysis.TextEdit{}, fmt.Errorf("the string literal cannot be read")
		}
		return s.replace(start, end, text)
	}
	value, ok := c.stringConstant(e)
	if !ok || end > len(value) {
		return analysis.TextEdit{}, fmt.Errorf("the constant's value cannot be read")
	}
	return analysis.TextEdit{Pos: e.Pos(), End: e.End(), NewText: []byte(strconv.Quote(value[:start] + text + value[end:]))}, nil
}

func (c *checker) stringConstant(e ast.Expr) (string, bool) {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}
