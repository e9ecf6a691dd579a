package analyzer

import (
	"cmp"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Analyzer reports calls of the deprecated Ultravox endpoint
// /api/accounts/me/telephony_config and suggests the per-provider endpoint
// that replaces each.
var Analyzer = &analysis.Analyzer{
	Name:       "telephonyconfig",
	Doc:        doc,
	URL:        "https://pkg.go.dev/github.com/uvtools/telephonyconfig/analyzer",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	FactTypes:  []analysis.Fact{new(helperFact), new(helperPackage)},
	ResultType: reflect.TypeFor[*Result](),
}

// usePatch makes a PATCH of the old endpoint migrate to PATCH of the
// provider endpoint (a partial update) instead of POST (create).
var usePatch bool

func init() {
	Analyzer.Flags.BoolVar(&usePatch, "patch", false,
		"replace a PATCH of the old endpoint with PATCH /api/telephony_configs/PROVIDER (partial update of existing credentials) instead of POST (create)")
}

// Category of the diagnostics for client calls of the old endpoint.
const categoryDeprecated = "deprecated-endpoint"

// checker holds the state of one pass.
type checker struct {
	pass  *analysis.Pass
	root  inspector.Cursor
	vars  *varIndex
	patch bool
	// findings are collected per file and reported once every fix of the
	// file is known, because fixes in one file are checked together.
	findings map[*token.File][]*finding
	files    []*token.File
	// helpers holds the facts of the package's own helpers.
	helpers map[*types.Func]*helperFact
	// fileInfos caches what is computed once per file; see fileOf.
	fileInfos map[*token.File]*fileInfo
	// result lists the reported sites, in position order once flushed.
	result *Result
	// diagnostics are reported at the end of the pass, in position order.
	diagnostics []analysis.Diagnostic
	// summarizing is the function whose helper fact is being computed, or
	// nil. A response it returns is then handled by its callers.
	summarizing *types.Func
	// splitting is set while the fix of each provider of a split request is
	// planned. leftUnused then reports nothing, because the other copies
	// keep their reads, and planSplit checks the uses of the whole split.
	splitting bool
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	mentions := mentionsOldEndpoint(pass, insp)
	mayDeclareHelpers := importsSurface(pass)
	implementsOld := declaresOldOperation(pass)
	if !mentions && !mayDeclareHelpers && !implementsOld {
		return &Result{}, nil // fast path: nothing here can reach the old endpoint
	}
	c := &checker{
		pass:     pass,
		root:     insp.Root(),
		vars:     newVarIndex(pass.TypesInfo, pass.Files, insp),
		patch:    usePatch,
		findings: make(map[*token.File][]*finding),
		result:   &Result{},
	}
	if mayDeclareHelpers {
		c.findHelpers()
	}
	if implementsOld {
		for cur := range c.root.Preorder((*ast.FuncDecl)(nil)) {
			c.checkOldOperation(cur.Node().(*ast.FuncDecl))
		}
	}
	if !mentions {
		c.flush()
		return c.result, nil
	}
	for cur := range c.root.Preorder((*ast.CallExpr)(nil), (*ast.BinaryExpr)(nil), (*ast.SwitchStmt)(nil)) {
		c.guard(cur.Node(), func() { c.checkNode(cur) })
	}
	c.reportAll()
	c.flush()
	return c.result, nil
}

// flush reports the collected diagnostics in the order of their positions,
// which the drivers print as they come.
func (c *checker) flush() {
	c.noteExcluded(c.diagnostics)
	slices.SortStableFunc(c.diagnostics, func(a, b analysis.Diagnostic) int { return c.comparePos(a.Pos, b.Pos) })
	for _, d := range c.diagnostics {
		c.pass.Report(d)
	}
	c.diagnostics = nil
	slices.SortStableFunc(c.result.Sites, func(a, b Site) int { return c.comparePos(a.Pos, b.Pos) })
}

// comparePos orders positions by file name, then offset. token.Pos alone
// does not do, because go/packages parses files in parallel, so the order
// of files in the FileSet varies from run to run.
func (c *checker) comparePos(a, b token.Pos) int {
	pa, pb := c.pass.Fset.Position(a), c.pass.Fset.Position(b)
	return cmp.Or(cmp.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Offset, pb.Offset))
}

// checkNode checks one call, comparison or switch of the package.
func (c *checker) checkNode(cur inspector.Cursor) {
	if testHook != nil {
		testHook(cur.Node())
	}
	if call, isCall := cur.Node().(*ast.CallExpr); isCall {
		if g, ok := c.parseGeneratedCall(cur, call, c.calleeFunc(call)); ok {
			c.checkGeneratedCall(g)
			return
		}
		if req, ok := c.recognize(cur); ok {
			c.check(req)
			return
		}
		c.checkUnresolvedCall(cur)
	}
	c.checkServedRoute(cur)
}

// testHook, when set by a test, runs before each node is checked, so that
// a test can make the check of one node fail.
var testHook func(ast.Node)

// importsSurface reports whether the package imports a package of a
// request surface or one that declares helpers, so that it may declare
// helpers of its own.
func importsSurface(pass *analysis.Pass) bool {
	if isSurfacePackage(pass.Pkg.Path()) {
		return false // a client library's own code is not a project helper
	}
	for _, imp := range pass.Pkg.Imports() {
		if surfacePackages[imp.Path()] || pass.ImportPackageFact(imp, new(helperPackage)) {
			return true
		}
	}
	return false
}

// candidateText is the part of the old endpoint that every spelling of it
// contains, whole or as the last element of a join.
const candidateText = "telephony_config"

// mentionsOldEndpoint reports whether any string literal of the package, or
// any string constant it uses from another package, contains candidateText,
// or whether the package selects a method named after a deprecated
// operation of a generated client.
func mentionsOldEndpoint(pass *analysis.Pass, insp *inspector.Inspector) bool {
	// The inspector's filtered walk visits only these two node types, which
	// costs far less than ast.Inspect over every node.
	for n := range insp.PreorderSeq((*ast.BasicLit)(nil), (*ast.SelectorExpr)(nil)) {
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind == token.STRING && strings.Contains(n.Value, candidateText) {
				return true
			}
		case *ast.SelectorExpr:
			if strings.HasPrefix(n.Sel.Name, oldOperationPrefix) {
				return true
			}
		}
	}
	for _, obj := range pass.TypesInfo.Uses {
		if k, ok := obj.(*types.Const); ok && k.Pkg() != pass.Pkg && k.Val().Kind() == constant.String &&
			strings.Contains(constant.StringVal(k.Val()), candidateText) {
			return true
		}
	}
	return false
}

// cursorOf returns the cursor of the node n, which must be in the package.
func (c *checker) cursorOf(n ast.Node) (inspector.Cursor, bool) {
	info := c.fileOf(n.Pos())
	if info == nil {
		return inspector.Cursor{}, false
	}
	cur, ok := info.cursor.FindByPos(n.Pos(), n.End())
	if !ok || cur.Node() != n {
		return inspector.Cursor{}, false
	}
	return cur, true
}
