package report_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/report"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// Write the coverage of an inventory by one manual approval policy to a file
// for an auditor.
func ExampleCoverage() {
	sim, err := simulate.New(simulate.Policies{Manual: []policy.ManualApproval{{
		Name: "Production", AccessDuration: 2 * time.Hour,
		Targets:        []policy.TagTarget{{Key: "Environment", Values: []string{"Production"}}},
		ApprovalLevels: []policy.ApprovalLevel{{Approvers: []policy.Approver{policy.SSOGroupApprover("e8c17310-e011-7089-d989-10da1EXAMPLE")}}},
	}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	nodes := []simulate.Node{
		{ID: "i-0a1b2c3d4e5f60001", Tags: map[string]string{"Environment": "Production"}},
		{ID: "i-0a1b2c3d4e5f60002", Tags: map[string]string{"Environment": "Staging"}},
	}
	var page strings.Builder
	if err := report.Coverage(&page, sim, nodes, nil, report.Options{Title: "Production access", Sources: []string{"nodes: inventory.csv"}}); err != nil {
		fmt.Println(err)
		return
	}
	path := filepath.Join(os.TempDir(), "access-report.html")
	if err := os.WriteFile(path, []byte(page.String()), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	defer os.Remove(path)
	fmt.Println(strings.Contains(page.String(), `<b data-total="unreachable">1</b>`))
	// Output: true
}
