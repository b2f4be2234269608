package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name     string
		raw      []byte
		want     string
		encoding string
	}{
		{"plain utf-8", []byte("Événement à Paris\n"), "Événement à Paris\n", EncodingUTF8},
		{"utf-8 bom", []byte("\xef\xbb\xbfTitre\n"), "Titre\n", EncodingUTF8BOM},
		{"utf-16le bom", []byte("\xff\xfe\xe9\x00t\x00\xe9\x00\n\x00"), "été\n", EncodingUTF16LE},
		{"utf-16be bom", []byte("\xfe\xff\x00\xe9\x00t\x00\xe9\x00\n"), "été\n", EncodingUTF16BE},
		{"utf-16le surrogate pair", []byte("\xff\xfe\x3d\xd8\x00\xde"), "😀", EncodingUTF16LE},
		{"utf-16le odd length", []byte("\xff\xfea\x00b"), "a\uFFFD", EncodingUTF16LE},
		{"utf-16le without bom", []byte("T\x00a\x00l\x00k\x00 \x00\xe9\x00t\x00\xe9\x00"), "Talk été", EncodingUTF16LE},
		{"windows-1252 accents", []byte("\xe9v\xe9nement"), "événement", EncodingWindows1252},
		{"windows-1252 apostrophe", []byte("l\x92AWS Summit"), "l’AWS Summit", EncodingWindows1252},
		{"windows-1252 oe and euro", []byte("c\x9cur \x80"), "cœur €", EncodingWindows1252},
		{"mixed utf-8 and latin-1", []byte("déjà vu, caf\xe9"), "déjà vu, café", EncodingWindows1252},
		{"crlf", []byte("a\r\nb\r\n"), "a\nb\n", EncodingUTF8},
		{"lone cr", []byte("a\rb\rc"), "a\nb\nc", EncodingUTF8},
		{"crlf in utf-16", []byte("\xff\xfea\x00\r\x00\n\x00b\x00"), "a\nb", EncodingUTF16LE},
		{"nul bytes", []byte("a\x00b\x00\n"), "ab\n", EncodingUTF8},
		{"empty", nil, "", EncodingUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Decode(tt.raw)
			if err != nil {
				t.Fatalf("Decode(%q) error: %v", tt.raw, err)
			}
			if got != tt.want || enc != tt.encoding {
				t.Errorf("Decode(%q) = %q, %q; want %q, %q", tt.raw, got, enc, tt.want, tt.encoding)
			}
		})
	}
}

func TestIsBinary(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want bool
		what string
	}{
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), true, "PNG image"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), true, "JPEG image"},
		{"gif", []byte("GIF89a\x01\x00"), true, "GIF image"},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3"), true, "PDF document"},
		{"zip", []byte("PK\x03\x04\x14\x00"), true, "ZIP archive"},
		{"control bytes", []byte("\x01\x02\x03\x04abc\x05\x06\x07\x08"), true, "data with 72% control bytes"},
		{"text", []byte("# Titre\n\nUn paragraphe.\n"), false, ""},
		{"latin-1 text", []byte("\xe9v\xe9nement\tl\x92AWS\r\n"), false, ""},
		{"utf-16 with bom", []byte("\xff\xfea\x00b\x00c\x00"), false, ""},
		{"utf-16 without bom", []byte("a\x00b\x00c\x00d\x00"), false, ""},
		{"word starting with BM", []byte("BMW et Bedrock"), false, ""},
		{"empty", nil, false, ""},
		{"few stray nuls", append([]byte(strings.Repeat("texte ", 100)), 0, 0), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, what := IsBinary(tt.raw)
			if got != tt.want || what != tt.what {
				t.Errorf("IsBinary(%q) = %v, %q; want %v, %q", tt.raw, got, what, tt.want, tt.what)
			}
		})
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	post := write("post.txt", []byte("Titre\r\n\r\nUn \xe9v\xe9nement.\r\n"))
	big := write("big.md", []byte(strings.Repeat("x", 2048)))
	png := write("image.md", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))

	t.Run("decodes and hashes", func(t *testing.T) {
		src, err := Read(post, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		want := "Titre\n\nUn événement.\n"
		if src.Text != want || src.Encoding != EncodingWindows1252 || src.Size != 24 || src.Path != post {
			t.Errorf("Read = %+v; want text %q, encoding %q, size 24, path %q", src, want, EncodingWindows1252, post)
		}
		if len(src.SHA256) != 64 {
			t.Errorf("SHA256 = %q; want 64 hex digits", src.SHA256)
		}
	})
	t.Run("over the limit", func(t *testing.T) {
		_, err := Read(big, 1024)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("Read error = %v; want ErrTooLarge", err)
		}
		for _, part := range []string{big, "file is 2.0 KiB (2048 bytes), over the 1 KiB limit for a post"} {
			if !strings.Contains(err.Error(), part) {
				t.Errorf("error %q does not name %q", err, part)
			}
		}
	})
	t.Run("no limit", func(t *testing.T) {
		if _, err := Read(big, 0); err != nil {
			t.Errorf("Read with no limit: %v", err)
		}
	})
	t.Run("binary", func(t *testing.T) {
		_, err := Read(png, 1<<20)
		if !errors.Is(err, ErrBinary) || !strings.Contains(err.Error(), "binary file (looks like PNG image), not a text post") {
			t.Errorf("Read error = %v; want a binary file error naming PNG", err)
		}
	})
	t.Run("missing", func(t *testing.T) {
		if _, err := Read(filepath.Join(dir, "nope.md"), 1<<20); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Read error = %v; want not exist", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		if _, err := Read(dir, 1<<20); err == nil || !strings.Contains(err.Error(), "directory") {
			t.Errorf("Read(dir) error = %v; want a directory error", err)
		}
	})
}
