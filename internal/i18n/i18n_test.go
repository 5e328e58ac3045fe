package i18n_test

import (
	"testing"
	"time"

	"startbridge/internal/i18n"
)

func TestEveryKeyExistsInEveryLanguage(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	if missing := c.Missing(); len(missing) > 0 {
		t.Errorf("missing translations: %v", missing)
	}
}

func TestNegotiateOrder(t *testing.T) {
	tests := []struct {
		name                        string
		user, query, cookie, accept string
		want                        string
	}{
		{"user setting wins", "ko", "zh", "en", "en-US", "ko"},
		{"query before cookie", "", "zh", "en", "ko-KR", "zh"},
		{"cookie before header", "", "", "en", "ko-KR", "en"},
		{"header", "", "", "", "zh-CN,zh;q=0.9", "zh"},
		{"korean header", "", "", "", "ko-KR,ko;q=0.9,en;q=0.5", "ko"},
		{"unknown query ignored", "", "fr", "", "ko", "ko"},
		{"nothing", "", "", "", "", "en"},
		{"garbage header", "", "", "", ";;;", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := i18n.Negotiate(tt.user, tt.query, tt.cookie, tt.accept); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatsPerLocale(t *testing.T) {
	c := i18n.MustLoad()
	seoul, _ := time.LoadLocation("Asia/Seoul")
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	at := time.Date(2027, 3, 31, 1, 0, 0, 0, time.UTC)
	tests := []struct {
		lang string
		zone *time.Location
		want string
		num  string
	}{
		{"ko", seoul, "2027년 3월 31일 10:00", "1,234,567"},
		{"zh", shanghai, "2027年3月31日 09:00", "1,234,567"},
		{"en", seoul, "31 Mar 2027, 10:00", "1,234,567"},
	}
	for _, tt := range tests {
		p := c.Printer(tt.lang, tt.zone)
		if got := p.DateTime(at); got != tt.want {
			t.Errorf("%s DateTime = %q, want %q", tt.lang, got, tt.want)
		}
		if got := p.Number(1234567); got != tt.num {
			t.Errorf("%s Number = %q, want %q", tt.lang, got, tt.num)
		}
	}
}

func TestTextFillsPlaceholders(t *testing.T) {
	c := i18n.MustLoad()
	if got, want := c.Text("en", "field.too_long", "max", 80), "Use at most 80 characters."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
