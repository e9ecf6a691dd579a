package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/uvtools/telephonyconfig/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// commandBin is the telephonyconfig binary that TestMain builds.
var commandBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "telephonyconfig-cmd")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	commandBin = filepath.Join(dir, "telephonyconfig")
	build := exec.Command("go", "build", "-o", commandBin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the command failed:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// repoRoot returns the absolute path of the repository.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// reportTestdata returns the absolute path of a module in the report
// package's testdata, which imports only the standard library.
func reportTestdata(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(repoRoot(t), "internal", "report", "testdata", name)
}

// offlineEnv makes the go command load modules without the network.
func offlineEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod")
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs the command in dir and returns its exit status and output.
func run(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exit := (*exec.ExitError)(nil); errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s %s failed: %v", name, strings.Join(args, " "), err)
	}
	return result{code, stdout.String(), stderr.String()}
}

// exampleDiagnostics caches expectedDiagnostics for example/nethttp, which
// several tests compare with.
var exampleDiagnostics struct {
	once  sync.Once
	lines []string
}

// expectedExampleDiagnostics returns expectedDiagnostics for
// example/nethttp, loading it once per test binary.
func expectedExampleDiagnostics(t *testing.T) []string {
	t.Helper()
	exampleDiagnostics.once.Do(func() {
		exampleDiagnostics.lines = expectedDiagnostics(t, repoRoot(t), "./example/nethttp")
	})
	if exampleDiagnostics.lines == nil {
		t.Fatal("the expected diagnostics of example/nethttp could not be computed")
	}
	return exampleDiagnostics.lines
}

// expectedDiagnostics returns the lines that the standalone command prints
// for the packages: each diagnostic once per position and message, as
// FILE:LINE:COLUMN: MESSAGE with the full path.
func expectedDiagnostics(t *testing.T, dir, pattern string) []string {
	t.Helper()
	config := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir, Tests: true}
	initial, err := packages.Load(config, pattern)
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, initial, nil)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("analysis of %s failed: %v", act.Package.ID, act.Err)
		}
		for _, d := range act.Diagnostics {
			line := fmt.Sprintf("%s: %s", act.Package.Fset.Position(d.Pos), d.Message)
			if !slices.Contains(lines, line) {
				lines = append(lines, line)
			}
		}
	}
	slices.Sort(lines)
	return lines
}

func sortedLines(s string) []string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return lines
}

// TestPlainCommandUnchanged checks that without the word report the
// binary is the analyzer's standalone command: it prints the diagnostics on
// standard error and exits with status 3.
func TestPlainCommandUnchanged(t *testing.T) {
	root := repoRoot(t)
	got := run(t, root, os.Environ(), commandBin, "./example/nethttp")
	if got.code != 3 {
		t.Errorf("exit status %d, want 3\n%s", got.code, got.stderr)
	}
	if got.stdout != "" {
		t.Errorf("unexpected standard output: %q", got.stdout)
	}
	want := expectedExampleDiagnostics(t)
	if lines := sortedLines(got.stderr); !slices.Equal(lines, want) {
		t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// TestGoToolProtocol checks the invocations of the go command's vet and
// fix drivers: -flags, -V=full and flags followed by a .cfg file, which
// go vet -vettool sends.
func TestGoToolProtocol(t *testing.T) {
	root := repoRoot(t)

	flagsRun := run(t, root, os.Environ(), commandBin, "-flags")
	var flags []struct{ Name string }
	if err := json.Unmarshal([]byte(flagsRun.stdout), &flags); err != nil || flagsRun.code != 0 {
		t.Fatalf("-flags exited %d with %q: %v", flagsRun.code, flagsRun.stdout, err)
	}
	var names []string
	for _, f := range flags {
		names = append(names, f.Name)
	}
	if !slices.Contains(names, "patch") || slices.Contains(names, "format") {
		t.Errorf("-flags lists %v, want the analyzer's -patch and none of the report's flags", names)
	}

	version := run(t, root, os.Environ(), commandBin, "-V=full")
	if version.code != 0 || !strings.Contains(version.stdout, " version ") {
		t.Errorf("-V=full exited %d with %q, want 0 and a version line", version.code, version.stdout)
	}

	vet := run(t, root, os.Environ(), "go", "vet", "-vettool="+commandBin, "./example/nethttp")
	if vet.code == 0 {
		t.Errorf("go vet -vettool exited 0, want non-zero for the diagnostics\n%s", vet.stderr)
	}
	for _, line := range expectedExampleDiagnostics(t) {
		message := line[strings.Index(line, ".go:"):]
		if !strings.Contains(vet.stderr, message) {
			t.Errorf("go vet -vettool output has no line ending in %q:\n%s", message, vet.stderr)
		}
	}
}

func TestReportExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		dir        string // a module of internal/report/testdata, or "" for the repository
		args       []string
		code       int
		stdout     string // a substring of standard output, or "" for none
		stderr     string // a substring of standard error, or "" for none
		noProgress bool   // standard error must stay empty
	}{
		{name: "nothing to migrate", dir: "clean", args: []string{"report", "./..."}, code: 0,
			stdout: "No sites left to migrate in 1 package.\n", noProgress: true},
		{name: "sites remain", dir: "small", args: []string{"report", "./..."}, code: 3,
			stdout: "3 sites in 1 package: 1 with a fix, 2 without.", noProgress: true},
		{name: "type error", dir: "broken", args: []string{"report", "./..."}, code: 1,
			stderr: "undefined: undefinedArgument"},
		{name: "missing directory", dir: "clean", args: []string{"report", "./nonexistent"}, code: 1,
			stderr: "directory not found"},
		{name: "unknown package", dir: "clean", args: []string{"report", "example.com/clean/nothere"}, code: 1,
			stderr: "example.com/clean/nothere"},
		{name: "unknown flag", dir: "clean", args: []string{"report", "-nosuch", "./..."}, code: 1,
			stderr: "flag provided but not defined: -nosuch"},
		{name: "unknown format", dir: "clean", args: []string{"report", "-format=xml", "./..."}, code: 1,
			stderr: `invalid value "xml" for flag -format`},
		{name: "flag after pattern", dir: "clean", args: []string{"report", "./...", "-format=json"}, code: 1,
			stderr: "flag -format=json must come before the package patterns"},
		{name: "help", dir: "clean", args: []string{"report", "-help"}, code: 0,
			stderr: "Usage: telephonyconfig report [flags] [packages]"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			t.Parallel()
			got := run(t, reportTestdata(t, test.dir), offlineEnv(), commandBin, test.args...)
			if got.code != test.code {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", got.code, test.code, got.stdout, got.stderr)
			}
			if test.stdout == "" && got.stdout != "" {
				t.Errorf("standard output %q, want none", got.stdout)
			}
			if !strings.Contains(got.stdout, test.stdout) {
				t.Errorf("standard output does not contain %q:\n%s", test.stdout, got.stdout)
			}
			if test.stderr != "" && !strings.Contains(got.stderr, test.stderr) {
				t.Errorf("standard error does not contain %q:\n%s", test.stderr, got.stderr)
			}
			if test.noProgress && got.stderr != "" {
				t.Errorf("standard error is not a terminal, but got %q", got.stderr)
			}
		})
	}
}

// TestReportMatchesPlainCommand checks that report -format=json lists the
// sites that the plain command prints, with a fix where the plain command
// gives no reason for its absence.
func TestReportMatchesPlainCommand(t *testing.T) {
	root := repoRoot(t)
	got := run(t, root, os.Environ(), commandBin, "report", "-format=json", "./example/nethttp")
	if got.code != 3 {
		t.Fatalf("exit status %d, want 3\n%s", got.code, got.stderr)
	}
	var decoded struct {
		Sites []struct {
			File         string
			Line, Column int
			Fixable      bool
			Reason       string
			Message      string
		}
	}
	if err := json.Unmarshal([]byte(got.stdout), &decoded); err != nil {
		t.Fatalf("the JSON output does not decode: %v\n%s", err, got.stdout)
	}
	var lines []string
	for _, s := range decoded.Sites {
		message := s.Message
		if !s.Fixable {
			message += " (no fix: " + s.Reason + ")"
		}
		lines = append(lines, fmt.Sprintf("%s:%d:%d: %s", filepath.Join(root, filepath.FromSlash(s.File)), s.Line, s.Column, message))
	}
	slices.Sort(lines)
	if want := expectedExampleDiagnostics(t); !slices.Equal(lines, want) {
		t.Errorf("report sites as diagnostics\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// TestReportProgressOnTerminal runs the report under script(1), which gives
// it a terminal, and checks that progress lines appear there.
func TestReportProgressOnTerminal(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) from util-linux is not installed")
	}
	command := commandBin + " report ./..."
	got := run(t, reportTestdata(t, "small"), offlineEnv(), script, "--quiet", "--return", "--command", command, "/dev/null")
	if got.code != 3 {
		t.Errorf("exit status %d, want 3\n%s", got.code, got.stdout)
	}
	for _, want := range []string{"telephonyconfig: loading packages...", "telephonyconfig: analyzing packages: ", "3 sites in 1 package"} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("the terminal shows no %q:\n%q", want, got.stdout)
		}
	}
}
