package golangcitest

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// copyTree copies the regular files under src to dst, keeping file modes.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if entry.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !entry.Type().IsRegular() {
			return nil
		}
		info, err := entry.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatalf("copy %s to %s: %v", src, dst, err)
	}
}

// snapshot returns the content of each regular file under root, by
// slash-separated path relative to root.
func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	err := filepath.WalkDir(root, func(path string, entry fs.DirEntry, err error) error {
		if err != nil || !entry.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatalf("read files under %s: %v", root, err)
	}
	return files
}

// compareTrees fails the test for each file whose content differs between
// two snapshots, or that only one of them has.
func compareTrees(t *testing.T, label string, got, want map[string][]byte) {
	t.Helper()
	names := slices.Collect(maps.Keys(got))
	for name := range want {
		if _, ok := got[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		gotData, inGot := got[name]
		wantData, inWant := want[name]
		switch {
		case !inGot:
			t.Errorf("%s: %s is missing", label, name)
		case !inWant:
			t.Errorf("%s: %s is unexpected", label, name)
		case !bytes.Equal(gotData, wantData):
			t.Errorf("%s: %s differs\n--- got:\n%s\n--- want:\n%s", label, name, gotData, wantData)
		}
	}
}

// generatedGoFiles returns the Go files of a snapshot that have the
// standard header "// Code generated … DO NOT EDIT.", the files that the
// analyzer never fixes.
func generatedGoFiles(t *testing.T, files map[string][]byte) map[string]bool {
	t.Helper()
	generated := make(map[string]bool)
	for name, data := range files {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), name, data, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		if ast.IsGenerated(file) {
			generated[name] = true
		}
	}
	return generated
}

// nolintComment is the directive that the tests add to reported lines.
const nolintComment = "//nolint:telephonyconfig"

// addNolint adds nolintComment to line (1-based) of the Go file at path.
// The comment goes in front of a comment that already ends the line, which
// turns a "// want" comment of the golden-file tests into its explanation,
// or else at the end of the line. addNolint returns the new text of the
// line. It returns false and leaves the file unchanged when the result
// would not parse as a comment that starts on that line, as inside a raw
// string.
func addNolint(t *testing.T, path string, line int) (string, bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	if line < 1 || line > len(lines) {
		t.Fatalf("%s has no line %d", path, line)
	}

	text := strings.TrimRight(lines[line-1], "\n")
	newText := text + " " + nolintComment
	if column, ok := trailingCommentColumn(path, data, line); ok {
		newText = text[:column] + nolintComment + " " + text[column:]
	}
	lines[line-1] = newText + "\n"
	newData := []byte(strings.Join(lines, ""))

	if !hasCommentOnLine(path, newData, line, nolintComment) {
		return "", false
	}
	if err := os.WriteFile(path, newData, 0o644); err != nil {
		t.Fatal(err)
	}
	return newText, true
}

// trailingCommentColumn returns the 0-based byte column of a comment that
// starts on line and is the last thing on it.
func trailingCommentColumn(path string, data []byte, line int) (int, bool) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, data, parser.ParseComments)
	if err != nil {
		return 0, false
	}
	for _, group := range file.Comments {
		for _, comment := range group.List {
			start, end := fset.Position(comment.Pos()), fset.Position(comment.End())
			if start.Line == line && end.Line == line && strings.HasPrefix(comment.Text, "//") {
				return start.Column - 1, true
			}
		}
	}
	return 0, false
}

// hasCommentOnLine reports whether the Go source data parses and has a
// comment that starts on line with prefix.
func hasCommentOnLine(path string, data []byte, line int, prefix string) bool {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, data, parser.ParseComments)
	if err != nil {
		return false
	}
	for _, group := range file.Comments {
		for _, comment := range group.List {
			if fset.Position(comment.Pos()).Line == line && strings.HasPrefix(comment.Text, prefix) {
				return true
			}
		}
	}
	return false
}

// lineCount returns how often text occurs as a whole line in data.
func lineCount(data []byte, text string) int {
	count := 0
	for line := range strings.Lines(string(data)) {
		if strings.TrimSuffix(line, "\n") == text {
			count++
		}
	}
	return count
}

// lineText returns line (1-based) of data without its newline, or "" when
// data has fewer lines.
func lineText(data []byte, line int) string {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	return lines[line-1]
}
