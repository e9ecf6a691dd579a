package analyzer

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"

	"github.com/dave/dst"
	"github.com/dave/dst/decorator"
	"golang.org/x/tools/go/analysis"
)

// A function that ends with `return c.Send(ctx, "PATCH", path, body, nil)`
// cannot repeat that statement, because the first copy would return. The
// split rebuilds it with dst instead: each provider's call but the last
// becomes `if err := CALL; err != nil { return err }`, and the last call
// stays in the return statement. Comments above the statement go with the
// first new statement, a comment after it with the last one, and comments
// inside a call stay in that call.
//
// dst decorates only the enclosing function, parsed from its own text. The
// copies use the package names that the original statement uses, in the
// same scope, so the function is printed without import management. The printed function is
// then compared with the original line by line, and the fix replaces only
// the lines that differ, which must lie within the return statement.

// returnsErrorOf reports whether ret returns exactly the error of call, in a
// function whose only result is that error.
func (c *checker) returnsErrorOf(ret *ast.ReturnStmt, call *ast.CallExpr) bool {
	if len(ret.Results) != 1 || ast.Unparen(ret.Results[0]) != call {
		return false
	}
	t := c.pass.TypesInfo.TypeOf(call)
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// planReturnSplit returns the edits that rebuild the run's return statement
// as one call per provider, or the reason it cannot.
func (c *checker) planReturnSplit(run *stmtRun, copies [][]analysis.TextEdit) ([]analysis.TextEdit, string) {
	if run.decl == nil {
		return nil, "the request's error is returned from a function literal"
	}
	ret := run.list[run.first].(*ast.ReturnStmt)
	call := run.returned
	callStart, callEnd := c.offset(call.Pos()), c.offset(call.End())

	// Each provider's call, with its edits, parsed and decorated on its own.
	calls := make([]dst.Expr, len(copies))
	for i, edits := range copies {
		for _, e := range edits {
			if c.offset(e.Pos) < callStart || c.offset(e.End) > callEnd {
				return nil, "the fix for one provider edits the return statement outside the call"
			}
		}
		text, ok := applyEdits(c.pass.Fset.File(call.Pos()), run.src, callStart, callEnd, edits)
		if !ok {
			return nil, "its edits overlap"
		}
		expr, err := parseDecoratedCall(string(text))
		if err != nil {
			return nil, fmt.Sprintf("the edited call does not parse: %v", err)
		}
		calls[i] = expr
	}

	// Decorate the function alone, parsed from its text, because dst
	// v0.28.0 records comments and blank lines only when it decorates a
	// whole file (see fragment in its decorator-fragment.go).
	declStart, declEnd := c.declRange(run.decl)
	const header = "package p\n\n"
	shift := len(header) - declStart
	fset := token.NewFileSet()
	parsed, err := parser.ParseFile(fset, "", header+string(run.src[declStart:declEnd]), parser.ParseComments)
	if err != nil {
		return nil, fmt.Sprintf("the function does not parse on its own: %v", err)
	}
	var parsedRet *ast.ReturnStmt
	var parsedBlock ast.Node
	ast.Inspect(parsed, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		offset := fset.Position(n.Pos()).Offset - shift
		switch n.(type) {
		case *ast.ReturnStmt:
			if offset == c.offset(ret.Pos()) {
				parsedRet = n.(*ast.ReturnStmt)
			}
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			if offset == c.offset(run.block.Pos()) && parsedBlock == nil {
				parsedBlock = n
			}
		}
		return true
	})
	dec := decorator.NewDecorator(fset)
	file, err := dec.DecorateFile(parsed)
	if err != nil || parsedRet == nil || parsedBlock == nil {
		return nil, "the function cannot be decorated"
	}
	list, ok := dstList(dec.Dst.Nodes[parsedBlock])
	if !ok {
		return nil, "the block of the return statement cannot be decorated"
	}
	old, ok := dec.Dst.Nodes[parsedRet].(*dst.ReturnStmt)
	if !ok || (*list)[run.first] != old {
		return nil, "the return statement cannot be decorated"
	}
	replaced := rebuildReturn(old, calls)
	*list = append((*list)[:run.first], append(replaced, (*list)[run.first+1:]...)...)

	var out bytes.Buffer
	if err := decorator.NewRestorer().Fprint(&out, file); err != nil {
		return nil, fmt.Sprintf("the rebuilt function cannot be printed: %v", err)
	}
	printed := strings.TrimPrefix(out.String(), "package p\n")
	printed = strings.TrimSuffix(strings.TrimLeft(printed, "\n"), "\n")
	return c.changedLines(run, ret, declStart, declEnd, printed)
}

// declRange returns the offsets of the start of decl, its doc comment
// included, and of its end.
func (c *checker) declRange(decl *ast.FuncDecl) (int, int) {
	start := c.offset(decl.Pos())
	if decl.Doc != nil {
		start = c.offset(decl.Doc.Pos())
	}
	return start, c.offset(decl.End())
}

// parseDecoratedCall parses the text of one call, with the comments inside
// it, and returns it decorated.
func parseDecoratedCall(text string) (dst.Expr, error) {
	src := "package p\n\nfunc _() {\n\t_ = " + text + "\n}\n"
	file, err := decorator.NewDecorator(token.NewFileSet()).Parse(src)
	if err != nil {
		return nil, err
	}
	assign := file.Decls[0].(*dst.FuncDecl).Body.List[0].(*dst.AssignStmt)
	return assign.Rhs[0], nil
}

// dstList returns the statement list of a decorated block, case or select
// clause.
func dstList(n dst.Node) (*[]dst.Stmt, bool) {
	switch n := n.(type) {
	case *dst.BlockStmt:
		return &n.List, true
	case *dst.CaseClause:
		return &n.Body, true
	case *dst.CommClause:
		return &n.Body, true
	}
	return nil, false
}

// rebuildReturn returns the statements that replace `return CALL`: an error
// check for each call but the last, which is returned. The first statement
// takes the comments above the old one, the last the comments after it.
func rebuildReturn(old *dst.ReturnStmt, calls []dst.Expr) []dst.Stmt {
	var stmts []dst.Stmt
	for i, call := range calls[:len(calls)-1] {
		check := &dst.IfStmt{
			Init: &dst.AssignStmt{Lhs: []dst.Expr{dst.NewIdent("err")}, Tok: token.DEFINE, Rhs: []dst.Expr{call}},
			Cond: &dst.BinaryExpr{X: dst.NewIdent("err"), Op: token.NEQ, Y: dst.NewIdent("nil")},
			Body: &dst.BlockStmt{List: []dst.Stmt{&dst.ReturnStmt{Results: []dst.Expr{dst.NewIdent("err")}}}},
		}
		check.Decs.Before, check.Decs.After = dst.NewLine, dst.NewLine
		if i == 0 {
			check.Decs.Before = old.Decs.Before
			check.Decs.Start = old.Decs.Start
		} else {
			check.Decs.Before = dst.EmptyLine
		}
		stmts = append(stmts, check)
	}
	last := &dst.ReturnStmt{Results: []dst.Expr{calls[len(calls)-1]}}
	last.Decs.Before, last.Decs.After = dst.EmptyLine, old.Decs.After
	last.Decs.End = old.Decs.End
	return append(stmts, last)
}

// changedLines compares the printed function with the original text of
// run.decl, src[declStart:declEnd], line by line, and returns one edit that replaces the lines that
// differ. Those lines must lie within ret, so that nothing else changes.
func (c *checker) changedLines(run *stmtRun, ret *ast.ReturnStmt, declStart, declEnd int, printed string) ([]analysis.TextEdit, string) {
	original := strings.Split(string(run.src[declStart:declEnd]), "\n")
	rebuilt := strings.Split(printed, "\n")
	prefix := 0
	for prefix < len(original) && prefix < len(rebuilt) && original[prefix] == rebuilt[prefix] {
		prefix++
	}
	suffix := 0
	for suffix < len(original)-prefix && suffix < len(rebuilt)-prefix &&
		original[len(original)-1-suffix] == rebuilt[len(rebuilt)-1-suffix] {
		suffix++
	}
	if prefix == len(original) && prefix == len(rebuilt) {
		return nil, "the rebuilt function is unchanged"
	}

	// The byte range of the original lines that differ.
	start := declStart
	for _, line := range original[:prefix] {
		start += len(line) + 1
	}
	end := declEnd
	for _, line := range original[len(original)-suffix:] {
		end -= len(line) + 1
	}
	end++ // the newline of the last changed line, or the end of the function
	retStart := lineStart(run.src, c.offset(ret.Pos()))
	retEnd := c.offset(ret.End())
	if k := bytes.IndexByte(run.src[retEnd:], '\n'); k >= 0 {
		retEnd += k + 1
	}
	if start < retStart || end > retEnd {
		return nil, "printing the rebuilt function would change lines outside the return statement"
	}
	text := strings.Join(rebuilt[prefix:len(rebuilt)-suffix], "\n") + "\n"
	file := c.pass.Fset.File(ret.Pos())
	return []analysis.TextEdit{{Pos: file.Pos(start), End: file.Pos(end), NewText: []byte(text)}}, ""
}
