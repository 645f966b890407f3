package httpapi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"tuijin"
	"tuijin/internal/i18n"
)

// handlerFunc is a handler that returns its error instead of writing it, so
// that every error goes through writeError and its one code-to-status map.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// statusOf is the one map from domain error codes to HTTP statuses.
var statusOf = map[string]int{
	tuijin.ECONFLICT:     http.StatusConflict,
	tuijin.EINVALID:      http.StatusBadRequest,
	tuijin.ENOTFOUND:     http.StatusNotFound,
	tuijin.EUNAUTHORIZED: http.StatusUnauthorized,
	tuijin.EFORBIDDEN:    http.StatusForbidden,
	tuijin.ETHROTTLED:    http.StatusTooManyRequests,
	tuijin.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	tuijin.EINTERNAL:     http.StatusInternalServerError,
	tuijin.EPASSWORD:     http.StatusForbidden,
}

type errorBody struct {
	Error errorPayload `json:"error"`
}

type errorPayload struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// writeError answers with the API's error shape in the request's language.
// Internal errors are logged with the request id and never described.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		err = tuijin.Errorf(tuijin.ETOOLARGE, "too_large", humanBytes(maxErr.Limit))
	}
	code := tuijin.ErrorCode(err)
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	body := errorPayload{Code: code, Message: i18n.T(lang, code)}
	var e *tuijin.Error
	if errors.As(err, &e) && code != tuijin.EINTERNAL {
		if e.Key != "" {
			body.Message = i18n.T(lang, e.Key, e.Args...)
		}
		if len(e.Fields) > 0 {
			body.Fields = map[string]string{}
			for f, fe := range e.Fields {
				body.Fields[f] = i18n.T(lang, fe.Key, fe.Args...)
			}
		}
	}
	status := statusOf[code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	if status >= 500 {
		s.Log.ErrorContext(r.Context(), "request failed", "err", err, "path", r.URL.Path)
	}
	writeJSON(w, status, errorBody{body})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v != nil {
		if err := json.NewEncoder(w).Encode(v); err != nil {
			slog.Debug("write response", "err", err)
		}
	}
}

// writeJSONBytes writes JSON encoded before (a kept result).
func writeJSONBytes(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if _, err := w.Write(body); err != nil {
		slog.Debug("write response", "err", err)
	}
}

// maxJSONBody bounds ordinary JSON requests; uploads set their own limit.
const maxJSONBody = 1 << 20

// decode reads a JSON body into v, rejecting unknown fields so that a typo
// in a field name is an error rather than silently ignored.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxJSONBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return err
		}
		if errors.Is(err, io.EOF) {
			return tuijin.Errorf(tuijin.EINVALID, "bad_json", "empty body")
		}
		return tuijin.Errorf(tuijin.EINVALID, "bad_json", err.Error())
	}
	return nil
}

// pathID reads a numeric path value.
func pathID(r *http.Request, name string) (int64, error) {
	raw := r.PathValue(name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, tuijin.Errorf(tuijin.EINVALID, "bad_id", raw)
	}
	return id, nil
}

// query reads list parameters with clear errors for bad values.
type query struct {
	r   *http.Request
	err error
}

func (q *query) str(name string) string { return strings.TrimSpace(q.r.URL.Query().Get(name)) }

func (q *query) int(name string, def int) int {
	raw := q.str(name)
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil && q.err == nil {
		q.err = tuijin.Errorf(tuijin.EINVALID, "bad_param", name, raw)
	}
	return n
}

func (q *query) id(name string) *int64 {
	raw := q.str(name)
	if raw == "" {
		return nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil && q.err == nil {
		q.err = tuijin.Errorf(tuijin.EINVALID, "bad_param", name, raw)
		return nil
	}
	return &n
}

func (q *query) bool(name string) *bool {
	raw := q.str(name)
	if raw == "" {
		return nil
	}
	b, err := strconv.ParseBool(raw)
	if err != nil && q.err == nil {
		q.err = tuijin.Errorf(tuijin.EINVALID, "bad_param", name, raw)
		return nil
	}
	return &b
}

func (q *query) page() tuijin.Page {
	return tuijin.Page{Page: q.int("page", 1), PerPage: q.int("per_page", 50), Sort: q.str("sort")}
}

func humanBytes(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// writeStreamed writes v, a JSON object whose top-level field key is
// null, with fill writing that field's value in its place. An import
// preview of 10,000 rows is 20 MB of JSON: written as it is made, it is
// never held whole.
func writeStreamed(w http.ResponseWriter, status int, v any, key string, fill func(io.Writer) error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	bw := bufio.NewWriterSize(w, 64<<10)
	err := spliceJSON(bw, v, key, fill)
	if err == nil {
		err = bw.WriteByte('\n')
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		slog.Debug("write response", "err", err)
	}
}

// spliceJSON writes v as JSON with fill writing the value of its top-level
// field key, which v encodes as null.
func spliceJSON(w io.Writer, v any, key string, fill func(io.Writer) error) error {
	enc, err := json.Marshal(v)
	if err != nil {
		return err
	}
	hole := []byte(`"` + key + `":null`)
	at := topLevelIndex(enc, hole)
	if at < 0 {
		return fmt.Errorf("spliceJSON: no null %q in the object", key)
	}
	if _, err := w.Write(enc[:at+len(hole)-len("null")]); err != nil {
		return err
	}
	if err := fill(w); err != nil {
		return err
	}
	_, err = w.Write(enc[at+len(hole):])
	return err
}

// topLevelIndex finds sub at the first level of the JSON object enc,
// outside strings.
func topLevelIndex(enc, sub []byte) int {
	depth, inString := 0, false
	for i := 0; i < len(enc); i++ {
		c := enc[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			if depth == 1 && bytes.HasPrefix(enc[i:], sub) {
				return i
			}
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		}
	}
	return -1
}

// writeArray writes items as a JSON array, one element at a time.
func writeArray[T any](w io.Writer, items []T) error {
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	for i := range items {
		if i > 0 {
			if _, err := io.WriteString(w, ","); err != nil {
				return err
			}
		}
		b, err := json.Marshal(&items[i])
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "]")
	return err
}
