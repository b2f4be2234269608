package render

import "testing"

var chartGroups = []BarGroup{
	{Name: "AWS Lambda", Total: "5 talks", Bars: []Bar{{"2019", 1}, {"2023", 4}}},
	{Name: "Amazon \x1b[31mS3", Total: "1 talk", Bars: []Bar{{"2024", 1}}},
}

func TestBarChartPipe(t *testing.T) {
	s, out, _ := Buffers()
	if err := BarChart(s, chartGroups); err != nil {
		t.Fatal(err)
	}
	want := "AWS Lambda\t2019\t1\nAWS Lambda\t2023\t4\nAmazon S3\t2024\t1\n"
	if out.String() != want {
		t.Errorf("pipe chart:\ngot  %q\nwant %q", out.String(), want)
	}
}

func TestBarChartTerminal(t *testing.T) {
	s, out, _ := Buffers()
	s.OutTerminal, s.Width, s.Height = true, 30, 100
	if err := BarChart(s, chartGroups); err != nil {
		t.Fatal(err)
	}
	// 30 columns: "  2019  " + bar + " 4" leaves 20 columns for the
	// longest bar; 1 of 4 is a quarter of it.
	want := "AWS Lambda  5 talks\n" +
		"  2019  █████ 1\n" +
		"  2023  ████████████████████ 4\n" +
		"\n" +
		"Amazon S3  1 talk\n" +
		"  2024  █████ 1\n"
	if out.String() != want {
		t.Errorf("terminal chart:\ngot\n%s\nwant\n%s", out.String(), want)
	}
}

func TestBar(t *testing.T) {
	tests := []struct {
		value, top, width int
		want              string
	}{
		{0, 10, 10, ""},
		{10, 10, 10, "██████████"},
		{5, 10, 10, "█████"},
		{1, 16, 10, "▋"},
		{1, 1000, 10, "▏"},
		{3, 8, 4, "█▌"},
	}
	for _, tt := range tests {
		if got := bar(tt.value, tt.top, tt.width); got != tt.want {
			t.Errorf("bar(%d, %d, %d) = %q, want %q", tt.value, tt.top, tt.width, got, tt.want)
		}
	}
}
