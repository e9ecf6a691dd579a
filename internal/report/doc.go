// Package report builds the migration report of the telephonyconfig
// command: every site where Go packages call or serve the deprecated
// Ultravox endpoint /api/accounts/me/telephony_config, with the replacement
// and whether the analyzer's fix rewrites it.
//
// Run loads the packages with golang.org/x/tools/go/packages, runs
// analyzer.Analyzer on them and their dependencies with the
// golang.org/x/tools/go/analysis/checker package, and reads each package's
// *analyzer.Result. A site in a file that belongs to several variants of a
// package, such as a package and its test variant, is listed once. Two
// sites are the same when they have the same position, category and
// message, which is how the analysis drivers avoid printing a diagnostic
// twice.
//
// WriteTable, WriteJSON, WriteMarkdown and WriteSARIF write the report.
//
// # JSON schema
//
// WriteJSON writes one object. This is schema version 1. A later version
// may add fields, and changes schemaVersion only when it removes a field or
// changes its meaning. Lists are never null.
//
//	schemaVersion  number    1
//	patterns       [string]  the package patterns, as given
//	tests          boolean   whether test files were analyzed
//	patch          boolean   the analyzer's -patch flag: a PATCH is replaced
//	                         by PATCH rather than POST of the provider endpoint
//	packages       number    distinct packages analyzed without error; a
//	                         package's test variant and the test main
//	                         package do not count
//	sites          [site]    ordered by file, line, column, category, message
//	totals         totals
//	errors         [error]   packages that failed to load or type-check,
//	                         dependencies included, and failed analyses
//
// A site:
//
//	file          string    slash-separated, relative to the working directory
//	                        when the file is inside it, absolute otherwise
//	line          number    1-based
//	column        number    1-based, in bytes, as Go tools count it
//	package       string    import path of the package the file belongs to
//	category      string    "deprecated-endpoint" for a call of the old endpoint,
//	                        "deprecated-route-served" for a server or fake of it
//	surface       string    the API used: "net/http", "resty", "retryablehttp",
//	                        "helper", "generated client", "generated code",
//	                        "function value or interface" or "server"
//	operation     string    "GET" or "PATCH" for a call of the old endpoint, the
//	                        method of another call, or "" when unknown or a server
//	providers     [string]  "twilio", "telnyx" or "plivo": the providers the call
//	                        sets or reads, when known
//	replacements  [string]  the operations that replace the call, such as
//	                        "POST /api/telephony_configs/twilio", when known
//	fixable       boolean   whether the diagnostic carries a fix that
//	                        telephonyconfig -fix applies
//	reason        string    why there is no fix; "" when fixable
//	message       string    the diagnostic's message, without the
//	                        " (no fix: REASON)" that the analyzer appends
//
// The analyzer gives no reason for a server, so the report gives one.
//
// The totals:
//
//	sites       number            len(sites)
//	withFix     number            sites with a fix
//	withoutFix  number            sites without one
//	byProvider  {string: number}  calls per provider; a call counts once for
//	                              each provider it names, and under "unknown"
//	                              when it names none; servers do not count
//	bySurface   {string: number}  sites per surface
//	byCategory  {string: number}  sites per category
//
// An error:
//
//	package  string  the go/packages ID of the package, such as
//	                 "example.com/p [example.com/p.test]" for a test variant
//	message  string  the error, with its position when it has one
//
// # SARIF
//
// WriteSARIF writes a SARIF 2.1.0 log (OASIS Errata 01) with one run. Each
// category is a rule, whose default level is "warning" for calls and "note"
// for servers. Each site is a result with one physical location, relative
// to the SRCROOT base URI that the run's originalUriBaseIds maps to the
// working directory, and a region whose columns count Unicode code points.
// Its message is the analyzer's diagnostic, including the reason for no fix.
// The result's properties hold fixAvailable, reason, surface, operation,
// providers, replacements and package, as in the JSON output. A load error
// is an error notification of the invocation, whose executionSuccessful is
// then false.
package report
