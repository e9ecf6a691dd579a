// Command floor is an analysis tool that does no work of its own: its one
// analyzer requires the inspect pass and returns nothing. Timing it gives
// the cost of the driver, of loading and of building the inspector, which
// every analyzer of this kind pays.
//
// The nonce variable exists to be set with -ldflags=-X main.nonce=VALUE.
// A new value changes the linker's build ID and so the bytes of the binary.
// go vet keys its cached results by a hash of the vet tool's file (the
// buildID that -V=full prints), so a fresh nonce makes it rerun the tool on
// every package.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/analysis/singlechecker"
)

var nonce string

var analyzer = &analysis.Analyzer{
	Name:     "floor",
	Doc:      "floor does nothing; it measures the cost shared by all analyzers",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() {
	singlechecker.Main(analyzer)
}
