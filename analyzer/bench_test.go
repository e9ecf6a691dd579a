//go:build unix

package analyzer

// Benchmarks of one pass of the analyzer over a generated package.
//
// BenchmarkRun* time the analyzer's run function alone. Before the timed
// loop, bench/synth generates the package, go/parser and go/types parse and
// type-check it (the standard library from export data), and its inspector
// is built. Each iteration then times the fast-path checks, URL recognition,
// body modelling, fix building and reporting. It leaves out what a driver
// does around them: loading, the inspect pass and fact encoding. The pass
// is built by hand, with facts in maps and diagnostics only counted. BenchmarkChecker times
// the driver's view instead, checker.Analyze over the package and every
// dependency, which is what the standalone command does after loading.
//
// Besides ns/op, which is wall time and so depends on the machine's load,
// each benchmark reports cpu-ns/op: the CPU time of the whole test process
// (getrusage, user plus system, including the garbage collector) per
// iteration. The file is limited to Unix because of getrusage.
//
// Run them with
//
//	go test -run='^$' -bench=. -benchmem ./analyzer

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/uvtools/telephonyconfig/bench/synth"
	"golang.org/x/tools/go/analysis"
	analysischecker "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"
)

// benchPackage is a type-checked package and what a pass over it needs.
type benchPackage struct {
	fset      *token.FileSet
	files     []*ast.File
	pkg       *types.Package
	info      *types.Info
	sizes     types.Sizes
	inspector *inspector.Inspector
	sources   map[string][]byte // file contents by name, for Pass.ReadFile
}

// writeBenchModule generates p as the only package of a module in a
// temporary folder and returns the package's folder.
func writeBenchModule(tb testing.TB, p synth.Package) string {
	tb.Helper()
	root := tb.TempDir()
	goMod := "module benchsites\n\ngo 1.26\n"
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte(goMod), 0o644); err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(root, p.Name)
	if err := synth.WritePackage(dir, p); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// loadBenchPackage generates p, parses it and type-checks it, reading the
// standard library from export data as go vet does. It does not use
// go/packages, whose export-data mode would compile the package itself.
func loadBenchPackage(tb testing.TB, p synth.Package) *benchPackage {
	tb.Helper()
	dir := writeBenchModule(tb, p)
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		tb.Fatal(err)
	}
	bp := &benchPackage{
		fset:    token.NewFileSet(),
		sizes:   types.SizesFor("gc", runtime.GOARCH),
		sources: make(map[string][]byte),
		info: &types.Info{
			Types:        make(map[ast.Expr]types.TypeAndValue),
			Instances:    make(map[*ast.Ident]types.Instance),
			Defs:         make(map[*ast.Ident]types.Object),
			Uses:         make(map[*ast.Ident]types.Object),
			Implicits:    make(map[ast.Node]types.Object),
			Selections:   make(map[*ast.SelectorExpr]*types.Selection),
			Scopes:       make(map[ast.Node]*types.Scope),
			FileVersions: make(map[*ast.File]string),
		},
	}
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		file, err := parser.ParseFile(bp.fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			tb.Fatal(err)
		}
		bp.sources[name] = src
		bp.files = append(bp.files, file)
	}
	conf := types.Config{Importer: importer.ForCompiler(bp.fset, "gc", nil), Sizes: bp.sizes, GoVersion: "go1.26"}
	bp.pkg, err = conf.Check("benchsites/"+p.Name, bp.fset, bp.files, bp.info)
	if err != nil {
		tb.Fatalf("type-check the generated package %s: %v", p.Name, err)
	}
	bp.inspector = inspector.New(bp.files)
	return bp
}

// benchCounts is what one pass reported.
type benchCounts struct {
	diagnostics, fixes int
}

// factKey identifies a fact by its object (nil for a package fact) and its
// type.
type factKey struct {
	obj  types.Object
	pkg  *types.Package
	kind reflect.Type
}

// runOnce runs the analyzer's run function over the package with a pass
// built by hand. Facts of other packages are absent, which does not matter
// for generated packages, because they import only the standard library.
func (bp *benchPackage) runOnce() (benchCounts, error) {
	var counts benchCounts
	facts := make(map[factKey]analysis.Fact)
	importFact := func(k factKey, fact analysis.Fact) bool {
		stored, ok := facts[k]
		if ok {
			reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(stored).Elem())
		}
		return ok
	}
	pass := &analysis.Pass{
		Analyzer:   Analyzer,
		Fset:       bp.fset,
		Files:      bp.files,
		Pkg:        bp.pkg,
		TypesInfo:  bp.info,
		TypesSizes: bp.sizes,
		ResultOf:   map[*analysis.Analyzer]any{inspect.Analyzer: bp.inspector},
		Report: func(d analysis.Diagnostic) {
			counts.diagnostics++
			counts.fixes += len(d.SuggestedFixes)
		},
		ReadFile: func(name string) ([]byte, error) {
			src, ok := bp.sources[name]
			if !ok {
				return nil, fmt.Errorf("%s is not a file of package %s", name, bp.pkg.Path())
			}
			return src, nil
		},
		ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
			return importFact(factKey{obj: obj, kind: reflect.TypeOf(fact)}, fact)
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			facts[factKey{obj: obj, kind: reflect.TypeOf(fact)}] = fact
		},
		ImportPackageFact: func(p *types.Package, fact analysis.Fact) bool {
			return importFact(factKey{pkg: p, kind: reflect.TypeOf(fact)}, fact)
		},
		ExportPackageFact: func(fact analysis.Fact) {
			facts[factKey{pkg: bp.pkg, kind: reflect.TypeOf(fact)}] = fact
		},
		AllObjectFacts:  func() []analysis.ObjectFact { return nil },
		AllPackageFacts: func() []analysis.PackageFact { return nil },
	}
	_, err := run(pass)
	return counts, err
}

// processCPUTime returns the user and system CPU time used so far by the
// test process.
func processCPUTime(b *testing.B) time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

// reportCPUTime reports the process CPU time since start per iteration.
func reportCPUTime(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(processCPUTime(b)-start)/float64(b.N), "cpu-ns/op")
}

// benchmarkRun times runOnce over the package p and reports the time per
// request function as ns/site.
func benchmarkRun(b *testing.B, p synth.Package) {
	bp := loadBenchPackage(b, p)
	b.ReportAllocs()
	start := processCPUTime(b)
	for b.Loop() {
		if _, err := bp.runOnce(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPUTime(b, start)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(p.Sites), "ns/site")
}

// BenchmarkRunCallSites times a package whose every request calls the old
// endpoint, at three sizes, to show whether the time per site grows with
// the package.
func BenchmarkRunCallSites(b *testing.B) {
	for _, sites := range []int{50, 500, 2000} {
		b.Run(fmt.Sprintf("sites=%d", sites), func(b *testing.B) {
			benchmarkRun(b, synth.Package{Name: "sites", Sites: sites, Endpoint: synth.OldEndpoint})
		})
	}
}

// BenchmarkRunOneFile times packages that hold all their requests in one
// file, because the work of checking a fix grows with the size of its file.
func BenchmarkRunOneFile(b *testing.B) {
	for _, sites := range []int{50, 200} {
		b.Run(fmt.Sprintf("sites=%d", sites), func(b *testing.B) {
			benchmarkRun(b, synth.Package{Name: "sites", Sites: sites, Endpoint: synth.OldEndpoint, SitesPerFile: sites})
		})
	}
}

// BenchmarkRunOtherEndpoint times a package with the same requests sent to
// another path: it imports net/http, so run looks for helpers, but nothing
// mentions the old endpoint.
func BenchmarkRunOtherEndpoint(b *testing.B) {
	benchmarkRun(b, synth.Package{Name: "sites", Sites: 500, Endpoint: synth.OtherEndpoint})
}

// BenchmarkRunNoCandidate times the fast path: a package of ordinary code
// that neither imports a request library nor mentions the old endpoint.
func BenchmarkRunNoCandidate(b *testing.B) {
	benchmarkRun(b, synth.Package{Name: "sites", Sites: 500, Endpoint: synth.NoRequests})
}

// BenchmarkInspector times building the inspector for the 500-site
// package. The inspect pass does this once per package for every analyzer,
// so it is a yardstick for the run benchmarks, not part of them.
func BenchmarkInspector(b *testing.B) {
	bp := loadBenchPackage(b, synth.Package{Name: "sites", Sites: 500, Endpoint: synth.OldEndpoint})
	b.ReportAllocs()
	start := processCPUTime(b)
	for b.Loop() {
		inspector.New(bp.files)
	}
	reportCPUTime(b, start)
}

// BenchmarkChecker times checker.Analyze over the 500-site package and all
// its dependencies, loaded from source before the loop. Each iteration
// runs the inspect pass and the analyzer on every package of the graph,
// as the standalone command does, and encodes no facts.
func BenchmarkChecker(b *testing.B) {
	dir := writeBenchModule(b, synth.Package{Name: "sites", Sites: 500, Endpoint: synth.OldEndpoint})
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}, ".")
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("loading the generated package failed")
	}
	b.ReportAllocs()
	start := processCPUTime(b)
	for b.Loop() {
		if _, err := analysischecker.Analyze([]*analysis.Analyzer{Analyzer}, pkgs, nil); err != nil {
			b.Fatal(err)
		}
	}
	reportCPUTime(b, start)
}

// TestBenchPackages checks that the benchmarks measure what they claim:
// every generated request to the old endpoint gets a diagnostic with one
// fix, and the packages without it get none.
func TestBenchPackages(t *testing.T) {
	tests := []struct {
		name     string
		endpoint synth.Endpoint
		want     benchCounts
	}{
		{"old endpoint", synth.OldEndpoint, benchCounts{diagnostics: 20, fixes: 20}},
		{"other endpoint", synth.OtherEndpoint, benchCounts{}},
		{"no requests", synth.NoRequests, benchCounts{}},
	}
	for _, test := range tests {
		bp := loadBenchPackage(t, synth.Package{Name: "sites", Sites: 20, Endpoint: test.endpoint})
		got, err := bp.runOnce()
		if err != nil {
			t.Fatalf("%s: run: %v", test.name, err)
		}
		if got.diagnostics != test.want.diagnostics {
			t.Errorf("%s: %d diagnostics, want %d", test.name, got.diagnostics, test.want.diagnostics)
		}
		if got.fixes != test.want.fixes {
			t.Errorf("%s: %d fixes, want %d", test.name, got.fixes, test.want.fixes)
		}
	}
}
