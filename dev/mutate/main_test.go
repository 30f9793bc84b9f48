package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mutants(pkg string, statuses ...string) result {
	r := result{Package: pkg}
	for i, s := range statuses {
		r.Mutants = append(r.Mutants, mutant{Path: strings.TrimPrefix(pkg, "./") + "/a.go", Line: i + 1, Column: 1, Type: "CONDITIONALS_NEGATION", Status: s, Package: pkg})
	}
	return r
}

func TestReport(t *testing.T) {
	th := thresholds{efficacy: 97, coverage: 92, pkgEfficacy: 90, pkgCoverage: 85}
	var out strings.Builder
	// 19 killed, 1 lived: 95 % efficacy overall, under 97.
	statuses := append(strings.Split(strings.Repeat("KILLED,", 19), ",")[:19], "LIVED")
	if got := report(&out, []result{mutants("./jitna/x", statuses...)}, nil, th); got != 1 {
		t.Fatalf("95%% efficacy passed:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "FAIL: test efficacy 95.0% is below 97%") || !strings.Contains(out.String(), "lived       jitna/x/a.go:20:1 CONDITIONALS_NEGATION") {
		t.Errorf("report does not say why or which mutant lived:\n%s", out.String())
	}
	// The survivor listed as equivalent: 100 %.
	out.Reset()
	eq := map[string]string{"jitna/x/a.go:20:1 CONDITIONALS_NEGATION": "same result either way"}
	if got := report(&out, []result{mutants("./jitna/x", statuses...)}, eq, th); got != 0 {
		t.Fatalf("an equivalent mutant counted:\n%s", out.String())
	}
	// An equivalent entry that is killed now is stale.
	out.Reset()
	statuses[19] = "KILLED"
	if got := report(&out, []result{mutants("./jitna/x", statuses...)}, eq, th); got != 1 || !strings.Contains(out.String(), "no longer survives") {
		t.Fatalf("a stale equivalent entry passed:\n%s", out.String())
	}
	// Uncovered mutants lower the coverage of their package.
	out.Reset()
	if got := report(&out, []result{mutants("./jitna/y", "KILLED", "KILLED", "KILLED", "KILLED", "KILLED", "NOT COVERED")}, nil, th); got != 1 ||
		!strings.Contains(out.String(), "FAIL: ./jitna/y: mutator coverage 83.3% is below 85%") {
		t.Fatalf("83%% coverage passed:\n%s", out.String())
	}
}

func TestReadEquivalent(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) string {
		p := filepath.Join(dir, "eq.txt")
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	eq, err := readEquivalent(write("# comment\n\njitna/x/a.go:1:2 ARITHMETIC_BASE the sum is never read\n"))
	if err != nil || eq["jitna/x/a.go:1:2 ARITHMETIC_BASE"] != "the sum is never read" {
		t.Fatalf("got %v, %v", eq, err)
	}
	if _, err := readEquivalent(write("jitna/x/a.go:1:2 ARITHMETIC_BASE\n")); err == nil {
		t.Error("an entry without a reason was accepted")
	}
	if _, err := readEquivalent(write("a.go:1:2 X why\na.go:1:2 X again\n")); err == nil {
		t.Error("an entry listed twice was accepted")
	}
}

func TestParseReport(t *testing.T) {
	r, err := parseReport("./jitna/x", []byte(`{"files":[{"file_name":"a.go","mutations":[{"type":"ARITHMETIC_BASE","status":"LIVED","line":3,"column":4}]}]}`))
	if err != nil || len(r.Mutants) != 1 || r.Mutants[0].key() != "jitna/x/a.go:3:4 ARITHMETIC_BASE" || r.Mutants[0].Status != "LIVED" {
		t.Fatalf("got %+v, %v", r, err)
	}
}

// Mutants the driver ran itself are counted by their result and reported.
func TestReportSaysWhatTheDriverRan(t *testing.T) {
	th := thresholds{efficacy: 50, coverage: 50, pkgEfficacy: 50, pkgCoverage: 50}
	r := mutants("./jitna/x", "KILLED", "KILLED", "LIVED")
	r.Mutants[1].Rerun, r.Mutants[2].Rerun = true, true
	var out strings.Builder
	if got := report(&out, []result{r}, nil, th); got != 0 {
		t.Fatalf("failed:\n%s", out.String())
	}
	for _, want := range []string{"./jitna/x: 2 mutant(s) gremlins called not covered were run by this driver", "2 mutant(s) in all were run by this driver", "66.7%"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
