package simulate

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

func TestDiffPoliciesComparesStatementsNotText(t *testing.T) {
	devPermit := `permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("ENV") && resource.getTag("ENV") == "DEV" };`
	relaid := "// the same statement, laid out and commented otherwise\npermit(\n  principal,\n  action == AWS::SSM::Action::\"getTokenForInstanceAccess\",\n  resource\n)\nwhen {\n  resource.hasTag(\"ENV\") && resource.getTag(\"ENV\") == \"DEV\"\n};"
	before := Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: devPermit + "\n" + prodPermit}}}}
	same := Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: prodPermit}, {Cedar: relaid}}}}
	assert.Empty(t, DiffPolicies(before, same), "layout, comments, order and documents do not count")

	after := Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: relaid + "\n" + relaid}}}}
	got := DiffPolicies(before, after)
	assert.Equal(t, []PolicyChange{{
		Policy: policy.AutoApprovalName, Kind: KindAutoApproval, Change: "changed",
		Added:   []string{"statement: " + cedarLayout(t, devPermit)},
		Removed: []string{"statement: " + cedarLayout(t, prodPermit)},
	}}, got, "a statement written twice counts twice")
	assert.Equal(t, `permit ( principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource ) when { resource.hasTag("Env") && resource.getTag("Env") == "PROD" };`,
		cedarLayout(t, prodPermit), "one line, in Cedar's layout")
}

// cedarLayout is Cedar's own layout of one statement.
func cedarLayout(t *testing.T, text string) string {
	t.Helper()
	return statementItems([]policy.CedarDocument{{Cedar: text}})[0][len("statement: "):]
}

const prodForbid = `forbid (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("Env") && resource.getTag("Env") == "PROD" };`

func TestDiffPoliciesOfManualPolicies(t *testing.T) {
	finance := manualPolicy("Finance", policy.TagTarget{Key: "Workload", Values: []string{"Finance"}})
	prod := manualPolicy("Prod", policy.TagTarget{Key: "Env", Values: []string{"PROD"}})
	deny := &policy.DenyAccess{Documents: []policy.CedarDocument{{Cedar: prodForbid}}}
	before := Policies{Manual: []policy.ManualApproval{finance, prod}, DenyAccess: deny}

	wider := finance
	wider.Targets = []policy.TagTarget{{Key: "Workload", Values: []string{"Finance", "Payments"}}}
	wider.AccessDuration = 8 * time.Hour
	wider.ApprovalLevels = []policy.ApprovalLevel{{MinRequiredApprovals: 2, Approvers: []policy.Approver{policy.IamRoleApprover("Finance-approvers"), policy.SSOGroupApprover("g-1")}}}
	all := manualPolicy("All-Nodes")
	after := Policies{Manual: []policy.ManualApproval{all, wider}}

	assert.Equal(t, []PolicyChange{
		{Policy: policy.DenyAccessName, Kind: KindDenyAccess, Change: "removed", Removed: []string{"statement: " + cedarLayout(t, prodForbid)}},
		{Policy: "All-Nodes", Kind: KindManual, Change: "added", Added: []string{"target: all nodes", "access duration: 4h0m0s", "level 1 requires 1 approval(s)", "level 1 approver: IamRole:All-Nodes-approvers"}},
		{Policy: "Finance", Kind: KindManual, Change: "changed",
			Added:   []string{"target: tag:Workload=Payments", "access duration: 8h0m0s", "level 1 requires 2 approval(s)", "level 1 approver: SSOGroup:g-1"},
			Removed: []string{"access duration: 4h0m0s", "level 1 requires 1 approval(s)"}},
		{Policy: "Prod", Kind: KindManual, Change: "removed", Removed: []string{"target: tag:Env=PROD", "access duration: 4h0m0s", "level 1 requires 1 approval(s)", "level 1 approver: IamRole:Prod-approvers"}},
	}, DiffPolicies(before, after))
	assert.Empty(t, DiffPolicies(after, after))
}

func TestDiffPoliciesOfUnparsableCedar(t *testing.T) {
	broken := Policies{DenyAccess: &policy.DenyAccess{Documents: []policy.CedarDocument{{Cedar: "forbid (principal,\n action"}}}}
	got := DiffPolicies(Policies{}, broken)
	assert.Equal(t, []PolicyChange{{Policy: policy.DenyAccessName, Kind: KindDenyAccess, Change: "added", Added: []string{"text: forbid (principal, action"}}}, got)
}
