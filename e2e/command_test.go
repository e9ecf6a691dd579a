package e2e_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// commandTimeout bounds each go command and program run, so that a hung
// child fails the test with its output instead of hitting the test binary's
// timeout.
const commandTimeout = 5 * time.Minute

// commandResult is the outcome of one finished command.
type commandResult struct {
	stdout, stderr string
	err            error // nil when the command exited with status 0
}

// runCommand runs name with args in dir. Entries of extraEnv override the
// test's environment.
func runCommand(t *testing.T, dir string, extraEnv []string, name string, args ...string) commandResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()

	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	// os/exec uses the last value of a duplicated key, so extraEnv wins.
	cmd.Env = append(os.Environ(), extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	return commandResult{stdout: stdout.String(), stderr: stderr.String(), err: err}
}

// copyEnv is the environment of go commands run in a copied example module:
// no workspace, no module downloads and no toolchain switch. GOFLAGS
// replaces the caller's GOFLAGS, including one set with go env -w, with
// -mod=readonly, so the go.mod and go.sum of an example with dependencies
// must already be complete, and the dependencies must be in the module cache.
var copyEnv = []string{"GOWORK=off", "GOFLAGS=-mod=readonly", "GOPROXY=off", "GOTOOLCHAIN=local"}

// goTool returns the path of the go command, and fails the test when there
// is none.
func goTool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go command not found: %v; install Go and put its bin directory on PATH", err)
	}
	return path
}

// gofmtTool returns the path of the gofmt command of the Go installation
// that goBin belongs to.
func gofmtTool(t *testing.T, goBin string) string {
	t.Helper()
	res := runCommand(t, ".", nil, goBin, "env", "GOROOT")
	if res.err != nil {
		t.Fatalf("go env GOROOT failed: %v\n%s", res.err, res.stderr)
	}
	path := filepath.Join(strings.TrimSpace(res.stdout), "bin", "gofmt")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("gofmt not found next to the go command: %v", err)
	}
	return path
}

// repositoryRoot returns the directory of the go.mod file of the module
// under test.
func repositoryRoot(t *testing.T, goBin string) string {
	t.Helper()
	res := runCommand(t, ".", nil, goBin, "env", "GOMOD")
	if res.err != nil {
		t.Fatalf("go env GOMOD failed: %v\n%s", res.err, res.stderr)
	}
	gomod := strings.TrimSpace(res.stdout)
	if gomod == "" || gomod == os.DevNull {
		t.Fatalf("go env GOMOD = %q; run the test inside the telephonyconfig module", gomod)
	}
	return filepath.Dir(gomod)
}

// buildProgram builds the main package in dir (a package pattern relative
// to dir) into outDir/name and returns the binary's path.
func buildProgram(t *testing.T, goBin, dir string, env []string, pkg, outDir, name string) string {
	t.Helper()
	out := filepath.Join(outDir, name)
	res := runCommand(t, dir, env, goBin, "build", "-o", out, pkg)
	if res.err != nil {
		t.Fatalf("go build -o %s %s in %s failed: %v\n%s", out, pkg, dir, res.err, res.stderr)
	}
	return out
}
