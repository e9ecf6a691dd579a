package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/uvtools/telephonyconfig/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// checkGolden compares got with testdata/NAME, or rewrites the file under
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func smallReport(t *testing.T) *report.Report {
	t.Helper()
	r := testdataReport(t, "small", true)
	if len(r.Errors) != 0 {
		t.Fatalf("the small package has errors: %v", r.Errors)
	}
	return r
}

func TestTableGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, smallReport(t)); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "small.table.golden", buf.Bytes())
}

func TestMarkdownGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteMarkdown(&buf, smallReport(t)); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "small.markdown.golden", buf.Bytes())
}

func TestTableWithoutSites(t *testing.T) {
	r := testdataReport(t, "clean", true)
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, r); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "No sites left to migrate in 1 package.\n"; got != want {
		t.Errorf("table = %q, want %q", got, want)
	}
}

func TestSummaryCountsPackagesWithSites(t *testing.T) {
	r := &report.Report{
		Packages: 3,
		Sites:    []report.Site{{File: "a.go", Line: 1, Column: 1, Package: "example.com/a"}},
		Totals:   report.Totals{Sites: 1, WithoutFix: 1},
	}
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, r); err != nil {
		t.Fatal(err)
	}
	if want := "1 site in 1 of 3 packages: 0 with a fix, 1 without."; !strings.Contains(buf.String(), want) {
		t.Errorf("table = %q, want it to contain %q", buf.String(), want)
	}
}

func TestTableWithErrors(t *testing.T) {
	r := testdataReport(t, "broken", true)
	var buf bytes.Buffer
	if err := report.WriteTable(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "The report is incomplete: 1 package failed") {
		t.Errorf("table does not say it is incomplete:\n%s", buf.String())
	}
}

func TestMarkdownEscapesText(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteMarkdown(&buf, smallReport(t)); err != nil {
		t.Fatal(err)
	}
	// Every checklist line is one item, and no reason adds formatting.
	for line := range strings.Lines(buf.String()) {
		if strings.HasPrefix(line, "- [ ] ") && strings.Count(line, "`")%2 != 0 {
			t.Errorf("checklist line has an unbalanced code span: %q", line)
		}
	}
}

// sarifSchema compiles the vendored SARIF 2.1.0 schema, which
// testdata/sarif-schema-2.1.0.md describes.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	compiler := jsonschema.NewCompiler()
	compiler.AssertFormat()
	if err := compiler.AddResource(report.SARIFSchema, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := compiler.Compile(report.SARIFSchema)
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

func validateSARIF(t *testing.T, schema *jsonschema.Schema, data []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the SARIF output is not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("the SARIF output does not validate against SARIF 2.1.0: %v\n%s", err, data)
	}
}

func writeSARIF(t *testing.T, r *report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSARIFSchemaRejectsInvalidLog checks that the validator is strict
// enough to fail, on a log whose result level SARIF does not define.
func TestSARIFSchemaRejectsInvalidLog(t *testing.T) {
	data := bytes.Replace(writeSARIF(t, smallReport(t)), []byte(`"level": "warning"`), []byte(`"level": "critical"`), 1)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sarifSchema(t).Validate(doc); err == nil {
		t.Error("a result with level critical validated")
	}
}

func TestSARIFValidates(t *testing.T) {
	schema := sarifSchema(t)
	for _, dir := range []string{"small", "clean", "broken"} {
		t.Run(dir, func(t *testing.T) {
			r := testdataReport(t, dir, true)
			validateSARIF(t, schema, writeSARIF(t, r))
		})
	}
}

func TestSARIFValidatesOnExample(t *testing.T) {
	r := exampleReport(t)
	validateSARIF(t, sarifSchema(t), writeSARIF(t, r))
}

// sarifLog holds the parts of a SARIF log that the tests check.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID                   string `json:"id"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Properties struct {
				FixAvailable *bool    `json:"fixAvailable"`
				Reason       string   `json:"reason"`
				Surface      string   `json:"surface"`
				Providers    []string `json:"providers"`
				Replacements []string `json:"replacements"`
			} `json:"properties"`
		} `json:"results"`
		ColumnKind string `json:"columnKind"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, data []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("the log has %d runs, want 1", len(log.Runs))
	}
	return log
}

// TestSARIFContent checks the rules, the results' locations, levels and
// fix properties, and the columns in code points.
func TestSARIFContent(t *testing.T) {
	log := decodeSARIF(t, writeSARIF(t, smallReport(t)))
	if log.Version != "2.1.0" || log.Schema != report.SARIFSchema {
		t.Errorf("version %q and $schema %q, want 2.1.0 and %s", log.Version, log.Schema, report.SARIFSchema)
	}
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	if run.Tool.Driver.Name != "telephonyconfig" || len(rules) != 2 ||
		rules[0].ID != report.CategoryDeprecated || rules[1].ID != report.CategoryServed {
		t.Fatalf("driver %q with rules %+v, want telephonyconfig with one rule per category", run.Tool.Driver.Name, rules)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q, want unicodeCodePoints", run.ColumnKind)
	}
	if base := run.OriginalURIBaseIDs["SRCROOT"].URI; !strings.HasPrefix(base, "file:///") || !strings.HasSuffix(base, "/testdata/small/") {
		t.Errorf("SRCROOT = %q, want the file URI of testdata/small/", base)
	}
	if !run.Invocations[0].ExecutionSuccessful {
		t.Error("executionSuccessful is false without load errors")
	}
	if len(run.Results) != 3 {
		t.Fatalf("got %d results, want 3", len(run.Results))
	}

	type want struct {
		rule, level, uri string
		line, column     int
		fix              bool
	}
	wants := []want{
		{report.CategoryDeprecated, "warning", "small.go", 34, 48, true},
		// « and » take two bytes each before the URL, one code point each.
		{report.CategoryDeprecated, "warning", "small.go", 53, 37, false},
		{report.CategoryServed, "note", "small_test.go", 13, 17, false},
	}
	for i, w := range wants {
		result := run.Results[i]
		location := result.Locations[0].PhysicalLocation
		if result.RuleID != w.rule || rules[result.RuleIndex].ID != w.rule || result.Level != w.level {
			t.Errorf("result %d: rule %q (index %d), level %q; want %q, %q", i, result.RuleID, result.RuleIndex, result.Level, w.rule, w.level)
		}
		if location.ArtifactLocation.URI != w.uri || location.ArtifactLocation.URIBaseID != "SRCROOT" {
			t.Errorf("result %d: artifact %+v, want %s under SRCROOT", i, location.ArtifactLocation, w.uri)
		}
		if location.Region.StartLine != w.line || location.Region.StartColumn != w.column {
			t.Errorf("result %d: region %+v, want line %d column %d", i, location.Region, w.line, w.column)
		}
		if result.Properties.FixAvailable == nil || *result.Properties.FixAvailable != w.fix {
			t.Errorf("result %d: fixAvailable %v, want %t", i, result.Properties.FixAvailable, w.fix)
		}
		if !w.fix && result.Properties.Reason == "" {
			t.Errorf("result %d: no reason for the missing fix", i)
		}
	}
	if text := run.Results[1].Message.Text; !strings.HasSuffix(text, "(no fix: the split into one request per provider is not safe: for GET /api/telephony_configs/twilio, the code handles a missing twilio configuration as nil, but GET /api/telephony_configs/twilio answers 404 Not Found for it)") {
		t.Errorf("result 1: message %q does not end with the reason, as the diagnostic does", text)
	}
}

func TestSARIFCharacterColumn(t *testing.T) {
	r := smallReport(t)
	// The site on line 53 follows "	resp, err := client.Get( /* « » */ ",
	// whose two non-ASCII characters take two bytes each.
	site := r.Sites[1]
	if site.Line != 53 {
		t.Fatalf("site 1 is on line %d, want 53", site.Line)
	}
	log := decodeSARIF(t, writeSARIF(t, r))
	if got, want := log.Runs[0].Results[1].Locations[0].PhysicalLocation.Region.StartColumn, site.Column-2; got != want {
		t.Errorf("SARIF startColumn = %d, want the byte column %d less 2 = %d", got, site.Column, want)
	}
}

// TestSARIFLoadErrors checks that load errors become error notifications
// of an unsuccessful invocation.
func TestSARIFLoadErrors(t *testing.T) {
	r := testdataReport(t, "broken", true)
	invocation := decodeSARIF(t, writeSARIF(t, r)).Runs[0].Invocations[0]
	if invocation.ExecutionSuccessful {
		t.Error("executionSuccessful is true although a package failed to type-check")
	}
	if len(invocation.ToolExecutionNotifications) == 0 {
		t.Fatal("no notification for the load error")
	}
	n := invocation.ToolExecutionNotifications[0]
	if n.Level != "error" || !strings.Contains(n.Message.Text, "undefinedArgument") {
		t.Errorf("notification %+v, want an error naming undefinedArgument", n)
	}
}
