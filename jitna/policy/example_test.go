package policy_test

import (
	"fmt"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// Read a manual approval policy from existing document content (here YAML
// text, as a hand-written template holds it) and check it.
func ExampleParseDocument() {
	content := `
schemaVersion: '0.3'
accessDuration: 86400
description: ''
accessTokenRole: SSM-JustInTimeAccessTokenRole
targets:
  - Key: tag:Workload
    Values: [Finance]
mainSteps:
  - name: ManualApproval
    action: aws:approve
    timeoutSeconds: 604800
    inputs:
      Message: Please approve this request
      MinRequiredApprovals: 2
      EnhancedApprovals:
        Approvers:
          - approver: Finance Leads
            type: SSOGroup
`
	p, err := policy.ParseDocument("Finance-Policy", policy.TypeManualApproval, content)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Defaults().Validate())
	// Output:
	// ApprovalLevels[0].MinRequiredApprovals: "2" must be 1 to the number of approvers (1)
	// ApprovalLevels[0].Approvers[0].ID: "Finance Leads" is not valid: must be an IAM Identity Center id such as 1a2b3c4d5e-12ab34cd-56ef-78ab-90cd-123456789012 or 12ab34cd-56ef-78ab-90cd-123456789012 (not a display name)
}
