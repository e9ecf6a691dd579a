package e2e_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/uvtools/telephonyconfig/fakeultravox"
)

// TestExampleMigration migrates a copy of each example with the analyzer's
// fixes and checks that the result is correct as raw edits, builds, sends
// the replacement requests and behaves like the original. It then checks
// that go vet -vettool, -fix and go fix -fixtool agree with it.
func TestExampleMigration(t *testing.T) {
	goBin := goTool(t)
	root := repositoryRoot(t, goBin)
	binDir := t.TempDir()
	commandBin := buildProgram(t, goBin, root, nil, "./cmd/telephonyconfig", binDir, "telephonyconfig")

	for _, example := range exampleCases {
		t.Run(example.name, func(t *testing.T) {
			testExampleMigration(t, goBin, resolveExample(t, goBin, root, example), commandBin, example)
		})
	}
}

// testExampleMigration runs every migration check on one example.
func testExampleMigration(t *testing.T, goBin string, source exampleSource, commandBin string, example exampleCase) {
	binDir := t.TempDir()
	originalDir := copyExample(t, source)
	originalFiles := readGoFiles(t, originalDir)
	migratedDir := copyExample(t, source)

	// The steps that later checks depend on run here rather than in
	// subtests, so that go test -run can select any one check.
	firstRun := analyzeModule(t, migratedDir, source.pattern())
	t.Run("analyzer reports every site", func(t *testing.T) {
		checkSites(t, firstRun, example.sites)
	})
	t.Run("diagnostics quote no body literal", func(t *testing.T) {
		checkNoBodyLiteralInMessages(t, firstRun)
	})

	migratedFiles := applyFirstFixes(t, firstRun, migratedDir)
	if reflect.DeepEqual(migratedFiles, originalFiles) {
		t.Fatal("applying the fixes changed no file")
	}

	t.Run("fixes change only the example", func(t *testing.T) {
		prefix := source.packageDir + "/"
		for name, original := range originalFiles {
			if source.packageDir != "" && !strings.HasPrefix(name, prefix) && !bytes.Equal(migratedFiles[name], original) {
				t.Errorf("a fix changed %s, which is outside the example's directory %s", name, source.packageDir)
			}
		}
	})

	t.Run("migrated copy is gofmt-clean", func(t *testing.T) {
		res := runCommand(t, migratedDir, copyEnv, gofmtTool(t, goBin), "-l", source.formatDir())
		if res.err != nil {
			t.Fatalf("gofmt -l failed: %v\n%s", res.err, res.stderr)
		}
		if res.stdout != "" {
			t.Errorf("gofmt -l lists files that the raw edits left unformatted:\n%s", res.stdout)
		}
	})

	t.Run("migrated copy builds", func(t *testing.T) {
		// With -o naming a directory, go build writes any binary there,
		// whatever the number of packages, and never into the copy.
		res := runCommand(t, migratedDir, copyEnv, goBin, "build", "-o", t.TempDir()+string(filepath.Separator), source.pattern())
		if res.err != nil {
			t.Errorf("go build %s failed on the migrated copy: %v\n%s", source.pattern(), res.err, res.stderr)
		}
	})

	t.Run("migrated copy passes go vet", func(t *testing.T) {
		res := runCommand(t, migratedDir, copyEnv, goBin, "vet", source.pattern())
		if res.err != nil {
			t.Errorf("go vet %s failed on the migrated copy: %v\n%s", source.pattern(), res.err, res.stderr)
		}
	})

	t.Run("migrated program behaves the same", func(t *testing.T) {
		originalBin := buildProgram(t, goBin, originalDir, copyEnv, source.mainPackage(), binDir, "original")
		migratedBin := buildProgram(t, goBin, migratedDir, copyEnv, source.mainPackage(), binDir, "migrated")
		before := runExample(t, originalBin)
		after := runExample(t, migratedBin)
		checkSameBehavior(t, example, before, after)
	})

	t.Run("second analysis finds nothing to fix", func(t *testing.T) {
		secondRun := analyzeModule(t, migratedDir, source.pattern())
		for _, d := range secondRun.diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: the migrated code still gets a fix: %s", secondRun.position(d.Pos), d.Message)
			}
		}
		var functions, want []string
		for _, d := range secondRun.diagnostics {
			functions = append(functions, secondRun.enclosingFunction(d.Pos))
		}
		for _, site := range example.sites {
			if !site.fixed {
				want = append(want, site.function)
			}
		}
		if !slices.Equal(functions, want) {
			t.Errorf("diagnostics on the migrated code are in functions %q, want %q", functions, want)
		}
	})

	t.Run("go vet -vettool reports every site", func(t *testing.T) {
		dir := copyExample(t, source)
		res := runCommand(t, dir, copyEnv, goBin, "vet", "-vettool="+commandBin, source.pattern())
		if res.err == nil {
			t.Errorf("go vet -vettool exited with status 0, want non-zero because there are diagnostics\n%s", res.stderr)
		}
		output := res.stdout + res.stderr
		var reported []string
		for line := range strings.Lines(output) {
			if namesDeprecatedEndpoint(line) {
				reported = append(reported, strings.TrimSpace(line))
			}
		}
		if len(reported) != len(example.sites) {
			t.Errorf("go vet -vettool printed %d lines that call %s deprecated, want %d:\n%s", len(reported), oldPath, len(example.sites), output)
		}
		for _, site := range example.sites {
			if !slices.ContainsFunc(reported, func(line string) bool { return strings.Contains(line, site.message) }) {
				t.Errorf("go vet -vettool output has no line with %q (the site in %s):\n%s", site.message, site.function, output)
			}
		}
		checkSameFiles(t, "go vet -vettool", originalFiles, readGoFiles(t, dir), false)
	})

	t.Run("-fix matches raw edits", func(t *testing.T) {
		dir := copyExample(t, source)
		res := runCommand(t, dir, copyEnv, commandBin, "-fix", source.pattern())
		if res.err != nil {
			t.Fatalf("telephonyconfig -fix failed: %v\n%s%s", res.err, res.stdout, res.stderr)
		}
		checkSameFiles(t, "telephonyconfig -fix", migratedFiles, readGoFiles(t, dir), true)
		checkNoDiff(t, commandBin, dir, source.pattern())
	})

	t.Run("go fix -fixtool matches raw edits", func(t *testing.T) {
		dir := copyExample(t, source)
		res := runCommand(t, dir, copyEnv, goBin, "fix", "-fixtool="+commandBin, source.pattern())
		if res.err != nil {
			t.Fatalf("go fix -fixtool failed: %v\n%s%s", res.err, res.stdout, res.stderr)
		}
		checkSameFiles(t, "go fix -fixtool", migratedFiles, readGoFiles(t, dir), true)
		checkNoDiff(t, commandBin, dir, source.pattern())
	})
}

// checkSites checks that r has exactly one diagnostic per request of the
// example, with a fix where one is expected and none elsewhere.
func checkSites(t *testing.T, r analysisRun, sites []exampleSite) {
	t.Helper()
	byFunction := make(map[string][]int)
	for i, d := range r.diagnostics {
		function := r.enclosingFunction(d.Pos)
		byFunction[function] = append(byFunction[function], i)
		if !slices.ContainsFunc(sites, func(site exampleSite) bool { return site.function == function }) {
			t.Errorf("%s: unexpected diagnostic in function %q: %s", r.position(d.Pos), function, d.Message)
		}
	}
	if len(r.diagnostics) != len(sites) {
		t.Errorf("got %d diagnostics, want %d", len(r.diagnostics), len(sites))
	}

	for _, site := range sites {
		indexes := byFunction[site.function]
		if len(indexes) != 1 {
			t.Errorf("%s: got %d diagnostics, want 1", site.function, len(indexes))
			continue
		}
		d := r.diagnostics[indexes[0]]
		where := fmt.Sprintf("%s (%s)", r.position(d.Pos), site.function)
		if !namesDeprecatedEndpoint(d.Message) {
			t.Errorf("%s: message %q does not call %s deprecated", where, d.Message, oldPath)
		}
		if !strings.Contains(d.Message, site.message) {
			t.Errorf("%s: message %q does not contain %q", where, d.Message, site.message)
		}
		switch {
		case site.fixed && len(d.SuggestedFixes) != 1:
			t.Errorf("%s: got %d suggested fixes, want 1; message: %s", where, len(d.SuggestedFixes), d.Message)
		case site.fixed && len(d.SuggestedFixes[0].TextEdits) == 0:
			t.Errorf("%s: the suggested fix has no edits", where)
		case !site.fixed && len(d.SuggestedFixes) != 0:
			t.Errorf("%s: got %d suggested fixes, want none; message: %s", where, len(d.SuggestedFixes), d.Message)
		}
	}
}

// namesDeprecatedEndpoint reports whether a diagnostic message, or a line
// of go vet output, says that a call of the old endpoint is deprecated.
// Messages about raw requests read "PATCH <old path> is deprecated: …" and
// those about generated clients "<method> calls the deprecated PATCH <old
// path>: …".
func namesDeprecatedEndpoint(message string) bool {
	return strings.Contains(message, "deprecated") && strings.Contains(message, oldPath)
}

// checkNoBodyLiteralInMessages checks that no diagnostic, fix or related
// message of r contains a string that the example sends in a request body,
// because such strings are often credentials.
func checkNoBodyLiteralInMessages(t *testing.T, r analysisRun) {
	t.Helper()
	literals := bodyLiterals(t, r)
	// Every example sends these. In example/nethttp they come from a map
	// literal, a struct literal, a constant passed as an argument and raw
	// JSON, so each way of collecting is exercised.
	for _, want := range []string{"caller.phoneNumber", "5b0c8a3e-9f1d-4c2a-b7e4-1d2f3a4b5c6d", "twilio-test-auth-token", "plivo-test-auth-token"} {
		if !slices.Contains(literals, want) {
			t.Errorf("the collected body literals %q do not contain %q", literals, want)
		}
	}

	for _, d := range r.diagnostics {
		messages := []string{d.Message}
		for _, fix := range d.SuggestedFixes {
			messages = append(messages, fix.Message)
		}
		for _, related := range d.Related {
			messages = append(messages, related.Message)
		}
		for _, message := range messages {
			for _, literal := range literals {
				if strings.Contains(message, literal) {
					t.Errorf("%s: message %q contains the body literal %q", r.position(d.Pos), message, literal)
				}
			}
		}
	}
}

// bodyLiterals returns the string literals of r's files that can end up in
// a request body: elements of composite literals, values of constant and
// variable declarations, and the string values inside literals that contain
// a JSON object. Strings of three bytes or fewer are left out, because they
// match too much text by chance, and so are API paths such as a constant
// holding the old endpoint, because every message names the endpoints.
func bodyLiterals(t *testing.T, r analysisRun) []string {
	t.Helper()
	seen := make(map[string]bool)
	add := func(expr ast.Expr) {
		if value, ok := stringLiteral(expr); ok && len(value) > 3 && !strings.HasPrefix(value, "/api/") {
			seen[value] = true
		}
	}
	for _, file := range r.files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				for _, element := range n.Elts {
					if pair, ok := element.(*ast.KeyValueExpr); ok {
						element = pair.Value
					}
					add(element)
				}
			case *ast.ValueSpec:
				for _, value := range n.Values {
					add(value)
				}
			case *ast.BasicLit:
				text, ok := stringLiteral(n)
				if !ok {
					break
				}
				var object map[string]any
				if json.Unmarshal([]byte(text), &object) != nil {
					break
				}
				for _, value := range jsonStrings(object) {
					if len(value) > 3 {
						seen[value] = true
					}
				}
			}
			return true
		})
	}
	literals := slices.Sorted(maps.Keys(seen))
	if len(literals) == 0 {
		t.Fatal("found no string literal that the example sends in a request body")
	}
	return literals
}

// stringLiteral returns the value of expr when it is a string literal.
func stringLiteral(expr ast.Expr) (string, bool) {
	lit, ok := expr.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	value, err := strconv.Unquote(lit.Value)
	return value, err == nil
}

// jsonStrings returns the string values in a decoded JSON value, but not
// the object keys.
func jsonStrings(value any) []string {
	switch value := value.(type) {
	case string:
		return []string{value}
	case []any:
		var out []string
		for _, element := range value {
			out = append(out, jsonStrings(element)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, element := range value {
			out = append(out, jsonStrings(element)...)
		}
		return out
	}
	return nil
}

// checkSameBehavior compares a run of the original example with a run of
// the migrated one. Both must print what the example expects, so for most
// examples the same output.
func checkSameBehavior(t *testing.T, example exampleCase, before, after exampleRun) {
	t.Helper()
	checkExitCode(t, "the original program", before, example.exitCode)
	checkExitCode(t, "the migrated program", after, example.exitCode)
	if lines := strings.Count(before.stdout, "\n"); lines != len(example.sites) {
		t.Errorf("the original program printed %d lines, want one per step (%d):\n%s", lines, len(example.sites), before.stdout)
	}
	if before.stdout != example.stdout {
		t.Errorf("the original program's stdout is\n%s\nwant\n%s", before.stdout, example.stdout)
	}
	if after.stdout != example.migratedStdout {
		t.Errorf("the migrated program's stdout is\n%s\nwant\n%s", after.stdout, example.migratedStdout)
	}
	if !before.state.Equal(after.state) {
		t.Errorf("final state differs\noriginal:\n%s\nmigrated:\n%s", before.state.JSON(), after.state.JSON())
	}
	if !reflect.DeepEqual(before.state, after.state) {
		t.Errorf("final state differs under reflect.DeepEqual\noriginal:\n%s\nmigrated:\n%s", before.state.JSON(), after.state.JSON())
	}

	for _, request := range before.requests {
		if request.Path != oldPath || request.Status != 200 {
			t.Errorf("original program: got request %q, want only requests to %s that succeed with 200", formatRequest(request), oldPath)
		}
	}
	var log []string
	for _, request := range after.requests {
		log = append(log, formatRequest(request))
		if request.Path == oldPath && request.Method != "GET" {
			t.Errorf("migrated program: %s still goes to the old endpoint", formatRequest(request))
		}
	}
	if !slices.Equal(log, example.migratedRequests) {
		t.Errorf("migrated program: request log\n%s\nwant\n%s", strings.Join(log, "\n"), strings.Join(example.migratedRequests, "\n"))
	}
	checkUnwrappedBodies(t, before.requests, after.requests)
}

// checkUnwrappedBodies checks that the migrated program sends, for each
// provider that an old PATCH body names, one request to that provider's
// endpoint: a POST of the provider object for an object and a DELETE
// without a body for null. These requests must come in the order of the old
// PATCHes, but the requests of one PATCH may come in any order, because the
// body's JSON encoding need not list the providers in the order that the
// source does. The request log comparison fixes that order. Every GET must
// send no body.
func checkUnwrappedBodies(t *testing.T, before, after []fakeultravox.Request) {
	t.Helper()
	var changes []fakeultravox.Request
	for _, migrated := range after {
		if migrated.Method != "GET" {
			changes = append(changes, migrated)
			continue
		}
		if migrated.Body != nil {
			t.Errorf("migrated program: %s sent the body %s, want none", formatRequest(migrated), migrated.Body)
		}
	}

	next := 0
	for _, original := range before {
		if original.Method == "GET" {
			continue
		}
		objects, err := providerObjects(original)
		if err != nil {
			t.Errorf("original program: %s: %v", formatRequest(original), err)
			return
		}
		if next+len(objects) > len(changes) {
			t.Errorf("migrated program: sent %d requests that are not GETs, want at least %d, one per provider of each PATCH up to %s with body %s",
				len(changes), next+len(objects), formatRequest(original), original.Body)
			return
		}
		split := changes[next : next+len(objects)]
		next += len(objects)
		for _, provider := range slices.Sorted(maps.Keys(objects)) {
			path := "/api/telephony_configs/" + provider
			i := slices.IndexFunc(split, func(r fakeultravox.Request) bool { return r.Path == path })
			if i < 0 {
				t.Errorf("migrated program: no request to %s among those that replace %s with body %s", path, formatRequest(original), original.Body)
				continue
			}
			checkProviderRequest(t, split[i], objects[provider], original)
		}
	}
	if next != len(changes) {
		t.Errorf("migrated program: sent %d requests that are not GETs, want %d, one per provider of each PATCH", len(changes), next)
	}
}

// checkProviderRequest checks that migrated, which replaces a part of the
// old PATCH original, is a POST of object, or a DELETE without a body when
// object is nil.
func checkProviderRequest(t *testing.T, migrated fakeultravox.Request, object json.RawMessage, original fakeultravox.Request) {
	t.Helper()
	if object == nil {
		if migrated.Method != "DELETE" || migrated.Body != nil {
			t.Errorf("migrated program: got %s with body %q, want a DELETE without a body for null in %s", formatRequest(migrated), migrated.Body, original.Body)
		}
		return
	}
	if migrated.Method != "POST" {
		t.Errorf("migrated program: got %s, want a POST of the provider object in %s", formatRequest(migrated), original.Body)
	}
	if !sameJSON(object, migrated.Body) {
		t.Errorf("migrated program: %s sent the body %s, want the provider object %s of %s", formatRequest(migrated), migrated.Body, object, original.Body)
	}
}

// providerObjects returns the providers that an old PATCH body names, each
// with its object, or with nil when the body sets it to null.
func providerObjects(request fakeultravox.Request) (map[string]json.RawMessage, error) {
	if request.Method != "PATCH" {
		return nil, fmt.Errorf("got method %s, want GET or PATCH", request.Method)
	}
	var wrapper map[string]json.RawMessage
	if err := json.Unmarshal(request.Body, &wrapper); err != nil {
		return nil, fmt.Errorf("invalid PATCH body %s: %v", request.Body, err)
	}
	if len(wrapper) == 0 {
		return nil, fmt.Errorf("PATCH body %s names no provider", request.Body)
	}
	for provider, object := range wrapper {
		if string(object) == "null" {
			wrapper[provider] = nil
		}
	}
	return wrapper, nil
}

// sameJSON reports whether a and b encode the same JSON value.
func sameJSON(a, b []byte) bool {
	var valueA, valueB any
	if json.Unmarshal(a, &valueA) != nil || json.Unmarshal(b, &valueB) != nil {
		return false
	}
	return reflect.DeepEqual(valueA, valueB)
}

// checkSameFiles compares the Go files that a driver left with want. With
// formatted set, files that differ are compared again after gofmt, because
// the drivers may format and clean up what they edit.
func checkSameFiles(t *testing.T, driver string, want, got map[string][]byte, formatted bool) {
	t.Helper()
	names := slices.Sorted(maps.Keys(want))
	if gotNames := slices.Sorted(maps.Keys(got)); !slices.Equal(names, gotNames) {
		t.Errorf("%s: got files %q, want %q", driver, gotNames, names)
		return
	}
	for _, name := range names {
		wantText, gotText := want[name], got[name]
		// Equal files need no formatting. This skips the large generated
		// clients that some examples are copied with.
		if bytes.Equal(wantText, gotText) {
			continue
		}
		if formatted {
			var err error
			if wantText, err = format.Source(wantText); err != nil {
				t.Errorf("%s: gofmt of the raw-edit %s failed: %v", driver, name, err)
				continue
			}
			if gotText, err = format.Source(gotText); err != nil {
				t.Errorf("%s: gofmt of the driver's %s failed: %v", driver, name, err)
				continue
			}
		}
		if !bytes.Equal(wantText, gotText) {
			t.Errorf("%s: %s differs from the expected result: %s", driver, name, firstDifference(wantText, gotText))
		}
	}
}

// firstDifference describes the first line at which want and got differ.
func firstDifference(want, got []byte) string {
	wantLines := strings.Split(string(want), "\n")
	gotLines := strings.Split(string(got), "\n")
	for i := range max(len(wantLines), len(gotLines)) {
		var wantLine, gotLine string
		if i < len(wantLines) {
			wantLine = wantLines[i]
		}
		if i < len(gotLines) {
			gotLine = gotLines[i]
		}
		if wantLine != gotLine || i >= len(wantLines) || i >= len(gotLines) {
			return fmt.Sprintf("line %d is %q, want %q", i+1, gotLine, wantLine)
		}
	}
	return "no difference"
}

// checkNoDiff runs the command with -fix -diff on the packages that
// pattern matches in dir and checks that it proposes no change.
func checkNoDiff(t *testing.T, commandBin, dir, pattern string) {
	t.Helper()
	res := runCommand(t, dir, copyEnv, commandBin, "-fix", "-diff", pattern)
	if res.err != nil {
		t.Errorf("second telephonyconfig -fix -diff failed: %v\n%s", res.err, res.stderr)
	}
	if res.stdout != "" {
		t.Errorf("second telephonyconfig -fix -diff proposes changes:\n%s", res.stdout)
	}
}
