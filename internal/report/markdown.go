package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the report as Markdown for a tracking issue: a
// checklist of the sites, in three sections (the fixes that -fix applies,
// the calls to change by hand, and the servers of the old endpoint),
// followed by the totals.
func WriteMarkdown(w io.Writer, r *Report) error {
	out := bufio.NewWriter(w)
	fmt.Fprintf(out, "# Migration off `%s`\n\n", oldPath)
	fmt.Fprintf(out, "%s Found by `%s`.\n", summary(r), commandLine(r, "report"))
	if len(r.Errors) > 0 {
		fmt.Fprintf(out, "\n**The list is incomplete:** %s failed to load or to be analyzed.\n",
			plural(countErrorPackages(r.Errors), "package"))
	}

	var fixable, manual, served []Site
	for _, s := range r.Sites {
		switch {
		case s.Category == CategoryServed:
			served = append(served, s)
		case s.Fixable:
			fixable = append(fixable, s)
		default:
			manual = append(manual, s)
		}
	}
	if len(fixable) > 0 {
		fmt.Fprintf(out, "\n## Fixed by `%s`\n\n", commandLine(r, "-fix"))
		for _, s := range fixable {
			fmt.Fprintf(out, "- [ ] %s\n", markdownCall(s))
		}
	}
	if len(manual) > 0 {
		fmt.Fprint(out, "\n## To change by hand\n\n")
		for _, s := range manual {
			fmt.Fprintf(out, "- [ ] %s. No fix: %s.\n", markdownCall(s), escapeMarkdown(s.Reason))
		}
	}
	if len(served) > 0 {
		fmt.Fprint(out, "\n## Servers of the old endpoint\n\n")
		fmt.Fprint(out, "Remove these once the clients that call them are migrated.\n\n")
		for _, s := range served {
			fmt.Fprintf(out, "- [ ] %s: %s\n", codeSpan(s.Location()), escapeMarkdown(s.Message))
		}
	}
	if len(r.Sites) > 0 {
		fmt.Fprint(out, "\n## Totals\n\n")
		writeMarkdownTotals(out, r.Totals)
	}
	if len(r.Errors) > 0 {
		fmt.Fprint(out, "\n## Errors\n\n")
		for _, e := range r.Errors {
			fmt.Fprintf(out, "- %s: %s\n", codeSpan(e.Package), escapeMarkdown(e.Message))
		}
	}
	return out.Flush()
}

// oldPath is the deprecated endpoint.
const oldPath = "/api/accounts/me/telephony_config"

// markdownCall describes a call of the old endpoint: its location, the old
// operation with its providers, the replacements and the surface.
func markdownCall(s Site) string {
	var b strings.Builder
	b.WriteString(codeSpan(s.Location()))
	b.WriteString(": ")
	b.WriteString(codeSpan(orDash(s.Operation)))
	if len(s.Providers) > 0 {
		b.WriteString(" of " + strings.Join(s.Providers, ", "))
	}
	if len(s.Replacements) > 0 {
		replacements := make([]string, len(s.Replacements))
		for i, r := range s.Replacements {
			replacements[i] = codeSpan(r)
		}
		b.WriteString(" → " + strings.Join(replacements, ", "))
	}
	b.WriteString(" (" + escapeMarkdown(s.Surface) + ")")
	return b.String()
}

func writeMarkdownTotals(out io.Writer, t Totals) {
	fmt.Fprint(out, "| fix | sites |\n|---|---:|\n")
	fmt.Fprintf(out, "| with a fix | %d |\n| without a fix | %d |\n| **all** | **%d** |\n\n", t.WithFix, t.WithoutFix, t.Sites)
	writeMarkdownCounts(out, "provider", t.ByProvider, providerOrder)
	fmt.Fprintln(out)
	writeMarkdownCounts(out, "surface", t.BySurface, nil)
	fmt.Fprintln(out)
	writeMarkdownCounts(out, "category", t.ByCategory, nil)
}

func writeMarkdownCounts(out io.Writer, heading string, counts map[string]int, order []string) {
	fmt.Fprintf(out, "| %s | sites |\n|---|---:|\n", heading)
	for _, name := range sortedKeys(counts, order) {
		fmt.Fprintf(out, "| %s | %d |\n", escapeMarkdown(name), counts[name])
	}
}

// commandLine returns the telephonyconfig command, with the flags and
// patterns of the report, that runs the given subcommand or flag.
func commandLine(r *Report, action string) string {
	parts := []string{"telephonyconfig", action}
	if r.Patch {
		parts = append(parts, "-patch")
	}
	if !r.Tests {
		parts = append(parts, "-test=false")
	}
	parts = append(parts, r.Patterns...)
	return strings.Join(parts, " ")
}

// codeSpan returns s as a Markdown code span, with a backtick fence longer
// than any run of backticks inside it.
func codeSpan(s string) string {
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// markdownEscaper escapes the characters that Markdown could read as
// formatting, links, HTML or table cell borders.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `#`, `\#`, "\n", " ",
)

func escapeMarkdown(s string) string {
	return markdownEscaper.Replace(s)
}
