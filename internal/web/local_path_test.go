package web

import "testing"

func TestLocalPathKeepsUsersOnTheSite(t *testing.T) {
	tests := map[string]string{
		"":                         "/",
		"/":                        "/",
		"/profile":                 "/profile",
		"/institutions?region=a&b": "/institutions?region=a&b",
		"//evil.example":           "/",
		"///evil.example":          "/",
		"/\\evil.example":          "/",
		"https://evil.example/":    "/",
		"javascript:alert(1)":      "/",
		"profile":                  "/",
		"/a\r\nSet-Cookie: x=y":    "/",
		"/%2F%2Fevil.example":      "/%2F%2Fevil.example",
	}
	for in, want := range tests {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWithoutLangQuery(t *testing.T) {
	tests := map[string]string{
		"/institutions?lang=zh&region=hangzhou": "/institutions?region=hangzhou",
		"/?lang=ko":                             "/",
		"/profile":                              "/profile",
	}
	for in, want := range tests {
		if got := withoutLangQuery(in); got != want {
			t.Errorf("withoutLangQuery(%q) = %q, want %q", in, got, want)
		}
	}
}
