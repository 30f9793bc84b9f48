package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/analysis"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// analysisSummary counts the classes by kind, in one line.
func analysisSummary(r analysis.Report) string {
	count := map[simulate.Class]int{}
	for _, c := range r.Changes {
		count[c.Class]++
	}
	line := fmt.Sprintf("%d widen, %d narrow, %d break, %d change (classes of every requester and node)",
		count[simulate.Widens], count[simulate.Narrows], count[simulate.Breaks], count[simulate.Unordered])
	if len(r.Omitted) > 0 {
		line += fmt.Sprintf("; more classes of %d change(s) not listed", len(r.Omitted))
	}
	return line
}

// witnessRequester says who the witness requester is, in one line.
func witnessRequester(r simulate.Requester) string {
	var parts []string
	if r.IAMRole != "" {
		parts = append(parts, "IAM role "+r.IAMRole)
	} else {
		parts = append(parts, "user "+r.UserID)
		if len(r.Groups) > 0 {
			parts = append(parts, "groups "+strings.Join(r.Groups, ", "))
		}
		if len(r.Attributes) > 0 {
			parts = append(parts, "attributes "+pairList(r.Attributes))
		}
	}
	if len(r.PrincipalTags) > 0 {
		parts = append(parts, "principal tags "+pairList(r.PrincipalTags))
	}
	return strings.Join(parts, "; ")
}

// witnessNode says what the witness node is, in one line.
func witnessNode(n simulate.Node) string {
	kind := "EC2"
	if n.Type == simulate.Managed {
		kind = "managed"
	}
	s := kind + " node " + n.ID
	if len(n.Tags) > 0 {
		s += ", tags " + pairList(n.Tags)
	}
	return s
}

func pairList(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%q", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func transition(c analysis.Change) string {
	if c.Before == "" {
		return c.Why
	}
	return c.Before + " → " + c.After + ": " + c.Why
}

func writeAnalysisText(w io.Writer, r analysis.Report) {
	for _, c := range r.Changes {
		fmt.Fprintf(w, "%s: %s\n", strings.ToUpper(string(c.Class)), plain(transition(c)))
		fmt.Fprintf(w, "  when: %s\n", plain(orNone(strings.Join(c.When, "; "))))
		fmt.Fprintf(w, "  for example: %s, requesting %s\n", plain(witnessRequester(c.Witness.Requester)), plain(witnessNode(c.Witness.Node)))
	}
	for _, c := range r.Omitted {
		fmt.Fprintf(w, "%s (more classes, not listed): %s\n", strings.ToUpper(string(c.Class)), plain(transition(c)))
	}
	for _, i := range r.Inexact {
		fmt.Fprintf(w, "INEXACT %s\n", plain(i))
	}
	fmt.Fprintln(w, analysisSummary(r))
}

func orNone(s string) string {
	if s == "" {
		return "any request"
	}
	return s
}

func writeAnalysisMarkdown(w io.Writer, r analysis.Report) {
	fmt.Fprintf(w, "### Access changes\n\n%s\n", analysisSummary(r))
	if len(r.Changes)+len(r.Omitted) > 0 {
		fmt.Fprintf(w, "\n| class | change | when | for example |\n|---|---|---|---|\n")
	}
	for _, c := range r.Changes {
		fmt.Fprintf(w, "| **%s** | %s | %s | %s; requesting %s |\n", c.Class, markdownCell(transition(c)), markdownCell(orNone(strings.Join(c.When, "; "))),
			markdownCell(witnessRequester(c.Witness.Requester)), markdownCell(witnessNode(c.Witness.Node)))
	}
	for _, c := range r.Omitted {
		fmt.Fprintf(w, "| **%s** | %s | more classes, not listed | |\n", c.Class, markdownCell(transition(c)))
	}
	if len(r.Inexact) > 0 {
		fmt.Fprintf(w, "\n**Not decided exactly** (the gate fails on these):\n\n")
		for _, i := range r.Inexact {
			fmt.Fprintf(w, "- %s\n", markdownCell(i))
		}
	}
}
