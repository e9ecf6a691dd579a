package e2e_test

import (
	"cmp"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fileEdit is a text edit as byte offsets into one file.
type fileEdit struct {
	start, end int
	newText    []byte
	origin     string // the diagnostic's position and message, for errors
}

// firstFixEdits returns the edits of the first suggested fix of every
// diagnostic, grouped by file name, as the x/tools drivers choose them.
func firstFixEdits(r analysisRun) (map[string][]fileEdit, error) {
	edits := make(map[string][]fileEdit)
	for _, d := range r.diagnostics {
		if len(d.SuggestedFixes) == 0 {
			continue
		}
		origin := r.position(d.Pos) + ": " + d.Message
		for _, edit := range d.SuggestedFixes[0].TextEdits {
			end := edit.End
			if end == token.NoPos {
				end = edit.Pos
			}
			file := r.fset.File(edit.Pos)
			if file == nil || r.fset.File(end) != file {
				return nil, fmt.Errorf("%s: an edit has positions outside one file of the package", origin)
			}
			start, stop := file.Offset(edit.Pos), file.Offset(end)
			if stop < start {
				return nil, fmt.Errorf("%s: an edit ends at offset %d, before its start %d", origin, stop, start)
			}
			edits[file.Name()] = append(edits[file.Name()], fileEdit{start: start, end: stop, newText: edit.NewText, origin: origin})
		}
	}
	return edits, nil
}

// applyEdits applies edits to src as raw text, without formatting and
// without any import clean-up. Edits may come in any order, but they must
// not overlap, and two edits that start at the same offset are an error
// unless both replace text, because the order of an insertion there would
// be a guess.
func applyEdits(src []byte, edits []fileEdit) ([]byte, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b fileEdit) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
	})
	var out []byte
	last := 0
	for i, edit := range sorted {
		if edit.end > len(src) {
			return nil, fmt.Errorf("%s: an edit ends at offset %d, past the end of the file (%d bytes)", edit.origin, edit.end, len(src))
		}
		if i > 0 {
			previous := sorted[i-1]
			insertion := edit.start == edit.end || previous.start == previous.end
			if edit.start < previous.end || edit.start == previous.start && insertion {
				return nil, fmt.Errorf("edits overlap: [%d,%d) of %q and [%d,%d) of %q",
					previous.start, previous.end, previous.origin, edit.start, edit.end, edit.origin)
			}
		}
		out = append(out, src[last:edit.start]...)
		out = append(out, edit.newText...)
		last = edit.end
	}
	out = append(out, src[last:]...)
	return out, nil
}

// applyFirstFixes applies the first fix of every diagnostic of r to the
// files under dir and writes them back. It returns the new contents of
// every .go file under dir.
func applyFirstFixes(t *testing.T, r analysisRun, dir string) map[string][]byte {
	t.Helper()
	edits, err := firstFixEdits(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(edits) == 0 {
		t.Fatal("no diagnostic has a fix to apply")
	}
	for name, fileEdits := range edits {
		rel, err := filepath.Rel(dir, name)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			t.Fatalf("a fix edits %s, which is outside the copy %s", name, dir)
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("reading %s failed: %v", name, err)
		}
		for _, edit := range fileEdits {
			if edit.end <= len(src) && string(src[edit.start:edit.end]) == string(edit.newText) {
				t.Errorf("%s: the fix has a no-op edit at offsets [%d,%d) of %s", edit.origin, edit.start, edit.end, rel)
			}
		}
		fixed, err := applyEdits(src, fileEdits)
		if err != nil {
			t.Fatalf("applying the fixes to %s failed: %v", rel, err)
		}
		if err := os.WriteFile(name, fixed, 0o666); err != nil {
			t.Fatalf("writing %s failed: %v", name, err)
		}
	}
	return readGoFiles(t, dir)
}

func TestApplyEdits(t *testing.T) {
	src := []byte("0123456789")
	tests := []struct {
		name    string
		edits   []fileEdit
		want    string
		wantErr string
	}{
		{
			name:  "replacements in any order",
			edits: []fileEdit{{start: 6, end: 8, newText: []byte("x")}, {start: 1, end: 3, newText: []byte("yy")}},
			want:  "0yy345x89",
		},
		{
			name:  "adjacent replacements",
			edits: []fileEdit{{start: 2, end: 4, newText: []byte("a")}, {start: 4, end: 6, newText: []byte("b")}},
			want:  "01ab6789",
		},
		{
			name:  "insertion and deletion",
			edits: []fileEdit{{start: 0, end: 0, newText: []byte("-")}, {start: 9, end: 10}},
			want:  "-012345678",
		},
		{
			name:    "overlapping replacements",
			edits:   []fileEdit{{start: 2, end: 5, newText: []byte("a")}, {start: 4, end: 6, newText: []byte("b")}},
			wantErr: "edits overlap",
		},
		{
			name:    "insertion inside a replacement",
			edits:   []fileEdit{{start: 2, end: 5, newText: []byte("a")}, {start: 3, end: 3, newText: []byte("b")}},
			wantErr: "edits overlap",
		},
		{
			name:    "two insertions at one offset",
			edits:   []fileEdit{{start: 3, end: 3, newText: []byte("a")}, {start: 3, end: 3, newText: []byte("b")}},
			wantErr: "edits overlap",
		},
		{
			name:    "insertion where a replacement starts",
			edits:   []fileEdit{{start: 3, end: 3, newText: []byte("a")}, {start: 3, end: 5, newText: []byte("b")}},
			wantErr: "edits overlap",
		},
		{
			name:    "edit past the end",
			edits:   []fileEdit{{start: 8, end: 11, newText: []byte("a")}},
			wantErr: "past the end",
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			got, err := applyEdits(src, test.edits)
			if test.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), test.wantErr) {
					t.Fatalf("applyEdits returned (%q, %v), want an error containing %q", got, err, test.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("applyEdits failed: %v", err)
			}
			if string(got) != test.want {
				t.Errorf("applyEdits = %q, want %q", got, test.want)
			}
		})
	}
}
