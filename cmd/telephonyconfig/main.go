// Command telephonyconfig reports and fixes calls of the deprecated Ultravox
// endpoint /api/accounts/me/telephony_config. It runs standalone (with -fix
// or -diff), as go vet -vettool, and as go fix -fixtool.
//
// With report as its first argument, it prints a migration report instead:
//
//	telephonyconfig report [-format=table|json|markdown|sarif] [-test=false] [-patch] [packages]
//
// The go command (cmd/go in Go 1.26) never passes report first, because it
// runs a vet or fix tool with -flags, with -V=full, or with flags followed
// by the path of a vet.cfg file.
package main

import (
	"os"

	"github.com/uvtools/telephonyconfig/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == reportCommand {
		os.Exit(runReport(os.Args[2:], os.Stdout, os.Stderr))
	}
	singlechecker.Main(analyzer.Analyzer)
}
