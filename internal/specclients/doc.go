// Package specclients guards the Ultravox API clients committed under
// testdata/generated, which the analyzer's tests load as real oapi-codegen
// and ogen output. Its test regenerates them with the generator versions
// pinned by the tool directives in testdata/generated/go.mod, from the
// Ultravox OpenAPI document in the shared folder beside the repository root
// (shared/ultravox/openapi.yaml), and fails when the result differs from the
// committed files.
//
// The first run builds both generators and, without a warm module cache,
// downloads them from the Go module proxy, so it can take minutes. Run go
// mod download in testdata/generated beforehand to test offline.
package specclients
