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

// exampleSource is the directory of one example program and what a copy of
// it needs to build on its own.
type exampleSource struct {
	// dir is the directory that copyExample copies: the example itself, or
	// the whole nested module that contains it.
	dir string
	// modulePath is the module path that a copy declares in the go.mod that
	// copyExample writes, or "" when dir has a go.mod of its own.
	modulePath string
	// packageDir is the slash-separated directory of the example within dir,
	// or "" when the example is all of dir.
	packageDir string
}

// pattern returns the package pattern, relative to a copy, that matches
// the example's packages and no others.
func (s exampleSource) pattern() string {
	if s.packageDir == "" {
		return "./..."
	}
	return "./" + s.packageDir + "/..."
}

// mainPackage returns the package pattern, relative to a copy, that
// matches the example's main package.
func (s exampleSource) mainPackage() string {
	if s.packageDir == "" {
		return "."
	}
	return "./" + s.packageDir
}

// formatDir returns the directory, relative to a copy, that holds the
// example's Go files.
func (s exampleSource) formatDir() string {
	if s.packageDir == "" {
		return "."
	}
	return filepath.FromSlash(s.packageDir)
}

// resolveExample returns the source of the example. An example inside a
// nested module of other packages is copied with that whole module. An
// example without a go.mod is a package of the root module, and its copies
// get its import path as their module path, so that its imports of its own
// sub-packages still resolve in the copy.
func resolveExample(t *testing.T, goBin, root string, example exampleCase) exampleSource {
	t.Helper()
	dir := filepath.Join(root, filepath.FromSlash(example.dir))
	if example.module != "" {
		moduleDir := filepath.Join(root, filepath.FromSlash(example.module))
		packageDir, err := filepath.Rel(moduleDir, dir)
		if err != nil || !filepath.IsLocal(packageDir) {
			t.Fatalf("the example %s is not inside its module %s", example.dir, example.module)
		}
		source := exampleSource{dir: moduleDir, packageDir: filepath.ToSlash(packageDir)}
		checkModuleOffline(t, goBin, moduleDir, source.mainPackage())
		return source
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		checkModuleOffline(t, goBin, dir, ".")
		return exampleSource{dir: dir}
	}

	res := runCommand(t, dir, nil, goBin, "list", "-f", "{{.ImportPath}}", ".")
	if res.err != nil {
		t.Fatalf("go list in %s failed: %v\n%s", dir, res.err, res.stderr)
	}
	return exampleSource{dir: dir, modulePath: strings.TrimSpace(res.stdout)}
}

// checkModuleOffline checks that the module in dir has a go.sum and that
// the dependencies of pkg, a package pattern relative to dir, are in the
// module cache, because copies are built with copyEnv, which disables
// downloads.
func checkModuleOffline(t *testing.T, goBin, dir, pkg string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "go.sum")); err != nil {
		t.Fatalf("%s has a go.mod but no go.sum: run go mod tidy there", dir)
	}
	res := runCommand(t, dir, copyEnv, goBin, "list", "-deps", pkg)
	if res.err != nil {
		t.Fatalf("listing the dependencies of %s in %s offline failed: %v\n%s\nRun go mod download in %s first, as .ci/run does.", pkg, dir, res.err, res.stderr, dir)
	}
}

// copyExample copies the example program into a new temporary directory and
// returns that directory. An example with its own go.mod and go.sum keeps
// them. Any other example gets a go.mod that declares src.modulePath.
func copyExample(t *testing.T, src exampleSource) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src.dir)); err != nil {
		t.Fatalf("copying %s failed: %v", src.dir, err)
	}
	if src.modulePath == "" {
		return dir
	}

	gomod := filepath.Join(dir, "go.mod")
	if _, err := os.Stat(gomod); err == nil {
		t.Fatalf("%s contains a go.mod file, but the test writes its own", src.dir)
	}
	text := "module " + src.modulePath + "\n\ngo 1.26\n"
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

// analysisRun is the outcome of running the analyzer on one copy of an
// example.
type analysisRun struct {
	fset        *token.FileSet
	files       []*ast.File // syntax of the analyzed packages, in load order
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

// analyzeModule loads the packages that pattern matches in the module in
// dir and runs the analyzer on them, the way the singlechecker driver does.
// It returns every diagnostic of the root actions.
func analyzeModule(t *testing.T, dir, pattern string) analysisRun {
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
	pkgs, err := packages.Load(cfg, pattern)
	if err != nil {
		t.Fatalf("loading %s in %s failed: %v", pattern, dir, err)
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
	if len(pkgs) == 0 {
		t.Fatalf("loaded no packages for %s from %s", pattern, dir)
	}

	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatalf("checker.Analyze failed: %v", err)
	}
	// packages.Load gives every package of one call the same FileSet.
	run := analysisRun{fset: pkgs[0].Fset}
	for _, pkg := range pkgs {
		run.files = append(run.files, pkg.Syntax...)
	}
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
