package notify_test

import (
	"context"
	"errors"
	"testing"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/errs"
	"startbridge/internal/i18n"
	"startbridge/internal/notify"
)

func TestNotificationsAreReadInTheReadersLanguageAndQueuedForEmail(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		users := auth.NewService(db)
		mk := func(email, lang string) *auth.User {
			u, err := users.CreateUserUnchecked(ctx, auth.NewUser{SignUp: auth.SignUp{Email: email, Name: email,
				Password: "correct horse battery", Language: lang}})
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		kim, other := mk("kim@test.kr", "ko"), mk("other@test.kr", "en")
		m := notify.Message{Kind: "office.promoted", Key: "office.notify.promoted", Link: "/office-requests/7",
			Args: map[string]string{"id": "7", "city": "Suwon", "start": "2027-03", "months": "6", "desks": "2"}}
		err := db.InTx(ctx, func(tx *database.Tx) error { return notify.Send(ctx, tx, kim.ID, m) })
		if err != nil {
			t.Fatal(err)
		}
		store := notify.NewStore(db)
		list, err := store.List(ctx, kim.ID, 0, 10)
		if err != nil || len(list) != 1 {
			t.Fatalf("list = %v, %v", list, err)
		}
		p := i18n.MustLoad().Printer("ko", nil)
		if got := p.T(list[0].Key, list[0].Flat()...); got != "자리가 났습니다: 대기 중이던 Suwon 신청 #7이(가) 승인되었습니다. 2027-03부터 책상 2개." {
			t.Errorf("message = %q", got)
		}
		if n, _ := store.Unread(ctx, kim.ID); n != 1 {
			t.Errorf("unread = %d, want 1", n)
		}
		if err := store.MarkRead(ctx, other.ID, list[0].ID); !errors.Is(err, errs.ErrNotFound) {
			t.Errorf("another user marks it read: %v, want not found", err)
		}
		if err := store.MarkRead(ctx, kim.ID, list[0].ID); err != nil {
			t.Fatal(err)
		}
		if n, _ := store.Unread(ctx, kim.ID); n != 0 {
			t.Errorf("unread after reading = %d, want 0", n)
		}
		mails, err := store.Pending(ctx, 10)
		if err != nil || len(mails) != 1 || mails[0].To != "kim@test.kr" || mails[0].Language != "ko" || mails[0].Args["city"] != "Suwon" {
			t.Errorf("outbox = %+v, %v; want one email to kim in Korean", mails, err)
		}
	})
}
