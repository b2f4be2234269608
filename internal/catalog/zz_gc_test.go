package catalog

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

func TestZZSeeds(t *testing.T) {
	gold, _ := filepath.Glob("/work/shared/corpus/gold/*.json")
	for _, g := range gold {
		var d struct{ Services []string `json:"services"` }
		b, _ := os.ReadFile(g)
		json.Unmarshal(b, &d)
		txt, _ := os.ReadFile(filepath.Join("/work/shared/corpus/seeds", filepath.Base(g[:len(g)-5])+".txt"))
		got := map[string]bool{}
		for _, sc := range Count(string(txt)) { got[sc.Name] = true }
		want := map[string]bool{}
		for _, s := range d.Services { want[s] = true; if !got[s] { fmt.Println("FN", g, s) } }
		for s := range got { if !want[s] { fmt.Println("FP", g, s) } }
	}
}

func TestZZGen(t *testing.T) {
	dir := os.Getenv("GC")
	var man struct {
		Files []struct {
			Path     string   `json:"path"`
			Services []string `json:"services"`
		} `json:"files"`
	}
	b, err := os.ReadFile(dir + "/manifest.json")
	if err != nil {
		t.Skip()
	}
	json.Unmarshal(b, &man)
	fp, fn := map[string]int{}, map[string]int{}
	tp := 0
	var dur time.Duration
	var bytes int
	for _, f := range man.Files {
		txt, _ := os.ReadFile(filepath.Join(dir, f.Path))
		t0 := time.Now()
		cs := Count(string(txt))
		dur += time.Since(t0)
		bytes += len(txt)
		got := map[string]bool{}
		for _, sc := range cs {
			got[sc.Name] = true
		}
		want := map[string]bool{}
		for _, s := range f.Services {
			want[s] = true
			if got[s] {
				tp++
			} else {
				fn[s]++
			}
		}
		for s := range got {
			if !want[s] {
				fp[s]++
				if s != "AWS IAM" && s != "Amazon VPC" {
					for _, m := range Find(string(txt)) {
						if m.Name == s {
							a := max(0, m.Start-80)
							fmt.Printf("FP %s %s %q\n", f.Path, s, string(txt[a:min(len(txt), m.End+40)]))
						}
					}
				}
			}
		}
	}
	fmt.Println("tp", tp, "files", len(man.Files), "bytes", bytes, "time", dur)
	show := func(name string, m map[string]int) {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Slice(ks, func(i, j int) bool { return m[ks[i]] > m[ks[j]] })
		fmt.Println(name)
		for _, k := range ks {
			fmt.Println("  ", k, m[k])
		}
	}
	show("FP", fp)
	show("FN", fn)
}
