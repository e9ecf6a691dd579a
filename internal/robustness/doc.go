// Package robustness tests the telephonyconfig command on unusual input and
// under each Go analysis driver: the standalone command, go vet -vettool and
// go fix -fixtool. The tests build the command once, write small modules
// from the txtar archives in testdata into temporary directories, run the
// drivers there and compare the output and the edited files with the
// archives' want/ sections.
//
// The modules import only the standard library, so the tests run offline.
// They need the go command, and a C compiler for the cgo case, which is
// skipped without one.
package robustness
