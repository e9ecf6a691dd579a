package golangcitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// commandTimeout bounds each command, so that a hung golangci-lint or go
// command fails its test with its output instead of hitting the test
// binary's timeout.
const commandTimeout = 10 * time.Minute

// site is one diagnostic: a position in a file of a copied input and the
// message.
type site struct {
	File         string // slash-separated path relative to the copy's root
	Line, Column int
	Message      string
}

func (s site) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", s.File, s.Line, s.Column, s.Message)
}

// report is the diagnostics of one run, as a set, with those that have a
// suggested fix marked. golangci-lint does not say which have one, so its
// reports leave fixable empty.
type report struct {
	sites   map[site]bool
	fixable map[site]bool
}

func newReport() report {
	return report{sites: make(map[site]bool), fixable: make(map[site]bool)}
}

// without returns the sites of r for which drop returns false.
func (r report) without(drop func(site) bool) report {
	out := newReport()
	for s := range r.sites {
		if !drop(s) {
			out.sites[s] = true
			out.fixable[s] = r.fixable[s]
		}
	}
	return out
}

// sorted returns the sites as sorted strings.
func (r report) sorted() []string {
	var lines []string
	for s := range r.sites {
		lines = append(lines, s.String())
	}
	slices.Sort(lines)
	return lines
}

// compareReports fails the test with the sites that only one of the two
// reports has.
func compareReports(t *testing.T, label string, golangci, command report) {
	t.Helper()
	var onlyGolangci, onlyCommand []string
	for _, line := range golangci.without(func(s site) bool { return command.sites[s] }).sorted() {
		onlyGolangci = append(onlyGolangci, "\n\t"+line)
	}
	for _, line := range command.without(func(s site) bool { return golangci.sites[s] }).sorted() {
		onlyCommand = append(onlyCommand, "\n\t"+line)
	}
	if len(onlyGolangci)+len(onlyCommand) > 0 {
		t.Errorf("%s: golangci-lint and the telephonyconfig command report different sites\nonly golangci-lint:%s\nonly the command:%s",
			label, strings.Join(onlyGolangci, ""), strings.Join(onlyCommand, ""))
	}
}

// toolEnv returns the environment of every command that the tests run:
// the test's own, with no module downloads and no toolchain switch, and
// with the workspace file at goWork, or none when goWork is empty.
func toolEnv(goWork, golangciCache string) []string {
	if goWork == "" {
		goWork = "off"
	}
	// os/exec uses the last value of a duplicated key, so these win.
	return append(os.Environ(),
		"GOWORK="+goWork,
		"GOPROXY=off",
		"GOTOOLCHAIN=local",
		"GOLANGCI_LINT_CACHE="+golangciCache,
	)
}

// commandResult is the outcome of one finished command.
type commandResult struct {
	stdout, stderr string
	exitCode       int
}

// run runs name with args in dir with env and returns its output and exit
// status. It fails the test when the command cannot start or times out.
func run(t *testing.T, dir string, env []string, name string, args ...string) commandResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), commandTimeout)
	defer cancel()

	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	result := commandResult{stdout: stdout.String(), stderr: stderr.String()}

	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("%s %s in %s timed out after %v\nstderr:\n%s", name, strings.Join(args, " "), dir, commandTimeout, result.stderr)
	case errors.As(err, &exitErr):
		result.exitCode = exitErr.ExitCode()
	case err != nil:
		t.Fatalf("run %s: %v", name, err)
	}
	return result
}

// relativeFile returns path relative to root, slash-separated, and fails
// the test when path is outside root.
func relativeFile(t *testing.T, root, path string) string {
	t.Helper()
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		t.Fatalf("diagnostic in %s, outside the copied input %s", path, root)
	}
	return filepath.ToSlash(rel)
}

// commandDiagnostic is a diagnostic in the JSON output of a
// go/analysis driver such as singlechecker.
type commandDiagnostic struct {
	Posn           string            `json:"posn"`
	Message        string            `json:"message"`
	SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
}

// parseCommandJSON parses the output of telephonyconfig -json, a stream of
// objects that map each package to its analyzers' diagnostics or to an
// error, into a report with paths relative to root.
func parseCommandJSON(t *testing.T, root, output string) report {
	t.Helper()
	r := newReport()
	decoder := json.NewDecoder(strings.NewReader(output))
	for {
		var packages map[string]map[string]json.RawMessage
		err := decoder.Decode(&packages)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parse telephonyconfig -json output: %v\n%s", err, output)
		}
		for pkg, analyzers := range packages {
			for name, raw := range analyzers {
				var diagnostics []commandDiagnostic
				if err := json.Unmarshal(raw, &diagnostics); err != nil {
					t.Fatalf("package %s, analyzer %s: not a list of diagnostics: %s", pkg, name, raw)
				}
				for _, d := range diagnostics {
					s := parsePosition(t, root, d.Posn)
					s.Message = d.Message
					r.sites[s] = true
					r.fixable[s] = r.fixable[s] || len(d.SuggestedFixes) > 0
				}
			}
		}
	}
	return r
}

// parsePosition parses "file:line:column" into a site without a message.
func parsePosition(t *testing.T, root, posn string) site {
	t.Helper()
	rest, columnText, ok1 := cutLast(posn, ":")
	file, lineText, ok2 := cutLast(rest, ":")
	line, err1 := strconv.Atoi(lineText)
	column, err2 := strconv.Atoi(columnText)
	if !ok1 || !ok2 || err1 != nil || err2 != nil {
		t.Fatalf("invalid position %q, expected file:line:column", posn)
	}
	return site{File: relativeFile(t, root, file), Line: line, Column: column}
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// golangciOutput is the part of golangci-lint's JSON output that the tests
// read.
type golangciOutput struct {
	Issues []struct {
		FromLinter string
		Text       string
		Pos        struct {
			Filename     string
			Line, Column int
		}
	}
}

// parseGolangciJSON parses golangci-lint's JSON output, written with
// --path-mode=abs, into a report with paths relative to root.
func parseGolangciJSON(t *testing.T, root string, output []byte) report {
	t.Helper()
	var parsed golangciOutput
	if err := json.Unmarshal(output, &parsed); err != nil {
		t.Fatalf("parse golangci-lint JSON output: %v\n%s", err, output)
	}
	r := newReport()
	for _, issue := range parsed.Issues {
		if issue.FromLinter != "telephonyconfig" {
			t.Errorf("issue from linter %q, expected only telephonyconfig: %s", issue.FromLinter, issue.Text)
			continue
		}
		s := site{
			File:    relativeFile(t, root, issue.Pos.Filename),
			Line:    issue.Pos.Line,
			Column:  issue.Pos.Column,
			Message: issue.Text,
		}
		r.sites[s] = true
	}
	return r
}
