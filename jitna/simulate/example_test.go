package simulate_test

import (
	"fmt"
	"time"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// Will the on-call group reach production automatically, and who approves
// everyone else?
func ExampleSimulator_Decide() {
	sim, err := simulate.New(simulate.Policies{
		AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: cedar.Render(
			cedar.PermitRule("On-call reaches production", cedar.PrincipalInGroup("oncall"), cedar.NodeTagEquals("Environment", "PROD")),
		)}}},
		Manual: []policy.ManualApproval{{
			Name: "Production-Approval", AccessDuration: 2 * time.Hour,
			Targets:        []policy.TagTarget{{Key: "Environment", Values: []string{"PROD"}}},
			ApprovalLevels: []policy.ApprovalLevel{{Approvers: []policy.Approver{policy.IamRoleApprover("ProductionLead")}}},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	prod := simulate.Node{ID: "i-0abc", Tags: map[string]string{"Environment": "PROD"}}
	for _, r := range []simulate.Requester{{UserID: "ana", Groups: []string{"oncall"}}, {UserID: "bob"}} {
		d := sim.Decide(prod, r)
		fmt.Println(r.UserID, d.Outcome, d.AccessDuration)
	}
	// Output:
	// ana auto-approved 1h0m0s
	// bob manual-approval 2h0m0s
}
