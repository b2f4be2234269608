package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encoding names reported by Decode and stored in core.Source.Encoding.
const (
	EncodingUTF8        = "utf-8"
	EncodingUTF8BOM     = "utf-8-bom"
	EncodingUTF16LE     = "utf-16le"
	EncodingUTF16BE     = "utf-16be"
	EncodingWindows1252 = "windows-1252"
)

// sniffSize is how much of a file IsBinary looks at: enough to see past a
// header, small enough to stay cheap on every file of a large folder.
const sniffSize = 8 << 10

// Decode turns raw bytes into clean text: a UTF-8 BOM is stripped, UTF-16
// with a BOM (or unmistakably UTF-16 without one) is decoded, valid UTF-8
// stays as it is, and anything else is read as Windows-1252 — what old
// French blog exports in "Latin-1" really are, "\x92" being the apostrophe.
// Line endings become "\n" and NUL bytes are removed, so every later stage
// sees one kind of text.
func Decode(raw []byte) (text string, encoding string, err error) {
	d, err := decode(raw)
	return d.text, d.encoding, err
}

// decoded is the result of decode: the text and what was done to get it.
type decoded struct {
	text     string
	encoding string
	nuls     int // NUL characters removed
	nulLine  int // line of the first, in the decoded text; 0 if none
}

func decode(raw []byte) (decoded, error) {
	var text, encoding string
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		text, encoding = strings.ToValidUTF8(string(raw[3:]), "\uFFFD"), EncodingUTF8BOM
	case bytes.HasPrefix(raw, []byte("\xff\xfe")):
		text, encoding = decodeUTF16(raw[2:], false), EncodingUTF16LE
	case bytes.HasPrefix(raw, []byte("\xfe\xff")):
		text, encoding = decodeUTF16(raw[2:], true), EncodingUTF16BE
	case utf8.Valid(raw):
		text, encoding = string(raw), EncodingUTF8
	default:
		if be, ok := sniffUTF16(raw); ok {
			text = decodeUTF16(raw, be)
			encoding = EncodingUTF16LE
			if be {
				encoding = EncodingUTF16BE
			}
			break
		}
		text, encoding = decodeWindows1252(raw), EncodingWindows1252
	}
	if !utf8.ValidString(text) {
		// Cannot happen with the decoders above; guard the invariant that
		// Source.Text is UTF-8 anyway, since the store and index rely on it.
		return decoded{}, fmt.Errorf("decoding as %s produced invalid UTF-8", encoding)
	}
	d := decoded{encoding: encoding}
	if i := strings.IndexByte(text, 0); i >= 0 {
		d.nuls = strings.Count(text, "\x00")
		d.nulLine = 1 + strings.Count(normalizeText(text[:i]), "\n")
	}
	d.text = normalizeText(text)
	return d, nil
}

// normalizeText removes NULs and turns CRLF and lone CR into LF.
func normalizeText(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

func decodeUTF16(b []byte, bigEndian bool) string {
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			units = append(units, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	s := string(utf16.Decode(units))
	if len(b)%2 == 1 {
		// A truncated file: say so in the text rather than drop a byte.
		s += "\uFFFD"
	}
	return s
}

// decodeWindows1252 decodes bytes that are not valid UTF-8. Valid UTF-8
// sequences are kept as they are and only the stray bytes are read as
// Windows-1252: a post saved in Latin-1 decodes exactly as Windows-1252,
// and a UTF-8 post with one pasted Latin-1 sentence is not turned into
// mojibake.
func decodeWindows1252(raw []byte) string {
	var b strings.Builder
	b.Grow(len(raw) + len(raw)/8)
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		if r, size := utf8.DecodeRune(raw[i:]); r != utf8.RuneError || size > 1 {
			b.Write(raw[i : i+size])
			i += size
			continue
		}
		b.WriteRune(charmap.Windows1252.DecodeByte(c))
		i++
	}
	return b.String()
}

// sniffUTF16 recognises UTF-16 without a BOM from its NUL bytes: text in a
// Latin script has a zero in every other byte. It reports the byte order.
func sniffUTF16(raw []byte) (bigEndian bool, ok bool) {
	sample := raw
	if len(sample) > sniffSize {
		sample = sample[:sniffSize]
	}
	pairs := len(sample) / 2
	if pairs < 2 {
		return false, false
	}
	var evenZero, oddZero int
	for i := 0; i+1 < len(sample); i += 2 {
		if sample[i] == 0 {
			evenZero++
		}
		if sample[i+1] == 0 {
			oddZero++
		}
	}
	switch {
	case oddZero*10 >= pairs*4 && evenZero*20 <= pairs:
		return false, true
	case evenZero*10 >= pairs*4 && oddZero*20 <= pairs:
		return true, true
	}
	return false, false
}

// magic numbers of the non-text files most often found next to posts.
var magics = []struct {
	prefix string
	what   string
}{
	{"\x89PNG\r\n\x1a\n", "PNG image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"GIF87a", "GIF image"},
	{"GIF89a", "GIF image"},
	{"%PDF-", "PDF document"},
	{"PK\x03\x04", "ZIP archive"},
	{"PK\x05\x06", "ZIP archive"},
	{"\x1f\x8b", "gzip archive"},
	{"BM", ""}, // checked further below: "BM" also starts English words
	{"\x7fELF", "ELF executable"},
	{"\x00\x00\x01\x00", "icon"},
	{"wOFF", "web font"},
	{"wOF2", "web font"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"},
	{"SQLite format 3\x00", "SQLite database"},
}

// IsBinary reports whether raw bytes are not text, and what they look
// like: an image or archive by its magic number, or anything with a high
// share of control bytes in its first 8 KiB. Texts in UTF-16 are not
// binary even though half their bytes are NUL.
func IsBinary(raw []byte) (bool, string) {
	for _, m := range magics {
		if m.what != "" && bytes.HasPrefix(raw, []byte(m.prefix)) {
			return true, m.what
		}
	}
	if len(raw) >= 14 && bytes.HasPrefix(raw, []byte("BM")) && raw[6] == 0 && raw[7] == 0 && raw[8] == 0 && raw[9] == 0 {
		return true, "BMP image"
	}
	if len(raw) >= 12 && string(raw[:4]) == "RIFF" && string(raw[8:12]) == "WEBP" {
		return true, "WebP image"
	}
	if bytes.HasPrefix(raw, []byte("\xff\xfe")) || bytes.HasPrefix(raw, []byte("\xfe\xff")) {
		return false, ""
	}
	if _, ok := sniffUTF16(raw); ok {
		return false, ""
	}
	sample := raw
	if len(sample) > sniffSize {
		sample = sample[:sniffSize]
	}
	if len(sample) == 0 {
		return false, ""
	}
	control, nuls := 0, 0
	for _, c := range sample {
		switch {
		case c == 0:
			nuls++
		case isControlByte(c):
			control++
		}
	}
	// Real posts have no control bytes; 5% leaves room for a few stray
	// form feeds in an old export while random bytes (about 11%) are
	// caught. NUL bytes are counted apart: a few of them in a text (a
	// damaged export) are removed by Decode and the post imported with a
	// warning, but a file more than 10% NULs (a zeroed or preallocated
	// file, a binary format this list does not know) is no post.
	if control*20 > len(sample) {
		return true, fmt.Sprintf("data with %d%% control bytes", control*100/len(sample))
	}
	if nuls*10 > len(sample) {
		return true, fmt.Sprintf("data with %d%% NUL bytes", nuls*100/len(sample))
	}
	return false, ""
}

func isControlByte(c byte) bool {
	switch c {
	case '\t', '\n', '\r', '\f', '\v', 0x1b: // 0x1b: ANSI colours in saved logs
		return false
	}
	return c < 0x20 || c == 0x7f
}
