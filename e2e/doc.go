// Package e2e contains end-to-end tests of the telephonyconfig analyzer. The
// tests copy each example program into a temporary module, migrate it with
// the analyzer's fixes and with the command-line drivers, and run the
// original and the migrated program against the fakeultravox server. The
// examples under example/ are copied alone. Those in
// testdata/generated/examples use the generated clients, so their copies
// contain that whole module, and the tests analyze, build and run only the
// example's package.
//
// Examples with a go.mod of their own, and testdata/generated, are built
// offline (GOPROXY=off), so their dependencies must be in the module cache:
// run go mod download in each of them first, as .ci/run does.
package e2e
