package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// checkUnresolvedCall reports a call through a function value or an
// interface that is given the old endpoint as an argument. The analyzer
// cannot see what such a call sends, so it only reports where the path is
// visible, and offers no fix.
func (c *checker) checkUnresolvedCall(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	if !c.isUnresolvedCall(call) {
		return
	}
	for _, arg := range call.Args {
		if !isString(typeOrInvalid(c.pass.TypesInfo.TypeOf(arg))) {
			continue
		}
		// The callee may put a base URL before the argument.
		parts := append([]urlPart{{dynamic: true}}, c.urlParts(arg)...)
		if _, ok := matchOldEndpoint(parts); !ok {
			continue
		}
		f := c.newFinding(arg)
		f.surface = SurfaceUnresolved
		f.message = fmt.Sprintf("%s is deprecated: use %s", oldPath, anyProviderPaths())
		f.reason = fmt.Sprintf("the path is passed to %s, which the analyzer cannot resolve to a request", unresolvedName(call))
		c.add(f)
		return
	}
}

// isUnresolvedCall reports whether call goes through a function value or
// an interface method, so that its callee is not known statically.
func (c *checker) isUnresolvedCall(call *ast.CallExpr) bool {
	tv, ok := c.pass.TypesInfo.Types[call.Fun]
	if !ok || tv.IsType() || tv.IsBuiltin() {
		return false
	}
	fn := c.calleeFunc(call)
	if fn == nil {
		return true
	}
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// unresolvedName names the callee of an unresolved call for a diagnostic.
func unresolvedName(call *ast.CallExpr) string {
	if _, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return "the interface method " + callName(call)
	}
	if _, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		return "a function literal"
	}
	return "the function value " + callName(call)
}

func typeOrInvalid(t types.Type) types.Type {
	if t == nil {
		return types.Typ[types.Invalid]
	}
	return t
}
