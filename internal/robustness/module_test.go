package robustness_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// testModule is a module written from a txtar archive in testdata. The
// archive's sections are files of the module, except those under a
// directory whose name starts with "want", which hold expectations.
type testModule struct {
	dir   string            // the module's directory, with symbolic links resolved
	input map[string][]byte // the files written into dir, by slash-separated path
	want  map[string][]byte // the expectation sections, by their full name
}

// loadArchive reads testdata/name.txtar and splits it into input files
// and expectations.
func loadArchive(t *testing.T, name string) (input, want map[string][]byte) {
	t.Helper()
	archive, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatalf("read test module: %v", err)
	}
	input = make(map[string][]byte)
	want = make(map[string][]byte)
	for _, file := range archive.Files {
		first, _, _ := strings.Cut(file.Name, "/")
		if strings.HasPrefix(first, "want") {
			want[file.Name] = file.Data
		} else {
			input[file.Name] = file.Data
		}
	}
	return input, want
}

// newModule writes the input files of testdata/name.txtar into a new
// temporary directory.
func newModule(t *testing.T, name string) *testModule {
	t.Helper()
	input, want := loadArchive(t, name)
	return writeModule(t, input, want)
}

// writeModule writes input into a new temporary directory.
func writeModule(t *testing.T, input, want map[string][]byte) *testModule {
	t.Helper()
	// The drivers print paths with symbolic links resolved, so the tests
	// compare against the resolved directory.
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range input {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return &testModule{dir: dir, input: input, want: want}
}

// newCopy writes the same input files into another temporary directory.
func (m *testModule) newCopy(t *testing.T) *testModule {
	t.Helper()
	return writeModule(t, m.input, m.want)
}

// expected returns the module's files as they should be after the fixes:
// the input files, replaced by the files under prefix/ in the expectations.
func (m *testModule) expected(prefix string) map[string][]byte {
	files := maps.Clone(m.input)
	for name, data := range m.want {
		if rest, ok := strings.CutPrefix(name, prefix+"/"); ok && rest != "report" && rest != "fix.diff" {
			files[rest] = data
		}
	}
	return files
}

// wantText returns the expectation section name, and fails the test when
// the archive has none.
func (m *testModule) wantText(t *testing.T, name string) string {
	t.Helper()
	data, ok := m.want[name]
	if !ok {
		t.Fatalf("the test module has no %s section", name)
	}
	return string(data)
}

// relative removes the module's directory from the paths in output.
func (m *testModule) relative(output string) string {
	return strings.ReplaceAll(output, m.dir+string(filepath.Separator), "")
}

// readTree returns every regular file under dir, by slash-separated path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	err := filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil || entry.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// expectFiles compares the files in the module's directory with want. A
// file that is missing, added or different is an error, so edits that land
// in the wrong file show up too.
func (m *testModule) expectFiles(t *testing.T, after string, want map[string][]byte) {
	t.Helper()
	for _, problem := range compareTrees(readTree(t, m.dir), want) {
		t.Errorf("after %s: %s", after, problem)
	}
}

// compareTrees describes each difference between the files got and want.
func compareTrees(got, want map[string][]byte) []string {
	var problems []string
	for _, name := range slices.Sorted(maps.Keys(want)) {
		data, ok := got[name]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s is missing", name))
		case !bytes.Equal(data, want[name]):
			problems = append(problems, fmt.Sprintf("%s differs from the expected content: %s", name, firstDifference(data, want[name])))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[name]; !ok {
			problems = append(problems, fmt.Sprintf("%s was created", name))
		}
	}
	return problems
}

// firstDifference describes the first line at which got and want differ.
// Long lines are shortened, because the tests use bodies of a megabyte.
func firstDifference(got, want []byte) string {
	gotLines := strings.SplitAfter(string(got), "\n")
	wantLines := strings.SplitAfter(string(want), "\n")
	for i := range max(len(gotLines), len(wantLines)) {
		var g, w string
		if i < len(gotLines) {
			g = gotLines[i]
		}
		if i < len(wantLines) {
			w = wantLines[i]
		}
		if g != w {
			return fmt.Sprintf("line %d is %q, want %q", i+1, shorten(g), shorten(w))
		}
	}
	return "the contents differ"
}

// shorten returns s, or its start and end if it is long.
func shorten(s string) string {
	const limit = 300
	if len(s) <= limit {
		return s
	}
	return s[:limit/2] + " … " + s[len(s)-limit/2:]
}

// sortedLines returns the lines of s in sorted order, so that outputs can
// be compared where the order of packages or files is not fixed.
func sortedLines(s string) []string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if s == "" {
		lines = nil
	}
	slices.Sort(lines)
	return lines
}

// expectSameLines reports an error when got and want do not have the same
// lines, in any order.
func expectSameLines(t *testing.T, description, got, want string) {
	t.Helper()
	g, w := sortedLines(got), sortedLines(want)
	if !slices.Equal(g, w) {
		t.Errorf("%s has lines\n%s\nwant\n%s", description, strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}

// jsonDiagnostic is one diagnostic of the drivers' -json output.
type jsonDiagnostic struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	} `json:"suggested_fixes"`
}

// jsonEdit is one text edit of a suggested fix, with byte offsets.
type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// applyEdits applies edits, which must not overlap, to content.
func applyEdits(content []byte, edits []jsonEdit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b jsonEdit) int { return a.Start - b.Start })
	var out []byte
	last := 0
	for _, edit := range edits {
		if edit.Start < last || edit.End < edit.Start || edit.End > len(content) {
			return nil, fmt.Errorf("edit [%d, %d) is out of order or out of range for %d bytes", edit.Start, edit.End, len(content))
		}
		out = append(out, content[last:edit.Start]...)
		out = append(out, edit.New...)
		last = edit.End
	}
	return append(out, content[last:]...), nil
}

// jsonPackage is the -json output for one package: the analyzer's
// diagnostics, or the error that stopped its analysis.
type jsonPackage struct {
	ID          string
	Diagnostics []jsonDiagnostic
	Error       string
}

// parseJSONOutput parses -json output, which go vet writes as one JSON
// object per package and the standalone command as one object in all.
// Each object maps a package ID to an analyzer name to either a list of
// diagnostics or an object with an error.
func parseJSONOutput(output string) ([]jsonPackage, error) {
	var packages []jsonPackage
	decoder := json.NewDecoder(strings.NewReader(output))
	for {
		var tree map[string]map[string]json.RawMessage
		err := decoder.Decode(&tree)
		if errors.Is(err, io.EOF) {
			return packages, nil
		}
		if err != nil {
			return nil, fmt.Errorf("invalid JSON at byte %d: %v", decoder.InputOffset(), err)
		}
		for _, id := range slices.Sorted(maps.Keys(tree)) {
			raw, ok := tree[id]["telephonyconfig"]
			if !ok {
				return nil, fmt.Errorf("package %s has no telephonyconfig entry", id)
			}
			pkg := jsonPackage{ID: id}
			if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
				var failure struct {
					Error string `json:"error"`
				}
				if err := json.Unmarshal(raw, &failure); err != nil {
					return nil, fmt.Errorf("package %s: %v", id, err)
				}
				pkg.Error = failure.Error
			} else if err := json.Unmarshal(raw, &pkg.Diagnostics); err != nil {
				return nil, fmt.Errorf("package %s: %v", id, err)
			}
			packages = append(packages, pkg)
		}
	}
}

// allDiagnostics returns the diagnostics of every package in order.
func allDiagnostics(packages []jsonPackage) []jsonDiagnostic {
	var diagnostics []jsonDiagnostic
	for _, pkg := range packages {
		diagnostics = append(diagnostics, pkg.Diagnostics...)
	}
	return diagnostics
}

// diagnosticLines formats diagnostics as the text report does, with paths
// relative to the module, one line each.
func (m *testModule) diagnosticLines(diagnostics []jsonDiagnostic) string {
	var b strings.Builder
	for _, d := range diagnostics {
		fmt.Fprintf(&b, "%s: %s\n", m.relative(d.Posn), d.Message)
	}
	return b.String()
}
