package render

import (
	"encoding/json"
	"os"
	"reflect"
	"strconv"

	"github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/muesli/termenv"
)

// On a 16-colour terminal (TERM=xterm, the Linux console) termenv maps
// every 256-colour code of a glamour style to the nearest of the 16 colours
// again for each piece of text it styles — sixteen colour-space distances
// each time, and glamour styles text piece by piece, padding included: a
// page of 20 search results took 0.14 s to render instead of 5 ms
// (BenchmarkMarkdownSearchPage). ansi16Style maps the style's colours once,
// with termenv's own conversion, so the output is the same
// (TestANSI16StyleRendersTheSame), only faster.

// ansi16Style returns the glamour style named or stored at path style
// (what glamour.WithStylePath reads) with its colours already converted to
// the 16 ANSI colours, and false when the style cannot be read (glamour
// then reports the error).
func ansi16Style(style string) (ansi.StyleConfig, bool) {
	cfg, ok := loadStyle(style)
	if ok {
		convertColors(reflect.ValueOf(&cfg).Elem())
	}
	return cfg, ok
}

// loadStyle returns a copy of the glamour style named or stored at path
// style, and false when it cannot be read.
func loadStyle(style string) (ansi.StyleConfig, bool) {
	var data []byte
	var err error
	if cfg, ok := styles.DefaultStyles[style]; ok {
		data, err = json.Marshal(cfg) // a deep copy: the defaults are shared
	} else {
		data, err = os.ReadFile(style)
	}
	var cfg ansi.StyleConfig
	if err != nil || json.Unmarshal(data, &cfg) != nil {
		return cfg, false
	}
	return cfg, true
}

// convertColors rewrites, in place, every Color and BackgroundColor of a
// style value to the ANSI colour termenv would draw it with.
func convertColors(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			convertColors(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			f := v.Field(i)
			name := t.Field(i).Name
			if name == "Chroma" {
				// Code block colours go to chroma, which wants them as
				// #rrggbb and does its own 16-colour conversion; glamour
				// registers them once per process, under one name.
				continue
			}
			if (name == "Color" || name == "BackgroundColor") && f.Type() == reflect.TypeFor[*string]() {
				if !f.IsNil() {
					if c, ok := termenv.ANSI.Color(*f.Interface().(*string)).(termenv.ANSIColor); ok {
						code := strconv.Itoa(int(c))
						f.Set(reflect.ValueOf(&code))
					}
				}
				continue
			}
			convertColors(f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			convertColors(v.Index(i))
		}
	}
}
