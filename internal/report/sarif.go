package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/uvtools/telephonyconfig/analyzer"
)

// SARIFSchema is the URI of the SARIF 2.1.0 schema (OASIS Errata 01) that
// the SARIF output declares and is tested against.
const SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// srcRoot is the uriBaseId of relative artifact URIs. The run's
// originalUriBaseIds maps it to the directory the report is relative to.
const srcRoot = "SRCROOT"

// The SARIF objects below hold only the properties this package writes.
// Their names follow the SARIF 2.1.0 specification.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		Invocations        []sarifInvocation                `json:"invocations"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult                    `json:"results"`
		ColumnKind         string                           `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		Name                 string            `json:"name"`
		ShortDescription     sarifMessage      `json:"shortDescription"`
		FullDescription      sarifMessage      `json:"fullDescription"`
		HelpURI              string            `json:"helpUri"`
		DefaultConfiguration sarifRuleDefaults `json:"defaultConfiguration"`
	}
	sarifRuleDefaults struct {
		Level string `json:"level"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level   string       `json:"level"`
		Message sarifMessage `json:"message"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID     string          `json:"ruleId"`
		RuleIndex  int             `json:"ruleIndex"`
		Level      string          `json:"level"`
		Message    sarifMessage    `json:"message"`
		Locations  []sarifLocation `json:"locations"`
		Properties sarifProperties `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           sarifRegion           `json:"region"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	// sarifProperties is a result's property bag, with the fields of the
	// JSON output that SARIF has no place for.
	sarifProperties struct {
		FixAvailable bool     `json:"fixAvailable"`
		Reason       string   `json:"reason,omitempty"`
		Surface      string   `json:"surface"`
		Operation    string   `json:"operation,omitempty"`
		Providers    []string `json:"providers"`
		Replacements []string `json:"replacements"`
		Package      string   `json:"package"`
	}
)

// sarifRules describes the two diagnostic categories as SARIF rules, in
// the order of ruleIndex.
var sarifRules = []sarifRule{
	{
		ID:               CategoryDeprecated,
		Name:             "DeprecatedTelephonyConfigEndpoint",
		ShortDescription: sarifMessage{"Call of the deprecated endpoint " + oldPath},
		FullDescription: sarifMessage{"The code calls GET or PATCH " + oldPath +
			", which Ultravox replaced with one endpoint per provider under /api/telephony_configs/. " +
			"The result's fixAvailable property says whether telephonyconfig -fix rewrites the call, and reason says why not."},
		HelpURI:              analyzer.Analyzer.URL,
		DefaultConfiguration: sarifRuleDefaults{Level: "warning"},
	},
	{
		ID:               CategoryServed,
		Name:             "DeprecatedTelephonyConfigRouteServed",
		ShortDescription: sarifMessage{"Server or fake of the deprecated endpoint " + oldPath},
		FullDescription: sarifMessage{"A handler, route or fake serves " + oldPath +
			". Migrated clients call the per-provider endpoints instead, so the route can go once its clients are migrated. It is never fixed automatically."},
		HelpURI:              analyzer.Analyzer.URL,
		DefaultConfiguration: sarifRuleDefaults{Level: "note"},
	},
}

// WriteSARIF writes the report as a SARIF 2.1.0 log with one run. Each
// category is a rule, and each site is a result whose fixAvailable property
// records whether a fix exists. Load errors are tool execution
// notifications.
func WriteSARIF(w io.Writer, r *Report) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           analyzer.Analyzer.Name,
			InformationURI: analyzer.Analyzer.URL,
			Rules:          sarifRules,
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(r.Errors) == 0}},
		Results:     []sarifResult{},
		// Columns are converted from bytes, which Go counts, to characters.
		ColumnKind: "unicodeCodePoints",
	}
	if r.base != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: directoryURI(r.base)}}
	}
	for _, e := range r.Errors {
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotification{Level: "error", Message: sarifMessage{e.Package + ": " + e.Message}})
	}
	for _, s := range r.Sites {
		run.Results = append(run.Results, sarifResultOf(s))
	}
	log := sarifLog{Schema: SARIFSchema, Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func sarifResultOf(s Site) sarifResult {
	ruleIndex := 0
	message := s.Message
	if s.Category == CategoryServed {
		ruleIndex = 1
	} else if !s.Fixable {
		// The same text as the analyzer's diagnostic.
		message += " (no fix: " + s.Reason + ")"
	}
	return sarifResult{
		RuleID:    s.Category,
		RuleIndex: ruleIndex,
		Level:     sarifRules[ruleIndex].DefaultConfiguration.Level,
		Message:   sarifMessage{message},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
			ArtifactLocation: artifactLocation(s.File),
			Region:           sarifRegion{StartLine: s.Line, StartColumn: s.characterColumn},
		}}},
		Properties: sarifProperties{
			FixAvailable: s.Fixable,
			Reason:       s.Reason,
			Surface:      s.Surface,
			Operation:    s.Operation,
			Providers:    s.Providers,
			Replacements: s.Replacements,
			Package:      s.Package,
		},
	}
}

// artifactLocation returns a relative URI under srcRoot for a file that
// Site.File gives relative to the base directory, and a file URI for an
// absolute one.
func artifactLocation(file string) sarifArtifactLocation {
	if strings.HasPrefix(file, "/") || filepath.IsAbs(filepath.FromSlash(file)) {
		return sarifArtifactLocation{URI: fileURI(file)}
	}
	return sarifArtifactLocation{URI: (&url.URL{Path: file}).String(), URIBaseID: srcRoot}
}

// fileURI returns the file URI of a slash-separated absolute path, such as
// file:///home/x.go or, for a Windows path, file:///C:/x.go.
func fileURI(path string) string {
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return (&url.URL{Scheme: "file", Path: path}).String()
}

// directoryURI returns the file URI of a directory, ending in a slash as
// SARIF requires of a uriBaseId's URI.
func directoryURI(dir string) string {
	uri := fileURI(filepath.ToSlash(dir))
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}
