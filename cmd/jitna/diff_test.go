package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// after writes the AWS sample with the E-commerce policy's access doubled
// and the DEV auto-approval taken out.
func afterTemplate(t *testing.T) string {
	data, err := os.ReadFile(sample)
	require.NoError(t, err)
	text := strings.Replace(string(data), "accessDuration: 86400\n        description: ''\n        accessTokenRole: SSM-JustInTimeAccessTokenRole\n        targets:\n        - Key: tag:Workload\n          Values:\n          - E-commerce",
		"accessDuration: 172800\n        description: ''\n        accessTokenRole: SSM-JustInTimeAccessTokenRole\n        targets:\n        - Key: tag:Workload\n          Values:\n          - E-commerce", 1)
	text = strings.Replace(text, `resource.getTag(\"ENV\") ==`, `resource.getTag(\"ENV\") !=`, 1)
	require.NotEqual(t, string(data), text)
	path := filepath.Join(t.TempDir(), "after.template.yaml")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

func TestDiff(t *testing.T) {
	after := afterTemplate(t)
	code, stdout, stderr := runJitna("diff", "--before", sample, "--after", after, "--inventory", "testdata/inventory.csv")
	assert.Equal(t, exitProblems, code, "a change widens access: the default --fail-on widen fails", stderr)
	assert.Contains(t, stdout, "WIDENS: 1 node(s), for a user in no group: approval is easier: access 24h0m0s → 48h0m0s\n  i-0a1b2c3d4e5f60002 (Team=shop,Workload=E-commerce)\n")
	assert.Contains(t, stdout, "NARROWS: 1 node(s), for a user in no group: auto-approved becomes no applicable policy\n  i-0a1b2c3d4e5f60001 (ENV=DEV)\n")
	assert.Contains(t, stdout, "\n1 widen, 1 narrow, 0 break, 0 change, 3 unchanged (node × requester)\n", stdout)
	assert.Contains(t, stdout, "POLICY SSM-JustInTimeAccessAutoApprovalPolicy (auto-approval, changed)\n  - statement: permit ( principal, action == AWS::SSM::Action::\"getTokenForInstanceAccess\", resource ) when { resource.hasTag(\"ENV\") && resource.getTag(\"ENV\") == \"DEV\" };\n  + statement: permit ( principal, action == AWS::SSM::Action::\"getTokenForInstanceAccess\", resource ) when { resource.hasTag(\"ENV\") && resource.getTag(\"ENV\") != \"DEV\" };\n")
	assert.True(t, strings.HasSuffix(stdout, "POLICY E-commerce-Manual-Approval-Policy (manual-approval, changed)\n  - access duration: 24h0m0s\n  + access duration: 48h0m0s\n"), stdout)

	code, stdout, _ = runJitna("diff", "--before", sample, "--after", after, "--inventory", "testdata/inventory.csv", "--output", "json", "--fail-on", "none")
	assert.Equal(t, exitOK, code)
	var out diffOutput
	require.NoError(t, json.Unmarshal([]byte(stdout), &out))
	assert.Equal(t, 1, out.Summary.Widens)
	require.Len(t, out.Changes, 2)
	c := out.Changes[1]
	assert.Equal(t, "i-0a1b2c3d4e5f60002", c.Node)
	assert.Equal(t, map[string]string{"Workload": "E-commerce", "Team": "shop"}, c.NodeTags)
	assert.Equal(t, "a user in no group", c.Requester)
	assert.Equal(t, 86400, c.Before.AccessDurationSeconds)
	assert.Equal(t, 172800, c.After.AccessDurationSeconds)
	assert.Equal(t, "widens", string(c.Class))
	require.Len(t, out.Policies, 2)
	assert.Equal(t, simulate.PolicyChange{Policy: "E-commerce-Manual-Approval-Policy", Kind: simulate.KindManual, Change: "changed",
		Added: []string{"access duration: 48h0m0s"}, Removed: []string{"access duration: 24h0m0s"}}, out.Policies[1])

	code, stdout, _ = runJitna("diff", "--before", sample, "--after", after, "--inventory", "testdata/inventory.csv", "--output", "markdown", "--fail-on", "any")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stdout, "| i-0a1b2c3d4e5f60002 | Team=shop,Workload=E-commerce |")
	assert.Contains(t, stdout, "\n#### Policy documents\n\n**SSM-JustInTimeAccessAutoApprovalPolicy** (auto-approval, changed)\n\n```diff\n- statement: permit")
	assert.True(t, strings.HasSuffix(stdout, "**E-commerce-Manual-Approval-Policy** (manual-approval, changed)\n\n```diff\n- access duration: 24h0m0s\n+ access duration: 48h0m0s\n```\n"), stdout)

	code, _, _ = runJitna("diff", "--before", sample, "--after", sample, "--inventory", "testdata/inventory.csv", "--fail-on", "any")
	assert.Equal(t, exitOK, code, "no change")

	for _, args := range [][]string{
		{"diff", "--before", sample, "--after", after, "--requesters", "testdata/requesters.json"},
		{"diff", "--before", sample, "--after", after, "--inventory", "testdata/inventory.csv", "--fail-on", "sometimes"},
		{"diff", "--before", "testdata/missing.yaml", "--after", after, "--inventory", "testdata/inventory.csv"},
		{"diff", "--before", sample, "--after", after, "--inventory", "testdata/inventory.csv", "--output", "xml"},
	} {
		code, _, _ := runJitna(args...)
		assert.Equal(t, exitUsage, code, args)
	}
}

// The sample's policies against a changed copy: one manual policy's target
// widened, one auto-approval statement added, one new overlap (a second
// template's policy on another tag key). Each change lands in its class.
func TestDiffOfAChangedSample(t *testing.T) {
	data, err := os.ReadFile(sample)
	require.NoError(t, err)
	text := string(data)
	for old, changed := range map[string]string{
		"          - E-commerce\n        mainSteps": "          - E-commerce\n          - Analytics\n        mainSteps",
		`\"DEV\"\r\n  };"`:                          `\"DEV\"\r\n  };\r\npermit (principal, action == AWS::SSM::Action::\"getTokenForInstanceAccess\", resource) when { resource.hasTag(\"ENV\") && resource.getTag(\"ENV\") == \"TEST\" };"`,
	} {
		require.Equal(t, 1, strings.Count(text, old), old)
		text = strings.Replace(text, old, changed, 1)
	}
	dir := t.TempDir()
	after := filepath.Join(dir, "after.template.yaml")
	require.NoError(t, os.WriteFile(after, []byte(text), 0o644))
	inventory := filepath.Join(dir, "nodes.csv")
	require.NoError(t, os.WriteFile(inventory, []byte("id,type,tags\n"+
		"i-dev,ec2,ENV=DEV\n"+
		"i-analytics,ec2,Workload=Analytics\n"+
		"i-test,ec2,ENV=TEST\n"+
		"i-finance,ec2,Workload=FinanceApplication;Environment=Production\n"+
		"mi-web,managed,Workload=E-commerce\n"+
		"i-untagged,ec2,\n"), 0o644))

	code, stdout, stderr := runJitna("diff", "--before", sample, "--after", after, "--after", "testdata/production-policy.yaml", "--inventory", inventory)
	assert.Equal(t, exitProblems, code, stderr)
	assert.Equal(t, "BREAKS: 1 node(s), for a user in no group: manual approval by FinanceApplication-Manual-Approval-Policy (1 level(s), 24h0m0s) becomes conflict (FinanceApplication-Manual-Approval-Policy, Production-Manual-Approval-Policy): requests to the node fail\n"+
		"  i-finance (Environment=Production,Workload=FinanceApplication)\n"+
		"WIDENS: 1 node(s), for a user in no group: no applicable policy becomes manual approval by E-commerce-Manual-Approval-Policy (1 level(s), 24h0m0s)\n"+
		"  i-analytics (Workload=Analytics)\n"+
		"WIDENS: 1 node(s), for a user in no group: no applicable policy becomes auto-approved\n"+
		"  i-test (ENV=TEST)\n"+
		"2 widen, 0 narrow, 1 break, 0 change, 3 unchanged (node × requester)\n"+
		"POLICY SSM-JustInTimeAccessDenyAccessOrgPolicy (deny-access, added)\n"+
		"  + statement: forbid ( principal, action == AWS::SSM::Action::\"getTokenForInstanceAccess\", resource ) when { principal has employeeNumber && principal.employeeNumber like \"C-*\" };\n"+
		"POLICY SSM-JustInTimeAccessAutoApprovalPolicy (auto-approval, changed)\n"+
		"  + statement: permit ( principal, action == AWS::SSM::Action::\"getTokenForInstanceAccess\", resource ) when { resource.hasTag(\"ENV\") && resource.getTag(\"ENV\") == \"TEST\" };\n"+
		"POLICY E-commerce-Manual-Approval-Policy (manual-approval, changed)\n"+
		"  + target: tag:Workload=Analytics\n"+
		"POLICY Production-Manual-Approval-Policy (manual-approval, added)\n"+
		"  + target: tag:Environment=Production\n"+
		"  + access duration: 2h0m0s\n"+
		"  + level 1 requires 2 approval(s)\n"+
		"  + level 1 approver: IamGroup:ProductionLeads\n"+
		"  + level 1 approver: IamRole:arn:aws:iam::123456789012:role/OnCallLead\n", inventoryPart(t, stdout))
	assert.Contains(t, stdout, "7 widen, 6 narrow, 9 break, 0 change (classes of every requester and node)\n")
	assert.Contains(t, stdout, "BREAKS: no applicable policy → conflict: two or more manual approval policies now apply: requests to the node fail\n"+
		"  when: not node tag ENV = \"DEV\"; not node tag ENV = \"TEST\"; node tag Environment = \"Production\"; node tag Workload = \"Analytics\"\n"+
		"  for example: user witness-user, requesting EC2 node i-00000000000000000, tags Environment=\"Production\", Workload=\"Analytics\"\n")

	code, stdout, _ = runJitna("diff", "--before", sample, "--after", after, "--after", "testdata/production-policy.yaml", "--inventory", inventory, "--output", "json")
	assert.Equal(t, exitProblems, code)
	var out diffOutput
	require.NoError(t, json.Unmarshal([]byte(stdout), &out))
	assert.Equal(t, 2, out.Summary.Widens)
	assert.Equal(t, 1, out.Summary.Breaks)
	assert.Equal(t, 3, out.Summary.Unchanged)

	code, stdout, _ = runJitna("diff", "--before", sample, "--after", after, "--after", "testdata/production-policy.yaml", "--inventory", inventory, "--output", "markdown", "--fail-on", "none")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "**breaks** — 1 node(s), for a user in no group:")
	assert.Contains(t, stdout, "| i-analytics | Workload=Analytics |")
}

// A statement whose string holds a fence cannot close the Markdown block.
func TestDiffMarkdownFence(t *testing.T) {
	var b strings.Builder
	writeDiffMarkdown(&b, simulate.DiffReport{Policies: []simulate.PolicyChange{{Policy: "P", Kind: simulate.KindAutoApproval, Change: "changed",
		Added: []string{"statement: permit (principal, action, resource) when { resource.getTag(\"Note\") == \"````\" };"}}}}, false)
	assert.Contains(t, b.String(), "\n`````diff\n+ statement:")
	assert.True(t, strings.HasSuffix(b.String(), "\n`````\n"), b.String())
}

// --output html writes the report: the numbers of the JSON output, the
// files it was made of, and the exit status of --fail-on.
func TestHTMLReports(t *testing.T) {
	after := afterTemplate(t)
	code, stdout, stderr := runJitna("diff", "--before", sample, "--after", after, "--inventory", "testdata/inventory.csv", "--output", "html")
	assert.Equal(t, exitProblems, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "<!DOCTYPE html>"))
	assert.Contains(t, stdout, `<b data-total="widens">1</b>`)
	assert.Contains(t, stdout, "<li>after: "+after+"</li>")
	assert.Contains(t, stdout, "<li>nodes: testdata/inventory.csv</li>")

	code, stdout, stderr = runJitna("coverage", "--template", sample, "--inventory", "testdata/inventory.csv", "--requesters", "testdata/requesters.json", "--output", "html")
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, `<b data-total="nodes">5</b>`)
	assert.Contains(t, stdout, "<li>requesters: testdata/requesters.json</li>")
	assert.Contains(t, stdout, "<th>developer</th><th>contractor</th>")
}

// inventoryPart is the text output after the analysis of every request:
// the inventory's changes and the policy documents.
func inventoryPart(t *testing.T, stdout string) string {
	_, rest, ok := strings.Cut(stdout, "(classes of every requester and node)\n")
	require.True(t, ok, stdout)
	return rest
}
