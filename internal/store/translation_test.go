package store

import (
	"context"
	"testing"

	"github.com/notes-kb/notes/internal/core"
)

// TestTranslationPairsTalksBySpeakers: a translation that drops a talk is
// paired with its original talk by talk, by their speakers; the talk only
// the original has stays listed once, and nothing is listed twice.
func TestTranslationPairsTalksBySpeakers(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	talk := func(title, speaker string) core.Talk {
		return core.Talk{Title: title, Kind: core.KindTalk, Speakers: []core.Speaker{{Name: speaker}}, Body: title}
	}
	fr := core.Post{Format: core.FormatMarkdown, Event: &riverconf, Talks: []core.Talk{
		talk("Karpenter en production", "Jane Doe"), talk("FinOps", "John Roe"), talk("Les API", "Alice Martin")}}
	en := core.Post{Format: core.FormatMarkdown, Event: &riverconf, Talks: []core.Talk{
		talk("APIs", "Alice Martin"), talk("Karpenter in production", "Jane Doe")}}
	if _, err := db.SavePost(ctx, FileInfo{Path: "/p/fr.md", SHA256: "fr", Lang: "fr", TranslationKey: "key:river"}, fr); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SavePost(ctx, FileInfo{Path: "/p/en.md", SHA256: "en", Lang: "en", TranslationKey: "key:river"}, en); err != nil {
		t.Fatal(err)
	}
	talks, err := db.Talks(ctx, core.TalkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, tk := range talks {
		tr := ""
		for _, x := range tk.Translations {
			tr += x.Title
		}
		got[tk.Title] = tr
	}
	want := map[string]string{"Karpenter en production": "Karpenter in production", "FinOps": "", "Les API": "APIs"}
	if len(got) != len(want) {
		t.Fatalf("talks = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("talk %q translated by %q, want %q", k, got[k], v)
		}
	}
}
