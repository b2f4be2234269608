package digest

import (
	"errors"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/notes-kb/notes/internal/core"
)

// CheckBaseURL reads the address of the site the posts are published on
// ("https://blog.example.com", "https://example.com/blog/"): an absolute
// http(s) URL with a host, and no query or fragment, since a post's path
// is added to it. It returns the address without its trailing "/".
func CheckBaseURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		return "", errors.New("it must be the http(s) address of the site, like https://blog.example.com")
	case u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return "", errors.New("it must be the address of the site alone, without user, query or fragment")
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// postLink is where a digest links a post (issue 16, item 4): its
// absolute http(s) address, or its path on the site joined to base (a
// CheckBaseURL address); "" when the post gives no address, gives only a
// path and there is no base, or gives anything else — never a link to a
// file of this machine or to another scheme.
func postLink(postURL, base string) string {
	if strings.HasPrefix(postURL, "/") {
		if base == "" || strings.HasPrefix(postURL, "//") {
			return ""
		}
		p := postURL
		if unescaped, err := url.PathUnescape(p); err == nil {
			p = unescaped
		}
		clean := path.Clean(p)
		if strings.HasSuffix(p, "/") && clean != "/" {
			clean += "/"
		}
		return base + (&url.URL{Path: clean}).EscapedPath()
	}
	u, err := url.Parse(postURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	return u.String()
}

// markdownDestination is a link's destination written so that nothing in
// it ends the link early: between angle brackets, with the characters
// that could close them, start a new line or escape one percent-encoded.
func markdownDestination(u string) string {
	r := strings.NewReplacer("<", "%3C", ">", "%3E", "\\", "%5C", "\n", "%0A", "\r", "%0D", " ", "%20")
	return "<" + r.Replace(u) + ">"
}

// sourcePath is how a digest names a talk's post when it cannot link it:
// its path relative to the folder it was imported from; when that folder
// is not known (imported by an older notes), the path as listed if it is
// relative, else the file's name: never an absolute path of this machine.
func sourcePath(t core.TalkRecord) string {
	switch {
	case t.PostPath != "":
		return t.PostPath
	case filepath.IsAbs(t.Source):
		return filepath.Base(t.Source)
	}
	return t.Source
}
