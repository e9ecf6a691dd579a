package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// statusNames maps the success codes of the endpoints to their net/http
// constant names.
var statusNames = map[int]string{200: "StatusOK", 201: "StatusCreated", 204: "StatusNoContent"}

// oldStatus is the success code of both operations of the old endpoint.
const oldStatus = 200

// statusEdits returns the edits that keep every check of the response's
// status code true or false as before when the success code changes from
// 200 to newStatus. A check whose outcome changes is rewritten when it
// compares the code with 200 for equality; any other is a reason to give
// no fix.
func (c *checker) statusEdits(uses []inspector.Cursor, newStatus int) ([]analysis.TextEdit, string) {
	if newStatus == oldStatus {
		return nil, ""
	}
	var edits []analysis.TextEdit
	for _, sel := range uses {
		status := sel.Node().(ast.Expr)
		check, operand := c.statusCheck(sel)
		if !check.Valid() {
			if operand == nil {
				return nil, "the status code is used in a way that is not followed"
			}
			continue
		}
		switch check := check.Node().(type) {
		case *ast.BinaryExpr:
			readStatus := func(e ast.Expr, code int) (constant.Value, bool) {
				return constant.MakeInt64(int64(code)), e == status
			}
			before, ok1 := c.evalStatus(check, readStatus, oldStatus)
			after, ok2 := c.evalStatus(check, readStatus, newStatus)
			if !ok1 || !ok2 {
				return nil, "a check of the status code cannot be evaluated"
			}
			if constant.Compare(before, token.EQL, after) {
				continue // a range check such as < 300 keeps its outcome
			}
			if operand == nil || !c.isStatusValue(operand, oldStatus) {
				return nil, fmt.Sprintf("a check of the status code changes its outcome for %d", newStatus)
			}
			edits = append(edits, c.statusValueEdit(operand, newStatus))
		case *ast.SwitchStmt:
			var olds []ast.Expr
			for _, stmt := range check.Body.List {
				for _, value := range stmt.(*ast.CaseClause).List {
					switch {
					case c.isStatusValue(value, newStatus):
						return nil, fmt.Sprintf("the switch on the status code already has a case for %d", newStatus)
					case c.isStatusValue(value, oldStatus):
						olds = append(olds, value)
					case !c.isConstant(value):
						return nil, "the switch on the status code has a case that is not a constant"
					}
				}
			}
			for _, value := range olds {
				edits = append(edits, c.statusValueEdit(value, newStatus))
			}
		}
	}
	return edits, ""
}

// statusCheck returns the comparison or switch that decides on the status
// code selected at sel, and, when the code is compared directly with a
// constant or switched on, that constant. It returns the zero cursor and a
// non-nil operand for a use that only prints the code, and two zero values
// for any other use.
func (c *checker) statusCheck(sel inspector.Cursor) (inspector.Cursor, ast.Expr) {
	cur := sel
	direct := true
	for {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr:
			cur = parent
			continue
		case *ast.BinaryExpr:
			other := p.Y
			if p.Y == cur.Node() {
				other = p.X
			}
			if !c.isConstant(other) {
				return inspector.Cursor{}, nil
			}
			switch p.Op {
			case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
				if direct && (p.Op == token.EQL || p.Op == token.NEQ) {
					return parent, other
				}
				return parent, nil
			case token.ADD, token.SUB, token.MUL, token.QUO, token.REM:
				direct = false
				cur = parent
				continue
			}
		case *ast.SwitchStmt:
			if p.Tag == cur.Node() && direct {
				return parent, nil
			}
		case *ast.CallExpr:
			if fn := c.calleeFunc(p); fn != nil && fn.Pkg() != nil && printingPackages[fn.Pkg().Path()] {
				return inspector.Cursor{}, p // printing the code does not depend on its value
			}
		}
		return inspector.Cursor{}, nil
	}
}

// A statusReader returns the value of e when the status code is code, and
// whether e is an expression that depends only on the status code, such as
// resp.StatusCode.
type statusReader func(e ast.Expr, code int) (constant.Value, bool)

// evalStatus evaluates the expression e for the status code value, with
// read giving the value of each expression that reads the status. It
// returns false when e depends on anything else that is not constant.
func (c *checker) evalStatus(e ast.Expr, read statusReader, value int) (constant.Value, bool) {
	if v, ok := read(e, value); ok {
		return v, true
	}
	if tv := c.pass.TypesInfo.Types[e]; tv.Value != nil {
		return tv.Value, true
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return c.evalStatus(e.X, read, value)
	case *ast.UnaryExpr:
		x, ok := c.evalStatus(e.X, read, value)
		if !ok || e.Op != token.NOT || x.Kind() != constant.Bool {
			return nil, false
		}
		return constant.UnaryOp(token.NOT, x, 0), true
	case *ast.BinaryExpr:
		x, ok1 := c.evalStatus(e.X, read, value)
		y, ok2 := c.evalStatus(e.Y, read, value)
		if !ok1 || !ok2 {
			return nil, false
		}
		switch e.Op {
		case token.LAND, token.LOR:
			if x.Kind() != constant.Bool || y.Kind() != constant.Bool {
				return nil, false
			}
			return constant.BinaryOp(x, e.Op, y), true
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			return constant.MakeBool(constant.Compare(x, e.Op, y)), true
		case token.QUO:
			if constant.Sign(y) == 0 {
				return nil, false
			}
			return constant.BinaryOp(x, token.QUO_ASSIGN, y), true // integer division
		case token.REM:
			if constant.Sign(y) == 0 {
				return nil, false
			}
			return constant.BinaryOp(x, e.Op, y), true
		case token.ADD, token.SUB, token.MUL:
			return constant.BinaryOp(x, e.Op, y), true
		}
	}
	return nil, false
}

func (c *checker) isConstant(e ast.Expr) bool {
	return c.pass.TypesInfo.Types[e].Value != nil
}

func (c *checker) isStatusValue(e ast.Expr, status int) bool {
	v := c.pass.TypesInfo.Types[e].Value
	if v == nil || v.Kind() != constant.Int {
		return false
	}
	n, exact := constant.Int64Val(v)
	return exact && n == int64(status)
}

// statusCallReader returns the statusReader of a response whose status
// code is read by calls on resp without arguments: StatusCode(), and the
// methods named in predicates, which test the code.
func (c *checker) statusCallReader(resp *types.Var, predicates map[string]func(code int) bool) statusReader {
	return func(e ast.Expr, code int) (constant.Value, bool) {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return nil, false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || c.localVar(sel.X) != resp {
			return nil, false
		}
		if sel.Sel.Name == "StatusCode" {
			return constant.MakeInt64(int64(code)), true
		}
		if test, ok := predicates[sel.Sel.Name]; ok {
			return constant.MakeBool(test(code)), true
		}
		return nil, false
	}
}

// successCodes are the success codes of the old and the new operations.
var successCodes = []int{200, 201, 204}

// onErrorPath reports whether the node at cur runs only when the status
// code, read as read describes, is not a success code of any operation: it
// is in the body of an if statement whose condition is false for every
// success code, or in the else branch of one whose condition is true for
// every success code.
func (c *checker) onErrorPath(cur inspector.Cursor, read statusReader) bool {
	for inner, outer := cur, cur.Parent(); outer.Valid(); inner, outer = outer, outer.Parent() {
		switch n := outer.Node().(type) {
		case *ast.IfStmt:
			var want bool
			switch inner.Node() {
			case n.Body:
				want = false
			case n.Else:
				want = true
			default:
				continue
			}
			if c.conditionIs(n.Cond, read, want) {
				return true
			}
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		}
	}
	return false
}

// conditionIs reports whether cond evaluates to want for every success
// code.
func (c *checker) conditionIs(cond ast.Expr, read statusReader, want bool) bool {
	for _, code := range successCodes {
		v, ok := c.evalStatus(cond, read, code)
		if !ok || v.Kind() != constant.Bool || constant.BoolVal(v) != want {
			return false
		}
	}
	return true
}

// statusValueEdit rewrites a status constant in the code's own style: a
// number stays a number, and http.StatusOK, or StatusOK under a dot import
// of net/http, becomes the matching constant.
func (c *checker) statusValueEdit(e ast.Expr, status int) analysis.TextEdit {
	e = ast.Unparen(e)
	if edit, ok := c.renameHTTPConstant(e, "Status", statusNames[status]); ok {
		return edit
	}
	return analysis.TextEdit{Pos: e.Pos(), End: e.End(), NewText: []byte(strconv.Itoa(status))}
}

// renameHTTPConstant returns the edit that makes e, a use of a net/http
// constant whose name starts with prefix, use the constant name instead.
// It handles http.StatusOK and, under a dot import, StatusOK. The bare form
// is rewritten only when name refers to the net/http constant at e, so
// that a local declaration of the same name cannot capture it. The result
// is false for any other e.
func (c *checker) renameHTTPConstant(e ast.Expr, prefix, name string) (analysis.TextEdit, bool) {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		id = e.Sel
	case *ast.Ident:
		id = e
	default:
		return analysis.TextEdit{}, false
	}
	obj, ok := c.pass.TypesInfo.Uses[id].(*types.Const)
	if !ok || obj.Pkg() == nil || obj.Pkg().Path() != "net/http" || !strings.HasPrefix(obj.Name(), prefix) {
		return analysis.TextEdit{}, false
	}
	if id == ast.Unparen(e) {
		scope := c.pass.Pkg.Scope().Innermost(id.Pos())
		if scope == nil {
			return analysis.TextEdit{}, false
		}
		if _, found := scope.LookupParent(name, id.Pos()); found == nil || found != obj.Pkg().Scope().Lookup(name) {
			return analysis.TextEdit{}, false
		}
	}
	return analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(name)}, true
}
