package report

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/uvtools/telephonyconfig/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Options configures Run.
type Options struct {
	// Dir is the directory in which the patterns are resolved and to which
	// the report's file paths are relative. Empty means the current
	// directory.
	Dir string
	// Env is the environment of the go command that loads the packages.
	// Nil means the current process's environment.
	Env []string
	// Tests makes Run analyze the packages' test files too.
	Tests bool
	// Progress, when non-nil, receives progress lines ending in a carriage
	// return, meant for a terminal.
	Progress *Progress
}

// ErrNoPackages is returned by Run when the patterns match no package.
var ErrNoPackages = errors.New("the patterns matched no packages")

// Run loads the packages that the patterns match, with their dependencies,
// runs the analyzer on them with the golang.org/x/tools/go/analysis/checker
// package, and returns the report. The analyzer's flags, such as -patch,
// must be set before.
//
// Run returns an error only when loading could not start or matched
// nothing. Packages that fail to load or type-check are listed in the
// report's Errors, and the report covers the packages that loaded.
func Run(patterns []string, opts Options) (*Report, error) {
	base, err := filepath.Abs(opts.Dir) // the current directory when Dir is empty
	if err != nil {
		return nil, err
	}
	opts.Progress.Phase("loading packages")
	config := &packages.Config{
		// The analyzer exports facts about helpers, so every dependency is
		// analyzed too and needs syntax and types.
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   opts.Dir,
		Env:   opts.Env,
		Tests: opts.Tests,
	}
	initial, err := packages.Load(config, patterns...)
	if err != nil {
		opts.Progress.Done()
		return nil, fmt.Errorf("loading %s failed: %w", strings.Join(patterns, " "), err)
	}
	if len(initial) == 0 {
		opts.Progress.Done()
		return nil, fmt.Errorf("%w: %s", ErrNoPackages, strings.Join(patterns, " "))
	}

	opts.Progress.Start("analyzing packages", countPackages(initial))
	graph, err := checker.Analyze([]*analysis.Analyzer{countRuns(analyzer.Analyzer, opts.Progress)}, initial, nil)
	opts.Progress.Done()
	if err != nil {
		return nil, fmt.Errorf("analysis failed: %w", err)
	}

	r := collect(graph, base)
	r.Patterns = slices.Clone(patterns)
	r.Tests = opts.Tests
	r.Patch = analyzer.Analyzer.Flags.Lookup("patch").Value.String() == "true"
	r.Errors = packageErrors(initial, graph)
	return r, nil
}

// countRuns returns a copy of a that reports each run of its Run function
// to progress, or a itself when progress is nil. The copy has the same
// name, flags, facts and result type, so it analyzes packages exactly as
// a does.
func countRuns(a *analysis.Analyzer, progress *Progress) *analysis.Analyzer {
	if progress == nil {
		return a
	}
	counted := *a
	counted.Run = func(pass *analysis.Pass) (any, error) {
		defer progress.Step()
		return a.Run(pass)
	}
	return &counted
}

// countPackages returns the number of packages, dependencies included,
// that the analyzer runs on.
func countPackages(initial []*packages.Package) int {
	n := 0
	packages.Visit(initial, nil, func(*packages.Package) { n++ })
	return n
}

// packageErrors lists the errors of every package that failed to load or
// type-check, dependencies included, and the errors of analyses that failed
// for another reason.
func packageErrors(initial []*packages.Package, graph *checker.Graph) []Error {
	list := []Error{}
	seen := make(map[Error]bool)
	add := func(e Error) {
		if !seen[e] {
			seen[e] = true
			list = append(list, e)
		}
	}
	packages.Visit(initial, nil, func(pkg *packages.Package) {
		for _, e := range pkg.Errors {
			message := e.Msg
			if e.Pos != "" && e.Pos != "-" {
				message = e.Pos + ": " + e.Msg
			}
			add(Error{Package: pkg.ID, Message: message})
		}
		if pkg.Module != nil && pkg.Module.Error != nil {
			add(Error{Package: pkg.ID, Message: pkg.Module.Error.Err})
		}
	})
	for _, act := range graph.Roots {
		// The analysis of an ill-typed package is skipped with an error
		// that only repeats its package errors.
		if act.Err != nil && !act.Package.IllTyped {
			add(Error{Package: act.Package.ID, Message: fmt.Sprintf("analysis failed: %v", act.Err)})
		}
	}
	return list
}
