package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// simulateOutput is the JSON form of a decision.
type simulateOutput struct {
	Outcome               simulate.Outcome `json:"outcome"`
	AutoApprovalDenied    bool             `json:"autoApprovalDenied"`
	Policy                *string          `json:"policy"`
	Conflicting           []string         `json:"conflicting"`
	AccessDurationSeconds int              `json:"accessDurationSeconds"`
	ApprovalLevels        []levelOutput    `json:"approvalLevels"`
	Explanation           []string         `json:"explanation,omitempty"`
}

type levelOutput struct {
	MinRequiredApprovals int              `json:"minRequiredApprovals"`
	Approvers            []approverOutput `json:"approvers"`
}

type approverOutput struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// simulateCmd is `jitna simulate`.
func simulateCmd(args []string, stdout, stderr io.Writer) int {
	fs := newCommand("jitna simulate", "simulate --template FILE|DIR... [--node-tags K=V,...] [--node-type ec2|managed] [--user ID] [--groups G1,G2]\n       [--attribute name=value]... [--role NAME] [--principal-tags K=V,...] [--output text|json]",
		"Decide one access request offline, as JITNA would: auto-approved, manual approval (which policy, how long, who\napproves), a conflict, or no applicable policy, with the reasons.",
		"jitna simulate --template cdk.out --node-tags Environment=PROD,Team=payments --user 906747e2-1a2b --groups 3468a2f4-5c6d", stderr)
	var templates, attributes repeated
	nodeTags, principalTags := tagFlag{}, tagFlag{}
	fs.Var(&templates, "template", "a template with the policies, or a folder of them such as cdk.out (repeat for several: member template, deny-access template)")
	fs.Var(nodeTags, "node-tags", "the node's tags, K=V[,K=V…] (default: none, an untagged node)")
	nodeType := fs.String("node-type", "ec2", "ec2 or managed")
	user := fs.String("user", "", "the IAM Identity Center user id")
	groups := fs.String("groups", "", "the user's Identity Center group ids, G1,G2")
	fs.Var(&attributes, "attribute", "a user attribute, name=value (employeeNumber, costCenter, organization, division); repeat")
	role := fs.String("role", "", "an IAM role requester instead of a user")
	fs.Var(principalTags, "principal-tags", "the requester's IAM principal tags, K=V[,K=V…]")
	if code, ok := fs.parse(args); !ok {
		return code
	}
	if *nodeType != string(simulate.EC2) && *nodeType != string(simulate.Managed) {
		return fs.fail(fmt.Errorf("--node-type %q: must be ec2 or managed", *nodeType))
	}
	attrs := map[string]string{}
	for _, a := range attributes {
		k, v, ok := strings.Cut(a, "=")
		if !ok {
			return fs.fail(fmt.Errorf("--attribute %q: write name=value", a))
		}
		attrs[k] = v
	}
	sim, err := loadPolicies(templates)
	if err != nil {
		return fs.fail(err)
	}
	req := simulate.Requester{UserID: *user, Attributes: attrs, IAMRole: *role, PrincipalTags: principalTags}
	for _, g := range strings.Split(*groups, ",") {
		if g = strings.TrimSpace(g); g != "" {
			req.Groups = append(req.Groups, g) // trimmed, as --node-tags is
		}
	}
	if err := req.Check(); err != nil {
		return fs.fail(fmt.Errorf("the requester: %w", err))
	}
	d := sim.Decide(simulate.Node{Type: simulate.NodeType(*nodeType), Tags: nodeTags}, req)
	if fs.json() {
		writeJSON(stdout, toOutput(d))
		return exitOK
	}
	fmt.Fprintln(stdout, d.Outcome)
	for _, line := range d.Explanation {
		fmt.Fprintln(stdout, "  "+plain(line))
	}
	return exitOK
}

func toOutput(d simulate.Decision) simulateOutput {
	out := simulateOutput{
		Outcome:               d.Outcome,
		AutoApprovalDenied:    d.AutoApprovalDenied,
		Conflicting:           append([]string{}, d.Conflicting...),
		AccessDurationSeconds: int(d.AccessDuration.Seconds()),
		ApprovalLevels:        []levelOutput{},
		Explanation:           d.Explanation,
	}
	if d.Policy != nil {
		out.Policy = &d.Policy.Name
		for _, l := range d.Policy.ApprovalLevels {
			lo := levelOutput{MinRequiredApprovals: l.MinRequiredApprovals, Approvers: []approverOutput{}}
			for _, a := range l.Approvers {
				lo.Approvers = append(lo.Approvers, approverOutput{Type: string(a.Type), ID: a.ID})
			}
			out.ApprovalLevels = append(out.ApprovalLevels, lo)
		}
	}
	return out
}
