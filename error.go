// Package tuijin holds the domain of Tuijin (推进): the key projects of a
// county, district or development zone, the organisation that runs them, and
// the rules that hold across storage, HTTP and the command line.
package tuijin

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status at the edge (internal/httpapi)
// and to one message key in internal/i18n.
const (
	ECONFLICT     = "conflict"          // stale version or duplicate key
	EINTERNAL     = "internal"          // a bug or an outage; logged, never shown in detail
	EINVALID      = "validation_failed" // bad input; Fields says which
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized" // not logged in, or wrong credentials
	EFORBIDDEN    = "forbidden"    // logged in, but not allowed
	ETHROTTLED    = "throttled"    // too many attempts
	ETOOLARGE     = "too_large"    // request body over the limit
	// EPASSWORD: the session must change its password before anything else.
	EPASSWORD = "password_change_required"
)

// Error is a domain error: a code, a message key with its arguments (so the
// edge can say it in the user's language), and optional per-field errors.
type Error struct {
	Code string
	// Key names the message in the i18n catalogue; empty means the code's
	// default message.
	Key  string
	Args []any
	// Fields maps a field name to a message key for that field.
	Fields map[string]FieldError
}

// FieldError is one field's problem, as a message key with arguments.
type FieldError struct {
	Key  string
	Args []any
}

func (e *Error) Error() string {
	if e.Key != "" {
		return fmt.Sprintf("%s: %s %v", e.Code, e.Key, e.Args)
	}
	return e.Code
}

// Errorf returns an *Error with the given code and message key.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// ErrorCode returns the code of err, or EINTERNAL when err is not a domain
// error; nil has no code.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrNotFound is the sentinel for a missing record.
var ErrNotFound = &Error{Code: ENOTFOUND}

// ErrStale is returned when an update carries a version that is not current.
var ErrStale = &Error{Code: ECONFLICT, Key: "stale_version"}

// ErrForbidden is returned when the actor may not do what was asked.
var ErrForbidden = &Error{Code: EFORBIDDEN}

// Validation collects per-field errors while a request is checked.
type Validation struct {
	fields map[string]FieldError
}

// Add records a problem with field; the first one per field wins.
func (v *Validation) Add(field, key string, args ...any) {
	if v.fields == nil {
		v.fields = map[string]FieldError{}
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = FieldError{Key: key, Args: args}
	}
}

// Err returns nil when nothing was added, else an EINVALID error.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Fields: v.fields}
}
