package kb

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// importRoots maps each file of an import (its identity) to the folder the
// import was given that holds it: the outermost one when folders given
// overlap, the file's own folder for a file named alone. The digest shows
// a post's path relative to it (issue 16, item 4).
func importRoots(args, files []string) map[string]string {
	abs := make([]string, len(args))
	for i, a := range args {
		abs[i] = absPath(a)
	}
	out := make(map[string]string, len(files))
	for _, f := range files {
		root := ""
		for _, a := range abs {
			switch {
			case a == f:
				if root == "" {
					root = filepath.Dir(f)
				}
			case within(a, f) && (root == "" || len(a) < len(root)):
				root = a
			}
		}
		if root != "" {
			out[f] = root
		}
	}
	return out
}

// within reports whether path is inside the folder dir.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// publicURL is the public address of the post at file, from its front
// matter (meta) and its file name (issue 16, item 4): an absolute http(s)
// URL, a path on the post's site starting with "/", or "" when nothing
// says where the post is published. The first of these that applies:
//
//  1. an absolute http(s) URL as canonical_url, canonical, canonicalURL,
//     url, permalink or link;
//  2. a Jekyll permalink, a path whose :year, :month, :day, :i_month,
//     :i_day, :short_year, :title, :slug, :categories and :output_ext
//     are filled (any other placeholder: no address);
//  3. a Hugo url, a path taken as it is;
//  4. a Jekyll post (front matter, a file named YYYY-MM-DD-title.md, .html
//     or .adoc…): Jekyll's "pretty" style, /:categories/:year/:month/:day/:title/
//     (the date of the front matter wins over the file name's, its slug
//     over the title in the name);
//  5. a Hugo slug: /section/slug/, the section being the folders between
//     the site's content folder and the file (a page bundle's folder
//     aside), none when the file is in no folder named content.
func publicURL(meta map[string]any, file string) string {
	if len(meta) == 0 {
		return ""
	}
	for _, k := range []string{"canonical_url", "canonical", "canonicalURL", "url", "permalink", "link"} {
		if u := absoluteURL(metaString(meta, k)); u != "" {
			return u
		}
	}
	if p := metaString(meta, "permalink"); p != "" {
		return sitePath(fillPermalink(p, jekyllPost(meta, file)))
	}
	if p := metaString(meta, "url"); p != "" {
		return sitePath(p)
	}
	if post := jekyllPost(meta, file); post.named {
		return sitePath(fillPermalink("/:categories/:year/:month/:day/:title/", post))
	}
	if slug := metaString(meta, "slug"); slug != "" {
		return sitePath(hugoSection(file) + "/" + slug + "/")
	}
	return ""
}

// absoluteURL is s when it is an absolute http(s) URL with a host,
// normalised; "" otherwise (a path, another scheme, text).
func absoluteURL(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	return u.String()
}

// sitePath is p as a clean path on a site, starting with "/" and keeping
// its trailing "/"; "" for "", for a path with spaces or control
// characters, or for an address on another host ("//host/x").
func sitePath(p string) string {
	if p == "" || strings.HasPrefix(p, "//") || strings.Contains(p, "://") ||
		strings.IndexFunc(p, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return ""
	}
	clean := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean
}

// jekyllFile is a Jekyll post's file name: its date and title.
var jekyllFile = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})-(.+)$`)

// jekyllExts are the files Jekyll publishes as posts (jekyll-asciidoc for
// AsciiDoc); a .txt named like a post is not one.
var jekyllExts = map[string]bool{
	".md": true, ".markdown": true, ".mkd": true, ".mkdn": true, ".mdown": true,
	".html": true, ".htm": true, ".adoc": true, ".asciidoc": true, ".textile": true,
}

// permalinkPost is what a Jekyll permalink's placeholders are filled with.
type permalinkPost struct {
	named      bool      // the file is named YYYY-MM-DD-title.ext
	date       time.Time // zero when unknown
	name       string    // the file's name without its date and extension
	slug       string    // front matter slug, "" when none
	categories []string
}

// jekyllPost reads the placeholders of a post's permalink from its front
// matter and file name.
func jekyllPost(meta map[string]any, file string) permalinkPost {
	base := filepath.Base(file)
	ext := filepath.Ext(base)
	p := permalinkPost{name: strings.TrimSuffix(base, ext), slug: metaString(meta, "slug")}
	if m := jekyllFile.FindStringSubmatch(p.name); m != nil && jekyllExts[strings.ToLower(ext)] {
		if d, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3]); err == nil {
			p.named, p.date, p.name = true, d, m[4]
		}
	}
	if d := metaString(meta, "date"); len(d) >= 10 {
		if t, err := time.Parse("2006-01-02", d[:10]); err == nil {
			p.date = t
		}
	}
	switch v := meta["categories"].(type) {
	case []any:
		for _, c := range v {
			p.categories = append(p.categories, strings.Fields(fmt.Sprint(c))...)
		}
	case string:
		p.categories = strings.Fields(v)
	}
	if len(p.categories) == 0 {
		p.categories = strings.Fields(metaString(meta, "category"))
	}
	return p
}

// placeholder is a Jekyll permalink placeholder.
var placeholder = regexp.MustCompile(`:[a-z_]+`)

// fillPermalink fills the placeholders of a Jekyll permalink with post's
// date, title and categories as Jekyll does; "" when one is unknown to
// this function or needs a date the post does not give.
func fillPermalink(tmpl string, post permalinkPost) string {
	ok := true
	out := placeholder.ReplaceAllStringFunc(tmpl, func(ph string) string {
		d := post.date
		switch ph {
		case ":title":
			return slugify(firstOf(post.slug, post.name), true)
		case ":slug":
			return slugify(firstOf(post.slug, post.name), false)
		case ":categories":
			cats := make([]string, len(post.categories))
			for i, c := range post.categories {
				cats[i] = strings.ToLower(c)
			}
			return strings.Join(cats, "/")
		case ":output_ext":
			return ".html"
		}
		layout := map[string]string{":year": "2006", ":month": "01", ":day": "02", ":i_month": "1", ":i_day": "2", ":short_year": "06"}[ph]
		if layout == "" || d.IsZero() {
			ok = false
			return ph
		}
		return d.Format(layout)
	})
	if !ok {
		return ""
	}
	// An empty :categories leaves "//", which Jekyll makes one "/".
	for strings.Contains(out, "//") {
		out = strings.ReplaceAll(out, "//", "/")
	}
	return out
}

// slugify is Jekyll's slug of a title: in "pretty" mode, case and the
// characters allowed in a URL path kept; else lower-cased, letters and
// digits only. Other runs of characters become one "-".
func slugify(s string, pretty bool) string {
	keep := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || pretty && strings.ContainsRune("._~!$&'()+,;=@", r)
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		if !keep(r) {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
	}
	if pretty {
		return b.String()
	}
	return strings.ToLower(b.String())
}

// hugoSection is the path of file's section on a Hugo site: the folders
// between the last folder named content and the file, a page bundle's
// own folder (index.md, _index.md) left out; "" outside a content folder.
func hugoSection(file string) string {
	parts := strings.Split(filepath.ToSlash(filepath.Clean(file)), "/")
	at := -1
	for i, p := range parts[:len(parts)-1] {
		if p == "content" {
			at = i
		}
	}
	if at < 0 {
		return ""
	}
	dirs := parts[at+1 : len(parts)-1]
	if name := strings.TrimSuffix(parts[len(parts)-1], filepath.Ext(parts[len(parts)-1])); (name == "index" || name == "_index") && len(dirs) > 0 {
		dirs = dirs[:len(dirs)-1]
	}
	if len(dirs) == 0 {
		return ""
	}
	return "/" + strings.Join(dirs, "/")
}

// firstOf is the first of vals that is not "".
func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
