package extract

import (
	"strings"
	"testing"
)

func TestSummarise(t *testing.T) {
	tests := []struct {
		name, in, want string
		max            int
	}{
		{"short body kept", "Une session sur le portage vers .NET 8 et ses pièges, racontée par l'équipe.", "Une session sur le portage vers .NET 8 et ses pièges, racontée par l'équipe.", 280},
		// Regression: ".NET" was read as a sentence end ("portage vers .").
		{"dot inside a word is not a sentence end", strings.Repeat("mot ", 30) + "portage vers .NET 8 et au-delà avec beaucoup de détails encore", strings.TrimSpace(strings.Repeat("mot ", 30)) + " portage vers .NET 8 et…", 150},
		{"a paragraph introducing a list ends the summary", "Romain a listé les mesures à prendre dès la création du compte :\n\n* activer MFA partout dès le premier jour du compte\n\nLa suite parlait d'autre chose.", "Romain a listé les mesures à prendre dès la création du compte.", 280},
		{"cut at a sentence end", strings.Repeat("Phrase courte ici. ", 20), strings.TrimSpace(strings.Repeat("Phrase courte ici. ", 5)), 100},
		{"speaker lines and lists skipped", "Conférence présentée par Jane Doe, CTO.\n\n* un point de liste assez long pour compter dans le résumé\n\nLe vrai texte de la conférence commence ici et continue.", "Le vrai texte de la conférence commence ici et continue.", 280},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarise(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("summarise = %q\nwant        %q", got, tt.want)
			}
		})
	}
}
