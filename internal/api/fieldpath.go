package api

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"startbridge/internal/errs"
)

// maxUnknownFields caps the problems one body can produce, so that a
// megabyte of made-up members does not come back as megabytes of messages.
const maxUnknownFields = 20

// unknownFields adds a field.unknown problem for every object member of
// value that t, the Go type it decodes into, has no field for. encoding/json
// reports only the first unknown name, without its path; this walk names
// them all, as "roles[0].colour".
func unknownFields(v *errs.Invalid, value any, t reflect.Type, path string) {
	if len(v.Fields) >= maxUnknownFields {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if decodesItself(t) {
		return
	}
	switch val := value.(type) {
	case map[string]any:
		// Any other kind of t is a type error, which the decoder reports.
		fields := map[string]reflect.Type{}
		if t.Kind() == reflect.Struct {
			fields = jsonFields(t)
		}
		for _, name := range slices.Sorted(maps.Keys(val)) {
			if len(v.Fields) >= maxUnknownFields {
				return
			}
			switch t.Kind() {
			case reflect.Map:
				unknownFields(v, val[name], t.Elem(), join(path, name))
			case reflect.Struct:
				ft, ok := lookupField(fields, name)
				if !ok {
					v.Add(orBody(join(path, name)), "field.unknown", nil)
					continue
				}
				unknownFields(v, val[name], ft, join(path, name))
			}
		}
	case []any:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for i, item := range val {
				unknownFields(v, item, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// decodesItself reports whether values of t accept any shape of JSON as far
// as field names go: interfaces, and types with their own decoding.
func decodesItself(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return t.Kind() == reflect.Interface || p.Implements(jsonUnmarshaler) || p.Implements(textUnmarshaler)
}

// jsonFields maps the JSON member names of struct t to their types, by the
// rules of encoding/json: tags, "-", and the fields of untagged embedded
// structs promoted unless an outer field has the same name.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var promoted []map[string]reflect.Type
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			promoted = append(promoted, jsonFields(ft))
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	for _, inner := range promoted {
		for name, ft := range inner {
			if _, taken := out[name]; !taken {
				out[name] = ft
			}
		}
	}
	return out
}

// lookupField finds name the way encoding/json does: exactly, or else
// without regard to case.
func lookupField(fields map[string]reflect.Type, name string) (reflect.Type, bool) {
	if ft, ok := fields[name]; ok {
		return ft, true
	}
	for k, ft := range fields {
		if strings.EqualFold(k, name) {
			return ft, true
		}
	}
	return nil, false
}

// pathAt returns the path of the JSON value in data that ends at offset, or
// whose opening bracket does: that is where encoding/json's type errors
// point. Its own UnmarshalTypeError.Field leaves out array indexes.
func pathAt(data []byte, offset int64) string {
	type container struct {
		path  string
		array bool
		index int
		key   string
		atKey bool
	}
	var stack []*container
	valueDone := func() {
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			top.index++
			top.atKey = !top.array
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			valueDone()
			continue
		}
		path := ""
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			if top.atKey {
				top.key, top.atKey = tok.(string), false
				continue
			}
			path = join(top.path, top.key)
			if top.array {
				path = fmt.Sprintf("%s[%d]", top.path, top.index)
			}
		}
		if dec.InputOffset() >= offset {
			return path
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, &container{path: path, array: d == '[', atKey: d == '{'})
			continue
		}
		valueDone()
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
