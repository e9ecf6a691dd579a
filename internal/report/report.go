package report

import (
	"cmp"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/uvtools/telephonyconfig/analyzer"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// SchemaVersion is the version of the JSON output described in the package
// documentation. It changes only when a field is removed or changes meaning.
const SchemaVersion = 1

// Report is the summary of every site that the analyzer reported in a set
// of packages.
type Report struct {
	SchemaVersion int `json:"schemaVersion"`
	// Patterns are the package patterns the report was made for.
	Patterns []string `json:"patterns"`
	// Tests records whether test files were analyzed.
	Tests bool `json:"tests"`
	// Patch records the analyzer's -patch flag, which changes the
	// replacement of a PATCH from POST to PATCH.
	Patch bool `json:"patch"`
	// Packages is the number of distinct packages analyzed without error,
	// not counting a package's test variant or generated test main package
	// separately.
	Packages int     `json:"packages"`
	Sites    []Site  `json:"sites"`
	Totals   Totals  `json:"totals"`
	Errors   []Error `json:"errors"`
	// base is the absolute directory that Site.File is relative to.
	base string
}

// Site is one reported use of the deprecated endpoint.
type Site struct {
	// File is slash-separated and relative to the working directory when
	// the file is inside it, and absolute otherwise.
	File string `json:"file"`
	// Line and Column are 1-based. Column counts bytes, as Go tools do.
	Line   int `json:"line"`
	Column int `json:"column"`
	// Package is the import path of the package the file belongs to.
	Package      string   `json:"package"`
	Category     string   `json:"category"`
	Surface      string   `json:"surface"`
	Operation    string   `json:"operation"`
	Providers    []string `json:"providers"`
	Replacements []string `json:"replacements"`
	Fixable      bool     `json:"fixable"`
	// Reason is why there is no fix, and empty when there is one.
	Reason  string `json:"reason"`
	Message string `json:"message"`
	// characterColumn is Column counted in Unicode code points, as SARIF
	// counts it, or 0 when the source line could not be read.
	characterColumn int
}

// Totals counts the sites of a report.
type Totals struct {
	Sites      int `json:"sites"`
	WithFix    int `json:"withFix"`
	WithoutFix int `json:"withoutFix"`
	// ByProvider counts a call once for each provider it names, and under
	// "unknown" when it names none. Servers are not counted, and a call
	// may count several times.
	ByProvider map[string]int `json:"byProvider"`
	BySurface  map[string]int `json:"bySurface"`
	ByCategory map[string]int `json:"byCategory"`
}

// Error is a package that failed to load or type-check, or an analysis
// that failed.
type Error struct {
	Package string `json:"package"`
	Message string `json:"message"`
}

// Category values of Site.Category.
const (
	CategoryDeprecated = "deprecated-endpoint"
	CategoryServed     = "deprecated-route-served"
)

// unknownProvider is the ByProvider key of sites that name no provider.
const unknownProvider = "unknown"

// serverReason is the Reason of a served route, for which the analyzer
// never offers a fix and gives no reason of its own.
const serverReason = "a server of the old endpoint is never fixed automatically: remove the route once its clients are migrated"

// collect builds the report from the root actions of an analysis. Files
// are made relative to base.
func collect(graph *checker.Graph, base string) *Report {
	r := &Report{SchemaVersion: SchemaVersion, Sites: []Site{}, base: base}
	sources := make(map[string][]byte)
	type key struct {
		position token.Position
		category string
		message  string
	}
	seen := make(map[key]bool)
	packagePaths := make(map[string]bool)
	for _, act := range graph.Roots {
		pkg := act.Package
		if act.Err == nil && !isTestMain(pkg) {
			packagePaths[pkg.PkgPath] = true
		}
		result, ok := act.Result.(*analyzer.Result)
		if !ok || result == nil {
			continue
		}
		for _, s := range result.Sites {
			position := pkg.Fset.Position(s.Pos)
			k := key{position, s.Category, s.Message}
			if seen[k] {
				continue // the same file in another variant of the package
			}
			seen[k] = true
			site := newSite(s, position, pkg.PkgPath, base)
			if raw := pkg.Fset.PositionFor(s.Pos, false); raw.Filename == position.Filename {
				site.characterColumn = characterColumn(sources, raw)
			}
			r.Sites = append(r.Sites, site)
		}
	}
	r.Packages = len(packagePaths)
	slices.SortFunc(r.Sites, compareSites)
	r.Totals = total(r.Sites)
	return r
}

func newSite(s analyzer.Site, position token.Position, pkgPath, base string) Site {
	site := Site{
		File:         displayPath(position.Filename, base),
		Line:         position.Line,
		Column:       position.Column,
		Package:      pkgPath,
		Category:     s.Category,
		Surface:      s.Surface,
		Operation:    s.Operation,
		Providers:    nonNil(s.Providers),
		Replacements: nonNil(s.Replacements),
		Fixable:      s.Fixed,
		Reason:       s.Reason,
		Message:      s.Message,
	}
	if !site.Fixable && site.Reason == "" && site.Category == CategoryServed {
		site.Reason = serverReason
	}
	return site
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return slices.Clone(list)
}

func compareSites(a, b Site) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Category, b.Category),
		cmp.Compare(a.Message, b.Message),
	)
}

func total(sites []Site) Totals {
	t := Totals{
		Sites:      len(sites),
		ByProvider: make(map[string]int),
		BySurface:  make(map[string]int),
		ByCategory: make(map[string]int),
	}
	for _, s := range sites {
		if s.Fixable {
			t.WithFix++
		} else {
			t.WithoutFix++
		}
		switch {
		case s.Category == CategoryServed:
			// A server serves every provider, and is counted in none.
		case len(s.Providers) == 0:
			t.ByProvider[unknownProvider]++
		default:
			for _, p := range s.Providers {
				t.ByProvider[p]++
			}
		}
		t.BySurface[s.Surface]++
		t.ByCategory[s.Category]++
	}
	return t
}

// isTestMain reports whether pkg is the main package that go test
// generates, whose ID has the form "p.test".
func isTestMain(pkg *packages.Package) bool {
	return strings.HasSuffix(pkg.ID, ".test") && !strings.Contains(pkg.ID, "[")
}

// characterColumn converts the byte column of position, which //line
// directives must not have adjusted, to a column in Unicode code points. It
// reads each file once into sources, and returns 0 when the file cannot be
// read or ends before position.
func characterColumn(sources map[string][]byte, position token.Position) int {
	src, ok := sources[position.Filename]
	if !ok {
		src, _ = os.ReadFile(position.Filename)
		sources[position.Filename] = src
	}
	start := position.Offset - (position.Column - 1)
	if start < 0 || position.Offset > len(src) {
		return 0
	}
	return utf8.RuneCount(src[start:position.Offset]) + 1
}

// displayPath returns filename relative to base, slash-separated, when the
// file is inside base, and filename itself otherwise.
func displayPath(filename, base string) string {
	if base == "" || !filepath.IsAbs(filename) {
		return filepath.ToSlash(filename)
	}
	rel, err := filepath.Rel(base, filename)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(filename)
	}
	return filepath.ToSlash(rel)
}

// Location returns the site's position as FILE:LINE:COLUMN.
func (s Site) Location() string {
	return fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Column)
}

// ExitCode returns the command's exit status for the report: 1 when a
// package failed to load or an analysis failed, 3 when sites remain, and 0
// when there is nothing left to migrate.
func (r *Report) ExitCode() int {
	switch {
	case len(r.Errors) > 0:
		return 1
	case len(r.Sites) > 0:
		return 3
	default:
		return 0
	}
}
