package extract

import (
	"fmt"
	"testing"
)

func TestZZOne(t *testing.T) {
	for _, s := range []string{
		"Lors de cette présentation, Stephan Hadinger (Directeur de la Technologie chez AWS) a exposé le cadre.",
		"Stephan Hadinger (Directeur de la Technologie chez AWS)",
		"Nicolas Moutschen, Solution Architect AWS et Guillaume Lannebere de chez Betclic ont fait un retour d’expérience sur la mise en place.",
	} {
		fmt.Printf("%q\n  sent=%+v\n  list=%+v\n  split=%q\n", s, speakersFromSentences(s), parseSpeakerList(s), splitPeople(s))
		sp, ok := splitSpeaker(s)
		fmt.Println("  one:", sp, ok, reSpeakerVerb.FindStringIndex(s))
	}
}
