package web

import (
	"net/url"
	"strings"
)

// localPath returns next when it is a path on this site, and "/" otherwise,
// so that a crafted ?next= can never send a user to another site after they
// sign in (//evil.example, /\evil.example, https://…, javascript:…).
func localPath(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return u.RequestURI()
}
