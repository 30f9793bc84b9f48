package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cdk-jitna/cdk-jitna-go/internal/safeio"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/analysis"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/report"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// coverageCmd is `jitna coverage`.
func coverageCmd(args []string, stdout, stderr io.Writer) int {
	fs := newCommand("jitna coverage", "coverage --template FILE|DIR... --inventory nodes.csv|nodes.json [--requesters FILE] [--output text|json|html]",
		"For every node of an inventory: the manual policy that applies, conflicts, who is auto-approved, and the nodes no one can reach.",
		"jitna coverage --template cdk.out --inventory nodes.csv --requesters people.json", stderr)
	var templates repeated
	fs.Var(&templates, "template", "a template with the policies, or a folder of them such as cdk.out (repeat for several)")
	var inventory repeated
	fs.Var(&inventory, "inventory", inventoryUsage)
	var requestersFiles repeated
	fs.Var(&requestersFiles, "requesters", requestersUsage)
	fs.outputs = []string{"text", "json", "html"}
	fs.Lookup("output").Usage = "output format: text, json or html (a self-contained report)"
	if code, ok := fs.parse(args); !ok {
		return code
	}
	if len(inventory) == 0 {
		return fs.fail(fmt.Errorf("give --inventory FILE"))
	}
	sim, err := loadPolicies(templates)
	if err != nil {
		return fs.fail(err)
	}
	nodes, requesters, err := readPopulation(inventory, requestersFiles, stderr)
	if err != nil {
		return fs.fail(err)
	}
	if *fs.output == "html" {
		sources := append(prefixed("policies: ", templates), prefixed("nodes: ", inventory)...)
		return writeHTML(stdout, stderr, report.Coverage(stdout, sim, nodes, requesters, report.Options{Sources: append(sources, prefixed("requesters: ", requestersFiles)...)}))
	}
	var r simulate.Report
	if len(requesters) > 0 {
		r = sim.Coverage(nodes, requesters)
	} else if r, err = coverageOfAnyone(sim, nodes); err != nil {
		return fs.fail(err)
	}
	if fs.json() {
		writeJSON(stdout, r)
		return exitOK
	}
	printCoverage(stdout, r, len(requesters) > 0)
	return exitOK
}

// coverageOfAnyone is the coverage when no requesters are given: whether
// some requester — any possible one — is auto-approved for each node,
// decided exactly by the access analysis, named "some requester" with the
// one found. What the analysis cannot decide exactly is an error.
func coverageOfAnyone(sim *simulate.Simulator, nodes []simulate.Node) (simulate.Report, error) {
	reach, err := analysis.NewReach(sim.Policies())
	if err != nil {
		return simulate.Report{}, err
	}
	var failed error
	r := sim.CoverageWith(nodes, func(n simulate.Node) []string {
		who, ok, err := reach.AutoApproved(n)
		if err != nil && failed == nil {
			failed = fmt.Errorf("node %s: whether some requester is auto-approved is not decided exactly: %w", n.ID, err)
		}
		if !ok {
			return nil
		}
		return []string{"some requester (" + witnessRequester(who) + ")"}
	})
	return r, failed
}

// inventoryUsage describes --inventory.
const inventoryUsage = "the nodes: CSV (id,type,tags with tags as K=V;K=V, or tag:KEY columns), JSON [{id, type, tags}], or the JSON of\n" +
	"aws ec2 describe-instances, aws ssm describe-instance-information or aws resourcegroupstaggingapi get-resources\n" +
	"(repeat to join them: the tags of one file go to the nodes of another)"

// readPopulation reads the nodes of the inventory files, joined (noting on
// stderr the records left out, and why) and, when a file is named, the
// requesters.
func readPopulation(inventory, requestersFiles []string, stderr io.Writer) ([]simulate.Node, []simulate.NamedRequester, error) {
	var files []simulate.Inventory
	for _, path := range inventory {
		inv, err := simulate.ReadInventoryFile(path)
		if err != nil {
			return nil, nil, err
		}
		for _, s := range inv.Skipped {
			fmt.Fprintf(stderr, "%s: note: skipped %s\n", plain(path), plain(s))
		}
		inv.Skipped = nil
		files = append(files, inv)
	}
	inv, err := simulate.Join(files...)
	if err != nil {
		return nil, nil, fmt.Errorf("--inventory: %w", err)
	}
	for _, s := range inv.Skipped {
		fmt.Fprintf(stderr, "--inventory: note: skipped %s\n", plain(s))
	}
	if len(requestersFiles) == 0 {
		return inv.Nodes, nil, nil
	}
	var people []simulate.Requesters
	for _, path := range requestersFiles {
		data, err := safeio.ReadFile(path, maxRequestersSize)
		if err != nil {
			return nil, nil, err
		}
		r, err := simulate.ReadRequesters(data)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		people = append(people, r)
	}
	requesters, skipped := simulate.JoinRequesters(people...)
	for _, s := range skipped {
		fmt.Fprintf(stderr, "--requesters: note: skipped %s\n", plain(s))
	}
	return inv.Nodes, requesters, nil
}

// maxRequestersSize bounds a requesters file.
const maxRequestersSize = 16 << 20

// requestersUsage describes --requesters.
const requestersUsage = "optional: who to check auto-approval for: a JSON array [{name, user, groups, attributes, iamRole, principalTags}],\n" +
	"or the JSON of aws identitystore list-users, list-group-memberships-for-member and list-groups (repeat to join them)"

// printCoverage writes the report as an aligned table with totals.
func printCoverage(w io.Writer, r simulate.Report, withRequesters bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := "NODE\tTYPE\tSTATUS\tMANUAL POLICY\tAUTO-APPROVED FOR"
	fmt.Fprintln(tw, header)
	for _, c := range r.Nodes {
		manual := c.ManualPolicy
		if len(c.Conflicting) > 0 {
			manual = strings.Join(c.Conflicting, " + ")
		}
		row := fmt.Sprintf("%s\t%s\t%s\t%s", plain(c.Node.ID), plain(orDash(string(c.Node.Type), "ec2")), c.Status, plain(orDash(manual, "-")))
		row += "\t" + plain(orDash(strings.Join(c.AutoApprovedFor, ", "), "-"))
		fmt.Fprintln(tw, row)
	}
	_ = tw.Flush()
	t := r.Totals
	fmt.Fprintf(w, "\n%d nodes: %d with one manual policy, %d conflicts (requests fail), %d auto-approval only, %d unreachable",
		t.Nodes, t.Manual, t.Conflicts, t.AutoOnly, t.Unreachable)
	if withRequesters {
		fmt.Fprintf(w, "; %d auto-approvable for a given requester", t.AutoApproved)
	} else {
		fmt.Fprintf(w, "; %d auto-approvable for some requester", t.AutoApproved)
	}
	fmt.Fprintln(w)
}

func orDash(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// prefixed returns each of values after prefix.
func prefixed(prefix string, values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = prefix + v
	}
	return out
}

// writeHTML ends a command that wrote a report: a failure to write it is
// exit 2.
func writeHTML(stdout, stderr io.Writer, err error) int {
	if err != nil {
		fmt.Fprintf(stderr, "jitna: writing the report: %v\n", err)
		return exitUsage
	}
	return exitOK
}
