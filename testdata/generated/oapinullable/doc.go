// Package oapinullable is the client of package oapi generated with the
// nullable-type output option, so that nullable properties, such as the
// providers of the account telephony configuration, are
// nullable.Nullable[T] values instead of pointers.
//
// The document is read from the shared folder beside the repository
// clone. Run go generate here to regenerate client.gen.go.
package oapinullable

//go:generate go tool oapi-codegen -config oapi-codegen.yaml ../../../../shared/ultravox/openapi.yaml
