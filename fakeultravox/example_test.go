package fakeultravox_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/uvtools/telephonyconfig/fakeultravox"
)

// This example seeds a Twilio configuration, changes its auth token with
// PATCH /api/telephony_configs/twilio, and checks the stored state. The
// response shows only a prefix of the token, but State returns the token itself.
func Example() {
	server := fakeultravox.NewServer("my-test-key")
	defer server.Close()

	server.SetState(fakeultravox.State{
		Twilio: &fakeultravox.TwilioConfig{AccountSID: "AC123", AuthToken: "old-token"},
	})

	body := strings.NewReader(`{"authToken":"new-token"}`)
	request, err := http.NewRequest(http.MethodPatch, server.URL()+"/api/telephony_configs/twilio", body)
	if err != nil {
		fmt.Println(err)
		return
	}
	request.Header.Set("X-API-Key", "my-test-key")
	request.Header.Set("Content-Type", "application/json")

	response, err := http.DefaultClient.Do(request)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer response.Body.Close()
	responseBody, err := io.ReadAll(response.Body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(response.Status)
	fmt.Println(string(responseBody))

	want := fakeultravox.State{
		Twilio: &fakeultravox.TwilioConfig{AccountSID: "AC123", AuthToken: "new-token"},
	}
	fmt.Println("state as expected:", server.State().Equal(want))
	fmt.Print(string(server.State().JSON()))

	for _, logged := range server.Requests() {
		fmt.Println(logged.Method, logged.Path, logged.Status)
	}

	// Output:
	// 200 OK
	// {"callCreationAllowedAgentIds":[],"callCreationAllowAllAgents":false,"requestContextMapping":{},"accountSid":"AC123","authTokenPrefix":{"prefix":"new-"}}
	// state as expected: true
	// {
	//   "twilio": {
	//     "accountSid": "AC123",
	//     "authToken": "new-token"
	//   },
	//   "telnyx": null,
	//   "plivo": null
	// }
	// PATCH /api/telephony_configs/twilio 200
}
