package example

import (
	"fmt"
	"io"
	"net/http"
)

// FetchProfile treats every non-200 as final, so a 429 or 503 fails the caller at once.
func FetchProfile(client *http.Client, id string) ([]byte, error) {
	resp, err := client.Get("https://api.example.com/v1/profiles/" + id)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusTooManyRequests {
		return nil, fmt.Errorf("rate limited")
	}
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("unexpected status %d", resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}

// Handler sends 503 during maintenance without telling clients when to come back.
func Handler(w http.ResponseWriter, r *http.Request) {
	if maintenance {
		w.WriteHeader(503)
		return
	}
	w.WriteHeader(http.StatusOK)
}

var maintenance = false
