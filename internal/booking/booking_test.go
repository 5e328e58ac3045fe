package booking_test

import (
	"testing"

	"startbridge/internal/booking"
)

func TestPriceAndQuotaInTheirUnits(t *testing.T) {
	cny, krw, quota := int64(5005), int64(30000), int64(3*1440)
	cases := []struct {
		res          booking.Resource
		price        string
		quotaInUnits int64
	}{
		{booking.Resource{PriceMinor: &cny, PriceCurrency: "CNY"}, "50.05", 0},
		{booking.Resource{PriceMinor: &krw, PriceCurrency: "KRW", WholeDays: true, MonthlyQuotaMinutes: &quota}, "30000", 3},
		{booking.Resource{MonthlyQuotaMinutes: &quota}, "", 72},
	}
	for _, c := range cases {
		if got := c.res.Price(); got != c.price {
			t.Errorf("price = %q, want %q", got, c.price)
		}
		if got := c.res.Quota(); got != c.quotaInUnits {
			t.Errorf("quota = %d, want %d", got, c.quotaInUnits)
		}
	}
}
