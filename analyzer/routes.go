package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Category of the diagnostics for servers, such as test servers and fakes,
// that serve the old endpoint.
const categoryServed = "deprecated-route-served"

// oldOperations maps the method names that the spec's generators derive
// from the deprecated operations to the operation.
var oldOperations = map[string]string{
	"AccountsMeTelephonyConfigRetrieve":      "GET " + oldPath,
	"AccountsMeTelephonyConfigPartialUpdate": "PATCH " + oldPath,
}

// patternMethod matches the method that starts a Go 1.22 ServeMux pattern.
var patternMethod = regexp.MustCompile(`^([A-Z]+)[ \t]+`)

// migratedClientsNote ends every served-route diagnostic.
var migratedClientsNote = "migrated clients call " + anyProviderPaths() + " instead"

// checkServedRoute reports a call that registers a handler for the old
// endpoint on a net/http ServeMux, or a comparison of a request's path
// with it.
func (c *checker) checkServedRoute(cur inspector.Cursor) {
	switch n := cur.Node().(type) {
	case *ast.CallExpr:
		fn := c.calleeFunc(n)
		registers := isFunc(fn, "net/http", "Handle") || isFunc(fn, "net/http", "HandleFunc") ||
			isMethod(fn, "net/http", "ServeMux", "Handle") || isMethod(fn, "net/http", "ServeMux", "HandleFunc")
		if !registers || len(n.Args) != 2 {
			return
		}
		if method, ok := c.patternServesOldEndpoint(n.Args[0]); ok {
			c.reportServed(n.Args[0], method, fmt.Sprintf("handler serves the deprecated %s: %s", strings.TrimSpace(method+" "+oldPath), migratedClientsNote))
		}
	case *ast.BinaryExpr:
		if n.Op != token.EQL && n.Op != token.NEQ {
			return
		}
		for _, pair := range [][2]ast.Expr{{n.X, n.Y}, {n.Y, n.X}} {
			if c.isURLPath(pair[0]) && c.isOldPathConstant(pair[1]) {
				c.reportServed(pair[1], "", fmt.Sprintf("handler checks for the deprecated path %s: %s", oldPath, migratedClientsNote))
				return
			}
		}
	case *ast.SwitchStmt:
		if n.Tag == nil || !c.isURLPath(n.Tag) {
			return
		}
		for _, stmt := range n.Body.List {
			for _, value := range stmt.(*ast.CaseClause).List {
				if c.isOldPathConstant(value) {
					c.reportServed(value, "", fmt.Sprintf("handler checks for the deprecated path %s: %s", oldPath, migratedClientsNote))
				}
			}
		}
	}
}

// checkOldOperation reports a method declaration that implements a
// deprecated operation of a generated server or client interface, such as
// a server handler or a fake client in tests.
func (c *checker) checkOldOperation(decl *ast.FuncDecl) {
	operation, ok := oldOperations[decl.Name.Name]
	if !ok || decl.Recv == nil {
		return
	}
	method, _, _ := strings.Cut(operation, " ")
	c.reportServed(decl.Name, method, fmt.Sprintf("%s implements the deprecated operation %s: %s", decl.Name.Name, operation, migratedClientsNote))
}

// reportServed reports n, a server of the old endpoint for method (empty
// when any), unless it is in a generated file: a generated server is
// migrated by regenerating it.
func (c *checker) reportServed(n ast.Node, method, message string) {
	if c.inGeneratedFile(n) {
		return
	}
	c.diagnostics = append(c.diagnostics, analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Category: categoryServed, Message: message})
	c.result.Sites = append(c.result.Sites, Site{Pos: n.Pos(), Category: categoryServed, Surface: SurfaceServer, Operation: method, Message: message})
}

// patternServesOldEndpoint reports whether a ServeMux pattern, of the form
// [METHOD ][HOST]/PATH, matches the old endpoint, and returns its method.
func (c *checker) patternServesOldEndpoint(pattern ast.Expr) (string, bool) {
	text := partsText(c.urlParts(pattern))
	method := ""
	if m := patternMethod.FindStringSubmatch(text); m != nil {
		method, text = m[1], text[len(m[0]):]
	}
	if i := strings.Index(text, "/"); i > 0 && !strings.Contains(text[:i], dynamicText) {
		text = text[i:] // the host
	}
	text = strings.TrimSuffix(text, "{$}")
	_, ok := matchOldEndpoint(textParts(text))
	return method, ok
}

// isURLPath reports whether e reads the Path field of a *url.URL, such as
// r.URL.Path in a handler.
func (c *checker) isURLPath(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Path" {
		return false
	}
	return isNamedType(c.pass.TypesInfo.TypeOf(sel.X), "net/url", "URL")
}

// isOldPathConstant reports whether e is a string constant that is the old
// endpoint's path.
func (c *checker) isOldPathConstant(e ast.Expr) bool {
	value, ok := c.stringConstant(e)
	if !ok {
		return false
	}
	_, ok = matchOldEndpoint(textParts(value))
	return ok
}

// inGeneratedFile reports whether n is in a file with the standard
// generated-code header.
func (c *checker) inGeneratedFile(n ast.Node) bool {
	info := c.fileOf(n.Pos())
	return info != nil && info.generated
}

// declaresOldOperation reports whether the package declares a method
// named after a deprecated operation.
func declaresOldOperation(pass *analysis.Pass) bool {
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv != nil {
				if _, old := oldOperations[fd.Name.Name]; old {
					return true
				}
			}
		}
	}
	return false
}
