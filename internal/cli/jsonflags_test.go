package cli

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/notes-kb/notes/internal/core"
	"github.com/notes-kb/notes/internal/render"
)

// TestJoinJSONFields pins down when the word after --json is read as
// fields (gh's "--json title,speakers") and when it is left alone.
func TestJoinJSONFields(t *testing.T) {
	tests := []struct {
		name string
		args string
		want string
	}{
		{"fields after a space", "talks --json title,speakers", "talks --json=title,speakers"},
		{"one field", "talks --json title --limit 2", "talks --json=title --limit 2"},
		{"field names in any case", "talks --json Title,ID", "talks --json=Title,ID"},
		{"--json alone, last", "talks --limit 2 --json", "talks --limit 2 --json"},
		{"--json alone, then a flag", "talks --json --limit 2", "talks --json --limit 2"},
		{"already after =", "talks --json=title", "talks --json=title"},
		{"global flags first", "--db x.db talks --json title", "--db x.db talks --json=title"},
		{"a query that is no field", "search --json lambda", "search --json lambda"},
		{"a query after fields", "search --json score,talk lambda", "search --json=score,talk lambda"},
		{"hit fields, not talk fields", "search --json title", "search --json title"},
		{"an unknown field where no argument fits", "talks --json titel", "talks --json=titel"},
		{"an unknown field beside the id", "talk --json titel 12", "talk --json=titel 12"},
		{"an id is an argument", "talk --json 12", "talk --json 12"},
		{"one item unknown", "talks --json title,foo", "talks --json=title,foo"},
		{"a path to import", "import --json posts", "import --json posts"},
		{"dry-run fields, before --dry-run is parsed", "import --json path,talks --dry-run posts", "import --json=path,talks --dry-run posts"},
		{"the value of another flag", "talks --event --json title", "talks --event --json title"},
		{"the value of a shorthand flag", "import -n --corrections c.yaml --json imported posts", "import -n --corrections c.yaml --json=imported posts"},
		{"after --", "search -- --json title", "search -- --json title"},
		{"a command that prints no JSON", "digest --json title", "digest --json title"},
		{"an unknown command", "frobnicate --json title", "frobnicate --json title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, _ := render.Buffers()
			f := NewFactory(s, func(string) string { return "" })
			root := NewCmdRoot(f)
			got := strings.Join(f.joinJSONFields(root, strings.Fields(tt.args)), " ")
			if got != tt.want {
				t.Errorf("notes %s\ngot  %s\nwant %s", tt.args, got, tt.want)
			}
		})
	}
}

// TestJSONFieldsAreTheKeysPrinted checks, for every command that prints
// JSON, that each key its records' JSON holds is a field --json FIELDS
// accepts (render.JSONFields reads them from the type; a type whose
// MarshalJSON writes other keys must say so).
func TestJSONFieldsAreTheKeysPrinted(t *testing.T) {
	s, _, _ := render.Buffers()
	f := NewFactory(s, func(string) string { return "" })
	NewCmdRoot(f)
	if len(f.json.shapes) < 11 {
		t.Fatalf("%d commands declare their JSON, want the 11 that print it", len(f.json.shapes))
	}
	for cmd, shapes := range f.json.shapes {
		for _, shape := range shapes {
			typ := reflect.TypeOf(shape.sample)
			for typ.Kind() == reflect.Slice {
				typ = typ.Elem()
			}
			rec := reflect.New(typ).Elem()
			fill(rec, 0)
			recs := []any{rec.Interface()}
			if hit, ok := recs[0].(core.Hit); ok {
				// A hit is a talk or a post: both are printed.
				hit.Type = core.HitPost
				recs = append(recs, hit)
			}
			keys := map[string]json.RawMessage{}
			var data []byte
			for _, r := range recs {
				var err error
				if data, err = json.Marshal(r); err != nil {
					t.Fatal(err)
				}
				if err := json.Unmarshal(data, &keys); err != nil {
					t.Fatal(err)
				}
			}
			all := render.JSONFields(shape.sample)
			for k := range keys {
				if !slices.Contains(all, k) {
					t.Errorf("%s: the JSON of %s has %q, which is not among its fields %v", cmd.CommandPath(), typ, k, all)
				}
			}
			for _, name := range shape.fields {
				if _, ok := keys[name]; !ok {
					t.Errorf("%s: field %q of %s is never printed (%s)", cmd.CommandPath(), name, typ, data)
				}
			}
		}
	}
}

// fill sets every field of v to a value that is not the zero value, so
// that omitempty leaves none out.
func fill(v reflect.Value, depth int) {
	if depth > 4 || !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(1)
	case reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), depth+1)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth+1)
		fill(e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), depth+1)
		}
	}
}
