package small

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The test server serves the old endpoint, which only the test variant of
// the package reports.
func TestSetTwilio(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("PATCH /api/accounts/me/telephony_config", func(w http.ResponseWriter, r *http.Request) {})
	server := httptest.NewServer(mux)
	defer server.Close()
	if err := SetTwilio(server.Client(), server.URL, "AC1", "token"); err != nil {
		t.Fatal(err)
	}
}
