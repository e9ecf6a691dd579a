// Package golangcitest checks the telephonyconfig golangci-lint plugin in
// a golangci-lint binary built the way users build it, with
// golangci-lint custom and the .custom-gcl.yml in this folder.
//
// build.sh builds that binary and prints its path. The tests run it when
// the environment variable TELEPHONYCONFIG_GCL holds that path, and skip
// otherwise:
//
//	TELEPHONYCONFIG_GCL=$(bash internal/golangcitest/build.sh) go test ./internal/golangcitest
//
// On copies of the examples and of the golden-file test data, each in a
// temporary module or workspace, the tests check that golangci-lint
// reports the same sites as the telephonyconfig command, that
// golangci-lint run --fix writes the same files as the command's -fix and
// the result builds, that a //nolint:telephonyconfig comment suppresses
// the site on its line and survives --fix, and that generated files are
// never changed. The modules with dependencies must already be in the
// module cache, as .ci/run arranges, because the tests run with
// GOPROXY=off.
package golangcitest
