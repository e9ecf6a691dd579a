package analyzer_test

import (
	"bytes"
	"go/ast"
	"go/format"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/uvtools/telephonyconfig/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// testdata returns the absolute path of the repository's testdata folder,
// which analysistest uses as a GOPATH.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestNetHTTP(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "nethttp")
}

func TestHelpers(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "helpers/app", "helpers/wrap", "helpers/uvapi")
}

func TestPatchFlag(t *testing.T) {
	setFlag(t, "patch", "true")
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "patchflag")
}

func TestDotImport(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "dotimport")
}

func TestImportDeclRemoval(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "importdecl")
}

// setFlag sets an analyzer flag for one test and restores it afterwards.
func setFlag(t *testing.T, name, value string) {
	t.Helper()
	old := analyzer.Analyzer.Flags.Lookup(name).Value.String()
	if err := analyzer.Analyzer.Flags.Set(name, value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { analyzer.Analyzer.Flags.Set(name, old) })
}

// TestFixPresence checks that a diagnostic has exactly one fix unless its
// message gives the reason there is none, and counts both kinds.
func TestFixPresence(t *testing.T) {
	tests := []struct {
		dir                 string
		patterns            []string
		withFix, withoutFix int
	}{
		{testdata(t), []string{"nethttp"}, 19, 23},
		{testdata(t), []string{"split"}, 7, 7},
		{testdata(t), []string{"helpers/app", "helpers/wrap", "helpers/uvapi"}, 19, 10},
		{generatedClients(t), []string{"./callers/oapi", "./callers/oapinullable", "./callers/ogen"}, 14, 6},
	}
	for _, test := range tests {
		t.Run(test.patterns[0], func(t *testing.T) {
			results := analysistest.Run(t, test.dir, analyzer.Analyzer, test.patterns...)
			// A package's test variant repeats its diagnostics.
			seen := make(map[string]bool)
			withFix, withoutFix := 0, 0
			for _, result := range results {
				fset := result.Action.Package.Fset
				for _, d := range result.Diagnostics {
					key := fset.Position(d.Pos).String() + d.Message
					if seen[key] {
						continue
					}
					seen[key] = true
					noFix := strings.Contains(d.Message, "(no fix: ")
					switch {
					case noFix && len(d.SuggestedFixes) != 0:
						t.Errorf("%s: message gives a reason for no fix, but it has %d fixes", d.Message, len(d.SuggestedFixes))
					case !noFix && len(d.SuggestedFixes) != 1:
						t.Errorf("%s: has %d fixes, want 1", d.Message, len(d.SuggestedFixes))
					case noFix:
						withoutFix++
					default:
						withFix++
					}
				}
			}
			if withFix != test.withFix || withoutFix != test.withoutFix {
				t.Errorf("got %d diagnostics with a fix and %d without, want %d and %d", withFix, withoutFix, test.withFix, test.withoutFix)
			}
		})
	}
}

// TestNoCredentialsInMessages checks that no diagnostic repeats a string
// literal from a request body of the test data.
func TestNoCredentialsInMessages(t *testing.T) {
	secrets := []string{"AC123", "token-1", "token-9", "AC9", "s3cr3t-value", "k-123", "MA1", "MA2", "vonage"}
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, "nethttp")
	for _, result := range results {
		for _, d := range result.Diagnostics {
			for _, secret := range secrets {
				if strings.Contains(d.Message, secret) {
					t.Errorf("diagnostic %q contains the body literal %q", d.Message, secret)
				}
			}
		}
	}
}

// TestRawEditsCompile applies every fix as raw text edits, without the
// formatting and import clean-up that analysistest and the x/tools drivers
// do, and checks that the result is gofmt-clean and builds and vets.
func TestRawEditsCompile(t *testing.T) {
	gopathEnv := func(dir string) []string { return []string{"GOPATH=" + dir, "GO111MODULE=off", "GOFLAGS="} }
	moduleEnv := func(string) []string { return []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"} }
	tests := []struct {
		name     string
		dir      string // copied, then used as analysistest's dir
		src      string // where the go commands run, relative to the copy
		env      func(copy string) []string
		patterns []string
	}{
		{"nethttp", testdata(t), "src", gopathEnv, []string{"nethttp"}},
		{"split", testdata(t), "src", gopathEnv, []string{"split"}},
		{"helpers", testdata(t), "src", gopathEnv, []string{"helpers/app", "helpers/wrap", "helpers/uvapi"}},
		{"thirdparty", thirdParty(t), ".", moduleEnv, []string{"./restyv2", "./restyv3", "./retryable"}},
		{"generated", generatedClients(t), ".", moduleEnv, []string{"./callers/oapi", "./callers/oapinullable", "./callers/ogen"}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(test.dir)); err != nil {
				t.Fatal(err)
			}
			checkRawEditsCompile(t, dir, filepath.Join(dir, test.src), test.env(dir), test.patterns)
		})
	}
}

// offsetEdit is a text edit as byte offsets into a file.
type offsetEdit struct {
	start, end int
	text       string
}

// checkRawEditsCompile runs the analyzer on patterns in dir, a copy of test
// data, applies the fixes as raw edits, and builds, vets and analyzes the
// result again in src with env added to the go commands' environment.
func checkRawEditsCompile(t *testing.T, dir, src string, env, patterns []string) {
	results := analysistest.Run(t, dir, analyzer.Analyzer, patterns...)
	// A file belongs to a package and to its test variant, whose results
	// repeat the same edits, so edits are collected once per file.
	edits := make(map[string]map[offsetEdit]bool)
	for _, result := range results {
		fset := result.Action.Package.Fset
		for _, d := range result.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					file := fset.File(e.Pos)
					if edits[file.Name()] == nil {
						edits[file.Name()] = make(map[offsetEdit]bool)
					}
					edits[file.Name()][offsetEdit{file.Offset(e.Pos), file.Offset(e.End), string(e.NewText)}] = true
				}
			}
		}
	}
	if len(edits) == 0 {
		t.Fatal("no fix was applied")
	}
	for name, fileEdits := range edits {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fixed, err := applyEdits(src, slices.Collect(maps.Keys(fileEdits)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if formatted, err := format.Source(fixed); err != nil || !bytes.Equal(formatted, fixed) {
			t.Errorf("%s is not gofmt-clean after the raw edits (format error: %v)", name, err)
		}
		if err := os.WriteFile(name, fixed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, command := range []string{"build", "vet"} {
		cmd := exec.Command("go", append([]string{command}, patterns...)...)
		cmd.Dir = src
		cmd.Env = append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s after the raw edits: %v\n%s", command, err, out)
		}
	}
	// The fixed files keep their want comments, which no longer match, so
	// the second run uses the checker directly.
	pkgs, err := packages.Load(&packages.Config{
		Mode:  packages.LoadAllSyntax,
		Tests: true,
		Dir:   src,
		Env:   append(os.Environ(), env...),
	}, patterns...)
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading the fixed package: %v", err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("second run still offers a fix: %s", d.Message)
			}
		}
	}
}

// applyEdits applies edits, which must not overlap, to src.
func applyEdits(src []byte, edits []offsetEdit) ([]byte, error) {
	slices.SortFunc(edits, func(a, b offsetEdit) int { return a.start - b.start })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start < last || e.end < e.start || e.end > len(src) {
			return nil, os.ErrInvalid
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// thirdParty returns the module of test packages that use third-party
// HTTP clients. analysistest loads it in module mode with GOPROXY=off, so
// its dependencies must be in the module cache: go mod download in that
// folder puts them there.
func thirdParty(t *testing.T) string {
	return filepath.Join(testdata(t), "thirdparty")
}

func TestThirdPartyClients(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, thirdParty(t), analyzer.Analyzer, "./restyv2", "./restyv3", "./retryable")
}

func TestServedRoutes(t *testing.T) {
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, "servers")
	for _, result := range results {
		for _, d := range result.Diagnostics {
			if d.Category != "deprecated-route-served" {
				t.Errorf("%s: category %q, want deprecated-route-served", d.Message, d.Category)
			}
			if len(d.SuggestedFixes) != 0 {
				t.Errorf("%s: has a fix; a served route gets none", d.Message)
			}
		}
	}
}

// generatedClients returns the module that holds clients generated from the
// Ultravox spec and packages that call them, loaded like thirdParty.
func generatedClients(t *testing.T) string {
	return filepath.Join(testdata(t), "generated")
}

func TestGeneratedClients(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, generatedClients(t), analyzer.Analyzer, "./callers/oapi", "./callers/oapinullable", "./callers/ogen")
}

// TestGeneratedFilesQuiet checks that the generated clients themselves, which
// build requests to the old endpoint, get one diagnostic per file at most,
// and that it names no replacement to apply by hand.
func TestGeneratedFilesQuiet(t *testing.T) {
	// analysistest would require want comments, which generated files
	// cannot carry, so the checker runs directly.
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  generatedClients(t),
		Env:  append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"),
	}, "./oapi", "./oapinullable", "./ogen")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading the generated clients: %v", err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	perFile := make(map[string]int)
	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			perFile[act.Package.Fset.Position(d.Pos).Filename]++
			if !strings.HasPrefix(d.Message, "generated code uses the deprecated /api/accounts/me/telephony_config") {
				t.Errorf("diagnostic in generated code: %s", d.Message)
			}
			if len(d.SuggestedFixes) != 0 {
				t.Errorf("%s: a generated file got a fix", d.Message)
			}
		}
	}
	for file, n := range perFile {
		if n > 1 {
			t.Errorf("%s: %d diagnostics, want at most 1", file, n)
		}
	}
	if len(perFile) == 0 {
		t.Error("no generated file was reported, but each client builds requests to the old endpoint")
	}
}

// TestResultMatchesDiagnostics checks that the Analyzer's result lists one
// site per diagnostic, at the same position, with the same message, fix
// presence and category.
func TestResultMatchesDiagnostics(t *testing.T) {
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, "nethttp", "helpers/app", "servers")
	for _, result := range results {
		res, ok := result.Result.(*analyzer.Result)
		if !ok {
			t.Fatalf("%s: result has type %T, want *analyzer.Result", result.Action.Package.PkgPath, result.Result)
		}
		if len(res.Sites) != len(result.Diagnostics) {
			t.Errorf("%s: %d sites, %d diagnostics", result.Action.Package.PkgPath, len(res.Sites), len(result.Diagnostics))
			continue
		}
		for i, d := range result.Diagnostics {
			site := res.Sites[i]
			if site.Pos != d.Pos || site.Category != d.Category || !strings.HasPrefix(d.Message, site.Message) {
				t.Errorf("site %d (%v %q %q) does not match diagnostic (%v %q %q)", i, site.Pos, site.Category, site.Message, d.Pos, d.Category, d.Message)
			}
			if site.Fixed != (len(d.SuggestedFixes) == 1) {
				t.Errorf("%s: site.Fixed is %v, but the diagnostic has %d fixes", d.Message, site.Fixed, len(d.SuggestedFixes))
			}
			if site.Surface == "" {
				t.Errorf("%s: site has no surface", d.Message)
			}
		}
	}
}

// TestPanicBecomesDiagnostic checks that a panic while checking one call is
// reported at that call, and that the other calls are still checked.
func TestPanicBecomesDiagnostic(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src", "panicky")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	code := `package panicky

import "net/http"

func first(base string) (*http.Response, error) {
	return http.Get(base + "/api/accounts/me/telephony_config") // want "internal error in telephonyconfig while checking this call: injected failure"
}

func second(base string) (*http.Response, error) {
	return http.Get(base + "/api/accounts/me/telephony_config") // want "GET /api/accounts/me/telephony_config is deprecated"
}
`
	if err := os.WriteFile(filepath.Join(src, "panicky.go"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	calls := 0
	restore := analyzer.SetTestHook(func(n ast.Node) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return
		}
		if id, ok := call.Fun.(*ast.SelectorExpr); ok && id.Sel.Name == "Get" {
			calls++
			if calls == 1 {
				panic("injected failure")
			}
		}
	})
	defer restore()
	results := analysistest.Run(t, dir, analyzer.Analyzer, "panicky")
	for _, result := range results {
		for _, d := range result.Diagnostics {
			if strings.HasPrefix(d.Message, "internal error") && d.Category != "internal-error" {
				t.Errorf("category %q, want internal-error", d.Category)
			}
		}
	}
}

func TestSplit(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "split")
}
