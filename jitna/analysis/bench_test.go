package analysis

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// estate is 100 Cedar statements (50 permits, 50 forbids, over 20 groups,
// 60 workloads, attributes, principal tags and patterns) and 50 manual
// policies, and a change: one permit widened to a second group, one
// manual policy's approvers reshuffled.
func estate() (before, after simulate.Policies) {
	var permits, forbids []string
	for i := range 50 {
		permits = append(permits, fmt.Sprintf(`permit (principal in AWS::IdentityStore::Group::"g%d", action, resource)
when { resource.hasTag("Workload") && resource.getTag("Workload") == "w%d" && resource.hasTag("Env") && resource.getTag("Env") like "dev*" };`, i%20, i))
		forbids = append(forbids, fmt.Sprintf(`forbid (principal, action, resource)
when { (principal has costCenter && principal.costCenter == "cc%d") || (context.iam.principalTags.hasTag("contractor") && resource.hasTag("Workload") && resource.getTag("Workload") == "w%d") };`, i, i+10))
	}
	var manual []policy.ManualApproval
	for i := range 50 {
		manual = append(manual, policy.ManualApproval{Name: fmt.Sprintf("M%d", i), AccessDuration: 8 * time.Hour,
			Targets:        []policy.TagTarget{{Key: "Workload", Values: []string{fmt.Sprintf("w%d", i)}}},
			ApprovalLevels: []policy.ApprovalLevel{{MinRequiredApprovals: 1, Approvers: []policy.Approver{{Type: policy.IamUser, ID: "lead"}, {Type: policy.IamUser, ID: fmt.Sprint("owner", i)}}}}})
	}
	before = simulate.Policies{AutoApproval: auto(strings.Join(permits, "\n")), DenyAccess: deny(strings.Join(forbids, "\n")), Manual: manual}
	changed := append([]string{}, permits...)
	changed[7] = strings.Replace(changed[7], `principal in AWS::IdentityStore::Group::"g7", action, resource)
when { `, `principal, action, resource)
when { (principal in AWS::IdentityStore::Group::"g7" || principal in AWS::IdentityStore::Group::"g8") && `, 1)
	if changed[7] == permits[7] {
		panic("the change did not apply")
	}
	afterManual := append([]policy.ManualApproval{}, manual...)
	m := afterManual[3]
	m.ApprovalLevels = []policy.ApprovalLevel{{MinRequiredApprovals: 1, Approvers: []policy.Approver{{Type: policy.IamUser, ID: "someone"}}}}
	afterManual[3] = m
	after = simulate.Policies{AutoApproval: auto(strings.Join(changed, "\n")), DenyAccess: before.DenyAccess, Manual: afterManual}
	return before, after
}

// BenchmarkCompare: the analysis alone, 100 statements and 50 manual
// policies on each side.
func BenchmarkCompare(b *testing.B) {
	before, after := estate()
	b.ReportAllocs()
	for b.Loop() {
		r := Compare(before, after, Options{})
		if !r.Widening() || len(r.Inexact) > 0 {
			b.Fatalf("the change widens access, exactly: %+v", r.Inexact)
		}
	}
}
