package browsertest_test

import (
	"bytes"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"startbridge/internal/browsertest"
)

// sameDrawing draws two characters on a canvas and reports whether they
// came out pixel for pixel the same: without a CJK font every Korean and
// Chinese character is the same empty box.
const sameDrawing = `((a, b) => {
	const draw = (ch) => {
		const c = document.createElement("canvas");
		c.width = c.height = 48;
		const g = c.getContext("2d");
		g.font = "40px 'Noto Sans CJK KR', 'Noto Sans CJK SC', sans-serif";
		g.fillText(ch, 4, 40);
		return Array.from(g.getImageData(0, 0, 48, 48).data).join(",");
	};
	return draw(a) === draw(b);
})`

func TestBrowserDrawsKoreanAndChinese(t *testing.T) {
	ctx := browsertest.New(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html lang="ko"><title>글꼴</title>` +
			`<body style="font-family: 'Noto Sans CJK KR', sans-serif"><h1>경기도 스타트업</h1><h1 id="zh" lang="zh-Hans">杭州初创企业</h1></body></html>`))
	}))
	defer srv.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	if got, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("zh"))); err != nil || got != "杭州初创企业" {
		t.Errorf("text = %q, %v", got, err)
	}
	for _, pair := range [][2]string{{"경", "항"}, {"杭", "州"}} {
		same, err := chromedp.Run(ctx, chromedp.Evaluate[bool](sameDrawing+`("`+pair[0]+`", "`+pair[1]+`")`))
		if err != nil {
			t.Fatal(err)
		}
		if same {
			t.Errorf("%q and %q are drawn alike: no CJK font (install fonts-noto-cjk)", pair[0], pair[1])
		}
	}
	body, err := os.ReadFile(browsertest.Screenshot(t, ctx, "browsertest-cjk"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() < 100 {
		t.Errorf("screenshot is %v, want 1280 wide", b)
	}
}
