package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cdk-jitna/cdk-jitna-go/internal/safeio"
	"github.com/cdk-jitna/cdk-jitna-go/internal/strictjson"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// coverageCmd is `jitna coverage`.
func coverageCmd(args []string, stdout, stderr io.Writer) int {
	fs := newCommand("jitna coverage", "coverage --template FILE|DIR... --inventory nodes.csv|nodes.json [--requesters FILE] [--output text|json]",
		"For every node of an inventory: the manual policy that applies, conflicts, who is auto-approved, and the nodes no one can reach.",
		"jitna coverage --template cdk.out --inventory nodes.csv --requesters people.json", stderr)
	var templates repeated
	fs.Var(&templates, "template", "a template with the policies, or a folder of them such as cdk.out (repeat for several)")
	inventory := fs.String("inventory", "", "the nodes: CSV (id,type,tags with tags as K=V;K=V, or tag:KEY columns) or JSON")
	requestersFile := fs.String("requesters", "", "optional JSON array of requesters [{name, user, groups, attributes, iamRole, principalTags}] to check auto-approval for")
	if code, ok := fs.parse(args); !ok {
		return code
	}
	if *inventory == "" {
		return fs.fail(fmt.Errorf("give --inventory FILE"))
	}
	sim, err := loadPolicies(templates)
	if err != nil {
		return fs.fail(err)
	}
	nodes, requesters, err := readPopulation(*inventory, *requestersFile, stderr)
	if err != nil {
		return fs.fail(err)
	}
	r := sim.Coverage(nodes, requesters)
	if fs.json() {
		writeJSON(stdout, r)
		return exitOK
	}
	printCoverage(stdout, r, len(requesters) > 0)
	return exitOK
}

// readPopulation reads the nodes of an inventory (noting on stderr the
// records it left out, and why) and, when a file is named, the requesters.
func readPopulation(inventory, requestersFile string, stderr io.Writer) ([]simulate.Node, []simulate.NamedRequester, error) {
	inv, err := simulate.ReadInventoryFile(inventory)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range inv.Skipped {
		fmt.Fprintf(stderr, "%s: note: skipped %s\n", inventory, s)
	}
	if requestersFile == "" {
		return inv.Nodes, nil, nil
	}
	requesters, err := readRequesters(requestersFile)
	return inv.Nodes, requesters, err
}

// maxRequestersSize bounds a requesters file.
const maxRequestersSize = 16 << 20

func readRequesters(path string) ([]simulate.NamedRequester, error) {
	data, err := safeio.ReadFile(path, maxRequestersSize)
	if err != nil {
		return nil, err
	}
	var rs []simulate.NamedRequester
	// A misspelt or repeated key would change a requester's groups silently.
	if err := strictjson.Decode(data, &rs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, r := range rs {
		if r.Name == "" {
			return nil, fmt.Errorf("%s: requester %d has no name", path, i+1)
		}
	}
	return rs, nil
}

// printCoverage writes the report as an aligned table with totals.
func printCoverage(w io.Writer, r simulate.Report, withRequesters bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := "NODE\tTYPE\tSTATUS\tMANUAL POLICY"
	if withRequesters {
		header += "\tAUTO-APPROVED FOR"
	}
	fmt.Fprintln(tw, header)
	for _, c := range r.Nodes {
		manual := c.ManualPolicy
		if len(c.Conflicting) > 0 {
			manual = strings.Join(c.Conflicting, " + ")
		}
		row := fmt.Sprintf("%s\t%s\t%s\t%s", c.Node.ID, orDash(string(c.Node.Type), "ec2"), c.Status, orDash(manual, "-"))
		if withRequesters {
			row += "\t" + orDash(strings.Join(c.AutoApprovedFor, ", "), "-")
		}
		fmt.Fprintln(tw, row)
	}
	_ = tw.Flush()
	t := r.Totals
	fmt.Fprintf(w, "\n%d nodes: %d with one manual policy, %d conflicts (requests fail), %d auto-approval only, %d unreachable",
		t.Nodes, t.Manual, t.Conflicts, t.AutoOnly, t.Unreachable)
	if withRequesters {
		fmt.Fprintf(w, "; %d auto-approvable for a given requester", t.AutoApproved)
	} else {
		fmt.Fprint(w, " (auto-approval not considered: give --requesters)")
	}
	fmt.Fprintln(w)
}

func orDash(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
