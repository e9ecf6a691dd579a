package report_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uvtools/telephonyconfig/analyzer"
	"github.com/uvtools/telephonyconfig/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// repoRoot returns the absolute path of the repository.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// gopathEnv is the environment in which the go command loads the
// repository's testdata/src packages in GOPATH mode, as analysistest does.
func gopathEnv(gopath string) []string {
	return append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOFLAGS=")
}

// moduleEnv is the environment for the modules in this package's testdata,
// which import only the standard library and must load offline.
func moduleEnv() []string {
	return append(os.Environ(), "GO111MODULE=on", "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod")
}

// runReport runs the report and fails the test on an error.
func runReport(t *testing.T, patterns []string, opts report.Options) *report.Report {
	t.Helper()
	r, err := report.Run(patterns, opts)
	if err != nil {
		t.Fatalf("Run(%q) failed: %v", patterns, err)
	}
	return r
}

// testdataReports caches the reports on this package's testdata modules
// and on the example, because each run analyzes net/http and its
// dependencies from source.
var testdataReports sync.Map // map[string]*report.Report

// testdataReport returns the report on testdata/NAME, with or without
// tests. The tests must not change it.
func testdataReport(t *testing.T, name string, tests bool) *report.Report {
	t.Helper()
	key := fmt.Sprintf("%s tests=%t", name, tests)
	if r, ok := testdataReports.Load(key); ok {
		return r.(*report.Report)
	}
	dir, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	r := runReport(t, []string{"./..."}, report.Options{Dir: dir, Env: moduleEnv(), Tests: tests})
	testdataReports.Store(key, r)
	return r
}

// exampleReport returns the report on the repository's example/nethttp.
// The tests must not change it.
func exampleReport(t *testing.T) *report.Report {
	t.Helper()
	const key = "example/nethttp"
	if r, ok := testdataReports.Load(key); ok {
		return r.(*report.Report)
	}
	r := runReport(t, []string{"./example/nethttp"}, report.Options{Dir: repoRoot(t), Tests: true})
	testdataReports.Store(key, r)
	return r
}

// decodeJSON writes r as JSON and decodes it, so that the tests read what
// a user of -format=json reads.
func decodeJSON(t *testing.T, r *report.Report) report.Report {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var decoded report.Report
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&decoded); err != nil {
		t.Fatalf("decoding the JSON output failed: %v\n%s", err, buf.String())
	}
	return decoded
}

// siteKey identifies a site by position and fixability, the figures that
// the report must share with the analyzer's diagnostics.
type siteKey struct {
	location string // FILE:LINE:COLUMN, FILE relative to the loading directory
	fixable  bool
}

func (k siteKey) String() string { return fmt.Sprintf("%s fixable=%t", k.location, k.fixable) }

// diagnosticKeys counts the diagnostics of the root passes by position and
// fixability, printing each once per position and message as the drivers
// do. A diagnostic is fixable when it carries a suggested fix.
func diagnosticKeys(t *testing.T, dir string, roots []diagnosticSource) map[siteKey]int {
	t.Helper()
	keys := make(map[siteKey]int)
	seen := make(map[string]bool)
	for _, root := range roots {
		for _, d := range root.diagnostics {
			position := root.pkg.Fset.Position(d.Pos)
			if seen[position.String()+d.Message] {
				continue
			}
			seen[position.String()+d.Message] = true
			rel, err := filepath.Rel(dir, position.Filename)
			if err != nil {
				t.Fatal(err)
			}
			location := fmt.Sprintf("%s:%d:%d", filepath.ToSlash(rel), position.Line, position.Column)
			keys[siteKey{location, len(d.SuggestedFixes) > 0}]++
		}
	}
	return keys
}

type diagnosticSource struct {
	pkg         *packages.Package
	diagnostics []analysis.Diagnostic
}

func reportKeys(r report.Report) map[siteKey]int {
	keys := make(map[siteKey]int)
	for _, s := range r.Sites {
		keys[siteKey{fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Column), s.Fixable}]++
	}
	return keys
}

// compareKeys fails the test where the report and the diagnostics differ.
func compareKeys(t *testing.T, fromReport, fromDiagnostics map[siteKey]int) {
	t.Helper()
	all := maps.Clone(fromDiagnostics)
	maps.Copy(all, fromReport)
	keys := slices.SortedFunc(maps.Keys(all), func(a, b siteKey) int { return strings.Compare(a.String(), b.String()) })
	for _, k := range keys {
		if fromReport[k] != fromDiagnostics[k] {
			t.Errorf("%s: the report has %d sites, the analyzer %d diagnostics", k, fromReport[k], fromDiagnostics[k])
		}
	}
}

// checkTotals checks the report's totals against its own sites, and that
// the case has sites of both kinds, so that a comparison can fail.
func checkTotals(t *testing.T, r report.Report) {
	t.Helper()
	withFix := 0
	for _, s := range r.Sites {
		if s.Fixable {
			withFix++
		}
	}
	if r.Totals.Sites != len(r.Sites) || r.Totals.WithFix != withFix || r.Totals.WithoutFix != len(r.Sites)-withFix {
		t.Errorf("totals %+v do not match the %d sites, %d with a fix", r.Totals, len(r.Sites), withFix)
	}
	if withFix == 0 || withFix == len(r.Sites) {
		t.Errorf("the test data has %d sites with a fix out of %d; want some of each", withFix, len(r.Sites))
	}
}

// TestFiguresMatchAnalysistest compares the report with the diagnostics
// that analysistest checks against the // want comments of the test data.
// The packages are loaded together, because each load type-checks net/http
// and its dependencies from source.
func TestFiguresMatchAnalysistest(t *testing.T) {
	gopath := filepath.Join(repoRoot(t), "testdata")
	patterns := []string{"nethttp", "helpers/app", "servers"}
	results := analysistest.Run(t, gopath, analyzer.Analyzer, patterns...)
	var roots []diagnosticSource
	for _, result := range results {
		roots = append(roots, diagnosticSource{result.Action.Package, result.Diagnostics})
	}
	r := decodeJSON(t, runReport(t, patterns, report.Options{
		Dir: filepath.Join(gopath, "src"), Env: gopathEnv(gopath), Tests: true,
	}))
	if len(r.Errors) != 0 {
		t.Fatalf("the report lists errors: %v", r.Errors)
	}
	fromReport := reportKeys(r)
	compareKeys(t, fromReport, diagnosticKeys(t, filepath.Join(gopath, "src"), roots))
	checkTotals(t, r)
	for _, pattern := range patterns {
		found := false
		for k := range fromReport {
			found = found || strings.HasPrefix(k.location, pattern+"/")
		}
		if !found {
			t.Errorf("the report has no site in %s", pattern)
		}
	}
}

// TestFiguresMatchChecker compares the report with the diagnostics of the
// analysis that the standalone command runs, on example/nethttp and on a
// package whose test variant repeats its sites.
func TestFiguresMatchChecker(t *testing.T) {
	t.Run("example/nethttp", func(t *testing.T) {
		r := decodeJSON(t, exampleReport(t))
		compareKeys(t, reportKeys(r), checkerKeys(t, repoRoot(t), nil, "./example/nethttp"))
		checkTotals(t, r)
	})
	t.Run("testdata/small", func(t *testing.T) {
		r := decodeJSON(t, testdataReport(t, "small", true))
		compareKeys(t, reportKeys(r), checkerKeys(t, smallDir(t), moduleEnv(), "./..."))
		checkTotals(t, r)
	})
}

// checkerKeys runs the analyzer on the packages with the checker package,
// as the standalone command does, and counts its diagnostics.
func checkerKeys(t *testing.T, dir string, env []string, pattern string) map[siteKey]int {
	t.Helper()
	config := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir, Env: env, Tests: true}
	initial, err := packages.Load(config, pattern)
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, initial, nil)
	if err != nil {
		t.Fatal(err)
	}
	var roots []diagnosticSource
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("analysis of %s failed: %v", act.Package.ID, act.Err)
		}
		roots = append(roots, diagnosticSource{act.Package, act.Diagnostics})
	}
	return diagnosticKeys(t, dir, roots)
}

func smallDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "small"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestTestVariantsCountOnce checks that a site in a file of both a package
// and its test variant is listed once, and that -test=false drops the
// sites in test files.
func TestTestVariantsCountOnce(t *testing.T) {
	withTests := testdataReport(t, "small", true)
	var files []string
	for _, s := range withTests.Sites {
		files = append(files, fmt.Sprintf("%s:%d", s.File, s.Line))
	}
	want := []string{"small.go:34", "small.go:53", "small_test.go:13"}
	if !slices.Equal(files, want) {
		t.Errorf("with tests, sites at %v, want %v", files, want)
	}
	if withTests.Packages != 1 {
		t.Errorf("with tests, Packages = %d, want 1 (the test variant is the same package)", withTests.Packages)
	}

	withoutTests := testdataReport(t, "small", false)
	files = nil
	for _, s := range withoutTests.Sites {
		files = append(files, fmt.Sprintf("%s:%d", s.File, s.Line))
	}
	want = []string{"small.go:34", "small.go:53"}
	if !slices.Equal(files, want) {
		t.Errorf("without tests, sites at %v, want %v", files, want)
	}
}

// TestSiteFields checks the fields of each kind of site in the small
// package, in the JSON output.
func TestSiteFields(t *testing.T) {
	r := decodeJSON(t, testdataReport(t, "small", true))
	if len(r.Sites) != 3 {
		t.Fatalf("got %d sites, want 3: %+v", len(r.Sites), r.Sites)
	}
	fixed, manual, served := r.Sites[0], r.Sites[1], r.Sites[2]

	want := report.Site{
		File: "small.go", Line: 34, Column: 48, Package: "example.com/small",
		Category: report.CategoryDeprecated, Surface: analyzer.SurfaceNetHTTP, Operation: "PATCH",
		Providers: []string{"twilio"}, Replacements: []string{"POST /api/telephony_configs/twilio"},
		Fixable: true, Reason: "",
		Message: "PATCH /api/accounts/me/telephony_config is deprecated: use POST /api/telephony_configs/twilio",
	}
	checkSite(t, fixed, want)

	want = report.Site{
		File: "small.go", Line: 53, Column: 39, Package: "example.com/small",
		Category: report.CategoryDeprecated, Surface: analyzer.SurfaceNetHTTP, Operation: "GET",
		Providers:    []string{"twilio", "plivo"},
		Replacements: []string{"GET /api/telephony_configs/twilio", "GET /api/telephony_configs/plivo"},
		Fixable:      false, Reason: "the split into one request per provider is not safe: for GET /api/telephony_configs/twilio, the code handles a missing twilio configuration as nil, but GET /api/telephony_configs/twilio answers 404 Not Found for it",
		Message: "GET /api/accounts/me/telephony_config is deprecated: use GET /api/telephony_configs/twilio and GET /api/telephony_configs/plivo",
	}
	checkSite(t, manual, want)

	if served.Category != report.CategoryServed || served.Surface != analyzer.SurfaceServer || served.Fixable {
		t.Errorf("served route: got category %q, surface %q, fixable %t; want %q, %q, false",
			served.Category, served.Surface, served.Fixable, report.CategoryServed, analyzer.SurfaceServer)
	}
	if served.Reason == "" {
		t.Error("served route: the reason for no fix is empty")
	}
	if served.Providers == nil || served.Replacements == nil {
		t.Error("served route: providers or replacements decoded as null, want []")
	}

	wantTotals := report.Totals{
		Sites: 3, WithFix: 1, WithoutFix: 2,
		ByProvider: map[string]int{"twilio": 2, "plivo": 1},
		BySurface:  map[string]int{analyzer.SurfaceNetHTTP: 2, analyzer.SurfaceServer: 1},
		ByCategory: map[string]int{report.CategoryDeprecated: 2, report.CategoryServed: 1},
	}
	if fmt.Sprint(r.Totals) != fmt.Sprint(wantTotals) {
		t.Errorf("totals = %+v, want %+v", r.Totals, wantTotals)
	}
}

func checkSite(t *testing.T, got, want report.Site) {
	t.Helper()
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("site\n got %+v\nwant %+v", got, want)
	}
}

// TestJSONSchemaFields checks the JSON output's field names and types, as
// the package documentation gives them, on a report with sites and errors.
func TestJSONSchemaFields(t *testing.T) {
	r := testdataReport(t, "small", true)
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var top map[string]any
	if err := json.Unmarshal(buf.Bytes(), &top); err != nil {
		t.Fatal(err)
	}
	checkFields(t, "report", top, map[string]string{
		"schemaVersion": "number", "patterns": "array", "tests": "bool", "patch": "bool",
		"packages": "number", "sites": "array", "totals": "object", "errors": "array",
	})
	if top["schemaVersion"] != float64(report.SchemaVersion) || report.SchemaVersion != 1 {
		t.Errorf("schemaVersion = %v, want 1", top["schemaVersion"])
	}
	for i, s := range top["sites"].([]any) {
		checkFields(t, fmt.Sprintf("sites[%d]", i), s.(map[string]any), map[string]string{
			"file": "string", "line": "number", "column": "number", "package": "string",
			"category": "string", "surface": "string", "operation": "string",
			"providers": "array", "replacements": "array", "fixable": "bool",
			"reason": "string", "message": "string",
		})
	}
	checkFields(t, "totals", top["totals"].(map[string]any), map[string]string{
		"sites": "number", "withFix": "number", "withoutFix": "number",
		"byProvider": "object", "bySurface": "object", "byCategory": "object",
	})

	broken := testdataReport(t, "broken", true)
	buf.Reset()
	if err := report.WriteJSON(&buf, broken); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &top); err != nil {
		t.Fatal(err)
	}
	errorList := top["errors"].([]any)
	if len(errorList) == 0 {
		t.Fatal("the broken package has no errors in the JSON output")
	}
	checkFields(t, "errors[0]", errorList[0].(map[string]any), map[string]string{"package": "string", "message": "string"})
}

// checkFields checks that object has exactly the given fields, with the
// given JSON types.
func checkFields(t *testing.T, name string, object map[string]any, fields map[string]string) {
	t.Helper()
	for field, kind := range fields {
		value, ok := object[field]
		if !ok {
			t.Errorf("%s has no field %q", name, field)
			continue
		}
		var got string
		switch value.(type) {
		case float64:
			got = "number"
		case string:
			got = "string"
		case bool:
			got = "bool"
		case []any:
			got = "array"
		case map[string]any:
			got = "object"
		case nil:
			got = "null"
		}
		if got != kind {
			t.Errorf("%s.%s is a JSON %s, want %s", name, field, got, kind)
		}
	}
	for field := range object {
		if _, ok := fields[field]; !ok {
			t.Errorf("%s has the undocumented field %q", name, field)
		}
	}
}

// TestLoadErrors checks that a package that does not type-check is listed
// in Errors with its position, and that the exit code is 1.
func TestLoadErrors(t *testing.T) {
	r := testdataReport(t, "broken", true)
	if len(r.Errors) == 0 {
		t.Fatal("no errors for a package that does not type-check")
	}
	if !strings.Contains(r.Errors[0].Message, "broken.go:8:") || !strings.Contains(r.Errors[0].Message, "undefinedArgument") {
		t.Errorf("error %q does not name broken.go:8 and the undefined identifier", r.Errors[0].Message)
	}
	if r.Errors[0].Package != "example.com/broken" {
		t.Errorf("error package = %q, want example.com/broken", r.Errors[0].Package)
	}
	if r.Packages != 0 {
		t.Errorf("Packages = %d, want 0 because the only package failed", r.Packages)
	}
	if got := r.ExitCode(); got != 1 {
		t.Errorf("ExitCode() = %d, want 1", got)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		dir  string
		want int
	}{
		{"clean", 0},
		{"small", 3},
		{"broken", 1},
	}
	for _, test := range tests {
		t.Run(test.dir, func(t *testing.T) {
			r := testdataReport(t, test.dir, true)
			if got := r.ExitCode(); got != test.want {
				t.Errorf("ExitCode() = %d, want %d (sites %d, errors %v)", got, test.want, len(r.Sites), r.Errors)
			}
		})
	}
}

// TestNoPackages checks that patterns matching nothing are an error.
func TestNoPackages(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/empty\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := report.Run([]string{"./..."}, report.Options{Dir: dir, Env: moduleEnv(), Tests: true})
	if !errors.Is(err, report.ErrNoPackages) {
		t.Errorf("Run on an empty module returned %v, want ErrNoPackages", err)
	}
}

// TestProgress checks that a report made with progress lines is the same
// as one without, and that the progress ends on a cleared line.
func TestProgress(t *testing.T) {
	plain := testdataReport(t, "small", true)
	opts := report.Options{Dir: smallDir(t), Env: moduleEnv(), Tests: true}

	var lines bytes.Buffer
	opts.Progress = report.NewProgress(&lines, 0)
	counted := runReport(t, []string{"./..."}, opts)

	if !slices.EqualFunc(plain.Sites, counted.Sites, func(a, b report.Site) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
		t.Errorf("sites differ with progress:\n%+v\n%+v", counted.Sites, plain.Sites)
	}
	out := lines.String()
	for _, want := range []string{"loading packages...", "analyzing packages: 1/", "\r"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output %q does not contain %q", out, want)
		}
	}
	// The last write blanks the line and returns to its start.
	last := out[strings.LastIndex(strings.TrimSuffix(out, "\r"), "\r"):]
	if strings.TrimSpace(last) != "" {
		t.Errorf("progress ends with %q, want a cleared line", last)
	}
}

func TestProgressNilDoesNothing(t *testing.T) {
	var p *report.Progress
	p.Phase("loading")
	p.Start("analyzing", 3)
	p.Step()
	p.Done()
}

func TestProgressRateLimit(t *testing.T) {
	var out bytes.Buffer
	p := report.NewProgress(&out, time.Hour)
	p.Start("analyzing packages", 3)
	p.Step()
	p.Step()
	if strings.Contains(out.String(), "2/3") {
		t.Errorf("progress wrote step 2 within the interval: %q", out.String())
	}
	p.Step()
	if !strings.Contains(out.String(), "3/3") {
		t.Errorf("progress did not write the last step: %q", out.String())
	}
}
