// Package e2e contains end-to-end tests of the telephonyconfig analyzer. The
// tests copy an example program into a temporary module, migrate it with the
// analyzer's fixes and with the command-line drivers, and run the original
// and the migrated program against the fakeultravox server.
package e2e
