package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/analysis"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/hazard"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/report"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// diffChange is the JSON form of a change.
type diffChange struct {
	Class     simulate.Class    `json:"class"`
	Node      string            `json:"node"`
	NodeTags  map[string]string `json:"nodeTags"`
	Requester string            `json:"requester"`
	Before    simulateOutput    `json:"before"`
	After     simulateOutput    `json:"after"`
	Why       string            `json:"why"`
}

// diffOutput is the JSON form of a diff.
type diffOutput struct {
	// Analysis is every class of requests whose decision changes, over
	// every possible requester and node.
	Analysis analysis.Report         `json:"analysis"`
	Summary  simulate.DiffSummary    `json:"summary"`
	Changes  []diffChange            `json:"changes"`
	Policies []simulate.PolicyChange `json:"policies"`
	Hazards  []hazard.Hazard         `json:"hazards"`
}

// diffCmd is `jitna diff`.
func diffCmd(args []string, stdout, stderr io.Writer) int {
	fs := newCommand("jitna diff", "diff --before FILE|DIR... --after FILE|DIR... [--inventory NODES [--requesters FILE]]\n       [--output text|json|markdown|html] [--fail-on widen|any|none]",
		"What a change of the policies does to access, for every possible requester and node: each class of requests\n(groups, attributes and principal tags; node type, tags and id, as the policies tell them apart) whose decision\nchanges, classified as widens (more access, easier approval), narrows, breaks (a new conflict) or changes\n(approval easier in one way and harder in another), each with a witness, a requester and a node; with an\ninventory (and requesters), also which of its nodes and people change. And the deploy hazards: a shared name\ndeleted or replaced (in every account a StackSet reaches), a name that collides, an export removed that is imported.\nExit 1 when a change fails --fail-on (default widen: a class that widens, breaks or changes, what the analysis\ncannot decide exactly, or a hazard), 0 otherwise, 2 for unreadable input or output that cannot be written.",
		"jitna diff --before main/cdk.out --after cdk.out --inventory nodes.csv --output markdown", stderr)
	fs.outputs = []string{"text", "json", "markdown", "html"}
	fs.Lookup("output").Usage = "output format: text, json, markdown (a pull-request comment) or html (a self-contained report)"
	var before, after repeated
	fs.Var(&before, "before", "the policies before the change: a template or a folder such as cdk.out (repeat for several)")
	fs.Var(&after, "after", "the policies after the change, as --before")
	var inventory repeated
	fs.Var(&inventory, "inventory", "optional: the nodes, as for jitna coverage (repeat to join files), to list which change")
	var requestersFiles repeated
	fs.Var(&requestersFiles, "requesters", "optional, with --inventory: requesters, as for jitna coverage")
	failOn := fs.String("fail-on", "widen", "exit 1 when a change widens (or breaks) access: widen; on any change: any; never: none")
	if code, ok := fs.parse(args); !ok {
		return code
	}
	if !slices.Contains([]string{"widen", "any", "none"}, *failOn) {
		return fs.fail(fmt.Errorf("--fail-on %q: must be widen, any or none", *failOn))
	}
	if len(inventory) == 0 && len(requestersFiles) > 0 {
		return fs.fail(fmt.Errorf("--requesters is given without --inventory: give the nodes they request"))
	}
	simBefore, err := loadPolicies(before)
	if err != nil {
		return fs.fail(fmt.Errorf("--before: %w", err))
	}
	simAfter, err := loadPolicies(after)
	if err != nil {
		return fs.fail(fmt.Errorf("--after: %w", err))
	}
	exact := analysis.Compare(simBefore.Policies(), simAfter.Policies(), analysis.Options{})
	var changes simulate.DiffReport
	if len(inventory) > 0 {
		nodes, requesters, err := readPopulation(inventory, requestersFiles, stderr)
		if err != nil {
			return fs.fail(err)
		}
		changes = simulate.Diff(simBefore, simAfter, nodes, requesters)
	} else {
		changes = simulate.DiffReport{Policies: simulate.DiffPolicies(simBefore.Policies(), simAfter.Policies())}
	}
	hazards, err := deployHazards(before, after)
	if err != nil {
		return fs.fail(err)
	}
	switch *fs.output {
	case "json":
		out := diffOutput{Analysis: exact, Summary: changes.Summary, Changes: []diffChange{}, Policies: changes.Policies, Hazards: hazards}
		if out.Analysis.Changes == nil {
			out.Analysis.Changes = []analysis.Change{}
		}
		if out.Hazards == nil {
			out.Hazards = []hazard.Hazard{}
		}
		if out.Policies == nil {
			out.Policies = []simulate.PolicyChange{}
		}
		for _, c := range changes.Changes {
			out.Changes = append(out.Changes, diffChange{Class: c.Class, Node: c.Node.ID, NodeTags: c.Node.Tags, Requester: c.Requester,
				Before: toOutput(*c.Before), After: toOutput(*c.After), Why: c.Why})
		}
		writeJSON(stdout, out)
	case "markdown":
		writeAnalysisMarkdown(stdout, exact)
		writeDiffMarkdown(stdout, changes, len(inventory) > 0)
		writeHazardsMarkdown(stdout, hazards)
	case "html":
		sources := append(prefixed("before: ", before), prefixed("after: ", after)...)
		if code := writeHTML(stdout, stderr, report.Diff(stdout, changes, report.Options{Sources: append(sources, prefixed("nodes: ", inventory)...)})); code != exitOK {
			return code
		}
	default:
		writeAnalysisText(stdout, exact)
		writeDiffText(stdout, changes, len(inventory) > 0)
		for _, h := range hazards {
			fmt.Fprintln(stdout, "HAZARD "+h.String())
		}
	}
	switch {
	case *failOn == "widen" && (exact.Widening() || changes.Widening() || len(hazards) > 0),
		*failOn == "any" && (len(exact.Changes) > 0 || len(exact.Inexact) > 0 || len(changes.Changes) > 0 || len(hazards) > 0):
		return exitProblems
	}
	return exitOK
}

// deployHazards compares the templates before and after as deployments:
// what the change would delete or replace that others share (package
// hazard).
func deployHazards(before, after []string) ([]hazard.Hazard, error) {
	read := func(paths []string) ([]*template.Template, error) {
		files, err := template.Files(paths)
		if err != nil {
			return nil, err
		}
		var out []*template.Template
		for _, f := range files {
			t, err := template.ReadFile(f)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
		return out, nil
	}
	b, err := read(before)
	if err != nil {
		return nil, fmt.Errorf("--before: %w", err)
	}
	a, err := read(after)
	if err != nil {
		return nil, fmt.Errorf("--after: %w", err)
	}
	return hazard.Compare(b, a), nil
}

func writeHazardsMarkdown(w io.Writer, hazards []hazard.Hazard) {
	if len(hazards) == 0 {
		return
	}
	fmt.Fprintf(w, "\n#### Deploy hazards\n\n| resource | change | reaches | why |\n|---|---|---|---|\n")
	for _, h := range hazards {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", markdownCell(h.Template+": "+h.Resource+" ("+h.Type+" "+h.Name+")"), h.Change, markdownCell(h.Reaches), markdownCell(h.Why))
	}
}

func summaryLine(r simulate.DiffReport) string {
	s := r.Summary
	return fmt.Sprintf("%d widen, %d narrow, %d break, %d change, %d unchanged (node × requester)", s.Widens, s.Narrows, s.Breaks, s.Unordered, s.Unchanged)
}

func writeDiffText(w io.Writer, r simulate.DiffReport, inventory bool) {
	if inventory {
		for _, g := range r.Groups() {
			fmt.Fprintf(w, "%s: %d node(s), for %s: %s\n", strings.ToUpper(string(g.Class)), len(g.Nodes), plain(strings.Join(g.Requesters, ", ")), plain(g.Why))
			for _, n := range g.Nodes {
				fmt.Fprintf(w, "  %s (%s)\n", plain(n.ID), plain(n.TagList()))
			}
		}
		fmt.Fprintln(w, summaryLine(r))
	}
	for _, c := range r.Policies {
		fmt.Fprintf(w, "POLICY %s (%s, %s)\n", plain(c.Policy), c.Kind, c.Change)
		for _, line := range policyLines(c) {
			fmt.Fprintf(w, "  %s\n", plain(line))
		}
	}
}

// policyLines are a document's changes as lines of a diff: "+ added",
// "- removed".
func policyLines(c simulate.PolicyChange) []string {
	var out []string
	for _, s := range c.Removed {
		out = append(out, "- "+s)
	}
	for _, s := range c.Added {
		out = append(out, "+ "+s)
	}
	return out
}

func writeDiffMarkdown(w io.Writer, r simulate.DiffReport, inventory bool) {
	if inventory {
		fmt.Fprintf(w, "\n### Inventory\n\n%s\n", summaryLine(r))
	}
	for _, g := range r.Groups() {
		fmt.Fprintf(w, "\n**%s** — %d node(s), for %s: %s\n\n| node | tags |\n|---|---|\n", g.Class, len(g.Nodes), markdownCell(strings.Join(g.Requesters, ", ")), markdownCell(g.Why))
		for _, n := range g.Nodes {
			fmt.Fprintf(w, "| %s | %s |\n", markdownCell(n.ID), markdownCell(n.TagList()))
		}
	}
	if len(r.Policies) > 0 {
		fmt.Fprintf(w, "\n#### Policy documents\n")
	}
	for _, c := range r.Policies {
		var plainLines []string
		for _, l := range policyLines(c) {
			plainLines = append(plainLines, plain(l))
		}
		lines := strings.Join(plainLines, "\n")
		fence := "```"
		for strings.Contains(lines, fence) {
			fence += "`"
		}
		fmt.Fprintf(w, "\n**%s** (%s, %s)\n\n%sdiff\n%s\n%s\n", markdownCell(c.Policy), c.Kind, c.Change, fence, lines, fence)
	}
}
