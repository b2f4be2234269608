package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/itchyny/gojq"

	"github.com/notes-kb/notes/internal/core"
)

// JQ is a jq program that JSON output goes through (--jq), compiled once
// before a command does its work.
type JQ struct {
	expr string
	code *gojq.Code
}

// ParseJQ compiles a jq expression, with gojq: jq's whole language
// (select, map, paths, string interpolation, @csv and @tsv…) without a
// jq binary.
func ParseJQ(expr string) (*JQ, error) {
	q, err := gojq.Parse(expr)
	if err != nil {
		return nil, err
	}
	code, err := gojq.Compile(q)
	if err != nil {
		return nil, err
	}
	return &JQ{expr: expr, code: code}, nil
}

// String is the expression as typed.
func (q *JQ) String() string { return q.expr }

// JSONError is a jq program that failed on the JSON it was given ("cannot
// iterate over: null"): the expression is named, since the command itself
// did what it was asked.
type JSONError struct {
	Expr string
	Err  error
}

// Error names the expression and says what went wrong.
func (e *JSONError) Error() string { return fmt.Sprintf("--jq '%s': %v", e.Expr, e.Err) }

// Unwrap returns gojq's error.
func (e *JSONError) Unwrap() error { return e.Err }

// SearchJSON is the JSON of a search asked for facets: {"hits": […],
// "facets": […]}. The hits are its records: --json FIELDS selects their
// fields, as without facets, and keeps the facets whole.
type SearchJSON struct {
	Hits   []core.Hit   `json:"hits"`
	Facets []core.Facet `json:"facets"`
}

func (SearchJSON) recordsKey() string { return "hits" }

// recordHolder is an object whose records are the array under one of its
// keys rather than the value itself.
type recordHolder interface{ recordsKey() string }

// JSON writes v, the records a command prints with --json (an array of
// them, one object, or a recordHolder), to s.Out. With s.JSONFields, each
// record keeps only those fields, in that order (those a record leaves out,
// such as a talk's lang when its post names none, stay out). With s.JQ the
// result goes through the jq program and each value it yields is printed
// on its own line, strings raw as "jq -r" and "gh --jq" print them,
// anything else as JSON, indented on a terminal and on one line in a pipe.
// Without either, v is printed as JSON indented by two spaces.
//
// HTML characters are not escaped (a title "Q&A <live>" stays readable);
// C1 control characters, which encoding/json leaves raw and some terminals
// obey, are written as \u escapes, and a raw string loses the control
// sequences Sanitize removes.
func JSON(s *IO, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if len(s.JSONFields) == 0 && s.JQ == nil {
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := s.Out.Write(escapeC1(buf.Bytes()))
		return err
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	data := bytes.TrimSpace(buf.Bytes())
	if len(s.JSONFields) > 0 {
		key := ""
		if h, ok := v.(recordHolder); ok {
			key = h.recordsKey()
		}
		var err error
		if data, err = selectRecords(data, key, s.JSONFields); err != nil {
			return err
		}
	}
	if s.JQ == nil {
		var out bytes.Buffer
		if err := json.Indent(&out, data, "", "  "); err != nil {
			return err
		}
		out.WriteByte('\n')
		_, err := s.Out.Write(escapeC1(out.Bytes()))
		return err
	}
	return runJQ(s, s.JQ, data)
}

// runJQ runs q on data and prints what it yields.
func runJQ(s *IO, q *JQ, data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // ids and counts stay as printed, whatever their size
	var in any
	if err := dec.Decode(&in); err != nil {
		return err
	}
	var out bytes.Buffer
	iter := q.code.Run(in)
	for {
		r, ok := iter.Next()
		if !ok {
			break
		}
		if err, ok := r.(error); ok {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				break // halt: stop, as jq does, without an error
			}
			if _, err := s.Out.Write(out.Bytes()); err != nil {
				return err
			}
			return &JSONError{Expr: q.expr, Err: err}
		}
		if str, ok := r.(string); ok {
			out.WriteString(Sanitize(str))
			out.WriteByte('\n')
			continue
		}
		b, err := gojq.Marshal(r)
		if err != nil {
			return &JSONError{Expr: q.expr, Err: err}
		}
		if s.OutTerminal {
			var ind bytes.Buffer
			if json.Indent(&ind, b, "", "  ") == nil {
				b = ind.Bytes()
			}
		}
		out.Write(escapeC1(b))
		out.WriteByte('\n')
	}
	_, err := s.Out.Write(out.Bytes())
	return err
}

// selectRecords keeps the given fields of the records in data: of each
// object of an array, of the object itself, or of each object of the
// array under key.
func selectRecords(data []byte, key string, fields []string) ([]byte, error) {
	if key != "" {
		keys, vals, err := objectKeys(data)
		if err != nil {
			return nil, err
		}
		if vals[key], err = selectRecords(vals[key], "", fields); err != nil {
			return nil, err
		}
		return writeObject(keys, vals)
	}
	if bytes.HasPrefix(data, []byte("[")) {
		var recs []json.RawMessage
		if err := json.Unmarshal(data, &recs); err != nil {
			return nil, err
		}
		// Written by hand: json.Marshal would escape the HTML characters
		// the encoder was told to leave.
		b := []byte{'['}
		for i, r := range recs {
			sel, err := selectRecords(r, "", fields)
			if err != nil {
				return nil, err
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, sel...)
		}
		return append(b, ']'), nil
	}
	if !bytes.HasPrefix(data, []byte("{")) {
		return data, nil
	}
	_, vals, err := objectKeys(data)
	if err != nil {
		return nil, err
	}
	return writeObject(fields, vals)
}

// objectKeys reads a JSON object: its keys in order and their values.
func objectKeys(data []byte) ([]string, map[string]json.RawMessage, error) {
	var vals map[string]json.RawMessage
	if err := json.Unmarshal(data, &vals); err != nil {
		return nil, nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // {
		return nil, nil, err
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, nil, err
		}
	}
	return keys, vals, nil
}

// writeObject writes the object of vals with the given keys, in that
// order, leaving out those it does not have.
func writeObject(keys []string, vals map[string]json.RawMessage) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	n := 0
	for _, k := range keys {
		v, ok := vals[k]
		if !ok {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		name, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// escapeC1 writes the C1 control characters of JSON text as \u escapes.
func escapeC1(out []byte) []byte {
	if !bytes.Contains(out, []byte{0xc2}) {
		return out
	}
	var b strings.Builder
	for _, r := range string(out) {
		if r >= 0x80 && r <= 0x9f {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return []byte(b.String())
}

// jsonFielder is a record whose JSON keys are not its struct tags (a
// search hit writes its talk or its post).
type jsonFielder interface{ JSONFields() []string }

// JSONFields are the keys of the JSON of a record: sample is a record, a
// pointer to one or a slice of them. They are read from the type, so a
// field that omitempty leaves out of a record is still named; a type
// whose MarshalJSON writes other keys says which with a JSONFields method.
func JSONFields(sample any) []string {
	t := reflect.TypeOf(sample)
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	if f, ok := reflect.Zero(t).Interface().(jsonFielder); ok {
		return f.JSONFields()
	}
	return structFields(t, nil)
}

// structFields appends the JSON keys of struct type t to names, as
// encoding/json names them: the tag's name, else the field's; embedded
// structs without a tag lend their fields.
func structFields(t reflect.Type, names []string) []string {
	for i := range t.NumField() {
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
			names = structFields(ft, names)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}
