package api_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"startbridge/internal/api"
	"startbridge/internal/auth"
	"startbridge/internal/errs"
)

// fieldKeys maps each field an error names to its catalogue key.
func fieldKeys(err error) map[string]string {
	out := map[string]string{}
	var inv *errs.Invalid
	if errors.As(err, &inv) {
		for _, f := range inv.Fields {
			out[f.Field] = f.Key
		}
	}
	return out
}

func TestDecodeNamesTheFieldAtFault(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		field string
		key   string
	}{
		{"malformed", `{"email": `, "body", "field.malformed"},
		{"not json at all", `email=a@b.kr`, "body", "field.malformed"},
		{"empty body", ``, "body", "field.malformed"},
		{"two values", `{"email": "a@b.kr"} {"email": "c@d.kr"}`, "body", "field.malformed"},
		{"trailing garbage", `{"email": "a@b.kr"}}`, "body", "field.malformed"},
		{"array instead of object", `[1, 2]`, "body", "field.type"},
		{"unknown field", `{"email": "a@b.kr", "colour": "red"}`, "colour", "field.unknown"},
		{"unknown nested field", `{"roles": [{"role": "staff"}, {"role": "staff", "institution": 3}]}`, "roles[1].institution", "field.unknown"},
		{"wrong type", `{"name": 42}`, "name", "field.type"},
		{"wrong nested type", `{"roles": [{"role": "staff"}, {"institution_id": "three"}]}`, "roles[1].institution_id", "field.type"},
		{"fraction for an integer", `{"roles": [{"institution_id": 1.5}]}`, "roles[0].institution_id", "field.type"},
		{"number too large", `{"roles": [{"institution_id": 1e100}]}`, "roles[0].institution_id", "field.type"},
		{"object for a list", `{"roles": {"role": "staff"}}`, "roles", "field.type"},
		{"string for a bool", `{"consent_cross_border": "yes"}`, "consent_cross_border", "field.type"},
	}
	for _, tt := range tests {
		var in auth.NewUser
		err := api.DecodeBytes([]byte(tt.body), &in)
		if got := fieldKeys(err)[tt.field]; got != tt.key {
			t.Errorf("%s: field %q has %q, want %q (err %v)", tt.name, tt.field, got, tt.key, err)
		}
	}
}

func TestDecodeAcceptsWhatEncodingJSONAccepts(t *testing.T) {
	var in auth.NewUser
	body := `{"Email": "a@b.kr", "name": "Kim", "consent_cross_border": true, "roles": [{"role": "staff", "institution_id": 3}]}`
	if err := api.DecodeBytes([]byte(body), &in); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if in.Email != "a@b.kr" || in.Name != "Kim" || !in.ConsentCrossBorder || len(in.Roles) != 1 || *in.Roles[0].InstitutionID != 3 {
		t.Errorf("decoded %+v", in)
	}
}

func TestDecodeListsEveryUnknownField(t *testing.T) {
	var in auth.NewUser
	err := api.DecodeBytes([]byte(`{"b": 1, "a": 2, "email": "x"}`), &in)
	got := fieldKeys(err)
	if len(got) != 2 || got["a"] != "field.unknown" || got["b"] != "field.unknown" {
		t.Errorf("fields = %v, want a and b unknown", got)
	}
}

func TestDecodeRefusesLargeAndNonJSONBodies(t *testing.T) {
	var in auth.NewUser
	large := `{"name": "` + strings.Repeat("x", api.MaxBodyBytes) + `"}`
	r := httptest.NewRequest("POST", "/", strings.NewReader(large))
	if err := api.Decode(httptest.NewRecorder(), r, &in); !errors.Is(err, api.ErrTooLarge) {
		t.Errorf("large body: err = %v, want ErrTooLarge", err)
	}
	r = httptest.NewRequest("POST", "/", strings.NewReader(`--x\r\n`))
	r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	if err := api.Decode(httptest.NewRecorder(), r, &in); !errors.Is(err, api.ErrUnsupportedMediaType) {
		t.Errorf("multipart body: err = %v, want ErrUnsupportedMediaType", err)
	}
	r = httptest.NewRequest("POST", "/", strings.NewReader(`{"name": "curl"}`))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if err := api.Decode(httptest.NewRecorder(), r, &in); err != nil || in.Name != "curl" {
		t.Errorf("JSON sent as curl -d sends it: err = %v, name %q", err, in.Name)
	}
	r = httptest.NewRequest("POST", "/", strings.NewReader(`{"name": "x"}`))
	r.Header.Set("Content-Type", "application/merge-patch+json; charset=utf-8")
	if err := api.Decode(httptest.NewRecorder(), r, &in); err != nil || in.Name != "x" {
		t.Errorf("+json body: err = %v, name %q", err, in.Name)
	}
}

func TestIfMatch(t *testing.T) {
	tests := []struct {
		header  string
		version int
		err     error
	}{
		{"", 0, api.ErrPreconditionRequired},
		{`"3"`, 3, nil},
		{` "12" `, 12, nil},
		{`W/"3"`, 0, errs.ErrStale},
		{`*`, 0, errs.ErrStale},
		{`"3", "4"`, 0, errs.ErrStale},
		{`3`, 0, errs.ErrStale},
		{`"0"`, 0, errs.ErrStale},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("PATCH", "/", nil)
		if tt.header != "" {
			r.Header.Set("If-Match", tt.header)
		}
		v, err := api.IfMatch(r)
		if v != tt.version || !errors.Is(err, tt.err) {
			t.Errorf("If-Match %q = %d, %v; want %d, %v", tt.header, v, err, tt.version, tt.err)
		}
	}
	w := httptest.NewRecorder()
	api.SetETag(w, 7)
	if got := w.Header().Get("ETag"); got != `"7"` {
		t.Errorf("ETag = %s", got)
	}
}

func TestWriteJSONAnswersJSON(t *testing.T) {
	w := httptest.NewRecorder()
	if err := api.WriteJSON(w, http.StatusCreated, map[string]int{"id": 1}); err != nil {
		t.Fatal(err)
	}
	if w.Code != http.StatusCreated || w.Header().Get("Content-Type") != "application/json; charset=utf-8" || w.Body.String() != "{\"id\":1}\n" {
		t.Errorf("answer %d %q %q", w.Code, w.Header().Get("Content-Type"), w.Body.String())
	}
	if err := api.WriteJSON(httptest.NewRecorder(), http.StatusOK, func() {}); err == nil {
		t.Error("a value that cannot be encoded gave no error")
	}
}

// FuzzDecode checks that no body, however broken, makes Decode panic or
// fail with anything but a refusal naming a field.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{`{"email": "a@b.kr", "roles": [{"role": "staff", "institution_id": 3}]}`,
		`{"roles": [{}, {"institution_id": "x"}]}`, `[[[]]]`, `{"a": {"b": [1, {"c": null}]}}`, `"text"`, `{`, ``} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var in auth.NewUser
		err := api.DecodeBytes(body, &in)
		var inv *errs.Invalid
		if err != nil && (!errors.As(err, &inv) || len(inv.Fields) == 0 || inv.Fields[0].Field == "") {
			t.Errorf("body %q: err = %v, want a refusal naming a field", body, err)
		}
	})
}

func TestDecodeCapsTheProblemsOfOneBody(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"email": "a@b.kr"`)
	for i := range 5000 {
		fmt.Fprintf(&b, `, "made_up_%d": %d`, i, i)
	}
	b.WriteString(`}`)
	var in auth.NewUser
	var inv *errs.Invalid
	if err := api.DecodeBytes([]byte(b.String()), &in); !errors.As(err, &inv) || len(inv.Fields) == 0 || len(inv.Fields) > 20 {
		t.Errorf("5000 unknown members gave %v", err)
	}
}
