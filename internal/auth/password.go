package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// argon2id parameters as OWASP recommends for interactive logins (19 MiB,
// two passes): about 40 ms here, slow enough against guessing and quick
// enough for a login form.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns a PHC-formatted argon2id hash of password.
func HashPassword(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// CheckPassword reports whether password matches the stored hash.
func CheckPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var memory, iterations uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &iterations, &threads); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, iterations, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when the email is unknown, so that a login
// takes as long whether or not the account exists.
var dummyHash = HashPassword("not a real password, only for timing")

// commonPasswords are refused outright, whatever their length.
var commonPasswords = map[string]bool{
	"password123": true, "password1234": true, "1234567890": true, "qwertyuiop": true,
	"qwerty12345": true, "iloveyou123": true, "startbridge": true, "startbridge1": true,
	"1q2w3e4r5t": true, "0987654321": true, "abcdefghij": true, "passw0rd123": true,
}

// weakPassword reports whether password is too short or too easy to guess
// for the account with this email.
func weakPassword(password, email string) bool {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return true
	}
	lower := strings.ToLower(password)
	if commonPasswords[lower] {
		return true
	}
	if local, _, ok := strings.Cut(strings.ToLower(email), "@"); ok && len(local) >= 4 && strings.Contains(lower, local) {
		return true
	}
	distinct := map[rune]bool{}
	for _, r := range password {
		distinct[r] = true
	}
	return len(distinct) < 4
}
