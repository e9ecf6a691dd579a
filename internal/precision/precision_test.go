package precision

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/uvtools/telephonyconfig/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestNoDiagnosticsOnRealCode loads the standard library and every package
// of the root module's dependency modules that loads without errors, runs
// the analyzer on all of them, and fails on any diagnostic.
func TestNoDiagnosticsOnRealCode(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and type-checks well over a thousand packages")
	}
	// Loading all packages of a dependency module needs that module's own
	// requirements, which this module's go.mod does not list. So the
	// packages are loaded from a scratch module with the same requirements,
	// where the go command may add the missing ones.
	dir := scratchModule(t)
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	patterns := append([]string{"std"}, dependencyPatterns(t, dir, env)...)
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  env,
	}, patterns...)
	if err != nil {
		t.Fatalf("loading %d patterns: %v", len(patterns), err)
	}

	// Packages whose dependencies are missing from the module cache fail
	// to load. They and the packages that import them are left out.
	var roots []*packages.Package
	broken := 0
	for _, pkg := range pkgs {
		if hasErrors(pkg) {
			broken++
			continue
		}
		roots = append(roots, pkg)
	}
	// The test means something only if code that sends HTTP requests and
	// defines analyzers was among the roots.
	for _, want := range []string{"net/http", "net/http/httptest", "golang.org/x/tools/go/analysis/passes/printf"} {
		if !slices.ContainsFunc(roots, func(p *packages.Package) bool { return p.PkgPath == want }) {
			t.Errorf("package %s was not loaded", want)
		}
	}
	if len(roots) < 500 {
		t.Fatalf("only %d packages loaded without errors (%d did not), too few for the test to mean anything", len(roots), broken)
	}
	t.Logf("analyzing %d packages (%d left out because they fail to load)", len(roots), broken)

	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, roots, nil)
	if err != nil {
		t.Fatal(err)
	}
	analyzed := 0
	for act := range graph.All() {
		if act.Analyzer != analyzer.Analyzer {
			continue
		}
		if act.Err != nil {
			t.Errorf("%s: %v", act.Package.PkgPath, act.Err)
			continue
		}
		analyzed++
		for _, d := range act.Diagnostics {
			t.Errorf("%s: false positive: %s", act.Package.Fset.Position(d.Pos), d.Message)
		}
	}
	t.Logf("%d packages analyzed, dependencies included", analyzed)
}

// dependencyPatterns returns a pattern M/... for each module of the root
// module's build list other than the root itself.
func dependencyPatterns(t *testing.T, dir string, env []string) []string {
	cmd := exec.Command("go", "list", "-m", "-f", "{{if not .Main}}{{.Path}}{{end}}", "all")
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if exit, ok := err.(*exec.ExitError); ok {
			stderr = string(exit.Stderr)
		}
		t.Fatalf("go list -m all: %v\n%s", err, stderr)
	}
	var patterns []string
	for _, path := range strings.Fields(string(out)) {
		patterns = append(patterns, path+"/...")
	}
	return patterns
}

// scratchModule returns a new module directory whose go.mod and go.sum are
// those of the repository's root module under another module path.
func scratchModule(t *testing.T) string {
	root := filepath.Join("..", "..")
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(gomod), "\n")
	if !ok || !strings.HasPrefix(string(gomod), "module ") {
		t.Fatalf("%s/go.mod does not start with a module line", root)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module precisioncheck\n"+rest), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), gosum, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// hasErrors reports whether pkg or any package it imports failed to load.
func hasErrors(pkg *packages.Package) bool {
	failed := false
	packages.Visit([]*packages.Package{pkg}, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 || len(p.TypeErrors) > 0 {
			failed = true
		}
	})
	return failed
}
