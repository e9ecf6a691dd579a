package robustness_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// commandPackage is the import path of the command under test.
const commandPackage = "github.com/uvtools/telephonyconfig/cmd/telephonyconfig"

// commandTimeout bounds each command, so that a hung driver fails its test
// with the output so far instead of hitting the test binary's timeout.
const commandTimeout = 3 * time.Minute

var (
	goBinary   string // path of the go command
	toolBinary string // path of the telephonyconfig command built by TestMain
)

// moduleEnv is the environment of every command run in a temporary module:
// no workspace, no module downloads and no toolchain switch. GOFLAGS
// replaces the caller's GOFLAGS, so that the tests do not depend on it.
// Tests that need another value append it, and os/exec uses the last value
// of a repeated key.
var moduleEnv = []string{"GOWORK=off", "GOFLAGS=-mod=readonly", "GOPROXY=off", "GOTOOLCHAIN=local"}

func TestMain(m *testing.M) {
	code, err := buildAndRun(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(code)
}

// buildAndRun builds the command into a temporary directory, runs the
// tests and removes the directory.
func buildAndRun(m *testing.M) (int, error) {
	var err error
	goBinary, err = exec.LookPath("go")
	if err != nil {
		return 0, fmt.Errorf("go command not found: %v; put Go's bin directory on PATH", err)
	}
	binDir, err := os.MkdirTemp("", "telephonyconfig-robustness-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(binDir)

	root, err := repositoryRoot()
	if err != nil {
		return 0, err
	}
	toolBinary = filepath.Join(binDir, "telephonyconfig")
	build := exec.Command(goBinary, "build", "-o", toolBinary, commandPackage)
	build.Dir = root
	if output, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("go build -o %s %s in %s failed: %v\n%s", toolBinary, commandPackage, root, err, output)
	}
	return m.Run(), nil
}

// repositoryRoot returns the directory of the telephonyconfig module's
// go.mod file.
func repositoryRoot() (string, error) {
	output, err := exec.Command(goBinary, "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD failed: %v", err)
	}
	gomod := strings.TrimSpace(string(output))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("go env GOMOD = %q; run the tests inside the telephonyconfig module", gomod)
	}
	return filepath.Dir(gomod), nil
}

// result is the outcome of one finished command.
type result struct {
	command  string // the command line, for messages
	stdout   string
	stderr   string
	exitCode int
	cpu      time.Duration // user and system time of the process
}

// run runs name with args in dir, with moduleEnv and then extraEnv added to
// the test's environment. It fails the test when the command cannot start
// or times out, and reports a crash (a panic or a fatal signal) as an error.
func run(t *testing.T, dir string, extraEnv []string, name string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()

	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), moduleEnv...), extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()

	res := result{
		command: filepath.Base(name) + " " + strings.Join(args, " "),
		stdout:  stdout.String(),
		stderr:  stderr.String(),
	}
	if ctx.Err() != nil {
		t.Fatalf("%s in %s timed out after %v\nstdout:\n%s\nstderr:\n%s", res.command, dir, commandTimeout, res.stdout, res.stderr)
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("%s in %s could not run: %v", res.command, dir, err)
	}
	res.exitCode = cmd.ProcessState.ExitCode()
	res.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if res.exitCode < 0 || strings.Contains(res.stderr, "panic: ") || strings.Contains(res.stderr, "fatal error: ") {
		t.Errorf("%s in %s crashed (%v):\n%s", res.command, dir, cmd.ProcessState, res.stderr)
	}
	return res
}

// runTool runs the telephonyconfig command with args in dir.
func runTool(t *testing.T, dir string, extraEnv []string, args ...string) result {
	t.Helper()
	return run(t, dir, extraEnv, toolBinary, args...)
}

// runGo runs the go command with args in dir.
func runGo(t *testing.T, dir string, extraEnv []string, args ...string) result {
	t.Helper()
	return run(t, dir, extraEnv, goBinary, args...)
}

// expectExit reports an error when res did not exit with code.
func expectExit(t *testing.T, res result, code int) {
	t.Helper()
	if res.exitCode != code {
		t.Errorf("%s exited with status %d, want %d\nstdout:\n%s\nstderr:\n%s", res.command, res.exitCode, code, res.stdout, res.stderr)
	}
}

// expectBuilds runs go vet, which also type-checks the tests, on patterns in
// dir and reports an error when it fails.
func expectBuilds(t *testing.T, dir string, extraEnv []string, patterns ...string) {
	t.Helper()
	res := runGo(t, dir, extraEnv, append([]string{"vet"}, patterns...)...)
	if res.exitCode != 0 {
		t.Errorf("go vet %s failed after the fixes (status %d):\n%s", strings.Join(patterns, " "), res.exitCode, res.stderr)
	}
}

// expectNothingLeft runs -fix -diff on patterns in dir and reports an
// error when it prints anything, which would mean that the first run left
// fixes behind or that the fixes do not converge.
func expectNothingLeft(t *testing.T, dir string, extraEnv []string, patterns ...string) {
	t.Helper()
	res := runTool(t, dir, extraEnv, append([]string{"-fix", "-diff"}, patterns...)...)
	expectExit(t, res, 0)
	if res.stdout != "" || res.stderr != "" {
		t.Errorf("a second %s printed output, want none:\nstdout:\n%s\nstderr:\n%s", res.command, res.stdout, res.stderr)
	}
}

// oldPatchPrefix starts every diagnostic about a PATCH of the old endpoint.
const oldPatchPrefix = "PATCH /api/accounts/me/telephony_config is deprecated: "

// expectFixedModule runs -fix on ./... in the module's directory, with
// extraEnv added to the environment, compares the result with the want/
// files and checks that it builds. It returns the result of -fix.
func expectFixedModule(t *testing.T, m *testModule, extraEnv []string) result {
	t.Helper()
	res := runTool(t, m.dir, extraEnv, "-fix", "./...")
	expectExit(t, res, 0)
	m.expectFiles(t, res.command, m.expected("want"))
	expectBuilds(t, m.dir, extraEnv, "./...")
	return res
}

// expectReport runs the standalone report on patterns and compares its
// lines, in any order, with want/report.
func expectReport(t *testing.T, m *testModule, extraEnv []string, patterns ...string) result {
	t.Helper()
	res := runTool(t, m.dir, extraEnv, patterns...)
	expectExit(t, res, 3)
	expectSameLines(t, res.command+" output", m.relative(res.stderr), m.wantText(t, "want/report"))
	return res
}
