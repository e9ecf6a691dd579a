// Command peer runs three passes from golang.org/x/tools (printf, hostport
// and httpresponse) as one tool. It is the comparison point for the cost
// of an analyzer that, like printf, exports facts and so analyzes every
// dependency.
//
// The nonce variable has the same use as in bench/floor.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/passes/hostport"
	"golang.org/x/tools/go/analysis/passes/httpresponse"
	"golang.org/x/tools/go/analysis/passes/printf"
)

var nonce string

func main() {
	multichecker.Main(printf.Analyzer, hostport.Analyzer, httpresponse.Analyzer)
}
