package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// machine is what the report says about where it was measured.
type machine struct {
	cpu    string
	cpus   int
	memory string
	osArch string
	goVer  string
	commit string
}

// probeMachine reads what it can; what it cannot is "unknown".
func probeMachine() machine {
	m := machine{
		cpu:    procField("/proc/cpuinfo", "model name"),
		cpus:   runtime.NumCPU(),
		memory: "unknown",
		osArch: runtime.GOOS + "/" + runtime.GOARCH,
		goVer:  output("go", "version"),
		commit: output("git", "rev-parse", "--short", "HEAD"),
	}
	// "MemTotal:       24731700 kB"
	if f := strings.Fields(procField("/proc/meminfo", "MemTotal")); len(f) == 2 && f[1] == "kB" {
		if kb, err := strconv.ParseInt(f[0], 10, 64); err == nil {
			m.memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	return m
}

// procField is the value of the first "name: value" line of a /proc file,
// "unknown" when the file or the line is not there.
func procField(path, name string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == name {
			return strings.TrimSpace(value)
		}
	}
	return "unknown"
}

// output is the trimmed stdout of a command, "unknown" when it fails.
func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil || len(strings.TrimSpace(string(out))) == 0 {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}
