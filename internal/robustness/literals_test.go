package robustness_test

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// largeBodyTemplate is a file with one PATCH whose JSON body replaces BODY.
const largeBodyTemplate = `package largebody

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// SetTwilio stores Twilio credentials with many extra fields.
func SetTwilio(ctx context.Context, c *http.Client, base string) error {
	req, err := http.NewRequestWithContext(ctx, http.METHOD, base+"PATH", strings.NewReader(BODY))
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.STATUS {
		return fmt.Errorf("set twilio: %s", resp.Status)
	}
	return nil
}
`

// largeBodyModule returns a module whose one call sends a backquoted body
// that sets twilio to an object with extraFields more fields, and the
// client.go that the fix should produce.
func largeBodyModule(extraFields int) (input map[string][]byte, fixed []byte) {
	var fields strings.Builder
	fields.WriteString("\t\t\"accountSid\": \"AC1\"")
	for i := range extraFields {
		fmt.Fprintf(&fields, ",\n\t\t\"field%06d\": \"%s\"", i, strings.Repeat("a", 40))
	}
	object := "{\n" + fields.String() + "\n\t}"
	before := strings.NewReplacer(
		"METHOD", "MethodPatch",
		"PATH", "/api/accounts/me/telephony_config",
		"BODY", "`{\n\t\"twilio\": "+object+"\n}`",
		"STATUS", "StatusOK",
	).Replace(largeBodyTemplate)
	after := strings.NewReplacer(
		"METHOD", "MethodPost",
		"PATH", "/api/telephony_configs/twilio",
		"BODY", "`"+object+"`",
		"STATUS", "StatusCreated",
	).Replace(largeBodyTemplate)
	input = map[string][]byte{
		"go.mod":    []byte("module example.com/largebody\n\ngo 1.26\n"),
		"client.go": []byte(before),
	}
	return input, []byte(after)
}

func TestLargeBody(t *testing.T) {
	t.Parallel()
	// 18000 extra fields of 60 bytes each make a body of about 1 MB.
	const extraFields = 18000
	// maxExtraCPU bounds how much more CPU time the large body may take than
	// a small one. It is generous, so that a loaded machine passes, but a
	// fix whose time grows with the square of the body's size needs far
	// more.
	const maxExtraCPU = 15 * time.Second

	smallInput, smallFixed := largeBodyModule(1)
	small := writeModule(t, smallInput, map[string][]byte{"want/client.go": smallFixed})
	baseline := runTool(t, small.dir, nil, "-fix", "./...")
	expectExit(t, baseline, 0)
	small.expectFiles(t, baseline.command, small.expected("want"))

	input, fixed := largeBodyModule(extraFields)
	m := writeModule(t, input, map[string][]byte{"want/client.go": fixed})

	t.Run("edits leave the object alone", func(t *testing.T) {
		res := runTool(t, m.dir, nil, "-json", "./...")
		expectExit(t, res, 0)
		packages, err := parseJSONOutput(res.stdout)
		if err != nil {
			t.Fatalf("%s: %v", res.command, err)
		}
		diagnostics := allDiagnostics(packages)
		if len(diagnostics) != 1 || len(diagnostics[0].SuggestedFixes) != 1 {
			t.Fatalf("%s gave %d diagnostics, want 1 with one fix:\n%s", res.command, len(diagnostics), shorten(res.stdout))
		}
		// Cutting the body down to the provider's object removes a few bytes
		// at each end and never rewrites the object.
		for _, edit := range diagnostics[0].SuggestedFixes[0].Edits {
			if edit.End-edit.Start > 100 || len(edit.New) > 100 {
				t.Errorf("an edit replaces bytes [%d, %d) with %d bytes, want at most 100 of each", edit.Start, edit.End, len(edit.New))
			}
		}
	})

	t.Run("-fix is correct and fast", func(t *testing.T) {
		res := expectFixedModule(t, m, nil)
		if extra := res.cpu - baseline.cpu; extra > maxExtraCPU {
			t.Errorf("-fix of a %d-byte body took %v of CPU time, %v more than a small body; want at most %v more", len(input["client.go"]), res.cpu, extra, maxExtraCPU)
		}
	})
}

func TestNonUTF8(t *testing.T) {
	t.Parallel()

	t.Run("escapes are fixed", func(t *testing.T) {
		t.Parallel()
		expectFixedModule(t, newModule(t, "nonutf8"), nil)
	})

	t.Run("report is valid UTF-8", func(t *testing.T) {
		t.Parallel()
		m := newModule(t, "nonutf8")
		res := expectReport(t, m, nil, "./...")
		if !utf8.ValidString(res.stderr) {
			t.Errorf("%s printed invalid UTF-8:\n%q", res.command, res.stderr)
		}
	})

	t.Run("JSON edits keep the escapes", func(t *testing.T) {
		t.Parallel()
		m := newModule(t, "nonutf8")
		res := runTool(t, m.dir, nil, "-json", "./...")
		expectExit(t, res, 0)
		if !utf8.ValidString(res.stdout) {
			t.Errorf("%s printed invalid UTF-8", res.command)
		}

		packages, err := parseJSONOutput(res.stdout)
		if err != nil {
			t.Fatalf("%s: %v\n%s", res.command, err, res.stdout)
		}
		var edits []jsonEdit
		for _, d := range allDiagnostics(packages) {
			for _, fix := range d.SuggestedFixes {
				edits = append(edits, fix.Edits...)
			}
		}
		// encoding/json writes an invalid byte as U+FFFD, so an edit that
		// carried one would corrupt the file it is applied to.
		for _, edit := range edits {
			if strings.ContainsRune(edit.New, utf8.RuneError) {
				t.Errorf("the edit of bytes [%d, %d) inserts %q, which contains U+FFFD", edit.Start, edit.End, edit.New)
			}
		}

		got, err := applyEdits(m.input["client.go"], edits)
		if err != nil {
			t.Fatal(err)
		}
		// The driver formats the file after applying the edits, and the
		// raw edits must already be formatted, so they give want/client.go.
		if want := m.want["want/client.go"]; !bytes.Equal(got, want) {
			t.Errorf("the JSON edits applied to client.go differ from want/client.go: %s", firstDifference(got, want))
		}
	})

	t.Run("raw invalid bytes fail loading", func(t *testing.T) {
		t.Parallel()
		// Go source must be valid UTF-8, so a raw 0xff byte in a raw string
		// literal is a syntax error that the tool reports without crashing.
		input, _ := largeBodyModule(0)
		client := strings.Replace(string(input["client.go"]), `"accountSid": "AC1"`, "\"accountSid\": \"AC\xff\xfe\"", 1)
		input["client.go"] = []byte(client)
		m := writeModule(t, input, nil)
		for _, args := range [][]string{{"./..."}, {"-fix", "./..."}} {
			res := runTool(t, m.dir, nil, args...)
			expectExit(t, res, 1)
			// The invalid bytes start at column 20 of line 14.
			const want = "client.go:14:20: illegal UTF-8 encoding\n"
			if !strings.Contains(m.relative(res.stderr), want) {
				t.Errorf("%s printed\n%s\nwant a line %q", res.command, res.stderr, want)
			}
		}
		m.expectFiles(t, "-fix", m.input)
	})
}

// TestCRLFLineEndings fixes a file with CRLF line endings whose URLs and
// JSON bodies are raw string literals. go/scanner drops the carriage
// returns inside a raw literal from its value, so edits planned on the
// value must be mapped back to the file's bytes.
func TestCRLFLineEndings(t *testing.T) {
	t.Parallel()
	toCRLF := func(data []byte) []byte { return bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")) }
	input, want := loadArchive(t, "crlf")
	input["client.go"] = toCRLF(input["client.go"])

	t.Run("report", func(t *testing.T) {
		t.Parallel()
		expectReport(t, writeModule(t, input, want), nil, "./...")
	})

	t.Run("raw edits keep CRLF", func(t *testing.T) {
		t.Parallel()
		m := writeModule(t, input, want)
		res := runTool(t, m.dir, nil, "-json", "./...")
		expectExit(t, res, 0)
		packages, err := parseJSONOutput(res.stdout)
		if err != nil {
			t.Fatalf("%s: %v\n%s", res.command, err, res.stdout)
		}
		var edits []jsonEdit
		for _, d := range allDiagnostics(packages) {
			if len(d.SuggestedFixes) != 1 {
				t.Errorf("%s: %s has %d fixes, want 1", m.relative(d.Posn), d.Message, len(d.SuggestedFixes))
				continue
			}
			edits = append(edits, d.SuggestedFixes[0].Edits...)
		}
		got, err := applyEdits(input["client.go"], edits)
		if err != nil {
			t.Fatal(err)
		}
		// The raw edits change only the calls, so the file keeps its CRLF
		// line endings, also inside the raw literals.
		if expected := toCRLF(want["want/client.go"]); !bytes.Equal(got, expected) {
			t.Errorf("the JSON edits applied to client.go differ from want/client.go with CRLF line endings: %s", firstDifference(got, expected))
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "client.go", got, 0); err != nil {
			t.Errorf("client.go does not parse after the JSON edits: %v", err)
		}
	})

	t.Run("-fix", func(t *testing.T) {
		t.Parallel()
		// The driver formats each file it fixes, and gofmt writes LF line
		// endings, so the result is want/client.go as it is.
		expectFixedModule(t, writeModule(t, input, want), nil)
	})
}

// TestFixedForms fixes modules whose calls spell URLs, bodies and imports
// in unusual ways, and checks the report, the fixed files and the build.
func TestFixedForms(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"fmtverbs", "rawstrings", "shadowing", "importnames"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := newModule(t, name)
			expectReport(t, m, nil, "./...")
			expectFixedModule(t, m, nil)
			if name == "rawstrings" {
				expectRawLiterals(t, m.dir, "client.go")
			}
		})
	}
}

// expectRawLiterals checks that every string literal in the file that holds
// an API path or a JSON body is still a raw string literal.
func expectRawLiterals(t *testing.T, dir, name string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	file := fset.AddFile(name, -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, 0)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.STRING || !strings.Contains(lit, "/api/") && !strings.Contains(lit, "{") {
			continue
		}
		if !strings.HasPrefix(lit, "`") {
			t.Errorf("%s: the literal %s is no longer a raw string literal", fset.Position(pos), lit)
		}
	}
}

func TestDotImport(t *testing.T) {
	t.Parallel()

	t.Run("fixed code builds", func(t *testing.T) {
		t.Parallel()
		m := newModule(t, "dotimport")
		res := runTool(t, m.dir, nil, "-fix", "./...")
		expectExit(t, res, 0)
		expectBuilds(t, m.dir, nil, "./...")
	})

	t.Run("fix keeps unqualified names", func(t *testing.T) {
		t.Parallel()
		expectFixedModule(t, newModule(t, "dotimport"), nil)
	})
}

func TestLastImport(t *testing.T) {
	t.Parallel()

	t.Run("sites are reported", func(t *testing.T) {
		t.Parallel()
		m := newModule(t, "lastimport")
		res := runTool(t, m.dir, nil, "./...")
		expectExit(t, res, 3)
		wantPrefixes := []string{
			"block.go:16:64: " + oldPatchPrefix + "use DELETE /api/telephony_configs/telnyx",
			"single.go:16:64: " + oldPatchPrefix + "use DELETE /api/telephony_configs/twilio",
		}
		lines := sortedLines(m.relative(res.stderr))
		if len(lines) != len(wantPrefixes) {
			t.Fatalf("%s printed %d lines, want %d:\n%s", res.command, len(lines), len(wantPrefixes), res.stderr)
		}
		for i, line := range lines {
			if !strings.HasPrefix(line, wantPrefixes[i]) {
				t.Errorf("%s printed %q, want a line that starts with %q", res.command, line, wantPrefixes[i])
			}
		}
	})

	t.Run("fix removes the declaration", func(t *testing.T) {
		t.Parallel()
		expectFixedModule(t, newModule(t, "lastimport"), nil)
	})
}
