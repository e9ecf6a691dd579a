package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/uvtools/telephonyconfig/analyzer"
	"github.com/uvtools/telephonyconfig/internal/report"
	"golang.org/x/term"
)

// reportCommand is the first argument that selects the report subcommand.
const reportCommand = "report"

const reportUsage = `Usage: telephonyconfig report [flags] [packages]

Report prints every site where the packages (default ".") call or serve the
deprecated Ultravox endpoint /api/accounts/me/telephony_config: the old
operation, the providers, the replacement operations, and whether
telephonyconfig -fix rewrites the site or why it does not. Totals by
provider, by surface and by fixability follow.

Exit status: 0 when nothing is left to migrate, 3 when sites remain, and 1
when a package fails to load or type-check or an argument is invalid.

Flags:
`

// reportFormats maps each value of -format to the function that writes it.
var reportFormats = map[string]func(io.Writer, *report.Report) error{
	"table":    report.WriteTable,
	"json":     report.WriteJSON,
	"markdown": report.WriteMarkdown,
	"sarif":    report.WriteSARIF,
}

// formatFlag is the value of -format, restricted to reportFormats.
type formatFlag string

func (f *formatFlag) String() string { return string(*f) }

func (f *formatFlag) Set(value string) error {
	if _, ok := reportFormats[value]; !ok {
		return errors.New("must be table, json, markdown or sarif")
	}
	*f = formatFlag(value)
	return nil
}

// runReport runs the report subcommand with the arguments that follow
// "report" and returns the exit status.
func runReport(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("telephonyconfig report", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprint(stderr, reportUsage)
		flags.PrintDefaults()
	}
	format := formatFlag("table")
	flags.Var(&format, "format", "output `format`: table, json (fields listed by go doc github.com/uvtools/telephonyconfig/internal/report), markdown (a checklist for a tracking issue) or sarif (SARIF 2.1.0)")
	tests := flags.Bool("test", true, "analyze the packages' test files too")
	// The analyzer's own flags, such as -patch, change the replacements.
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		if flags.Lookup(f.Name) == nil {
			flags.Var(f.Value, f.Name, f.Usage)
		}
	})
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 1 // the flag package has printed the error and the usage
	}

	patterns := flags.Args()
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	for _, p := range patterns {
		if strings.HasPrefix(p, "-") {
			fmt.Fprintf(stderr, "telephonyconfig report: flag %s must come before the package patterns\n", p)
			return 1
		}
	}

	r, err := report.Run(patterns, report.Options{Tests: *tests, Progress: terminalProgress(stderr)})
	if err != nil {
		fmt.Fprintf(stderr, "telephonyconfig report: %v\n", err)
		return 1
	}
	for _, e := range r.Errors {
		fmt.Fprintf(stderr, "telephonyconfig report: %s: %s\n", e.Package, e.Message)
	}
	if len(r.Errors) > 0 && r.Packages == 0 {
		return 1 // nothing was analyzed, so the errors are the whole report
	}
	if err := reportFormats[string(format)](stdout, r); err != nil {
		fmt.Fprintf(stderr, "telephonyconfig report: writing the report failed: %v\n", err)
		return 1
	}
	return r.ExitCode()
}

// terminalProgress returns a Progress that writes to stderr when stderr is
// a terminal, and nil otherwise, so that logs and pipes get no progress
// lines.
func terminalProgress(stderr io.Writer) *report.Progress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return report.NewProgress(stderr, 100*time.Millisecond)
}
