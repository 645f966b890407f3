// Package auth hashes passwords with argon2id and makes the random secrets
// behind sessions and API tokens.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// Default costs about 160 ms per hash at 64 MiB on the project's machines:
// fine for a login, too slow to guess passwords at scale.
var Default = Params{Memory: 64 * 1024, Time: 2, Threads: 2}

// Cheap is for tests and fixtures that hash thousands of passwords.
var Cheap = Params{Memory: 1024, Time: 1, Threads: 1}

// Hasher hashes and checks passwords with fixed parameters; existing hashes
// carry their own parameters and keep verifying when the defaults change.
type Hasher struct{ P Params }

// Hash returns a PHC-format argon2id hash of pw.
func (h Hasher) Hash(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, h.P.Time, h.P.Memory, h.P.Threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, h.P.Memory, h.P.Time, h.P.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var b64 = base64.RawStdEncoding

// Verify reports whether pw matches hash.
func (Hasher) Verify(hash, pw string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("auth: not an argon2id hash")
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, fmt.Errorf("auth: bad parameters: %w", err)
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, err
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// Secret returns n random bytes as URL-safe text.
func Secret(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // the OS random source does not fail on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Digest is how secrets (session cookies, API tokens) are kept at rest: a
// SHA-256, enough for high-entropy secrets that are never chosen by people.
func Digest(secret string) string {
	s := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(s[:])
}

// OneTimePassword makes a readable password that passes the password rules:
// letters of both cases, digits and a sign, with no look-alike characters.
func OneTimePassword() string {
	const lower, upper, digits = "abcdefghjkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789"
	all := lower + upper + digits
	b := make([]byte, 14)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	out := []byte{lower[int(b[0])%len(lower)], upper[int(b[1])%len(upper)], digits[int(b[2])%len(digits)], '-'}
	for _, x := range b[3:] {
		out = append(out, all[int(x)%len(all)])
	}
	return string(out)
}
