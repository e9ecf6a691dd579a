package analyzer

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// A PATCH whose body names several providers becomes one request per
// provider. The fix repeats the statements that build, send and check the
// request, once per provider in the body's order, and migrates each copy
// by the single-provider rules. The first copy is the original statements
// edited in place, so its comments and layout stay as they are. Each later
// copy is the original text with that provider's edits, inserted after the
// first behind a blank line. In later copies the variables the statements
// declare get the provider's name as a prefix (telnyxResp), except error
// variables, which are reused.

// stmtRun is a run of consecutive statements of one block: the statements
// that a split repeats.
type stmtRun struct {
	list        []ast.Stmt // the statements of the block
	first, last int        // the run is list[first : last+1]
	body        ast.Node   // the body of the enclosing function
	src         []byte
	// start and end are the offsets of the start of the first statement's
	// line and of the end of the last statement's line, newline included.
	start, end int
	// errReturn is the return statement after the run that reads the run's
	// error variable, errName, or nil.
	errReturn *ast.ReturnStmt
	errName   string
	// shared is the variable that every copy fills, or nil. See planSplit.
	shared *types.Var
	// block is the node whose statement list is list, and decl the
	// function declaration around it, or nil inside a function literal.
	block ast.Node
	decl  *ast.FuncDecl
	// returned is the request call when the run is one statement that
	// returns the call's error. See planReturnSplit.
	returned *ast.CallExpr
}

// planSplit adds to f the edits that split the request sent by call into
// the replacements reps, or returns why the request cannot be split. plan
// adds the single-provider edits of reps[i] to a finding of their own.
// shared, when not nil, is a variable that every copy fills, such as the
// target of a GET's decode, so it is declared once and keeps its name.
// body, when not nil, is the request's body, which DELETE copies drop.
func (c *checker) planSplit(call *ast.CallExpr, f *finding, reps []replacement, plan func(i int, single *finding) string, shared *types.Var, body ast.Expr) string {
	copies := make([][]analysis.TextEdit, len(reps))
	c.splitting = true
	defer func() { c.splitting = false }()
	for i := range reps {
		single := &finding{file: f.file, pos: f.pos, end: f.end}
		if reason := plan(i, single); reason != "" {
			return fmt.Sprintf("for %s, %s", reps[i], reason)
		}
		copies[i] = single.edits
	}

	// deletes lists the copies that send no body.
	var deletes []int
	for i, rep := range reps {
		if rep.method == "DELETE" && body != nil {
			deletes = append(deletes, i)
		}
	}
	var dropped ast.Expr // the body that some copy drops
	if len(deletes) > 0 {
		dropped = body
	}
	run, reason := c.splitRun(call, copies, shared, dropped)
	if reason != "" {
		return reason
	}
	if len(deletes) > 0 {
		// The statements that only build the body are the same for every
		// copy that drops it.
		edits, _, reason := c.dropBodyBuild(run, body)
		if reason != "" {
			return fmt.Sprintf("for %s, %s", reps[deletes[0]], reason)
		}
		for _, i := range deletes {
			copies[i] = append(copies[i], edits...)
		}
	}
	if reason := c.unusedAfterSplit(run, copies); reason != "" {
		return reason
	}
	for _, i := range deletes {
		if name := c.bodyStillBuilt(run, body, copies[i]); name != "" {
			return fmt.Sprintf("for %s, %s would still hold the old body, which the request no longer sends", reps[i], name)
		}
	}
	if run.returned != nil {
		edits, reason := c.planReturnSplit(run, copies)
		if reason != "" {
			return reason
		}
		f.addEdits(edits...)
		f.keepImports = run.packagesUsed(c, copies)
		return ""
	}

	declared := run.declared(c)
	var inserted strings.Builder
	for i := 1; i < len(copies); i++ {
		text, reason := c.copyText(run, declared, copies[i], reps[i].provider)
		if reason != "" {
			return fmt.Sprintf("for %s, %s", reps[i], reason)
		}
		if run.errReturn != nil {
			indent := string(run.indent())
			ret := c.nodeText(run.src, run.errReturn)
			fmt.Fprintf(&inserted, "%sif %s != nil {\n%s\t%s\n%s}\n", indent, run.errName, indent, ret, indent)
		}
		inserted.WriteString("\n")
		inserted.WriteString(text)
	}

	f.addEdits(copies[0]...)
	at := c.pass.Fset.File(call.Pos()).Pos(run.end)
	f.addEdits(analysis.TextEdit{Pos: at, End: at, NewText: []byte(inserted.String())})
	f.keepImports = run.packagesUsed(c, copies[1:])
	return ""
}

// splitRun returns the statements that a split repeats: the statement of
// the request, every statement that the edits of any copy change, and the
// statements after them that read what they declare.
func (c *checker) splitRun(call *ast.CallExpr, copies [][]analysis.TextEdit, shared *types.Var, dropped ast.Expr) (*stmtRun, string) {
	run, reason := c.enclosingRun(call)
	if reason != "" {
		return nil, reason
	}
	run.shared = shared
	src := run.src

	// Take in every statement that an edit changes.
	for _, edits := range copies {
		for _, e := range edits {
			i := run.stmtAt(c, e)
			if i < 0 {
				return nil, "the fix for one provider edits code outside the block that sends the request"
			}
			run.first, run.last = min(run.first, i), max(run.last, i)
		}
	}

	// A statement that returns the request's error is rebuilt rather than
	// repeated.
	if ret, ok := run.list[run.first].(*ast.ReturnStmt); ok && run.first == run.last && c.returnsErrorOf(ret, call) {
		run.returned = call
		return run, ""
	}

	// A DELETE copy drops the body, so the statements that build it, in the
	// same block, are repeated too: that copy removes them.
	if dropped != nil {
		for _, v := range c.bodyBuilders(dropped) {
			if i := slices.IndexFunc(run.list, func(s ast.Stmt) bool { return s == c.vars.defs[v].stmt }); i >= 0 && i < run.first {
				run.first = i
			}
		}
	}

	// Take in the statements after the run that read what it declares,
	// until the run is closed.
	for {
		next, reason := run.dependentAfter(c)
		if reason != "" {
			return nil, reason
		}
		if next < 0 {
			break
		}
		run.last = next
	}
	if reason := run.check(c); reason != "" {
		return nil, reason
	}
	if decl := run.sharedDeclaration(c); decl != nil {
		if removable, ok := c.removableDeclaration(c.vars.defs[shared].stmt); !ok || removable != decl {
			return nil, fmt.Sprintf("the declaration of %s, which every copy fills, declares more than %s or has side effects", shared.Name(), shared.Name())
		}
	}
	file := c.pass.Fset.File(call.Pos())
	run.start = lineStart(src, file.Offset(run.list[run.first].Pos()))
	end := file.Offset(run.list[run.last].End())
	lineEnd := bytes.IndexByte(src[end:], '\n')
	if lineEnd < 0 {
		return nil, "the last statement to repeat ends the file"
	}
	rest := strings.TrimSpace(string(src[end : end+lineEnd]))
	if rest != "" && !strings.HasPrefix(rest, "//") {
		return nil, "another statement or a block comment follows the statements to repeat on their last line"
	}
	run.end = end + lineEnd + 1
	if strings.TrimLeft(string(src[run.start:file.Offset(run.list[run.first].Pos())]), " \t") != "" {
		return nil, "another statement precedes the statements to repeat on their first line"
	}
	for _, edits := range copies {
		for _, e := range edits {
			if c.offset(e.Pos) < run.start || c.offset(e.End) > run.end {
				return nil, "the fix for one provider edits code outside the statements to repeat"
			}
		}
	}
	return run, ""
}

// enclosingRun returns the run made of the one statement that contains
// call, in the innermost block, case or select clause, with the function
// around it.
func (c *checker) enclosingRun(call *ast.CallExpr) (*stmtRun, string) {
	run := &stmtRun{}
	cur, ok := c.cursorOf(call)
	if !ok {
		return nil, "the request's statement cannot be found"
	}
	var stmt ast.Stmt
	for ; run.body == nil; cur = cur.Parent() {
		parent := cur.Parent()
		if parent.Node() == nil {
			return nil, "the request is not inside a function"
		}
		switch p := parent.Node().(type) {
		case *ast.BlockStmt:
			if run.list == nil {
				run.list, run.block, stmt = p.List, p, cur.Node().(ast.Stmt)
			}
		case *ast.CaseClause:
			if run.list == nil {
				run.list, run.block, stmt = p.Body, p, cur.Node().(ast.Stmt)
			}
		case *ast.CommClause:
			if run.list == nil {
				run.list, run.block, stmt = p.Body, p, cur.Node().(ast.Stmt)
			}
		case *ast.FuncDecl:
			run.body, run.decl = p.Body, p
		case *ast.FuncLit:
			run.body = p.Body
		}
		if run.list == nil {
			switch parent.Node().(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				return nil, "the request is not a statement of a block"
			}
		}
	}
	run.first = slices.Index(run.list, stmt)
	run.last = run.first
	src, ok := c.source(call)
	if !ok {
		return nil, "the source file cannot be read"
	}
	run.src = src
	return run, ""
}

// stmtAt returns the index of the statement of the run's block that
// contains the edit, its whole lines included, or -1.
func (run *stmtRun) stmtAt(c *checker, e analysis.TextEdit) int {
	for i, s := range run.list {
		start := lineStart(run.src, c.offset(s.Pos()))
		end := c.offset(s.End())
		if k := bytes.IndexByte(run.src[end:], '\n'); k >= 0 {
			end += k + 1
		}
		if c.offset(e.Pos) >= start && c.offset(e.End) <= end {
			return i
		}
	}
	return -1
}

// declared returns the variables that the run's statements declare at the
// block's level.
func (run *stmtRun) declared(c *checker) []*types.Var {
	var vars []*types.Var
	for _, s := range run.stmts() {
		var ids []*ast.Ident
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, lhs := range s.Lhs {
					if id, ok := lhs.(*ast.Ident); ok {
						ids = append(ids, id)
					}
				}
			}
		case *ast.DeclStmt:
			if gen, ok := s.Decl.(*ast.GenDecl); ok && gen.Tok == token.VAR {
				for _, spec := range gen.Specs {
					ids = append(ids, spec.(*ast.ValueSpec).Names...)
				}
			}
		}
		for _, id := range ids {
			if v, ok := c.pass.TypesInfo.Defs[id].(*types.Var); ok && v != run.shared {
				vars = append(vars, v)
			}
		}
	}
	return vars
}

// reused reports whether a later copy reuses v rather than declaring a
// variable of its own: v is an error variable declared with :=.
func (run *stmtRun) reused(v *types.Var) bool {
	return types.Identical(v.Type(), types.Universe.Lookup("error").Type()) && !run.declaredByVar(v)
}

func (run *stmtRun) declaredByVar(v *types.Var) bool {
	for _, s := range run.stmts() {
		if decl, ok := s.(*ast.DeclStmt); ok && decl.Pos() <= v.Pos() && v.Pos() < decl.End() {
			return true
		}
	}
	return false
}

// dependentAfter returns the index of the first statement after the run
// that reads a variable the run declares before anything assigns it
// again, or -1 when there is none. A return statement right after the run
// that reads only its error variable is recorded instead of taken in.
func (run *stmtRun) dependentAfter(c *checker) (int, string) {
	runEnd := run.list[run.last].End()
	next := -1
	for _, v := range run.declared(c) {
		for _, id := range c.vars.readsOf(v) {
			if id.Pos() < runEnd {
				continue
			}
			i := slices.IndexFunc(run.list, func(s ast.Stmt) bool { return s.Pos() <= id.Pos() && id.Pos() < s.End() })
			if i < 0 || run.assignedBetween(c, v, run.last+1, i) {
				continue
			}
			if ret, ok := run.list[i].(*ast.ReturnStmt); ok && i == run.last+1 && run.reused(v) {
				if run.errReturn != nil && run.errName != v.Name() {
					return -1, "two error variables are returned after the request"
				}
				run.errReturn, run.errName = ret, v.Name()
				continue
			}
			if next < 0 || i < next {
				next = i
			}
		}
	}
	if next >= 0 && run.errReturn != nil {
		run.errReturn, run.errName = nil, ""
	}
	return next, ""
}

// assignedBetween reports whether a statement of list[from:to] assigns v
// at the block's level.
func (run *stmtRun) assignedBetween(c *checker, v *types.Var, from, to int) bool {
	for _, s := range run.list[from:to] {
		assign, ok := s.(*ast.AssignStmt)
		if !ok {
			continue
		}
		for _, lhs := range assign.Lhs {
			if id, ok := lhs.(*ast.Ident); ok && (c.pass.TypesInfo.Uses[id] == v || c.pass.TypesInfo.Defs[id] == v) {
				return true
			}
		}
	}
	return false
}

// check returns why the run cannot be repeated, or "".
func (run *stmtRun) check(c *checker) string {
	for _, s := range run.stmts() {
		switch s.(type) {
		case *ast.ReturnStmt:
			return "a value of the request is returned, and one value cannot stand for several requests"
		case *ast.BranchStmt, *ast.LabeledStmt:
			return "the statements to repeat jump or carry a label"
		case *ast.GoStmt:
			return "the statements to repeat start a goroutine"
		}
		found := false
		ast.Inspect(s, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				found = true
			}
			return !found
		})
		if found {
			return "the statements to repeat contain a function literal, which may keep the variables of one request"
		}
		if d, ok := s.(*ast.DeferStmt); ok {
			if _, ok := d.Call.Fun.(*ast.SelectorExpr); !ok {
				return "the statements to repeat defer a call that is not a method call"
			}
		}
	}
	if name := run.sharedWrite(c); name != "" {
		return fmt.Sprintf("the statements to repeat change %s, which is declared before them, so the copies would share it", name)
	}
	for _, v := range run.declared(c) {
		if v.Name() == "_" {
			continue
		}
		if run.reused(v) {
			continue
		}
		if reason := run.renameConflict(v); reason != "" {
			return reason
		}
	}
	return ""
}

// sharedWrite returns the name of a local variable declared before the run
// that the run assigns or passes to a call by address, other than an error
// variable or the shared variable, or "".
func (run *stmtRun) sharedWrite(c *checker) string {
	first := run.list[run.first]
	outer := func(e ast.Expr) string {
		v := c.localVar(e)
		if v == nil || v.IsField() || v == run.shared || v.Pos() >= first.Pos() || v.Parent() == c.pass.Pkg.Scope() {
			return ""
		}
		if types.Identical(v.Type(), types.Universe.Lookup("error").Type()) {
			return ""
		}
		return v.Name()
	}
	name := ""
	for _, s := range run.stmts() {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] == nil && name == "" {
						name = outer(id)
					}
				}
			case *ast.CallExpr:
				// A call may change a variable through its address, given
				// as an argument or taken for a pointer method.
				for _, arg := range n.Args {
					if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND && name == "" {
						name = outer(u.X)
					}
				}
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && name == "" {
					if selection := c.pass.TypesInfo.Selections[sel]; selection != nil && selection.Kind() == types.MethodVal {
						_, recvIsPointer := selection.Obj().(*types.Func).Signature().Recv().Type().(*types.Pointer)
						_, valueIsPointer := selection.Recv().(*types.Pointer)
						if recvIsPointer && !valueIsPointer {
							name = outer(sel.X)
						}
					}
				}
			}
			return name == ""
		})
		if name != "" {
			return name
		}
	}
	return ""
}

// tokenNode is the range of a token, as an ast.Node.
type tokenNode struct {
	pos    token.Pos
	length int
}

func (t tokenNode) Pos() token.Pos { return t.pos }
func (t tokenNode) End() token.Pos { return t.pos + token.Pos(t.length) }

// newName returns the name of v in the copy for provider p.
func newName(v *types.Var, p provider) string {
	r, size := utf8.DecodeRuneInString(v.Name())
	return p.String() + string(unicode.ToUpper(r)) + v.Name()[size:]
}

// renameConflict returns why v cannot get a provider prefix in later
// copies, which is that the new name is already in use, or "".
func (run *stmtRun) renameConflict(v *types.Var) string {
	for _, p := range providers {
		name := newName(v, p)
		if _, obj := v.Parent().LookupParent(name, v.Pos()); obj != nil {
			return fmt.Sprintf("the name %s, which a copy would declare, is already in scope", name)
		}
		inUse := false
		ast.Inspect(run.body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == name {
				inUse = true
			}
			return !inUse
		})
		if inUse {
			return fmt.Sprintf("the name %s, which a copy would declare, is already used in the function", name)
		}
	}
	return ""
}

// copyText returns the run's text edited for provider p: the provider's
// edits, its names for the variables that the run declares, and = for :=
// where the copy declares nothing new.
func (c *checker) copyText(run *stmtRun, declared []*types.Var, edits []analysis.TextEdit, p provider) (string, string) {
	renamed := make(map[*types.Var]string)
	for _, v := range declared {
		if v.Name() != "_" && !run.reused(v) {
			renamed[v] = newName(v, p)
		}
	}
	all := slices.Clone(edits)
	if decl := run.sharedDeclaration(c); decl != nil {
		removal := &finding{}
		removal.removeLine(c, decl)
		// A comment on the lines just above describes the declaration, so
		// it goes too.
		if doc := c.commentAbove(decl); doc != nil && removal.edits[0].Pos < decl.Pos() {
			removal.edits[0].Pos = doc.Pos() - token.Pos(c.offset(doc.Pos())-lineStart(run.src, c.offset(doc.Pos())))
		}
		all = append(all, removal.edits...)
	}
	for _, s := range run.stmts() {
		ast.Inspect(s, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			if name, ok := renamed[c.localVar(id)]; ok && !overlaps(edits, id) {
				all = append(all, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(name)})
			}
			return true
		})
		if assign, ok := s.(*ast.AssignStmt); ok && assign.Tok == token.DEFINE && !overlaps(edits, tokenNode{assign.TokPos, 2}) && !c.declaresNew(assign, renamed, edits) {
			all = append(all, analysis.TextEdit{Pos: assign.TokPos, End: assign.TokPos + 2, NewText: []byte("=")})
		}
	}
	for v, name := range renamed {
		if c.declaredInRun(run, v, edits) && !c.readInRun(run, v, edits) {
			return "", fmt.Sprintf("the copy would leave %s without a use", name)
		}
	}
	text, ok := applyEdits(c.pass.Fset.File(run.list[run.first].Pos()), run.src, run.start, run.end, all)
	if !ok {
		return "", "its edits overlap"
	}
	return string(text), ""
}

// declaresNew reports whether a := statement of a later copy still
// declares a variable: one that the copy renames and its edits keep.
func (c *checker) declaresNew(assign *ast.AssignStmt, renamed map[*types.Var]string, edits []analysis.TextEdit) bool {
	for _, lhs := range assign.Lhs {
		id, ok := lhs.(*ast.Ident)
		if !ok || overlaps(edits, id) {
			continue
		}
		if v, ok := c.pass.TypesInfo.Defs[id].(*types.Var); ok && renamed[v] != "" {
			return true
		}
	}
	return false
}

// declaredInRun reports whether the run declares v outside the edits.
func (c *checker) declaredInRun(run *stmtRun, v *types.Var, edits []analysis.TextEdit) bool {
	for _, s := range run.stmts() {
		found := false
		ast.Inspect(s, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] == v && !overlaps(edits, id) {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// readInRun reports whether the run reads v outside the edits.
func (c *checker) readInRun(run *stmtRun, v *types.Var, edits []analysis.TextEdit) bool {
	for _, id := range c.vars.readsOf(v) {
		if run.contains(id) && !overlaps(edits, id) {
			return true
		}
	}
	return false
}

// sharedDeclaration returns the statement of the run that declares the
// shared variable, or nil.
func (run *stmtRun) sharedDeclaration(c *checker) ast.Stmt {
	if run.shared == nil {
		return nil
	}
	for _, s := range run.stmts() {
		if s.Pos() <= run.shared.Pos() && run.shared.Pos() < s.End() {
			return s
		}
	}
	return nil
}

// commentAbove returns the comment group that ends on the line before n
// and has nothing else on its lines, or nil.
func (c *checker) commentAbove(n ast.Node) *ast.CommentGroup {
	info := c.fileOf(n.Pos())
	if info == nil {
		return nil
	}
	src, err := c.text(info)
	if err != nil {
		return nil
	}
	line := c.pass.Fset.Position(n.Pos()).Line
	for _, group := range info.syntax.Comments {
		if c.pass.Fset.Position(group.End()).Line != line-1 {
			continue
		}
		start := c.offset(group.Pos())
		if strings.TrimLeft(string(src[lineStart(src, start):start]), " \t") == "" {
			return group
		}
	}
	return nil
}

// unusedAfterSplit returns why the split would leave a local variable
// without a use, which Go rejects, or "". A variable that the run declares
// must keep a read in the first copy or after the run, and copyText checks
// the later copies. A variable declared before the run and read in it must
// keep a read in some copy or outside the run.
func (c *checker) unusedAfterSplit(run *stmtRun, copies [][]analysis.TextEdit) string {
	first, last := run.list[run.first], run.list[run.last]
	checked := make(map[*types.Var]bool)
	for _, s := range run.stmts() {
		var reason string
		ast.Inspect(s, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || reason != "" {
				return reason == ""
			}
			v := c.localVar(id)
			if v == nil || checked[v] || v.IsField() || v.Pkg() != c.pass.Pkg || v.Parent() == c.pass.Pkg.Scope() || v.Name() == "_" {
				return true
			}
			if _, defined := c.vars.defs[v]; !defined {
				return true // a parameter or result, which Go lets go unused
			}
			checked[v] = true
			declaredInRun := v.Pos() >= first.Pos() && v.Pos() < last.End()
			// A variable whose declaration the first copy's edits remove,
			// with its reads, needs no use.
			used := declaredInRun && !c.declaredInRun(run, v, copies[0])
			for _, read := range c.vars.readsOf(v) {
				switch {
				case !run.contains(read):
					used = used || !declaredInRun || read.Pos() > last.End()
				case declaredInRun:
					used = used || !overlaps(copies[0], read)
				default:
					for _, edits := range copies {
						used = used || !overlaps(edits, read)
					}
				}
			}
			if !used && (declaredInRun && v != run.shared || len(c.vars.readsOf(v)) > 0) {
				reason = fmt.Sprintf("the fix would leave %s without a use", v.Name())
			}
			return true
		})
		if reason != "" {
			return reason
		}
	}
	return ""
}

// bodyStillBuilt returns the name of a variable that the run declares and
// the body reads, when a copy with the given edits drops the body but still
// reads the variable elsewhere. That copy would build a body it no longer
// sends. It returns "" when there is no such variable.
func (c *checker) bodyStillBuilt(run *stmtRun, body ast.Expr, edits []analysis.TextEdit) string {
	first, last := run.list[run.first], run.list[run.last]
	name := ""
	ast.Inspect(body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || name != "" {
			return name == ""
		}
		v := c.localVar(id)
		if v == nil || v.IsField() || v.Pos() < first.Pos() || v.Pos() >= last.End() {
			return true
		}
		for _, read := range c.vars.readsOf(v) {
			inBody := read.Pos() >= body.Pos() && read.End() <= body.End()
			if !inBody && run.contains(read) && !overlaps(edits, read) {
				name = v.Name()
			}
		}
		return true
	})
	return name
}

// bodyBuilders returns the local variables that body reads and that are
// read nowhere else: a DELETE copy, which drops body, can remove the
// statements that define them.
func (c *checker) bodyBuilders(body ast.Expr) []*types.Var {
	var vars []*types.Var
	ast.Inspect(body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v := c.localVar(id)
		if v == nil || v.IsField() || slices.Contains(vars, v) {
			return true
		}
		if _, defined := c.vars.defs[v]; !defined {
			return true
		}
		for _, read := range c.vars.readsOf(v) {
			if read.Pos() < body.Pos() || read.End() > body.End() {
				return true
			}
		}
		vars = append(vars, v)
		return true
	})
	return vars
}

// dropBodyBuild returns the edits that remove, from a copy that sends no
// body, the statements of the run that only build the body, and those
// statements: a
// `b, err := json.Marshal(…)` whose b only the body reads, with the
// `if err != nil` check right after it. It returns the reason when such a
// statement has another effect or cannot go.
func (c *checker) dropBodyBuild(run *stmtRun, body ast.Expr) ([]analysis.TextEdit, []ast.Node, string) {
	var edits []analysis.TextEdit
	var removed []ast.Node
	for _, v := range c.bodyBuilders(body) {
		i := slices.IndexFunc(run.stmts(), func(s ast.Stmt) bool { return s == c.vars.defs[v].stmt })
		if i < 0 {
			continue // defined before the run, and left alone
		}
		i += run.first
		assign := run.list[i].(*ast.AssignStmt)
		if len(assign.Rhs) != 1 || !c.isMarshalCall(assign.Rhs[0]) {
			return nil, nil, fmt.Sprintf("%s is built by a statement that may have other effects, so it cannot be removed", v.Name())
		}
		remove := &finding{}
		remove.removeLine(c, assign)
		removed = append(removed, assign)
		var errVar *types.Var
		if len(assign.Lhs) == 2 {
			errVar = c.localVar(assign.Lhs[1])
		}
		if errVar != nil {
			check, ok := errCheckOf(c, run.list, i+1, errVar)
			if !ok {
				return nil, nil, fmt.Sprintf("the error of the statement that builds %s is used other than by an if err != nil check right after it", v.Name())
			}
			remove.removeLine(c, check)
			removed = append(removed, check)
			if c.pass.TypesInfo.Defs[assign.Lhs[1].(*ast.Ident)] == errVar && !run.redeclaredAfter(c, errVar, i+2) {
				return nil, nil, fmt.Sprintf("the statement that builds %s declares %s, which later statements need", v.Name(), errVar.Name())
			}
		}
		edits = append(edits, remove.edits...)
	}
	return edits, removed, ""
}

// isMarshalCall reports whether e calls encoding/json's Marshal or
// MarshalIndent. Their only effect is their result, unless a MarshalJSON
// method of the value has one, which the analyzer does not check.
func (c *checker) isMarshalCall(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := c.calleeFunc(call)
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "encoding/json" && (fn.Name() == "Marshal" || fn.Name() == "MarshalIndent")
}

// errCheckOf returns list[i] when it is `if err != nil { … }` without init
// or else, for the error variable errVar.
func errCheckOf(c *checker, list []ast.Stmt, i int, errVar *types.Var) (*ast.IfStmt, bool) {
	if i >= len(list) {
		return nil, false
	}
	check, ok := list[i].(*ast.IfStmt)
	if !ok || check.Init != nil || check.Else != nil {
		return nil, false
	}
	cond, ok := check.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ || c.localVar(cond.X) != errVar || !isNil(c.pass.TypesInfo, cond.Y) {
		return nil, false
	}
	return check, true
}

// redeclaredAfter reports whether the first statement of the run from
// index from on that mentions v declares it again with :=, so that the
// removal of v's declaration leaves the code valid.
func (run *stmtRun) redeclaredAfter(c *checker, v *types.Var, from int) bool {
	for _, s := range run.list[from:] {
		mentions := false
		ast.Inspect(s, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && c.localVar(id) == v {
				mentions = true
			}
			return !mentions
		})
		if !mentions {
			continue
		}
		assign, ok := s.(*ast.AssignStmt)
		if !ok || assign.Tok != token.DEFINE {
			return false
		}
		for _, lhs := range assign.Lhs {
			if id, ok := lhs.(*ast.Ident); ok && c.localVar(id) == v {
				return true
			}
		}
		return false
	}
	return true
}

// overlaps reports whether one of the edits changes text within n.
func overlaps(edits []analysis.TextEdit, n ast.Node) bool {
	for _, e := range edits {
		if e.Pos < n.End() && n.Pos() < e.End {
			return true
		}
	}
	return false
}

// contains reports whether n lies within the run's statements.
func (run *stmtRun) contains(n ast.Node) bool {
	return n.Pos() >= run.list[run.first].Pos() && n.End() <= run.list[run.last].End()
}

// stmts returns the statements of the run.
func (run *stmtRun) stmts() []ast.Stmt {
	return run.list[run.first : run.last+1]
}

// indent returns the white space before the run's first statement.
func (run *stmtRun) indent() []byte {
	text := run.src[run.start:]
	return text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
}

// nodeText returns the source text of n.
func (c *checker) nodeText(src []byte, n ast.Node) string {
	return string(src[c.offset(n.Pos()):c.offset(n.End())])
}

// packagesUsed returns the imported packages that the later copies still
// use, so that the import check keeps them even when the first copy's
// edits remove their uses there.
func (run *stmtRun) packagesUsed(c *checker, copies [][]analysis.TextEdit) []*types.PkgName {
	var used []*types.PkgName
	for _, edits := range copies {
		for _, s := range run.stmts() {
			ast.Inspect(s, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok {
					return true
				}
				pkg, ok := c.pass.TypesInfo.Uses[id].(*types.PkgName)
				if ok && !slices.Contains(used, pkg) && !overlaps(edits, id) {
					used = append(used, pkg)
				}
				return true
			})
		}
	}
	return used
}
