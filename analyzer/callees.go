package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// calleeFunc returns the function or method a call invokes statically, or
// nil for calls through function values and interfaces.
func (c *checker) calleeFunc(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	return fn
}

// isFunc reports whether fn is the package-level function pkgPath.name.
func isFunc(fn *types.Func, pkgPath, name string) bool {
	if fn == nil || fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != pkgPath {
		return false
	}
	return fn.Signature().Recv() == nil
}

// isMethod reports whether fn is the method name of pkgPath.typeName or of
// a pointer to it.
func isMethod(fn *types.Func, pkgPath, typeName, name string) bool {
	if fn == nil || fn.Name() != name {
		return false
	}
	recv := fn.Signature().Recv()
	return recv != nil && isNamedType(recv.Type(), pkgPath, typeName)
}

// isNamedType reports whether t, or the type t points to, is the named type
// pkgPath.name.
func isNamedType(t types.Type, pkgPath, name string) bool {
	if t == nil {
		return false
	}
	if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == pkgPath
}

// receiver returns the receiver expression of a method call.
func receiver(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}

// localVar returns the variable e names, if e is an identifier of one.
func (c *checker) localVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil {
		v, _ = c.pass.TypesInfo.Defs[id].(*types.Var)
	}
	return v
}

// paramType returns the type of the parameter that arg, an argument of
// call, is passed to, or nil when arg is not one or is part of a variadic
// argument list.
func paramType(c *checker, call *ast.CallExpr, arg ast.Expr) types.Type {
	t := c.pass.TypesInfo.TypeOf(call.Fun)
	if t == nil {
		return nil
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return nil
	}
	for i, a := range call.Args {
		if a != arg {
			continue
		}
		if sig.Variadic() && i >= sig.Params().Len()-1 || i >= sig.Params().Len() {
			return nil
		}
		return sig.Params().At(i).Type()
	}
	return nil
}
