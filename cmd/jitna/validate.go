package main

import (
	"fmt"
	"io"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/region"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// validate is `jitna validate`.
func validate(args []string, stdout, stderr io.Writer) int {
	fs := newCommand("jitna validate", stderr)
	fs.positional = true
	var regions newRegions
	fs.Var(&regions, "new-region", "an AWS Region opened after "+region.Source+" ("+region.AsOf+"), R[,R…], accepted as a Region name; repeat")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jitna validate [--output text|json] [--new-region R] FILE|DIR...")
		fs.PrintDefaults()
	}
	if !fs.parse(args) {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	files, err := template.Files(fs.Args())
	if err != nil {
		return fs.fail(err)
	}
	findings := []template.Finding{}
	code := exitOK
	for _, f := range files {
		t, err := template.ReadFile(f)
		if err != nil {
			fmt.Fprintln(stderr, "jitna validate:", err)
			code = exitUsage
			continue
		}
		t.NewRegions = regions
		for _, note := range notes(t) {
			fmt.Fprintf(stderr, "%s: note: %s\n", f, note)
		}
		if t.Empty() {
			fmt.Fprintf(stderr, "%s: note: no JITNA documents or Quick Setup managers found\n", f)
		}
		findings = append(findings, t.Check()...)
	}
	for _, f := range findings {
		if f.Severity == "error" && code == exitOK {
			code = exitProblems
		}
	}
	if fs.json() {
		writeJSON(stdout, findings)
		return code
	}
	for _, f := range findings {
		fmt.Fprintln(stdout, f.String())
	}
	return code
}

// notes collects what a template and its StackSets could not be read for.
func notes(t *template.Template) []string {
	out := append([]string(nil), t.Notes...)
	for _, m := range t.StackSets {
		out = append(out, notes(m)...)
	}
	return out
}
