// Package fakeultravox is an in-memory fake of the Ultravox telephony
// configuration API. Tests run a program once against the deprecated
// account-wide endpoint and once against the per-provider endpoints, and then
// compare the final state and the request log of the two runs.
//
// The endpoints and schemas follow the Ultravox OpenAPI document, version 0.1.0.
//
// # Endpoints
//
// The deprecated endpoint /api/accounts/me/telephony_config serves:
//
//   - GET: 200 with {"twilio": ..., "telnyx": ..., "plivo": ...}. All three
//     keys are always present, and a provider without a configuration is null.
//   - PATCH with {"twilio"?, "telnyx"?, "plivo"?}: a configuration object
//     replaces that provider's configuration and must contain the required
//     fields, null removes it, and an absent key leaves it unchanged. The
//     server validates the whole body before it changes anything. 200 with the
//     body of GET.
//
// The endpoints /api/telephony_configs/{provider}, where provider is twilio,
// telnyx or plivo, serve:
//
//   - GET: 200 with the provider's configuration, or 404 when it has none.
//   - POST with a complete configuration: 201 with the stored configuration.
//     POST also replaces an existing configuration and returns 201, so that a
//     migrated call has the effect of the deprecated PATCH. The OpenAPI
//     document does not say what the real API does in that case.
//   - PATCH with any subset of the fields: 200 with the merged configuration,
//     or 404 when the provider has none. A list or map field replaces the
//     stored one as a whole.
//   - DELETE: 204 with an empty body, or 404 when the provider has none.
//
// # Configurations
//
// Twilio requires accountSid and authToken. Telnyx requires accountSid, apiKey,
// publicKey and applicationSid, which has at most 40 characters. Plivo
// requires authId and authToken. Required strings must not be blank. All three
// also take these optional fields:
//
//   - callCreationAllowedAgentIds: an array of at most 100 UUIDs in the
//     hyphenated form, stored in lower case. It must be empty when
//     callCreationAllowAllAgents is true.
//   - callCreationAllowAllAgents: a boolean.
//   - requestContextMapping: an object with string values.
//
// The secrets authToken, apiKey and publicKey are write-only. The server
// stores them but never includes them in a response body. Error messages name
// fields without quoting their values, except that a JSON syntax error may
// quote the one character at which parsing failed. Responses carry the read-only fields authTokenPrefix, apiKeyPrefix and
// publicKeyPrefix instead, as {"prefix": "..."} with at most the first four
// characters and at most half of the secret. Requests may send the prefix
// fields, which the server ignores. Responses always include the optional
// fields, as [] and {} when empty, in the property order of the schema.
//
// # Request checks
//
// The server checks each request in this order and answers the first failure
// with a JSON body {"detail": "message"}:
//
//  1. The X-API-Key header must equal the key passed to NewServer: 401.
//  2. The body must not exceed 1 MiB: 413.
//  3. The path must be one of the endpoints above: 404. One trailing slash is
//     accepted, and the query string is ignored.
//  4. The method must be one that the endpoint serves: 405 with an Allow header.
//     HEAD and OPTIONS are rejected too.
//  5. A GET or DELETE request must have no body: 400.
//  6. A POST or PATCH request must have Content-Type application/json, with
//     optional parameters such as charset: 415.
//  7. A POST or PATCH body must be one JSON object: 400.
//  8. For GET, PATCH and DELETE on a provider endpoint, the provider must
//     have a configuration: 404.
//  9. Fields must be known, must not be null and must have the schema's type,
//     required fields must be present, and the values must follow the rules
//     above: 400. The message names the first failing field.
//
// Responses with a body have Content-Type application/json. The JSON encoding
// is deterministic: objects have a fixed key order and maps have sorted keys.
//
// # Inspecting a run
//
// Server.Requests returns the request log, including rejected requests, and
// Server.State returns the stored configurations with their secrets. Both
// return copies and can be called while requests run. Server.SetState seeds
// the configurations before a test.
package fakeultravox
