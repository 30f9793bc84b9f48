package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/region"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// validate is `jitna validate`.
func validate(args []string, stdout, stderr io.Writer) int {
	fs := newCommand("jitna validate", "validate [--output text|json] [--new-region R] FILE|DIR...",
		"Check the JITNA documents and Quick Setup managers of templates (JSON or YAML; a folder stands for its\n*.template.json and *.template.yaml files) with the library's rules; a config of the bundled app (a YAML file\nwith enablement or member) and .cedar files are checked too, offline. Exit 0: no errors; 1: errors; 2: unreadable input.",
		"jitna validate cdk.out", stderr)
	fs.positional = true
	var regions newRegions
	fs.Var(&regions, "new-region", "an AWS Region opened after "+region.Source+" ("+region.AsOf+"), R[,R…], accepted as a Region name; repeat")
	if code, ok := fs.parse(args); !ok {
		return code
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
	var seen checked
	for _, f := range files {
		switch kindOf(f) {
		case configInput:
			findings = append(findings, configFindings(f)...)
			seen.configs++
			continue
		case cedarInput:
			found, err := cedarFindings(f)
			if err != nil {
				fmt.Fprintln(stderr, "jitna validate:", err)
				seen.unreadable++
				code = exitUsage
				continue
			}
			findings = append(findings, found...)
			seen.cedarFiles++
			continue
		}
		t, err := template.ReadFile(f)
		if err != nil {
			fmt.Fprintln(stderr, "jitna validate:", err)
			seen.unreadable++
			code = exitUsage
			continue
		}
		t.NewRegions = regions
		for _, note := range notes(t) {
			fmt.Fprintf(stderr, "%s: note: %s\n", plain(f), plain(note))
		}
		if t.Empty() {
			fmt.Fprintf(stderr, "%s: note: no JITNA documents or Quick Setup managers found\n", f)
		}
		findings = append(findings, t.Check()...)
		seen.add(t)
	}
	for _, f := range findings {
		if f.Severity == "error" {
			seen.errors++
			if code == exitOK {
				code = exitProblems
			}
		} else {
			seen.warnings++
		}
	}
	if fs.json() {
		writeJSON(stdout, findings)
		return code
	}
	for _, f := range findings {
		fmt.Fprintln(stdout, plain(f.String()))
	}
	fmt.Fprintln(stderr, "jitna validate:", seen)
	return code
}

// checked counts what validate read and found, for its closing line.
type checked struct {
	files, documents, managers, members, errors, warnings int
	// configs and cedarFiles are the configs and .cedar files checked;
	// unreadable the files that could not be read.
	configs, cedarFiles, unreadable int
}

// add counts a template read, with its StackSets' member templates.
func (c *checked) add(t *template.Template) {
	c.files++
	c.count(t)
}

func (c *checked) count(t *template.Template) {
	c.documents += len(t.Documents)
	c.managers += len(t.Managers)
	for _, m := range t.StackSets {
		c.members++
		c.count(m)
	}
}

// String says what was checked and found: "2 files, 1 StackSet member
// template, 7 JITNA documents, 2 Quick Setup managers: no errors, 1 warning".
// A file that could not be read is said first: "no errors" is only about
// the files read.
func (c checked) String() string {
	read := []string{plural(c.files, "file"), plural(c.members, "StackSet member template"), plural(c.documents, "JITNA document"), plural(c.managers, "Quick Setup manager")}
	if c.configs > 0 {
		read = append(read, plural(c.configs, "config"))
	}
	if c.cedarFiles > 0 {
		read = append(read, plural(c.cedarFiles, "Cedar file"))
	}
	s := fmt.Sprintf("%s: %s, %s", strings.Join(read, ", "), orNo(c.errors, "error"), orNo(c.warnings, "warning"))
	if c.unreadable > 0 {
		s = fmt.Sprintf("%s could not be read (see above); in what was read, %s", plural(c.unreadable, "file"), s)
	}
	return s
}

// plural says "1 file", "2 files".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// orNo says "no errors", "1 error", "2 errors".
func orNo(n int, noun string) string {
	if n == 0 {
		return "no " + noun + "s"
	}
	return plural(n, noun)
}

// notes collects what a template and its StackSets could not be read for.
func notes(t *template.Template) []string {
	out := append([]string(nil), t.Notes...)
	for _, m := range t.StackSets {
		out = append(out, notes(m)...)
	}
	return out
}
