// Command telephonyconfig reports and fixes calls of the deprecated Ultravox
// endpoint /api/accounts/me/telephony_config. It runs standalone (with -fix
// or -diff), as go vet -vettool, and as go fix -fixtool.
package main

import (
	"github.com/uvtools/telephonyconfig/analyzer"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(analyzer.Analyzer) }
