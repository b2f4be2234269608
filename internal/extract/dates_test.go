package extract

import "testing"

func TestFindDates(t *testing.T) {
	tests := []struct {
		name string
		in   string
		year int
		want string
	}{
		{"french day month year", "Le salon s'est tenu le 18 mars 2024 à Lyon.", 0, "2024-03-18"},
		{"two days", "Les 14 et 15 février 2017, la conférence a réuni 500 personnes.", 0, "2017-02-14"},
		{"range over months", "du 30 juin au 1er juillet 2022", 0, "2022-06-30"},
		{"english range", "from 10th to 12th July 2023", 0, "2023-07-10"},
		{"english month first", "It took place on July 10, 2023 in London.", 0, "2023-07-10"},
		{"numeric french order", "Le 06/12/23, au Centre des Congrès.", 0, "2023-12-06"},
		{"numeric four-digit year", "Le 28/11/2019, à Paris.", 0, "2019-11-28"},
		{"year from the event", "il a fait son retour ce 9 avril !", 2024, "2024-04-09"},
		{"premier", "le 1er octobre 2021", 0, "2021-10-01"},
		{"iso", "date: 2022-04-20", 0, "2022-04-20"},
		{"iso with a time", "2012-12-03T00:00:00Z", 0, "2012-12-03"},
		{"two days with their names", "Jeudi 13 et vendredi 14 octobre 2022, au Polydome.", 0, "2022-10-13"},
		{"range with day names", "du jeudi 30 juin au vendredi 1er juillet 2022", 0, "2022-06-30"},
		{"three days", "Les 10, 11 et 12 juillet 2023, nous étions au Riviera Dev.", 0, "2023-07-10"},
		{"may with its day", "Berlin. May 6 through 7.", 2017, "2017-05-06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := findDates(tt.in)
			if len(ds) == 0 {
				t.Fatalf("findDates(%q) found nothing; want %s", tt.in, tt.want)
			}
			if got := ds[0].iso(tt.year); got != tt.want {
				t.Errorf("findDates(%q)[0] = %s; want %s", tt.in, got, tt.want)
			}
		})
	}
	for _, s := range []string{"Nous avons mar 3 idées", "version 1.2.3 en 2024", "il y a 12 mois", "you may 2 of them"} {
		if ds := findDates(s); len(ds) != 0 {
			t.Errorf("findDates(%q) = %+v; want none", s, ds)
		}
	}
}

func TestFindMentions(t *testing.T) {
	tests := []struct {
		in     string
		series string
		city   string
		year   int
	}{
		{"Notre retour sur l'AWS Summit Lyon 2024", "AWS Summit", "Lyon", 2024},
		{"AWS:reInvent 2019 by Max", "AWS re:Invent", "Las Vegas", 2019},
		{"KubeCon + CloudNativeCon Europe 2023", "KubeCon + CloudNativeCon", "", 2023},
		{"Retour sur la NimbusConf Nantes 2021", "NimbusConf", "Nantes", 2021},
	}
	for _, tt := range tests {
		ms := findMentions(tt.in)
		if len(ms) == 0 {
			t.Errorf("findMentions(%q) found nothing", tt.in)
			continue
		}
		m := ms[0]
		if m.series != tt.series || m.city != tt.city || m.year != tt.year {
			t.Errorf("findMentions(%q) = %+v; want %s/%s/%d", tt.in, m, tt.series, tt.city, tt.year)
		}
	}
}

// TestNoYearFromNumbers pins a bug: "meetup ... bordeaux-18.md" (meetup
// number 18) gave the event the year 2018.
func TestNoYearFromNumbers(t *testing.T) {
	for _, s := range []string{"retour meetup aws user group bordeaux 18 md", "AWS User Group Bordeaux #18"} {
		for _, m := range findMentions(s) {
			if m.year != 0 {
				t.Errorf("findMentions(%q) year = %d, want none", s, m.year)
			}
		}
	}
	if ms := findMentions("AWS Summit '22"); len(ms) == 0 || ms[0].year != 2022 {
		t.Errorf("findMentions(AWS Summit '22) = %+v, want year 2022", ms)
	}
}

// TestImpossibleDates pins a bug: "le 31 février 2019" gave 2019-02-31.
func TestImpossibleDates(t *testing.T) {
	for _, s := range []string{"le 31 février 2019", "le 31/04/2023", "le 29 février 2023"} {
		for _, d := range findDates(s) {
			if iso := d.iso(0); iso != "" {
				t.Errorf("findDates(%q) gave %s, a day that does not exist", s, iso)
			}
		}
	}
	if ds := findDates("le 29 février 2024"); len(ds) == 0 || ds[0].iso(0) != "2024-02-29" {
		t.Errorf("29 février 2024 (a leap year) = %+v", ds)
	}
}

func TestDaysBefore(t *testing.T) {
	pub := date{Year: 2012, Month: 12, Day: 3} // a Monday
	for _, c := range []struct{ sentence, want string }{
		{"Last Friday I went to the dotJS conference.", "2012-11-30"},
		{"Yesterday I attended the summit.", "2012-12-02"},
		{"Vendredi dernier, la conférence…", "2012-11-30"},
		{"Last Monday, the conference opened.", "2012-11-26"},
	} {
		m := reDayBefore.FindStringSubmatch(c.sentence)
		if m == nil {
			t.Fatalf("reDayBefore misses %q", c.sentence)
		}
		if got := daysBefore(pub, m).iso(0); got != c.want {
			t.Errorf("%q: %s, want %s", c.sentence, got, c.want)
		}
	}
}

func TestPublishedLinesDateNoEvent(t *testing.T) {
	body := "Published June 2, 2017 on our blog\nThe conference took place in Berlin. May 6 through 7.\n"
	d, ok := (eventFinder{}).findDate(body, 2017)
	if !ok || d.iso(2017) != "2017-05-06" {
		t.Errorf("findDate = %v %v, want 2017-05-06", d, ok)
	}
}
