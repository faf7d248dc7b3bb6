// Package inventory is the inventory API client used by the Error Code Insight end-to-end tests.
package inventory

import (
	"errors"
	"fmt"
	"net/http"
)

// Check asks the inventory service whether a SKU is in stock.
func Check(client *http.Client, baseURL, sku string) error {
	resp, err := client.Get(fmt.Sprintf("%s/stock/%s", baseURL, sku))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusTooManyRequests {
		return errors.New("inventory: rate limited")
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("inventory: unexpected status %d", resp.StatusCode)
	}
	return nil
}
