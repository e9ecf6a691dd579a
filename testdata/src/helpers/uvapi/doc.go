// Package uvapi is a hand-written Ultravox client whose helpers take the
// method, path and body from their callers.
package uvapi
