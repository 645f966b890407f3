package tuijin

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"
)

// fieldChanges is Changes without encoding whole records: it compares two
// values of one flat struct type field by field and encodes only the
// fields that differ, with the result Changes' JSON comparison would give.
// An import that updates 10,000 projects diffs each twice. ok is false for
// what it does not handle (embedded structs, other types), which Changes
// then compares through JSON. A nil before is a create.
func fieldChanges(before, after any) (out map[string][2]any, ok bool) {
	b, a := structValue(before), structValue(after)
	create := !b.IsValid() && isNil(before)
	if !a.IsValid() || (!create && (!b.IsValid() || b.Type() != a.Type())) {
		return nil, false
	}
	fields, ok := auditFieldsOf(a.Type())
	if !ok {
		return nil, false
	}
	out = map[string][2]any{}
	for _, f := range fields {
		y := a.Field(f.index)
		var bv any
		if create {
			if !f.custom && emptyForJSON(y) {
				continue // encodes as null, "", 0, false or []: nothing here
			}
		} else {
			x := b.Field(f.index)
			if sameValue(x, y) {
				continue // equal values encode equally
			}
			bv = f.decoded(x)
		}
		av := f.decoded(y)
		if isEmpty(av) && isEmpty(bv) {
			continue
		}
		if !reflect.DeepEqual(bv, av) {
			out[f.name] = [2]any{bv, av}
		}
	}
	return out, true
}

// isNil: v is nil or a nil pointer.
func isNil(v any) bool {
	rv := reflect.ValueOf(v)
	return !rv.IsValid() || (rv.Kind() == reflect.Pointer && rv.IsNil())
}

// structValue is the struct v holds or points to; invalid for anything
// else, and for a nil pointer.
func structValue(v any) reflect.Value {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return reflect.Value{}
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return rv
}

// auditField is one exported field as encoding/json names it.
type auditField struct {
	index     int
	name      string
	omitEmpty bool
	custom    bool // its type encodes itself (json.Marshaler, TextMarshaler)
}

var auditFields sync.Map // reflect.Type → []auditField, or nil when not flat

func auditFieldsOf(t reflect.Type) ([]auditField, bool) {
	if v, ok := auditFields.Load(t); ok {
		fs := v.([]auditField)
		return fs, fs != nil
	}
	fs := flatFields(t)
	auditFields.Store(t, fs)
	return fs, fs != nil
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// flatFields lists t's fields as JSON names them, or nil when t embeds
// structs or uses tag options beyond omitempty (encoding/json's rules for
// those are left to encoding/json).
func flatFields(t reflect.Type) []auditField {
	if t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) ||
		t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
		return nil
	}
	fs := []auditField{}
	seen := map[string]bool{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			return nil
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts != "" && opts != "omitempty" {
			return nil
		}
		if name == "" {
			name = sf.Name
		}
		if seen[strings.ToLower(name)] {
			return nil // encoding/json's rules for clashing names apply
		}
		seen[strings.ToLower(name)] = true
		if skipAuditField[name] {
			continue
		}
		ft := sf.Type
		custom := false
		for _, tt := range []reflect.Type{ft, reflect.PointerTo(ft)} {
			custom = custom || tt.Implements(jsonMarshaler) || tt.Implements(textMarshaler)
		}
		fs = append(fs, auditField{index: i, name: name, omitEmpty: opts == "omitempty", custom: custom})
	}
	return fs
}

// sameValue reports equal field values without boxing the common kinds.
func sameValue(x, y reflect.Value) bool {
	switch x.Kind() {
	case reflect.String:
		return x.String() == y.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return x.Int() == y.Int()
	case reflect.Bool:
		return x.Bool() == y.Bool()
	case reflect.Pointer:
		if x.IsNil() || y.IsNil() {
			return x.IsNil() == y.IsNil()
		}
		if x.Pointer() == y.Pointer() {
			return true
		}
	}
	return reflect.DeepEqual(x.Interface(), y.Interface())
}

// decoded is v as it reads back from JSON (what Changes compares and
// records): nil when omitted, numbers as float64, and so on.
func (f auditField) decoded(v reflect.Value) any {
	if f.omitEmpty && emptyForJSON(v) {
		return nil
	}
	if !f.custom {
		switch v.Kind() {
		case reflect.String:
			if s := v.String(); utf8.ValidString(s) {
				return s
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return float64(v.Int())
		case reflect.Bool:
			return v.Bool()
		case reflect.Pointer:
			if v.IsNil() {
				return nil
			}
		}
	}
	enc, err := json.Marshal(v.Interface())
	if err != nil {
		return nil
	}
	var out any
	if json.Unmarshal(enc, &out) != nil {
		return nil
	}
	return out
}

// emptyForJSON is encoding/json's test for omitempty.
func emptyForJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
