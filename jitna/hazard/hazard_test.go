package hazard

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

func doc(name string, extra map[string]any) map[string]any {
	r := map[string]any{"Type": "AWS::SSM::Document", "Properties": map[string]any{"Name": name, "DocumentType": "Session", "Content": map[string]any{}}}
	for k, v := range extra {
		r[k] = v
	}
	return r
}

// stack is a template of file with resources, and a StackSet "Members"
// holding member resources when member is not nil.
func stack(t *testing.T, file string, resources map[string]any, member map[string]any, outputs map[string]any) *template.Template {
	t.Helper()
	raw := map[string]any{"Resources": resources}
	if member != nil {
		body, err := json.Marshal(map[string]any{"Resources": member})
		require.NoError(t, err)
		raw["Resources"].(map[string]any)["Members"] = map[string]any{"Type": "AWS::CloudFormation::StackSet", "Properties": map[string]any{
			"StackSetName": "jitna-member-policies", "TemplateBody": string(body),
			"StackInstancesGroup": []any{map[string]any{"DeploymentTargets": map[string]any{"OrganizationalUnitIds": []any{"ou-a1b2-abcd1234"}}, "Regions": []any{"us-east-1"}}},
		}}
	}
	if outputs != nil {
		raw["Outputs"] = outputs
	}
	data, err := json.Marshal(raw)
	require.NoError(t, err)
	tmpl, err := template.Parse("cdk.out/"+file, data)
	require.NoError(t, err)
	return tmpl
}

const session = "SSM-SessionManagerRunShell"

func TestSessionDocumentDeletedInEveryMember(t *testing.T) {
	takeOver := map[string]any{"TakeOver": map[string]any{"Type": "Custom::JitnaSessionPreferences", "Properties": map[string]any{"DocumentName": session}}}
	before := stack(t, "P.template.json", map[string]any{}, map[string]any{"Prefs": doc(session, nil)}, nil)
	after := stack(t, "P.template.json", map[string]any{}, takeOver, nil)
	got := Compare([]*template.Template{before}, []*template.Template{after})
	require.Len(t, got, 1)
	assert.Equal(t, Hazard{Template: "P.template.json", Resource: "Members/Prefs", Type: "AWS::SSM::Document", Name: session, Change: "deleted",
		Reaches: "every account of ou-a1b2-abcd1234 in us-east-1 (StackSet Members)",
		Why:     "the account's Session Manager preferences: logging, encryption, Run As and timeouts revert to Session Manager's defaults"}, got[0])
	// Retained, the same change deletes nothing.
	before = stack(t, "P.template.json", map[string]any{}, map[string]any{"Prefs": doc(session, map[string]any{"DeletionPolicy": "Retain"})}, nil)
	assert.Empty(t, Compare([]*template.Template{before}, []*template.Template{after}))
}

func TestRenamesReplacementsAndCollisions(t *testing.T) {
	before := stack(t, "P.template.json", map[string]any{
		"Role":  map[string]any{"Type": "AWS::IAM::Role", "Properties": map[string]any{"RoleName": "AWS-QuickSetup-StackSet-Local-ExecutionRole"}},
		"Admin": map[string]any{"Type": "AWS::IAM::Role", "Properties": map[string]any{"RoleName": "AWS-QuickSetup-StackSet-Local-AdministrationRole"}},
		"Other": map[string]any{"Type": "AWS::IAM::Role", "Properties": map[string]any{"RoleName": "my-own-role"}}, // not shared
		"Auto":  doc("SSM-JustInTimeAccessAutoApprovalPolicy", nil),
		"Mine":  doc("My-Own-Document", nil), // a stack's own name, not shared
	}, map[string]any{"Finance": doc("Finance-Policy", nil)}, nil)
	after := stack(t, "P.template.json", map[string]any{
		"Role":  map[string]any{"Type": "AWS::IAM::Role", "Properties": map[string]any{"RoleName": "AWS-QuickSetup-StackSet-Local-ExecutionRole", "Path": "/jitna/"}},
		"Auto2": doc("SSM-JustInTimeAccessAutoApprovalPolicy", nil),
	}, map[string]any{"Finance": doc("Finance-Policy-2", nil)}, nil)
	after.Raw["Resources"].(map[string]any)["Members"].(map[string]any)["Properties"].(map[string]any)["StackSetName"] = "renamed"
	var changes []string
	for _, h := range Compare([]*template.Template{before}, []*template.Template{after}) {
		changes = append(changes, h.Resource+" "+h.Change)
	}
	assert.Equal(t, []string{"Admin deleted", "Auto collides", "Members replaced", "Members/Finance replaced", "Role replaced"}, changes)
}

func TestRemovedExportThatIsImported(t *testing.T) {
	outputs := map[string]any{"Arn": map[string]any{"Value": "x", "Export": map[string]any{"Name": "Enablement:Arn"}}}
	beforeE := stack(t, "E.template.json", map[string]any{}, nil, outputs)
	afterE := stack(t, "E.template.json", map[string]any{}, nil, nil)
	importer := stack(t, "P.template.json", map[string]any{"W": map[string]any{"Type": "Custom::X", "Properties": map[string]any{"A": map[string]any{"Fn::ImportValue": "Enablement:Arn"}}}}, nil, nil)
	got := Compare([]*template.Template{beforeE, importer}, []*template.Template{afterE, importer})
	require.Len(t, got, 1)
	assert.Equal(t, "export removed", got[0].Change)
	assert.Equal(t, "Outputs.Arn", got[0].Resource)
	assert.Contains(t, got[0].Why, "P.template.json imports it")
	// Nobody imports it after: no hazard.
	assert.Empty(t, Compare([]*template.Template{beforeE}, []*template.Template{afterE}))
}
