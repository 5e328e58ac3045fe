package web_test

import (
	"net/http"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/browsertest"
	"startbridge/internal/notify"
	"startbridge/internal/testserver"
)

// A founder keeps office news in the app only, then wants it by email again.
func TestBrowserFounderChoosesWhatComesByEmail(t *testing.T) {
	testserver.Engines(t, func(t *testing.T, ts *testserver.TS) {
		u, err := ts.Svc.Auth.CreateUserUnchecked(t.Context(), auth.NewUser{SignUp: auth.SignUp{Email: "liu@hz.test", Name: "刘洋",
			Password: dirPassword, Language: "zh", Region: "hangzhou"}})
		if err != nil {
			t.Fatal(err)
		}
		b := dirSignIn(t, ts, u.Email)
		b.visit("/profile#email")
		see(b, "邮件通知", "海外办公室申请")
		tick(b, `input[name="email"][value="office"]`)
		b.click("#save-email", http.StatusOK)
		see(b, "邮件通知设置已保存。")
		browsertest.Screenshot(t, b.ctx, "profile-email-zh")
		if prefs, _ := notify.NewStore(ts.DB).EmailPreferences(t.Context(), u.ID); prefs["office"] {
			t.Error("office news still by email after unticking")
		}
		b.switchTo("ko")
		see(b, "메일 알림")
		tick(b, `input[name="email"][value="office"]`)
		b.click("#save-email", http.StatusOK)
		see(b, "메일 알림 설정을 저장했습니다.")
		if prefs, _ := notify.NewStore(ts.DB).EmailPreferences(t.Context(), u.ID); !prefs["office"] {
			t.Error("office news not by email after ticking again")
		}
	})
}
