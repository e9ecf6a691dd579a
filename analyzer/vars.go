package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// varIndex records, for the local variables of a package, where each is
// defined, written and read, so that a value can be followed through a
// variable only when the variable is assigned once.
type varIndex struct {
	defs   map[*types.Var]varDef
	writes map[*types.Var]int
	reads  map[*types.Var][]*ast.Ident
	// assigns holds the plain assignments (=) to each variable after its
	// definition.
	assigns map[*types.Var][]varDef
	// inits holds the initializers of package-level variables.
	inits map[*types.Var]ast.Expr
}

// varDef is the statement that defines a variable and the expression it is
// given there.
type varDef struct {
	stmt ast.Node // *ast.AssignStmt or *ast.ValueSpec
	rhs  ast.Expr // nil when the definition gives no value
	// result is the variable's index among the results of a multi-value rhs,
	// or -1 when rhs yields exactly this variable's value.
	result int
}

func newVarIndex(info *types.Info, files []*ast.File, insp *inspector.Inspector) *varIndex {
	x := &varIndex{
		defs:    make(map[*types.Var]varDef),
		writes:  make(map[*types.Var]int),
		reads:   make(map[*types.Var][]*ast.Ident),
		assigns: make(map[*types.Var][]varDef),
		inits:   make(map[*types.Var]ast.Expr),
	}
	written := make(map[*ast.Ident]bool)
	for _, file := range files {
		for _, decl := range file.Decls {
			if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.VAR {
				for _, spec := range gen.Specs {
					x.recordPackageVars(info, spec.(*ast.ValueSpec))
				}
			}
		}
	}
	// The inspector's filtered walk visits the nodes in the same order as
	// ast.Inspect, at a fraction of its cost.
	nodeTypes := []ast.Node{(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.IncDecStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil), (*ast.Ident)(nil)}
	for n := range insp.PreorderSeq(nodeTypes...) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok {
					continue
				}
				if v, ok := info.Defs[id].(*types.Var); ok && n.Tok == token.DEFINE {
					x.defs[v] = definition(n, n.Rhs, i)
					continue
				}
				if v, ok := info.Uses[id].(*types.Var); ok {
					x.writes[v]++
					written[id] = true
					if n.Tok == token.ASSIGN {
						x.assigns[v] = append(x.assigns[v], definition(n, n.Rhs, i))
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if v, ok := info.Defs[id].(*types.Var); ok && v.Parent() != v.Pkg().Scope() {
					x.defs[v] = definition(n, n.Values, i)
				}
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok {
					x.writes[v]++
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok {
						x.writes[v]++ // the address may be used to change it
					}
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok && n.Tok == token.ASSIGN {
					if v, ok := info.Uses[id].(*types.Var); ok {
						x.writes[v]++
						written[id] = true
					}
				}
			}
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && !v.IsField() {
				x.reads[v] = append(x.reads[v], n)
			}
		}
	}
	// Assignment targets were collected as reads by the walk; drop them.
	for v, ids := range x.reads {
		kept := ids[:0]
		for _, id := range ids {
			if !written[id] {
				kept = append(kept, id)
			}
		}
		x.reads[v] = kept
	}
	return x
}

func (x *varIndex) recordPackageVars(info *types.Info, spec *ast.ValueSpec) {
	if len(spec.Values) != len(spec.Names) {
		return // a multi-value initializer is too rare to follow
	}
	for i, id := range spec.Names {
		if v, ok := info.Defs[id].(*types.Var); ok {
			x.inits[v] = spec.Values[i]
		}
	}
}

func definition(stmt ast.Node, values []ast.Expr, i int) varDef {
	switch {
	case len(values) == 0:
		return varDef{stmt: stmt, result: -1}
	case len(values) == 1 && i > 0 || len(values) == 1 && isMultiValue(values[0]):
		return varDef{stmt: stmt, rhs: values[0], result: i}
	case i < len(values):
		return varDef{stmt: stmt, rhs: values[i], result: -1}
	}
	return varDef{stmt: stmt, result: -1}
}

// isMultiValue reports whether e is a call whose results may be spread over
// several variables. The syntax is enough here because the definition has
// one call on the right.
func isMultiValue(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok
}

// assignedOnce returns the definition of v when v is a local variable given
// a value where it is defined and never written afterwards.
func (x *varIndex) assignedOnce(v *types.Var) (varDef, bool) {
	def, ok := x.defs[v]
	if !ok || def.rhs == nil || x.writes[v] > 0 {
		return varDef{}, false
	}
	return def, true
}

// valueOf returns the one value v is given: where it is defined, or, for a
// variable declared without a value, by the one assignment after that.
// The second form leaves v at its zero value when the assignment does not
// run.
func (x *varIndex) valueOf(v *types.Var) (varDef, bool) {
	if def, ok := x.assignedOnce(v); ok {
		return def, true
	}
	def, ok := x.defs[v]
	if !ok || def.rhs != nil || x.writes[v] != 1 || len(x.assigns[v]) != 1 {
		return varDef{}, false
	}
	return x.assigns[v][0], true
}

// readsOf returns the identifiers that read v, in source order.
func (x *varIndex) readsOf(v *types.Var) []*ast.Ident { return x.reads[v] }
