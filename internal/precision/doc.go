// Package precision holds a test that runs the analyzer over large real
// code that never calls Ultravox, the Go standard library and the modules
// this project depends on, and fails on any diagnostic: a migration tool
// that reports code it should leave alone loses its users' trust.
package precision
