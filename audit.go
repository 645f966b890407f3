package tuijin

import (
	"context"
	"encoding/json"
	"reflect"
	"time"
)

// AuditEntry is one row of the audit trail (过程痕迹): who did what to which
// record, and each changed field's value before and after.
type AuditEntry struct {
	ID        int64             `json:"id"`
	At        time.Time         `json:"at"`
	UserID    *int64            `json:"user_id"`
	Username  string            `json:"username"`
	Action    string            `json:"action"`
	Entity    string            `json:"entity"`
	EntityID  *int64            `json:"entity_id"`
	Changes   map[string][2]any `json:"changes"`
	RequestID string            `json:"request_id"`
	IP        string            `json:"ip"`
}

// AuditFilter selects audit rows.
type AuditFilter struct {
	UserID   *int64
	Entity   string
	EntityID *int64
	From     string // YYYY-MM-DD, inclusive, office time zone
	To       string // YYYY-MM-DD, inclusive
	Page
}

// Changes compares two values of the same struct type field by field, by
// their JSON names, and returns the fields that differ as [before, after].
// A nil before means a create: every non-empty field is listed.
func Changes(before, after any) map[string][2]any {
	if out, ok := fieldChanges(before, after); ok {
		return out
	}
	return jsonChanges(before, after)
}

// jsonChanges is Changes through a JSON round trip of both values.
func jsonChanges(before, after any) map[string][2]any {
	b, a := jsonMap(before), jsonMap(after)
	out := map[string][2]any{}
	for k, av := range a {
		if skipAuditField[k] {
			continue
		}
		bv := b[k]
		if isEmpty(av) && isEmpty(bv) {
			continue // null, "" and [] all mean "nothing here"
		}
		if !reflect.DeepEqual(bv, av) {
			out[k] = [2]any{bv, av}
		}
	}
	for k, bv := range b {
		if _, ok := a[k]; !ok && !skipAuditField[k] && !isEmpty(bv) {
			out[k] = [2]any{bv, nil}
		}
	}
	return out
}

var skipAuditField = map[string]bool{"updated_at": true, "created_at": true, "version": true}

func jsonMap(v any) map[string]any {
	m := map[string]any{}
	if v == nil || (reflect.ValueOf(v).Kind() == reflect.Pointer && reflect.ValueOf(v).IsNil()) {
		return m
	}
	b, err := json.Marshal(v)
	if err != nil {
		return m
	}
	_ = json.Unmarshal(b, &m)
	return m
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case float64:
		return x == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

type requestKey struct{}

// RequestInfo is what the audit trail records of the request behind a write.
type RequestInfo struct {
	ID string
	IP string
}

// WithRequest returns ctx carrying the request's id and address.
func WithRequest(ctx context.Context, info RequestInfo) context.Context {
	return context.WithValue(ctx, requestKey{}, info)
}

// RequestFrom returns the request info in ctx, if any.
func RequestFrom(ctx context.Context) RequestInfo {
	info, _ := ctx.Value(requestKey{}).(RequestInfo)
	return info
}
