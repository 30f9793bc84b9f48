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

func simulateJSON(t *testing.T, args ...string) simulateOutput {
	t.Helper()
	code, stdout, stderr := runJitna(append([]string{"simulate", "--output", "json"}, args...)...)
	require.Equal(t, exitOK, code, stderr)
	var out simulateOutput
	require.NoError(t, json.Unmarshal([]byte(stdout), &out), stdout)
	return out
}

func TestSimulateTheAWSSample(t *testing.T) {
	dev := simulateJSON(t, "--template", sample, "--node-tags", "ENV=DEV")
	assert.Equal(t, "auto-approved", string(dev.Outcome))
	assert.Equal(t, 3600, dev.AccessDurationSeconds)
	assert.Nil(t, dev.Policy)

	shop := simulateJSON(t, "--template", sample, "--node-tags", "Workload=E-commerce")
	assert.Equal(t, "manual-approval", string(shop.Outcome))
	require.NotNil(t, shop.Policy)
	assert.Equal(t, "E-commerce-Manual-Approval-Policy", *shop.Policy)
	assert.Equal(t, 86400, shop.AccessDurationSeconds)
	assert.Equal(t, []levelOutput{{MinRequiredApprovals: 1, Approvers: []approverOutput{{Type: "SSOGroup", ID: "ec4df598-7071-70a6-0de4-12345example"}}}}, shop.ApprovalLevels)

	untagged := simulateJSON(t, "--template", sample)
	assert.Equal(t, "no-applicable-policy", string(untagged.Outcome))
	assert.Equal(t, []string{}, untagged.Conflicting)
	assert.Equal(t, []levelOutput{}, untagged.ApprovalLevels)
}

// A folder (a cdk.out) stands for its templates, as for validate.
func TestSimulateAndCoverageTakeAFolder(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(sample)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Member.template.yaml"), data, 0o644))
	shop := simulateJSON(t, "--template", dir, "--node-tags", "Workload=E-commerce")
	assert.Equal(t, "manual-approval", string(shop.Outcome))
	code, stdout, stderr := runJitna("coverage", "--template", dir, "--inventory", "testdata/inventory.csv")
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "E-commerce-Manual-Approval-Policy")
	code, _, stderr = runJitna("simulate", "--template", t.TempDir())
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "no *.template.json or *.template.yaml files in the folder")
}

// What jitna validate rejects, simulate and coverage refuse (exit 2) rather
// than answer for: a forbid in the auto-approval policy, a target typo.
func TestSimulateRefusesWhatValidateRejects(t *testing.T) {
	code, stdout, _ := runJitna("validate", "testdata/forbid-in-auto.yaml")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stdout, "AutoApproval: Documents[0].Cedar:")
	assert.Contains(t, stdout, `Typo: Content.targets: "Tag:Env" is not a target`)
	for _, args := range [][]string{
		{"simulate", "--template", "testdata/forbid-in-auto.yaml", "--node-tags", "Env=PROD", "--user", "u-1"},
		{"coverage", "--template", "testdata/forbid-in-auto.yaml", "--inventory", "testdata/inventory.csv"},
	} {
		code, stdout, stderr := runJitna(args...)
		assert.Equal(t, exitUsage, code, args)
		assert.Empty(t, stdout, args)
		assert.Contains(t, stderr, `Typo: the content cannot be read: Content.targets: "Tag:Env" is not a target`, args)
	}
}

// The output of aws ec2 describe-instances is an inventory; what it leaves
// out is said.
func TestCoverageOfDescribeInstances(t *testing.T) {
	code, stdout, stderr := runJitna("coverage", "--template", sample, "--inventory", "../../jitna/simulate/testdata/describe-instances.json")
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, "describe-instances.json: note: skipped i-0a1b2c3d4e5f60004: terminated")
	assert.Contains(t, stdout, "i-0a1b2c3d4e5f60001")
	assert.Contains(t, stdout, "E-commerce-Manual-Approval-Policy")
}

// Managed nodes (mi- included) from describe-instance-information, their
// tags from get-resources: two --inventory files joined.
func TestCoverageOfManagedNodesJoinedWithTags(t *testing.T) {
	code, stdout, stderr := runJitna("coverage", "--template", sample, "--output", "json",
		"--inventory", "../../jitna/simulate/testdata/describe-instance-information.json", "--inventory", "../../jitna/simulate/testdata/get-resources.json")
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, "get-resources.json: note: skipped 1 tagged resources that are not nodes")
	assert.Contains(t, stderr, "--inventory: note: skipped i-0a1b2c3d4e5f69999: tags for a node no inventory file lists")
	var r simulate.Report
	require.NoError(t, json.Unmarshal([]byte(stdout), &r))
	require.Len(t, r.Nodes, 3)
	assert.Equal(t, "mi-0123456789abcdef0", r.Nodes[1].Node.ID)
	assert.Equal(t, simulate.Managed, r.Nodes[1].Node.Type)
	assert.Equal(t, "branch-office", r.Nodes[1].Node.Tags["Site"])
	assert.Equal(t, "E-commerce-Manual-Approval-Policy", r.Nodes[0].ManualPolicy)
}

// Requesters from the Identity Store's exports: users, their groups and the
// groups, three --requesters files joined.
func TestCoverageOfIdentityStoreRequesters(t *testing.T) {
	dir := "../../jitna/simulate/testdata/"
	code, stdout, stderr := runJitna("coverage", "--template", sample, "--inventory", "testdata/inventory.csv",
		"--requesters", dir+"identitystore-list-users.json", "--requesters", dir+"identitystore-list-group-memberships-for-member.json",
		"--requesters", dir+"identitystore-list-groups.json")
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, "--requesters: note: skipped a user without UserId")
	assert.Regexp(t, `(?m)^i-0a1b2c3d4e5f60001 .* mary\.major, paulo\.santos$`, stdout, "the users, by UserName")
}

func TestSimulateConflictThroughDifferentTagKeys(t *testing.T) {
	out := simulateJSON(t, "--template", sample, "--template", "testdata/production-policy.yaml",
		"--node-tags", "Workload=FinanceApplication,Environment=Production")
	assert.Equal(t, "conflict", string(out.Outcome))
	assert.Equal(t, []string{"FinanceApplication-Manual-Approval-Policy", "Production-Manual-Approval-Policy"}, out.Conflicting)
	assert.Contains(t, out.Explanation[len(out.Explanation)-1], "access requests to this node fail")
}

func TestSimulateDenyAccessAndRequesters(t *testing.T) {
	both := []string{"--template", sample, "--template", "testdata/production-policy.yaml"}
	contractor := simulateJSON(t, append(both, "--node-tags", "ENV=DEV", "--user", "c-1", "--attribute", "employeeNumber=C-7")...)
	assert.Equal(t, "no-applicable-policy", string(contractor.Outcome))
	assert.True(t, contractor.AutoApprovalDenied)

	prod := simulateJSON(t, append(both, "--node-type", "managed", "--node-tags", "Environment=Production", "--groups", "g1,g2")...)
	assert.Equal(t, "manual-approval", string(prod.Outcome))
	assert.Equal(t, 7200, prod.AccessDurationSeconds)
	assert.Equal(t, 2, prod.ApprovalLevels[0].MinRequiredApprovals)

	code, stdout, _ := runJitna(append([]string{"simulate"}, append(both, "--node-tags", "ENV=DEV", "--role", "Ops", "--principal-tags", "Team=ops")...)...)
	assert.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(stdout, "auto-approved\n  request: IAM role Ops principal tags Team=ops"), stdout)
}

func TestSimulateBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"simulate", "--template", sample, "--template", "testdata/two-autos.yaml"}, "more than one auto-approval policy: " + sample + ": AutoApprovalPolicy, testdata/two-autos.yaml: Auto"},
		{[]string{"simulate", "--node-tags", "ENV=DEV"}, "give at least one --template FILE"},
		{[]string{"simulate", "--template", "testdata/broken.yaml"}, "testdata/broken.yaml: yaml:"},
		{[]string{"simulate", "--template", sample, "--node-tags", "ENV"}, `"ENV": write KEY=VALUE`},
		{[]string{"simulate", "--template", sample, "--node-type", "lambda"}, `--node-type "lambda": must be ec2 or managed`},
		{[]string{"simulate", "--template", sample, "--attribute", "division"}, `--attribute "division": write name=value`},
		{[]string{"simulate", "--template", sample, "--output", "yaml"}, `--output "yaml": must be text or json`},
		{[]string{"simulate", "--template", sample, "--attribute", "employeNumber=C-7"}, `the requester: attribute "employeNumber" is not one a JITNA user has (did you mean employeeNumber?)`},
		{[]string{"simulate", "--template", "testdata/bad-documents.yaml"}, "PaymentsPolicy: the content cannot be read"},
		// A stray argument stops the flag package: the flags after it would
		// be dropped, and a node with no tags simulated.
		{[]string{"simulate", "--template", sample, "testdata/production-policy.yaml", "--node-tags", "ENV=DEV"}, `unexpected argument "testdata/production-policy.yaml": this command takes flags only`},
	} {
		code, _, stderr := runJitna(tc.args...)
		assert.Equal(t, exitUsage, code, tc.args)
		assert.Contains(t, stderr, tc.want, tc.args)
	}
}

// --groups is read as --node-tags is: spaces around each id trimmed,
// empty ones dropped.
func TestSimulateGroupsAreTrimmed(t *testing.T) {
	auto := []string{"--template", "testdata/group-auto.yaml", "--user", "u-1"}
	assert.Equal(t, "auto-approved", string(simulateJSON(t, append(auto, "--groups", "ops,sre")...).Outcome))
	assert.Equal(t, "auto-approved", string(simulateJSON(t, append(auto, "--groups", "ops, sre ,")...).Outcome))
	assert.NotEqual(t, "auto-approved", string(simulateJSON(t, append(auto, "--groups", "ops")...).Outcome))
}

func TestCoverage(t *testing.T) {
	code, stdout, stderr := runJitna("coverage", "--template", sample, "--template", "testdata/production-policy.yaml",
		"--inventory", "testdata/inventory.csv", "--requesters", "testdata/requesters.json")
	require.Equal(t, exitOK, code, stderr)
	golden(t, "coverage.golden", stdout)
	assert.Contains(t, stdout, "i-0a1b2c3d4e5f60003   ec2      conflict     FinanceApplication-Manual-Approval-Policy + Production-Manual-Approval-Policy")
	assert.Contains(t, stdout, "i-0a1b2c3d4e5f60005   ec2      unreachable")
	assert.Contains(t, stdout, "5 nodes: 2 with one manual policy, 1 conflicts (requests fail), 1 auto-approval only, 1 unreachable; 1 auto-approvable for a given requester")

	code, stdout, _ = runJitna("coverage", "--template", sample, "--inventory", "testdata/inventory.csv", "--output", "json")
	require.Equal(t, exitOK, code)
	var report struct {
		Totals map[string]int `json:"totals"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &report))
	// Without requesters, for every possible requester: the DEV node is
	// auto-approved for some (the sample permits ENV=DEV for anyone), not
	// unreachable.
	assert.Equal(t, map[string]int{"nodes": 5, "manual": 2, "conflicts": 0, "autoOnly": 1, "unreachable": 2, "autoApprovable": 1}, report.Totals)
	code, stdout, stderr = runJitna("coverage", "--template", sample, "--inventory", "testdata/inventory.csv")
	require.Equal(t, exitOK, code, stderr)
	assert.Regexp(t, `(?m)^i-0a1b2c3d4e5f60001 +ec2 +auto-only +- +some requester \(user witness-user\)$`, stdout)
	assert.Contains(t, stdout, "1 auto-approvable for some requester")

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"coverage", "--template", sample}, "give --inventory FILE"},
		{[]string{"coverage", "--template", sample, "--inventory", "testdata/missing.csv"}, "no such file"},
		{[]string{"coverage", "--template", sample, "--inventory", "testdata/inventory.csv", "--requesters", "testdata/inventory.csv"}, "testdata/inventory.csv: invalid character"},
		{[]string{"coverage", "--template", sample, "--inventory", "testdata/inventory.csv", "--requesters", "testdata/requesters-typo.json"}, `testdata/requesters-typo.json: json: unknown field "group"`},
		{[]string{"coverage", "--template", sample, "--inventory", "testdata/inventory.csv", "--requesters", "testdata/requesters-twice.json"}, `testdata/requesters-twice.json: line 2: key "groups" is repeated`},
		{[]string{"coverage", "--template", sample, "--inventory", "testdata/inventory.csv", "--requesters", "testdata"}, "testdata: not a regular file: it is a directory"},
		{[]string{"coverage", "--template", sample, "extra.yaml", "--inventory", "testdata/inventory.csv"}, `unexpected argument "extra.yaml"`},
	} {
		code, _, stderr := runJitna(tc.args...)
		assert.Equal(t, exitUsage, code, tc.args)
		assert.Contains(t, stderr, tc.want, tc.args)
	}
}
