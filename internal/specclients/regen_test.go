package specclients_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// generatedDir is the module of generated clients, relative to the
// repository root.
const generatedDir = "testdata/generated"

// specFromRoot is the path of the OpenAPI document relative to the
// repository root. The go:generate lines in generatedDir reach it through
// the matching relative path from their own package directories.
var specFromRoot = filepath.Join("..", "shared", "ultravox", "openapi.yaml")

// generateTimeout bounds the go generate run. A run with a cold module and
// build cache downloads and compiles both generators first.
const generateTimeout = 15 * time.Minute

func TestRegeneratedClientsMatchCommitted(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds and runs both code generators")
	}

	root := repositoryRoot(t)
	spec := filepath.Join(root, specFromRoot)
	if _, err := os.Stat(spec); err != nil {
		t.Fatalf("Ultravox OpenAPI document not found: %v\n"+
			"The clients in %s are generated from it. Clone this repository next to the shared folder that contains ultravox/openapi.yaml.",
			err, generatedDir)
	}

	// Rebuild the layout that the go:generate lines expect in a temporary
	// directory, so that generating never touches the working tree. The
	// module goes under work/repo and the document under work/shared.
	work := t.TempDir()
	committed := filepath.Join(root, filepath.FromSlash(generatedDir))
	regenerated := filepath.Join(work, "repo", filepath.FromSlash(generatedDir))
	if err := os.CopyFS(regenerated, os.DirFS(committed)); err != nil {
		t.Fatalf("copying %s to a temporary directory failed: %v", committed, err)
	}
	copyFile(t, spec, filepath.Join(work, "repo", specFromRoot))

	runGoGenerate(t, regenerated)

	differences := compareTrees(readTree(t, committed), readTree(t, regenerated))
	if len(differences) > 0 {
		t.Errorf("go generate output differs from the files in %s:\n\t%s\n"+
			"Run go generate ./... in %s and commit the result.",
			generatedDir, strings.Join(differences, "\n\t"), generatedDir)
	}
}

// repositoryRoot returns the directory of the first go.mod above the test's
// working directory, which is the root module's.
func repositoryRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("getting the working directory failed: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod found above the test's working directory")
		}
		dir = parent
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatalf("reading %s failed: %v", src, err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatalf("creating the directory of %s failed: %v", dst, err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatalf("writing %s failed: %v", dst, err)
	}
}

// runGoGenerate runs go generate ./... in dir and fails the test with the
// command's output when it fails or times out. The generators are the
// versions pinned by the tool directives in dir's go.mod, taken from the
// module cache or the module proxy.
func runGoGenerate(t *testing.T, dir string) {
	t.Helper()
	timeout := generateTimeout
	if deadline, ok := t.Deadline(); ok {
		// Stop early enough to report the output before go test's own
		// -timeout ends the whole test binary.
		timeout = min(timeout, time.Until(deadline)-30*time.Second)
	}
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()

	// go test puts its own GOROOT/bin first in PATH, so this runs the same
	// go command as the test.
	cmd := exec.CommandContext(ctx, "go", "generate", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	// The generators run as child processes of go generate. WaitDelay stops
	// waiting for their output once go generate itself has been killed.
	cmd.WaitDelay = 10 * time.Second
	var output bytes.Buffer
	cmd.Stdout = &output
	cmd.Stderr = &output

	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start).Round(time.Millisecond)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("go generate ./... in %s timed out after %v. The first run with a cold module or build cache is slow, so rerun with a larger -timeout.\n%s",
			dir, elapsed, output.String())
	}
	if err != nil {
		t.Fatalf("go generate ./... in %s failed after %v: %v\n%s", dir, elapsed, err, output.String())
	}
	t.Logf("go generate ./... took %v", elapsed)
}

// readTree returns the contents of every regular file under dir, keyed by
// slash-separated path relative to dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte)
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !entry.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		files[name] = data
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s failed: %v", dir, err)
	}
	return files
}

// compareTrees returns one line per file that differs between the committed
// and the regenerated tree, sorted by path.
func compareTrees(committed, regenerated map[string][]byte) []string {
	var differences []string
	for name, want := range committed {
		got, ok := regenerated[name]
		switch {
		case !ok:
			differences = append(differences, name+": committed but deleted by go generate")
		case !bytes.Equal(got, want):
			differences = append(differences, fmt.Sprintf("%s: differs from line %d", name, firstDifferentLine(want, got)))
		}
	}
	for name := range regenerated {
		if _, ok := committed[name]; !ok {
			differences = append(differences, name+": generated but not committed")
		}
	}
	slices.Sort(differences)
	return differences
}

// firstDifferentLine returns the 1-based number of the first line at which
// a and b differ. A file that is a prefix of the other differs at the line
// after its last one.
func firstDifferentLine(a, b []byte) int {
	linesA := bytes.SplitAfter(a, []byte("\n"))
	linesB := bytes.SplitAfter(b, []byte("\n"))
	for i := range min(len(linesA), len(linesB)) {
		if !bytes.Equal(linesA[i], linesB[i]) {
			return i + 1
		}
	}
	return min(len(linesA), len(linesB)) + 1
}
