package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// benchEstate writes, into dir, the two sides of a policy change (50
// manual approval policies and 100 Cedar statements each), an inventory
// of nodes, every one tagged differently and every one changed by the
// change (each node's manual policy grants longer access after it), and
// requesters, each in groups groups (the statements name 20 of them).
func benchEstate(tb testing.TB, dir string, nodes, requesters, groups int) (before, after, inventory, people string) {
	tb.Helper()
	side := func(name string, hours int) string {
		var b strings.Builder
		b.WriteString("Resources:\n")
		for i := range 50 {
			fmt.Fprintf(&b, `  Manual%[1]d:
    Type: AWS::SSM::Document
    Properties:
      Name: Workload-%[1]d
      DocumentType: ManualApprovalPolicy
      Content:
        schemaVersion: '0.3'
        accessDuration: %[2]d
        description: Workload %[1]d
        accessTokenRole: SSM-JustInTimeAccessTokenRole
        targets:
          - Key: tag:Workload
            Values: [w%[1]d]
        mainSteps:
          - name: ManualApproval
            action: aws:approve
            timeoutSeconds: 3600
            inputs:
              Message: Workload %[1]d
              MinRequiredApprovals: 1
              EnhancedApprovals:
                Approvers:
                  - {approver: owner%[1]d, type: IamUser}
                  - {approver: lead, type: IamUser}
`, i, hours*3600)
		}
		var permits, forbids []string
		for i := range 50 {
			permits = append(permits, fmt.Sprintf(`permit (principal in AWS::IdentityStore::Group::"g%d", action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("Env") && resource.getTag("Env") == "dev%d" };`, i%20, i))
			forbids = append(forbids, fmt.Sprintf(`forbid (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { principal has costCenter && principal.costCenter == "cc%d" };`, i))
		}
		for _, doc := range []struct {
			id, name string
			stmts    []string
		}{{"Auto", "SSM-JustInTimeAccessAutoApprovalPolicy", permits}, {"Deny", "SSM-JustInTimeAccessDenyAccessOrgPolicy", forbids}} {
			fmt.Fprintf(&b, `  %s:
    Type: AWS::SSM::Document
    Properties:
      Name: %s
      DocumentType: AutoApprovalPolicy
      Content:
        schemaVersion: '0.3'
        accessTokenRole: SSM-JustInTimeAccessTokenRole
        accessDuration: 3600
        AutoApprovalPolicyDocuments:
          - type: Cedar
            content: |
`, doc.id, doc.name)
			for _, s := range doc.stmts {
				fmt.Fprintf(&b, "              %s\n", s)
			}
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
		return path
	}
	before, after = side("before.yaml", 8), side("after.yaml", 12)
	var inv strings.Builder
	inv.WriteString("id,type,tags\n")
	for i := range nodes {
		fmt.Fprintf(&inv, "i-%017x,ec2,Workload=w%d;Env=prod;Name=node-%d\n", i, i%50, i)
	}
	inventory = filepath.Join(dir, "nodes.csv")
	if err := os.WriteFile(inventory, []byte(inv.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	type requester struct {
		Name   string   `json:"name"`
		User   string   `json:"user"`
		Groups []string `json:"groups"`
	}
	var list []requester
	for i := range requesters {
		q := requester{Name: fmt.Sprint("person-", i), User: fmt.Sprint("u-", i)}
		for g := range groups {
			q.Groups = append(q.Groups, fmt.Sprint("g", (g+i)%max(groups, 20)))
		}
		list = append(list, q)
	}
	data, err := json.Marshal(list)
	if err != nil {
		tb.Fatal(err)
	}
	people = filepath.Join(dir, "people.json")
	if err := os.WriteFile(people, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return before, after, inventory, people
}

// benchDiff runs `jitna diff --fail-on widen` over a generated estate and
// reports the process's peak resident memory.
func benchDiff(b *testing.B, nodes, requesters, groups int) {
	before, after, inventory, people := benchEstate(b, b.TempDir(), nodes, requesters, groups)
	b.ResetTimer()
	for b.Loop() {
		if code := run([]string{"diff", "--before", before, "--after", after, "--inventory", inventory, "--requesters", people, "--fail-on", "widen"}, io.Discard, os.Stderr); code != exitProblems {
			b.Fatalf("jitna diff exited %d: every node's access got longer, a widening", code)
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-MiB")
	}
}

// BenchmarkDiffEveryNodeChanged: 10,000 nodes × 20 requesters × 50 manual
// policies and 100 statements, every node changed (target: 2 s, 300 MiB).
func BenchmarkDiffEveryNodeChanged(b *testing.B) { benchDiff(b, 10_000, 20, 3) }

// BenchmarkDiff100kNodes: 100,000 nodes × 20 requesters (target: 10 s).
func BenchmarkDiff100kNodes(b *testing.B) { benchDiff(b, 100_000, 20, 3) }

// BenchmarkDiffRequesterIn700kGroups: 100 nodes, one requester in 700,000
// groups (target: 2 s).
func BenchmarkDiffRequesterIn700kGroups(b *testing.B) { benchDiff(b, 100, 1, 700_000) }
