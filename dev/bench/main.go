// Command bench measures, as whole processes, what the library adds to the
// fixed price of a Go CDK app: (a) the floor, an app with one empty stack;
// (b) the complete app with its default config; (c) the complete app with the
// scale config. Each runs once to warm up, then -runs times; the table gives
// the medians of wall time, user+system CPU and peak RSS (the largest process
// of the run: Node.js), and the ratios to the floor against the targets.
//
// With -plainjs DIR (make bench installs DIR), two more rows measure the AWS
// CDK alone, in plain Node.js without jsii or Go: its floor, and a lower bound
// of the default app (dev/bench/plainjs/lowerbound.js). Their difference
// is what any implementation of the default app costs over a floor, so it
// tells whether the default target can be met at all on this machine.
//
//	go run ./dev/bench [-runs 5] [-plainjs dev/bench/plainjs]     (make bench)
//
// It exits 1 when a target is missed.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"syscall"
	"time"
)

// sample is one run of one case.
type sample struct {
	Wall, CPU time.Duration
	PeakRSS   int64 // bytes
}

func main() {
	runs := flag.Int("runs", 5, "measured runs per case, after one warm-up run")
	plainJS := flag.String("plainjs", "", "directory of lowerbound.js with its node_modules installed: add the plain Node.js rows")
	measure := flag.Bool("measure", false, "internal: run the command given and print its sample as JSON")
	flag.Parse()
	if *measure {
		os.Exit(measureOnce(flag.Args()))
	}
	os.Exit(bench(*runs, *plainJS))
}

// measureOnce runs a command in this fresh process and reports the
// resources of it and its descendants.
func measureOnce(args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", args[0], err)
		return 1
	}
	wall := time.Since(start)
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	s := sample{Wall: wall, CPU: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), PeakRSS: ru.Maxrss * 1024}
	_ = json.NewEncoder(os.Stdout).Encode(s)
	return 0
}

type benchCase struct {
	name    string
	command []string
	context string // CDK_CONTEXT_JSON
}

func bench(runs int, plainJS string) int {
	dir, err := os.MkdirTemp("", "jitna-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	self, _ := os.Executable()
	bins := map[string]string{"floor": "./dev/bench/floor", "app": "./cmd/jitna-app"}
	for name, pkg := range bins {
		out := filepath.Join(dir, name)
		if b, err := exec.Command("go", "build", "-o", out, pkg).CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "bench: go build %s: %v\n%s", pkg, err, b)
			return 1
		}
		bins[name] = out
	}
	cases := []benchCase{
		{name: "floor: one empty stack", command: []string{bins["floor"]}},
		{name: "app: default config (4 stacks)", command: []string{bins["app"]}},
		{name: "app: scale config", command: []string{bins["app"]}, context: `{"config":"jitna/configapp/scale.yaml"}`},
	}
	if plainJS != "" {
		// The lower bound rebuilds the default app from its templates.
		templates := filepath.Join(dir, "default-templates")
		if _, err := runOnce(self, cases[1], templates); err != nil {
			fmt.Fprintf(os.Stderr, "bench: %s: %v\n", cases[1].name, err)
			return 1
		}
		script := filepath.Join(plainJS, "lowerbound.js")
		cases = append(cases,
			benchCase{name: "plain JS: one empty stack", command: []string{"node", script, "floor"}},
			benchCase{name: "plain JS: default, lower bound", command: []string{"node", script, "default", templates}})
	}
	medians := make([]sample, len(cases))
	for i, c := range cases {
		var samples []sample
		for r := 0; r <= runs; r++ {
			s, err := runOnce(self, c, filepath.Join(dir, fmt.Sprintf("out-%d-%d", i, r)))
			if err != nil {
				fmt.Fprintf(os.Stderr, "bench: %s: %v\n", c.name, err)
				return 1
			}
			if r > 0 { // the first run warms caches up
				samples = append(samples, s)
			}
		}
		medians[i] = median(samples)
	}
	return report(cases, medians, runs)
}

func runOnce(self string, c benchCase, outdir string) (sample, error) {
	cmd := exec.Command(self, append([]string{"-measure"}, c.command...)...)
	cmd.Env = append(os.Environ(), "CDK_OUTDIR="+outdir, "CDK_CONTEXT_JSON="+orEmpty(c.context), "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return sample{}, err
	}
	var s sample
	return s, json.Unmarshal(out, &s)
}

func orEmpty(s string) string {
	if s == "" {
		return "{}"
	}
	return s
}

func median(ss []sample) sample {
	pick := func(get func(sample) int64) int64 {
		v := make([]int64, len(ss))
		for i, s := range ss {
			v[i] = get(s)
		}
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
		return v[len(v)/2]
	}
	return sample{
		Wall:    time.Duration(pick(func(s sample) int64 { return int64(s.Wall) })),
		CPU:     time.Duration(pick(func(s sample) int64 { return int64(s.CPU) })),
		PeakRSS: pick(func(s sample) int64 { return s.PeakRSS }),
	}
}

// Targets, as ratios to the floor.
const (
	targetDefaultWall = 1.15
	targetScaleWall   = 1.5
	targetRSS         = 1.2
)

func report(cases []benchCase, m []sample, runs int) int {
	fmt.Printf("%d runs each after a warm-up, medians; %s, %d CPUs, %s\n\n", runs, runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format("2006-01-02"))
	fmt.Printf("| %-32s | %9s | %15s | %13s |\n", "case", "wall", "user+system CPU", "peak RSS")
	fmt.Printf("|%s|%s|%s|%s|\n", dashes(34), dashes(11), dashes(17), dashes(15))
	for i, c := range cases {
		fmt.Printf("| %-32s | %7.2f s | %13.2f s | %9.0f MiB |\n", c.name, m[i].Wall.Seconds(), m[i].CPU.Seconds(), float64(m[i].PeakRSS)/(1<<20))
	}
	fmt.Println()
	ok := true
	check := func(what string, got, target float64) {
		verdict := "ok"
		if got > target {
			verdict, ok = "MISSED", false
		}
		fmt.Printf("%-34s %5.2f  (target ≤ %.2f)  %s\n", what, got, target, verdict)
	}
	floor := m[0]
	check("default / floor, wall time", m[1].Wall.Seconds()/floor.Wall.Seconds(), targetDefaultWall)
	check("scale / floor, wall time", m[2].Wall.Seconds()/floor.Wall.Seconds(), targetScaleWall)
	check("default / floor, peak RSS", float64(m[1].PeakRSS)/float64(floor.PeakRSS), targetRSS)
	check("scale / floor, peak RSS", float64(m[2].PeakRSS)/float64(floor.PeakRSS), targetRSS)
	if len(m) == 5 {
		// What the CDK alone costs for the default app, against what the
		// default target allows over the Go floor.
		cdkOnly := m[4].Wall - m[3].Wall
		budget := time.Duration(float64(floor.Wall) * (targetDefaultWall - 1))
		fmt.Printf("\nthe CDK alone (plain JS lower bound - plain JS floor): +%d ms for the default app;\n", cdkOnly.Milliseconds())
		fmt.Printf("the default target allows +%d ms over the Go floor", budget.Milliseconds())
		if cdkOnly > budget {
			fmt.Printf(": no implementation can meet it on this machine\n")
		} else {
			fmt.Printf("\n")
		}
	}
	if !ok {
		return 1
	}
	return 0
}

func dashes(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '-'
	}
	return string(b)
}
