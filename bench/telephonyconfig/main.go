// Command telephonyconfig is a copy of cmd/telephonyconfig for benchmarks.
// It runs the same analyzer through the same driver but has a nonce
// variable, as bench/floor does, so that each build can get a fresh file
// hash. It lacks the report subcommand, which go vet and the standalone
// runs of the benchmarks never call.
package main

import (
	"github.com/uvtools/telephonyconfig/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
)

var nonce string

func main() {
	singlechecker.Main(analyzer.Analyzer)
}
