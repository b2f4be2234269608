package digest

import (
	"strings"
	"testing"
	"time"

	"github.com/notes-kb/notes/internal/core"
)

// located is the fixture as an import of a blog stores it (issue 16, item
// 4): paths relative to the folder imported, public addresses from the
// front matter or the file name.
func located() []core.TalkRecord {
	talks := fixture()
	talks[0].PostPath, talks[0].PostURL = "_posts/2022-04-12-summit.md", "/2022/04/12/summit/"
	talks[1].PostPath, talks[1].PostURL = "_posts/2022-04-12-summit.md", "/2022/04/12/summit/"
	talks[2].PostPath, talks[2].PostURL = "xebicon.txt", "https://xebia.example/blog/xebicon-2019?utm=x"
	talks[3].Source, talks[3].PostPath = "/home/jane/blog/drafts/c.md", "drafts/c.md"
	return talks
}

// TestDigestFrench pins issue 16, item 4: a digest of French talks speaks
// French — its title, headings, labels, sentences and dates — and its HTML
// page says lang="fr". The whole document is digest.fr.golden.md.
func TestDigestFrench(t *testing.T) {
	d := New(located(), Options{Generated: generated, Lang: French, BaseURL: "https://blog.example.com"})
	if d.Lang != French || d.Title != "Synthèse des conférences 2019–2022" {
		t.Errorf("Lang %q, Title %q; want fr, Synthèse des conférences 2019–2022", d.Lang, d.Title)
	}
	p := parse(t, d.Markdown)
	var h2 []string
	ids := map[string]bool{}
	for _, h := range p.headings {
		ids[h.id] = true
		if h.level == 2 {
			h2 = append(h2, h.text)
		}
	}
	wantH2 := []string{"Sommaire", "AWS Summit Paris 2022", "Xebicon 2019", "Autres conférences", "Services AWS", "Entreprises"}
	if strings.Join(h2, "|") != strings.Join(wantH2, "|") {
		t.Errorf("H2s = %q, want %q", h2, wantH2)
	}
	for _, l := range p.links {
		if strings.HasPrefix(l, "#") && !ids[l[1:]] {
			t.Errorf("link %q points to no heading", l)
		}
	}
	hasAll(t, "French digest", d.Markdown,
		"Cette synthèse couvre 3 conférences vues à AWS Summit Paris 2022 (12 avril 2022) et Xebicon 2019 (Paris, 28 novembre 2019), "+
			"et 1 conférence sans événement connu ; elles ont été présentées par 3 intervenants de 3 entreprises. "+
			"4 services AWS sont cités, surtout AWS Lambda (2 conférences).",
		"\n12 avril 2022 · 2 conférences\n",
		"\n- **Intervenants :** Jane Doe (Solutions Architect, AWS); John Roe (Acme)\n",
		"\n- **Type :** keynote\n",
		"\n- **Services AWS :** Amazon EKS, Amazon EC2\n",
		"\n*Notes de Gabriel Forien · [Lire le compte rendu](<https://blog.example.com/2022/04/12/summit/>)*\n",
		"\n*Source : `drafts/c.md:3`*\n",
		"\n- **AWS Lambda** : [",
		"\n*Généré par notes le 2 mai 2024.*\n",
	)
	for _, english := range []string{"talks", "Kind", "Contents", "Speaker", "Source:", "Notes by", "April", "Generated"} {
		if strings.Contains(d.Markdown, english) {
			t.Errorf("French digest holds the English %q", english)
		}
	}
	page, err := d.HTML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<html lang=\"fr\">") {
		t.Errorf("French HTML page is not lang=\"fr\": %.80q", page)
	}
	checkGolden(t, "digest.fr.golden.md", []byte(d.Markdown))

	en, err := New(located(), Options{Lang: English}).HTML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(en), "<html lang=\"en\">") {
		t.Errorf("English HTML page is not lang=\"en\"")
	}
}

// TestFrenchSentences covers the French sentences the fixture does not
// reach: one talk, one event among many, a single service, no speaker.
func TestFrenchSentences(t *testing.T) {
	one := fixture()[:1]
	d := New(one, Options{Lang: French})
	hasAll(t, "digest of one talk", d.Markdown,
		"# AWS Summit Paris 2022 : synthèse des conférences\n",
		"Cette synthèse couvre 1 conférence vue à AWS Summit Paris 2022 (12 avril 2022) ; elle a été présentée par 2 intervenants de 2 entreprises. "+
			"2 services AWS sont cités : Amazon EC2 et Amazon EKS.",
	)
	var many []core.TalkRecord
	for i := range 6 {
		day := time.Date(2019+i, 5, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		ev := &core.Event{Name: "Conf " + day[:4], Year: 2019 + i, Date: day}
		many = append(many, core.TalkRecord{ID: int64(i), Title: "T" + day, Event: ev, Kind: "workshop", Services: []string{"Amazon S3"}})
	}
	d = New(many, Options{Lang: French})
	hasAll(t, "digest of six events", d.Markdown,
		"Cette synthèse couvre 6 conférences vues lors de 6 événements, entre mai 2019 et mai 2024 ; aucun intervenant n'est nommé. "+
			"1 service AWS est cité, surtout Amazon S3 (6 conférences).",
		"\n1er mai 2019 · 1 conférence\n",
		"\n- **Type :** atelier\n",
	)
}

func TestDetectLang(t *testing.T) {
	fr := core.TalkRecord{Title: "Karpenter en production", Summary: "Les nœuds sont choisis selon les pods en attente, et le coût baisse."}
	en := core.TalkRecord{Title: "Karpenter in production", Summary: "The nodes are chosen from the pending pods, and the cost goes down."}
	frBody := core.TalkRecord{Title: "Karpenter", Body: "Conférence présentée par :\n\n* Jane Doe\n\nIl a montré comment nous avons réduit la facture."}
	enSaysFr := en
	enSaysFr.Lang = "fr-FR"
	frSaysEn := fr
	frSaysEn.Lang = "en"
	unknownTag := fr
	unknownTag.Lang = "klingon"
	mute := core.TalkRecord{Title: "Karpenter", Summary: "AWS, EKS, Kubernetes."}
	tests := []struct {
		name  string
		talks []core.TalkRecord
		want  Lang
	}{
		{"none", nil, English},
		{"French words", []core.TalkRecord{fr}, French},
		{"English words", []core.TalkRecord{en}, English},
		{"French body", []core.TalkRecord{frBody}, French},
		{"front matter lang wins", []core.TalkRecord{enSaysFr}, French},
		{"front matter lang wins, English", []core.TalkRecord{frSaysEn}, English},
		{"a lang that is no tag: the words tell", []core.TalkRecord{unknownTag}, French},
		{"most talks", []core.TalkRecord{fr, en, frBody, mute}, French},
		{"as many in each: English", []core.TalkRecord{fr, en, mute}, English},
		{"no word tells: English", []core.TalkRecord{mute}, English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLang(tt.talks); got != tt.want {
				t.Errorf("DetectLang = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseLang(t *testing.T) {
	tests := []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"fr", French, true},
		{"FR", French, true},
		{"fr-CA", French, true},
		{"fr_FR", French, true},
		{"en", English, true},
		{" en-GB ", English, true},
		{"de", "", false},
		{"french", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got, ok := ParseLang(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
