package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"strings"
	"time"

	"startbridge/internal/i18n"
)

// Mail is an email ready to send: its words are in the recipient's
// language already.
type Mail struct {
	To, Subject, Body string
}

// Mailer sends one email.
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

// MaxAttempts is how many times an email is tried before it is marked
// failed; retryAfter spaces the tries.
const MaxAttempts = 8

// retryAfter is how long an email waits after its attempts-th failed try:
// one minute, then doubling, at most six hours (about eleven hours in all).
func retryAfter(attempts int) time.Duration {
	return min(time.Minute<<max(attempts-1, 0), 6*time.Hour)
}

// lease is how long a sender holds an email it is sending: another
// server's sender passes it by meanwhile, and takes it up if this one
// stops before recording the outcome.
const lease = 5 * time.Minute

// Delivery counts what one Deliver did.
type Delivery struct {
	Sent, Retrying, Failed int
}

// Deliver sends up to limit due emails of the outbox through m, each
// written by write, and records each outcome: sent, to be tried again
// later (retryAfter), or failed after MaxAttempts. Each email is claimed
// first, so that servers draining one outbox send it once.
func (s *Store) Deliver(ctx context.Context, m Mailer, write func(Email) Mail, limit int) (Delivery, error) {
	var out Delivery
	due, err := s.Pending(ctx, limit)
	if err != nil {
		return out, err
	}
	for _, e := range due {
		now := time.Now()
		res, err := s.db.Exec(ctx, `UPDATE email_outbox SET next_attempt_at = ?
			WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?`, now.Add(lease), e.ID, now)
		if err != nil {
			return out, fmt.Errorf("claim email %d: %w", e.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			continue // Another sender has it.
		}
		sendErr := m.Send(ctx, write(e))
		now = time.Now()
		switch {
		case sendErr == nil:
			out.Sent++
			_, err = s.db.Exec(ctx, `UPDATE email_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = ''
				WHERE id = ?`, now, e.ID)
		case e.Attempts+1 >= MaxAttempts:
			out.Failed++
			_, err = s.db.Exec(ctx, `UPDATE email_outbox SET status = 'failed', attempts = attempts + 1, last_error = ?
				WHERE id = ?`, cut(sendErr.Error(), 500), e.ID)
		default:
			out.Retrying++
			_, err = s.db.Exec(ctx, `UPDATE email_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
				WHERE id = ?`, now.Add(retryAfter(e.Attempts+1)), cut(sendErr.Error(), 500), e.ID)
		}
		if err != nil {
			return out, fmt.Errorf("record email %d: %w", e.ID, err)
		}
	}
	return out, nil
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// Drain runs Deliver every interval until ctx ends, batch after batch
// while a batch comes back full, and logs what it did and what failed.
func (s *Store) Drain(ctx context.Context, m Mailer, write func(Email) Mail, interval time.Duration, log *slog.Logger) {
	const batch = 50
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		for {
			d, err := s.Deliver(ctx, m, write, batch)
			if err != nil {
				if ctx.Err() == nil {
					log.Error("email outbox", "err", err)
				}
				break
			}
			if d.Sent+d.Retrying+d.Failed > 0 {
				log.Info("email outbox", "sent", d.Sent, "retrying", d.Retrying, "failed", d.Failed)
			}
			if d.Sent+d.Retrying+d.Failed < batch {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// LogMailer writes emails to the log instead of sending them: the
// development default, when no SMTP server is configured.
type LogMailer struct {
	Log *slog.Logger
}

// Send logs m.
func (l LogMailer) Send(_ context.Context, m Mail) error {
	l.Log.Info("email (not sent: no SMTP server configured)", "to", m.To, "subject", m.Subject, "body", m.Body)
	return nil
}

// SMTPMailer sends through an SMTP server, upgrading the connection with
// STARTTLS whenever the server offers it and authenticating (PLAIN) when
// the address carries a user.
type SMTPMailer struct {
	addr, host string
	from       mail.Address
	auth       smtp.Auth
	// timeout bounds one email's conversation.
	timeout time.Duration
}

// NewSMTPMailer reads an SMTP server's address:
// smtp://[user:password@]host[:port]?from=address (port 587 by default).
func NewSMTPMailer(raw string) (*SMTPMailer, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" {
		return nil, fmt.Errorf("want smtp://[user:password@]host[:port]?from=address")
	}
	from, err := mail.ParseAddress(u.Query().Get("from"))
	if err != nil {
		return nil, fmt.Errorf("from=%q: want an email address", u.Query().Get("from"))
	}
	port := u.Port()
	if port == "" {
		port = "587"
	}
	m := &SMTPMailer{addr: net.JoinHostPort(u.Hostname(), port), host: u.Hostname(), from: mail.Address{Name: "startbridge", Address: from.Address}, timeout: 30 * time.Second}
	if u.User != nil {
		password, _ := u.User.Password()
		m.auth = smtp.PlainAuth("", u.User.Username(), password, u.Hostname())
	}
	return m, nil
}

// Send sends one email.
func (m *SMTPMailer) Send(ctx context.Context, msg Mail) error {
	ctx, cancel := context.WithTimeout(ctx, m.timeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", m.addr)
	if err != nil {
		return err
	}
	if deadline, ok := ctx.Deadline(); ok {
		conn.SetDeadline(deadline)
	}
	c, err := smtp.NewClient(conn, m.host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: m.host}); err != nil {
			return err
		}
	}
	if m.auth != nil {
		if err := c.Auth(m.auth); err != nil {
			return err
		}
	}
	if err := c.Mail(m.from.Address); err != nil {
		return err
	}
	if err := c.Rcpt(msg.To); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(m.compose(msg)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// compose writes msg as a MIME message: UTF-8 text, the subject encoded
// for headers, the body quoted-printable so any server carries it.
func (m *SMTPMailer) compose(msg Mail) []byte {
	var b bytes.Buffer
	id := make([]byte, 12)
	rand.Read(id)
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", m.from.String())
	header("To", msg.To)
	header("Subject", mime.QEncoding.Encode("utf-8", msg.Subject))
	header("Date", time.Now().Format(time.RFC1123Z))
	header("Message-ID", "<"+hex.EncodeToString(id)+"@"+m.host+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	q := quotedprintable.NewWriter(&b)
	q.Write([]byte(strings.ReplaceAll(msg.Body, "\n", "\r\n")))
	q.Close()
	return b.Bytes()
}

// Writer writes a queued email in its recipient's language from the
// catalogue: the message as the subject, and as the body with the address
// of the page it leads to on the site at baseURL.
func Writer(c *i18n.Catalog, baseURL string) func(Email) Mail {
	return func(e Email) Mail {
		message := c.Text(e.Language, e.Key, flat(e.Args)...)
		body := c.Text(e.Language, "email.body", "message", message)
		if e.Link != "" {
			body = c.Text(e.Language, "email.body_link", "message", message, "link", strings.TrimSuffix(baseURL, "/")+e.Link)
		}
		return Mail{To: e.To, Subject: c.Text(e.Language, "email.subject", "message", message), Body: body}
	}
}
