package e2e_test

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/uvtools/telephonyconfig/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// copyModulePath is the module path of every copy of the example.
const copyModulePath = "example.com/ultravoxapp"

// copyExample copies the example program in src into a new temporary
// directory, makes that directory the module copyModulePath, and returns it.
func copyExample(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatalf("copying %s failed: %v", src, err)
	}
	gomod := filepath.Join(dir, "go.mod")
	if _, err := os.Stat(gomod); err == nil {
		t.Fatalf("%s contains a go.mod file, but the test writes its own", src)
	}
	text := "module " + copyModulePath + "\n\ngo 1.26\n"
	if err := os.WriteFile(gomod, []byte(text), 0o666); err != nil {
		t.Fatalf("writing %s failed: %v", gomod, err)
	}
	return dir
}

// readGoFiles returns the contents of the .go files under dir, keyed by
// their slash-separated path relative to dir.
func readGoFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	err := filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil || entry.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = content
		return nil
	})
	if err != nil {
		t.Fatalf("reading the Go files in %s failed: %v", dir, err)
	}
	if len(files) == 0 {
		t.Fatalf("%s contains no Go files", dir)
	}
	return files
}

// analysisRun is the outcome of running the analyzer on one copy of the
// example.
type analysisRun struct {
	fset        *token.FileSet
	files       []*ast.File // syntax of the analyzed package, in load order
	diagnostics []analysis.Diagnostic
}

// needsFacts reports whether a or an analyzer it requires uses facts, which
// need the syntax of every dependency.
func needsFacts(a *analysis.Analyzer) bool {
	if len(a.FactTypes) > 0 {
		return true
	}
	return slices.ContainsFunc(a.Requires, needsFacts)
}

// analyzeModule loads the one package of the module in dir and runs the
// analyzer on it, the way the singlechecker driver does. It returns every
// diagnostic of the root actions.
func analyzeModule(t *testing.T, dir string) analysisRun {
	t.Helper()
	mode := packages.LoadSyntax
	if needsFacts(analyzer.Analyzer) {
		mode = packages.LoadAllSyntax
	}
	cfg := &packages.Config{
		Mode:  mode,
		Dir:   dir,
		Tests: false,
		Env:   append(os.Environ(), copyEnv...),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatalf("loading the packages in %s failed: %v", dir, err)
	}
	var loadErrors []string
	packages.Visit(pkgs, nil, func(pkg *packages.Package) {
		for _, err := range pkg.Errors {
			loadErrors = append(loadErrors, err.Error())
		}
	})
	if len(loadErrors) > 0 {
		t.Fatalf("the packages in %s have errors:\n%s", dir, strings.Join(loadErrors, "\n"))
	}
	if len(pkgs) != 1 {
		t.Fatalf("loaded %d packages from %s, want 1", len(pkgs), dir)
	}

	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatalf("checker.Analyze failed: %v", err)
	}
	run := analysisRun{fset: pkgs[0].Fset, files: pkgs[0].Syntax}
	for _, action := range graph.Roots {
		if action.Err != nil {
			t.Fatalf("the analyzer failed on %s: %v", action.Package.PkgPath, action.Err)
		}
		run.diagnostics = append(run.diagnostics, action.Diagnostics...)
	}
	slices.SortStableFunc(run.diagnostics, func(a, b analysis.Diagnostic) int {
		return cmp.Compare(a.Pos, b.Pos)
	})
	return run
}

// enclosingFunction returns the name of the function declaration that
// contains pos, or "" when none does.
func (r analysisRun) enclosingFunction(pos token.Pos) string {
	for _, file := range r.files {
		for _, decl := range file.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Pos() <= pos && pos < fn.End() {
				return fn.Name.Name
			}
		}
	}
	return ""
}

// position returns pos as file:line:column, with the file's base name.
func (r analysisRun) position(pos token.Pos) string {
	p := r.fset.Position(pos)
	return fmt.Sprintf("%s:%d:%d", filepath.Base(p.Filename), p.Line, p.Column)
}
