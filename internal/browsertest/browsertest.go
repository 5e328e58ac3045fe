// Package browsertest drives a headless Chromium for tests of the web pages:
// one fresh browser per test, the same flags everywhere, and full-page
// screenshots to look at.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ScreenshotsEnv names the folder that Screenshot writes into; without it
// the pictures go to the test's temporary folder and vanish with it.
const ScreenshotsEnv = "STARTBRIDGE_SCREENSHOTS"

// Timeout bounds a whole browser test, so that a hung browser fails the test
// instead of the package.
const Timeout = 3 * time.Minute

// candidates are where Debian, Ubuntu and Chrome's own packages put the
// browser.
var candidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// ExecPath returns the Chromium executable. Without one the test is
// skipped, except under CI=true, where a missing browser is a failure.
func ExecPath(t testing.TB) string {
	t.Helper()
	for _, name := range candidates {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("no Chromium found (looked for %v), and CI=true requires the browser tests to run; install the chromium and fonts-noto-cjk packages", candidates)
	}
	t.Skipf("browser tests skipped: no Chromium found (looked for %v); install the chromium and fonts-noto-cjk packages", candidates)
	return ""
}

// New starts a headless Chromium with a fresh profile and returns the
// context of its first tab. The browser closes when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ExecPath(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), Timeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})
	// The first action starts the browser; doing it here reports a browser
	// that cannot start as such, not as the test's first step failing.
	if err := chromedp.Do(tabCtx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return tabCtx
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// Screenshot writes a PNG of the whole page (not only the viewport) named
// after name, into $STARTBRIDGE_SCREENSHOTS or the test's temporary folder,
// and returns its path.
func Screenshot(t testing.TB, ctx context.Context, name string) string {
	t.Helper()
	dir := os.Getenv(ScreenshotsEnv)
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot folder: %v", err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, unsafeName.ReplaceAllString(name, "_")+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	return path
}
