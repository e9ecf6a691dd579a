package analyzer

import (
	"fmt"
	"go/ast"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Category of the diagnostics for a failure of the analyzer itself.
const categoryInternal = "internal-error"

// guard runs check, which works on the node n, and turns a panic inside it
// into a diagnostic at n, so that one site the analyzer mishandles does not
// stop a whole go vet run or hide the other sites. The diagnostic names the
// panic and the innermost analyzer function, for a bug report.
func (c *checker) guard(n ast.Node, check func()) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		c.diagnostics = append(c.diagnostics, analysis.Diagnostic{
			Pos:      n.Pos(),
			End:      n.End(),
			Category: categoryInternal,
			Message:  fmt.Sprintf("internal error in telephonyconfig while checking this %s: %v (in %s); please report it", nodeKind(n), r, panicSite()),
		})
	}()
	check()
}

// nodeKind names the kind of node for a diagnostic.
func nodeKind(n ast.Node) string {
	switch n.(type) {
	case *ast.CallExpr:
		return "call"
	case *ast.FuncDecl:
		return "function"
	case *ast.File:
		return "file"
	}
	return "expression"
}

// panicSite returns the innermost function of this package on the stack of
// a recovered panic.
func panicSite() string {
	const prefix = "github.com/uvtools/telephonyconfig/analyzer."
	for _, line := range strings.Split(string(debug.Stack()), "\n") {
		name, _, _ := strings.Cut(line, "(")
		if strings.HasPrefix(name, prefix) && !strings.Contains(name, ".guard") && !strings.Contains(name, "panicSite") {
			return strings.TrimPrefix(name, prefix)
		}
	}
	return "an unknown function"
}
