package report

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// WriteTable writes the report as a table with one row per site, followed
// by a summary and the totals, for reading in a terminal. A site that names
// several providers or replacements continues on the rows below.
func WriteTable(w io.Writer, r *Report) error {
	out := bufio.NewWriter(w)
	if len(r.Sites) > 0 {
		var table bytes.Buffer
		tw := tabwriter.NewWriter(&table, 0, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "LOCATION\tOPERATION\tPROVIDERS\tSURFACE\tREPLACEMENT\tFIX")
		for _, s := range r.Sites {
			writeTableRows(tw, s)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		// A continuation row ends in padding, which a terminal need not show.
		for line := range strings.Lines(table.String()) {
			fmt.Fprintln(out, strings.TrimRight(line, " \n"))
		}
		fmt.Fprintln(out)
	}
	fmt.Fprintln(out, summary(r))
	if len(r.Sites) > 0 {
		fmt.Fprintf(out, "By provider: %s\n", countList(r.Totals.ByProvider, providerOrder))
		fmt.Fprintf(out, "By surface: %s\n", countList(r.Totals.BySurface, nil))
		fmt.Fprintf(out, "By category: %s\n", countList(r.Totals.ByCategory, nil))
	}
	if len(r.Errors) > 0 {
		fmt.Fprintf(out, "The report is incomplete: %s failed to load or to be analyzed (see the errors on standard error).\n",
			plural(countErrorPackages(r.Errors), "package"))
	}
	return out.Flush()
}

// writeTableRows writes the rows of one site: the first holds every
// column, and the rows below hold the second and later providers and
// replacements.
func writeTableRows(tw io.Writer, s Site) {
	fix := "yes"
	if !s.Fixable {
		fix = "no: " + s.Reason
	}
	rows := max(1, len(s.Providers), len(s.Replacements))
	for i := range rows {
		provider := cell(s.Providers, i)
		replacement := cell(s.Replacements, i)
		if i == 0 {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", cellEscaper.Replace(s.Location()), cellEscaper.Replace(orDash(s.Operation)),
				cellEscaper.Replace(provider), cellEscaper.Replace(s.Surface), cellEscaper.Replace(replacement), cellEscaper.Replace(fix))
		} else {
			fmt.Fprintf(tw, "\t\t%s\t\t%s\t\n", cellEscaper.Replace(provider), cellEscaper.Replace(replacement))
		}
	}
}

// cellEscaper replaces the characters that would end a table cell or row.
var cellEscaper = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// cell returns list[i], or a dash for the first row of an empty list and
// nothing for the rows below.
func cell(list []string, i int) string {
	switch {
	case i < len(list):
		return list[i]
	case i == 0:
		return "-"
	default:
		return ""
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// summary returns the report's first line, such as
// "7 sites in 1 package: 6 with a fix, 1 without." or, when only some of
// the packages analyzed have sites, "7 sites in 2 of 5 packages: …".
func summary(r *Report) string {
	packages := plural(r.Packages, "package")
	switch {
	case len(r.Sites) == 0 && len(r.Errors) > 0:
		return fmt.Sprintf("No sites found in the %s analyzed.", packages)
	case len(r.Sites) == 0:
		return fmt.Sprintf("No sites left to migrate in %s.", packages)
	}
	withSites := make(map[string]bool)
	for _, site := range r.Sites {
		withSites[site.Package] = true
	}
	if n := len(withSites); n < r.Packages {
		packages = fmt.Sprintf("%d of %d packages", n, r.Packages)
	}
	return fmt.Sprintf("%s in %s: %d with a fix, %d without.",
		plural(r.Totals.Sites, "site"), packages, r.Totals.WithFix, r.Totals.WithoutFix)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// providerOrder is the order in which the providers are listed, the order
// of the old endpoint's response body.
var providerOrder = []string{"twilio", "telnyx", "plivo", unknownProvider}

// countList formats counts as "a 2, b 1", in the order of sortedKeys.
func countList(counts map[string]int, order []string) string {
	keys := sortedKeys(counts, order)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, counts[k])
	}
	return strings.Join(parts, ", ")
}

// sortedKeys returns the keys of counts that order names, in that order,
// followed by the others in lexical order.
func sortedKeys(counts map[string]int, order []string) []string {
	return slices.SortedFunc(maps.Keys(counts), func(a, b string) int {
		ia, ib := slices.Index(order, a), slices.Index(order, b)
		switch {
		case ia >= 0 && ib >= 0:
			return cmp.Compare(ia, ib)
		case ia >= 0:
			return -1
		case ib >= 0:
			return 1
		default:
			return cmp.Compare(a, b)
		}
	})
}

// countErrorPackages returns the number of distinct packages with errors.
func countErrorPackages(errors []Error) int {
	seen := make(map[string]bool)
	for _, e := range errors {
		seen[e.Package] = true
	}
	return len(seen)
}
