// Command mutate runs mutation testing (gremlins) over the jsii-free core,
// one package at a time, and fails when the tests do not notice enough of
// the mutants: a mutant is a small change to the code (a flipped comparison,
// a dropped negation, `&&` for `||`) that a good test suite fails on.
//
//	go run ./dev/mutate -gremlins BIN [-equivalent FILE] [-min-efficacy 97 -min-coverage 92 -pkg-efficacy 90 -pkg-coverage 85] PKG...   (make mutate)
//
// For each package it prints the mutants killed, lived and not covered, the
// test efficacy (killed / (killed + lived)) and the mutator coverage
// ((killed + lived) / all), then the totals, and lists every surviving and
// uncovered mutant. Mutants listed in the equivalent file do not change
// behaviour, so no test can kill them: they are left out of the counts. An
// entry that no longer names a surviving mutant is itself an error, so the
// list cannot go stale.
//
// Mutants gremlins reports NOT COVERED are run here (see retest): gremlins
// misses the conditions of switch cases and constant expressions. A mutant
// no test reaches then counts as lived, so the coverage column shows what
// is left unrun (mutants that do not build are left out), and test efficacy
// is the figure that matters.
//
// gremlins runs with one worker (more report different counts from run to
// run on a 2-core machine) and a timeout coefficient of 20 (the core's tests
// take milliseconds, so the default marks good mutants "timed out").
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	gremlins := flag.String("gremlins", "gremlins", "the gremlins binary")
	equivalent := flag.String("equivalent", "", "file of equivalent mutants, one `PATH:LINE:COLUMN MUTATOR reason` a line")
	minEff := flag.Float64("min-efficacy", 97, "minimum test efficacy over all packages, in percent")
	minCov := flag.Float64("min-coverage", 92, "minimum mutator coverage over all packages, in percent")
	pkgEff := flag.Float64("pkg-efficacy", 90, "minimum test efficacy of each package, in percent")
	pkgCov := flag.Float64("pkg-coverage", 85, "minimum mutator coverage of each package, in percent")
	flag.Parse()
	eq, err := readEquivalent(*equivalent)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(2)
	}
	var results []result
	for _, pkg := range flag.Args() {
		r, err := run(*gremlins, pkg)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mutate:", err)
			os.Exit(2)
		}
		results = append(results, r)
	}
	os.Exit(report(os.Stdout, results, eq, thresholds{*minEff, *minCov, *pkgEff, *pkgCov}))
}

// mutant is one mutation gremlins made, by its place in the repository.
type mutant struct {
	Path    string // file, relative to the repository root
	Line    int
	Column  int
	Type    string
	Status  string
	Package string
	// Rerun is set when gremlins reported the mutant NOT COVERED and the
	// driver ran it (see retest).
	Rerun bool
}

func (m mutant) key() string { return fmt.Sprintf("%s:%d:%d %s", m.Path, m.Line, m.Column, m.Type) }

type result struct {
	Package string
	Mutants []mutant
}

// gremlinsReport is the part of gremlins' JSON output (-o) we read.
type gremlinsReport struct {
	Files []struct {
		FileName  string `json:"file_name"`
		Mutations []struct {
			Type   string `json:"type"`
			Status string `json:"status"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"mutations"`
	} `json:"files"`
}

// run mutates one package (./jitna/x) and reads gremlins' report.
func run(gremlins, pkg string) (result, error) {
	out, err := os.CreateTemp("", "gremlins-*.json")
	if err != nil {
		return result{}, err
	}
	out.Close()
	defer os.Remove(out.Name())
	cmd := exec.Command(gremlins, "unleash", "--silent", "--workers", "1", "--timeout-coefficient", "20", "--output", out.Name(), pkg)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	fmt.Fprintf(os.Stderr, "mutate %s\n", pkg)
	if err := cmd.Run(); err != nil {
		return result{}, fmt.Errorf("gremlins on %s: %w", pkg, err)
	}
	data, err := os.ReadFile(out.Name())
	if err != nil {
		return result{}, err
	}
	r, err := parseReport(pkg, data)
	if err != nil {
		return r, err
	}
	for i, m := range r.Mutants {
		if m.Status != "NOT COVERED" {
			continue
		}
		if r.Mutants[i].Status, err = retest(pkg, m); err != nil {
			return r, err
		}
		r.Mutants[i].Rerun = true
	}
	return r, nil
}

// parseReport reads gremlins' JSON report of pkg; its file names are
// relative to the package's folder.
func parseReport(pkg string, data []byte) (result, error) {
	var g gremlinsReport
	if err := json.Unmarshal(data, &g); err != nil {
		return result{}, fmt.Errorf("gremlins report of %s: %w", pkg, err)
	}
	r := result{Package: pkg}
	dir := filepath.ToSlash(filepath.Clean(pkg))
	for _, f := range g.Files {
		for _, m := range f.Mutations {
			r.Mutants = append(r.Mutants, mutant{
				Path: dir + "/" + f.FileName, Line: m.Line, Column: m.Column, Type: m.Type, Status: m.Status, Package: pkg,
			})
		}
	}
	return r, nil
}

// readEquivalent reads the list of equivalent mutants: `PATH:LINE:COLUMN
// MUTATOR reason`, blank lines and # comments ignored. Every entry needs a
// reason.
func readEquivalent(path string) (map[string]string, error) {
	eq := map[string]string{}
	if path == "" {
		return eq, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for n := 1; s.Scan(); n++ {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 3 {
			return nil, fmt.Errorf("%s:%d: write PATH:LINE:COLUMN MUTATOR and why the mutant changes nothing", path, n)
		}
		key := fields[0] + " " + fields[1]
		if _, dup := eq[key]; dup {
			return nil, fmt.Errorf("%s:%d: %s is listed twice", path, n, key)
		}
		eq[key] = strings.Join(fields[2:], " ")
	}
	return eq, s.Err()
}

type thresholds struct{ efficacy, coverage, pkgEfficacy, pkgCoverage float64 }

// counts are one package's or the total's mutants by status.
type counts struct{ killed, lived, notCovered, timedOut, equivalent, rerun int }

func (c counts) efficacy() float64 { return percent(c.killed, c.killed+c.lived) }
func (c counts) coverage() float64 {
	return percent(c.killed+c.lived, c.killed+c.lived+c.notCovered)
}

func percent(n, of int) float64 {
	if of == 0 {
		return 100
	}
	return 100 * float64(n) / float64(of)
}

// report prints the table and the survivors, and returns the exit status:
// 1 when a threshold is missed or an equivalent entry is stale.
func report(w io.Writer, results []result, eq map[string]string, th thresholds) int {
	status := 0
	fail := func(format string, args ...any) {
		fmt.Fprintf(w, "FAIL: "+format+"\n", args...)
		status = 1
	}
	used := map[string]bool{}
	var total counts
	var survivors []mutant
	fmt.Fprintf(w, "%-22s %7s %6s %8s %9s %9s %9s\n", "package", "killed", "lived", "uncovered", "equivalent", "efficacy", "coverage")
	for _, r := range results {
		var c counts
		for _, m := range r.Mutants {
			if _, ok := eq[m.key()]; ok && (m.Status == "LIVED" || m.Status == "NOT COVERED") {
				used[m.key()] = true
				c.equivalent++
				continue
			}
			if m.Rerun {
				c.rerun++
			}
			switch m.Status {
			case "KILLED":
				c.killed++
			case "LIVED":
				c.lived++
				survivors = append(survivors, m)
			case "NOT COVERED":
				c.notCovered++
				survivors = append(survivors, m)
			case "TIMED OUT":
				c.timedOut++
			}
		}
		fmt.Fprintf(w, "%-22s %7d %6d %8d %9d %8.1f%% %8.1f%%\n", r.Package, c.killed, c.lived, c.notCovered, c.equivalent, c.efficacy(), c.coverage())
		if c.efficacy() < th.pkgEfficacy {
			fail("%s: test efficacy %.1f%% is below %.0f%%", r.Package, c.efficacy(), th.pkgEfficacy)
		}
		if c.coverage() < th.pkgCoverage {
			fail("%s: mutator coverage %.1f%% is below %.0f%%", r.Package, c.coverage(), th.pkgCoverage)
		}
		if c.rerun > 0 {
			fmt.Fprintf(w, "  %s: %d mutant(s) gremlins called not covered were run by this driver\n", r.Package, c.rerun)
		}
		if c.timedOut > 0 {
			fmt.Fprintf(w, "  %s: %d mutant(s) timed out (counted as neither killed nor lived)\n", r.Package, c.timedOut)
		}
		total.killed += c.killed
		total.lived += c.lived
		total.notCovered += c.notCovered
		total.timedOut += c.timedOut
		total.equivalent += c.equivalent
		total.rerun += c.rerun
	}
	fmt.Fprintf(w, "%-22s %7d %6d %8d %9d %8.1f%% %8.1f%%\n", "total", total.killed, total.lived, total.notCovered, total.equivalent, total.efficacy(), total.coverage())
	if total.rerun > 0 {
		fmt.Fprintf(w, "  %d mutant(s) in all were run by this driver: gremlins takes for not covered what Go's coverage profile does not attribute (switch case conditions, constant expressions)\n", total.rerun)
	}
	if total.efficacy() < th.efficacy {
		fail("test efficacy %.1f%% is below %.0f%%", total.efficacy(), th.efficacy)
	}
	if total.coverage() < th.coverage {
		fail("mutator coverage %.1f%% is below %.0f%%", total.coverage(), th.coverage)
	}
	for _, m := range survivors {
		fmt.Fprintf(w, "  %-11s %s\n", strings.ToLower(m.Status), m.key())
	}
	for key := range eq {
		if !used[key] && mutated(results, key) {
			fail("%s is listed as equivalent but no longer survives: take it off the list", key)
		}
	}
	return status
}

// mutated reports whether key names a mutant of a package that ran (an entry
// of a package not run this time is not judged).
func mutated(results []result, key string) bool {
	path := key[:strings.Index(key, ":")]
	for _, r := range results {
		if strings.HasPrefix(path, filepath.ToSlash(filepath.Clean(r.Package))+"/") {
			return true
		}
	}
	return false
}
