package notify_test

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/i18n"
	"startbridge/internal/notify"
)

// inbox is an SMTP server on loopback that keeps what it receives.
type inbox struct {
	mu       sync.Mutex
	received []received
}

type received struct {
	from, to string
	data     []byte
}

func (in *inbox) NewSession(*gosmtp.Conn) (gosmtp.Session, error) { return &session{in: in}, nil }

type session struct {
	in       *inbox
	from, to string
}

func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *gosmtp.MailOptions) error {
	s.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.to = to
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.in.mu.Lock()
	s.in.received = append(s.in.received, received{s.from, s.to, b})
	s.in.mu.Unlock()
	return nil
}

// startInbox serves an inbox until the test ends and returns its address.
func startInbox(t *testing.T) (*inbox, string) {
	t.Helper()
	in := &inbox{}
	srv := gosmtp.NewServer(in)
	srv.Domain = "localhost"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return in, l.Addr().String()
}

// queue notifies a new user in lang and returns their address.
func queue(t *testing.T, db *database.DB, email, lang string) {
	t.Helper()
	ctx := context.Background()
	u, err := auth.NewService(db).CreateUserUnchecked(ctx, auth.NewUser{SignUp: auth.SignUp{Email: email, Name: email,
		Password: "correct horse battery", Language: lang}})
	if err != nil {
		t.Fatal(err)
	}
	m := notify.Message{Kind: "office.promoted", Key: "office.notify.promoted", Link: "/office-requests/7",
		Args: map[string]string{"id": "7", "city": "Suwon", "start": "2027-03", "months": "6", "desks": "2"}}
	if err := db.InTx(ctx, func(tx *database.Tx) error { return notify.Send(ctx, tx, u.ID, m) }); err != nil {
		t.Fatal(err)
	}
}

func TestOutboxIsSentThroughSMTPInTheRecipientsLanguage(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		in, addr := startInbox(t)
		queue(t, db, "kim@test.kr", "ko")
		queue(t, db, "wang@test.cn", "zh")
		mailer, err := notify.NewSMTPMailer("smtp://" + addr + "?from=noreply@startbridge.test")
		if err != nil {
			t.Fatal(err)
		}
		store := notify.NewStore(db)
		write := notify.Writer(i18n.MustLoad(), "https://startbridge.test/")
		d, err := store.Deliver(t.Context(), mailer, write, 10)
		if err != nil || d != (notify.Delivery{Sent: 2}) {
			t.Fatalf("deliver = %+v, %v", d, err)
		}
		if left, _ := store.Pending(t.Context(), 10); len(left) != 0 {
			t.Errorf("still pending: %+v", left)
		}
		in.mu.Lock()
		defer in.mu.Unlock()
		if len(in.received) != 2 {
			t.Fatalf("received %d emails", len(in.received))
		}
		got := map[string]string{}
		for _, r := range in.received {
			msg, err := mail.ReadMessage(strings.NewReader(string(r.data)))
			if err != nil {
				t.Fatal(err)
			}
			subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
			body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
			if r.from != "noreply@startbridge.test" || !strings.Contains(msg.Header.Get("From"), "noreply@startbridge.test") {
				t.Errorf("from %q / %q", r.from, msg.Header.Get("From"))
			}
			got[r.to] = subject + "\n" + string(body)
		}
		if k := got["kim@test.kr"]; !strings.Contains(k, "[startbridge] 자리가 났습니다") || !strings.Contains(k, "https://startbridge.test/office-requests/7") {
			t.Errorf("kim's email:\n%s", k)
		}
		if w := got["wang@test.cn"]; !strings.Contains(w, "Suwon") || !strings.Contains(w, "startbridge 有账户") {
			t.Errorf("wang's email:\n%s", w)
		}
	})
}

// failing refuses every email.
type failing struct{ tries atomic.Int32 }

func (f *failing) Send(context.Context, notify.Mail) error {
	f.tries.Add(1)
	return errors.New("451 try again later")
}

func TestOutboxTriesAgainLaterThenGivesUp(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		queue(t, db, "kim@test.kr", "ko")
		store := notify.NewStore(db)
		write := notify.Writer(i18n.MustLoad(), "https://startbridge.test")
		f := &failing{}
		d, err := store.Deliver(t.Context(), f, write, 10)
		if err != nil || d != (notify.Delivery{Retrying: 1}) {
			t.Fatalf("first try = %+v, %v", d, err)
		}
		// Not due again yet.
		if d, _ := store.Deliver(t.Context(), f, write, 10); d != (notify.Delivery{}) || f.tries.Load() != 1 {
			t.Errorf("tried again at once: %+v, %d tries", d, f.tries.Load())
		}
		var status, lastError string
		var attempts int
		var next time.Time
		db.QueryRow(t.Context(), `SELECT status, attempts, last_error, next_attempt_at FROM email_outbox`).Scan(&status, &attempts, &lastError, &next)
		if status != "pending" || attempts != 1 || lastError != "451 try again later" || time.Until(next) < 50*time.Second {
			t.Errorf("after one failure: %s, %d attempts, %q, next in %s", status, attempts, lastError, time.Until(next))
		}
		// The last try fails too: the email is given up.
		if _, err := db.Exec(t.Context(), `UPDATE email_outbox SET attempts = ?, next_attempt_at = ?`, notify.MaxAttempts-1, time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if d, err := store.Deliver(t.Context(), f, write, 10); err != nil || d != (notify.Delivery{Failed: 1}) {
			t.Errorf("last try = %+v, %v", d, err)
		}
		db.QueryRow(t.Context(), `SELECT status, attempts FROM email_outbox`).Scan(&status, &attempts)
		if status != "failed" || attempts != notify.MaxAttempts {
			t.Errorf("after the last try: %s, %d attempts", status, attempts)
		}
	})
}

// counting sends slowly and counts emails per recipient.
type counting struct {
	mu   sync.Mutex
	sent map[string]int
}

func (c *counting) Send(_ context.Context, m notify.Mail) error {
	time.Sleep(5 * time.Millisecond)
	c.mu.Lock()
	c.sent[m.To]++
	c.mu.Unlock()
	return nil
}

func TestTwoSendersSendEachEmailOnce(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		for _, e := range []string{"a@test.kr", "b@test.kr", "c@test.kr", "d@test.kr", "e@test.kr"} {
			queue(t, db, e, "en")
		}
		c := &counting{sent: map[string]int{}}
		write := notify.Writer(i18n.MustLoad(), "https://startbridge.test")
		var wg sync.WaitGroup
		for range 2 {
			// Two servers, each with its own store on the database.
			store := notify.NewStore(db)
			wg.Go(func() {
				if _, err := store.Deliver(t.Context(), c, write, 10); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if len(c.sent) != 5 {
			t.Errorf("sent to %d recipients, want 5", len(c.sent))
		}
		for to, n := range c.sent {
			if n != 1 {
				t.Errorf("%s got %d emails", to, n)
			}
		}
	})
}

func TestSMTPAddressesAreChecked(t *testing.T) {
	for _, bad := range []string{"mail.example.com", "http://mail.example.com", "smtp://mail.example.com", "smtp://mail.example.com?from=nobody", "smtp://?from=a@b.c"} {
		if _, err := notify.NewSMTPMailer(bad); err == nil {
			t.Errorf("%q taken", bad)
		}
	}
	if _, err := notify.NewSMTPMailer("smtp://user:secret@mail.example.com:2525?from=noreply@example.com"); err != nil {
		t.Error(err)
	}
}

func TestEmailIsQueuedOnlyForTopicsTheUserWantsByEmail(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		ctx := t.Context()
		u, err := auth.NewService(db).CreateUserUnchecked(ctx, auth.NewUser{SignUp: auth.SignUp{Email: "kim@test.kr", Name: "kim",
			Password: "correct horse battery", Language: "ko"}})
		if err != nil {
			t.Fatal(err)
		}
		store := notify.NewStore(db)
		if prefs, err := store.EmailPreferences(ctx, u.ID); err != nil || !prefs["office"] {
			t.Fatalf("default = %v, %v; want office by email", prefs, err)
		}
		if err := store.SetEmailPreferences(ctx, u.ID, map[string]bool{"office": false, "fax": true}); err == nil {
			t.Error("an unknown topic was taken")
		}
		if prefs, _ := store.EmailPreferences(ctx, u.ID); !prefs["office"] {
			t.Error("a refused change changed the preferences")
		}
		if err := store.SetEmailPreferences(ctx, u.ID, map[string]bool{"office": false}); err != nil {
			t.Fatal(err)
		}
		m := notify.Message{Kind: "office.promoted", Key: "office.notify.promoted", Args: map[string]string{"id": "7"}}
		if err := db.InTx(ctx, func(tx *database.Tx) error { return notify.Send(ctx, tx, u.ID, m) }); err != nil {
			t.Fatal(err)
		}
		if list, _ := store.List(ctx, u.ID, 0, 10); len(list) != 1 {
			t.Errorf("in the app: %d notifications, want 1", len(list))
		}
		if mails, _ := store.Pending(ctx, 10); len(mails) != 0 {
			t.Errorf("queued %d emails for a topic the user has in the app only", len(mails))
		}
		if err := store.SetEmailPreferences(ctx, u.ID, map[string]bool{"office": true}); err != nil {
			t.Fatal(err)
		}
		if err := db.InTx(ctx, func(tx *database.Tx) error { return notify.Send(ctx, tx, u.ID, m) }); err != nil {
			t.Fatal(err)
		}
		if mails, _ := store.Pending(ctx, 10); len(mails) != 1 {
			t.Errorf("queued %d emails after the topic was wanted again, want 1", len(mails))
		}
	})
}
