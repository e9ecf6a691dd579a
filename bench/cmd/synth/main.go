// Command synth writes a Go module whose packages send many requests to
// the deprecated telephony_config endpoint, as input for benchmarks.
//
//	synth -o DIR [-packages N] [-sites M]
//
// It writes N packages with M requests each, N*M call sites in all, and the
// same bytes for the same flags.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/uvtools/telephonyconfig/bench/synth"
)

func main() {
	out := flag.String("o", "", "folder to write the module into; must not exist yet")
	packages := flag.Int("packages", 100, "number of packages")
	sites := flag.Int("sites", 10, "number of call sites in each package")
	modulePath := flag.String("module", "example.com/synth", "module path")
	flag.Parse()

	if *out == "" || *packages < 1 || *sites < 1 {
		fmt.Fprintln(os.Stderr, "usage: synth -o DIR [-packages N] [-sites M] [-module PATH]; N and M must be at least 1")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "synth: %s already exists; remove it or pick another folder\n", *out)
		os.Exit(1)
	}
	if err := synth.WriteModule(*out, *modulePath, *packages, *sites); err != nil {
		fmt.Fprintf(os.Stderr, "synth: %v\n", err)
		os.Exit(1)
	}
}
