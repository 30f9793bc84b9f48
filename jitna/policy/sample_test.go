package policy

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/internal/awssamples"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cfn"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// sampleResources reads the AWS sample just-in-time-cfn-approval-policies.yaml.
func sampleResources(t *testing.T) map[string]map[string]any {
	t.Helper()
	tmpl, err := cfn.Parse([]byte(awssamples.ApprovalPolicies))
	require.NoError(t, err)
	out := map[string]map[string]any{}
	for id, r := range tmpl["Resources"].(map[string]any) {
		out[id] = r.(map[string]any)["Properties"].(map[string]any)
	}
	return out
}

const sampleCedar = "// Policy to permit access to DEV nodes\r\npermit (\r\n    principal, \r\n    action == AWS::SSM::Action::\"getTokenForInstanceAccess\", \r\n    resource)\r\n  when {\r\n    resource.hasTag(\"ENV\") && \r\n    resource.getTag(\"ENV\") == \"DEV\"\r\n  };"

func sampleManual(name, workload string) ManualApproval {
	return ManualApproval{
		Name:           name,
		AccessDuration: 24 * time.Hour,
		Targets:        []TagTarget{{Key: "Workload", Values: []string{workload}}},
		ApprovalLevels: []ApprovalLevel{{Approvers: []Approver{SSOGroupApprover("ec4df598-7071-70a6-0de4-12345example")}}},
	}
}

func TestRendersTheSampleDocuments(t *testing.T) {
	sample := sampleResources(t)
	for id, p := range map[string]Policy{
		"AutoApprovalPolicy": AutoApproval{
			Description: "Description of the document",
			Documents:   []CedarDocument{{ID: "optional field", Description: "optional description field", Cedar: sampleCedar}},
		},
		"ManualApprovalPolicyEcommerceApplication": sampleManual("E-commerce-Manual-Approval-Policy", "E-commerce"),
		"ManualApprovalPolicyFinanceApplication":   sampleManual("FinanceApplication-Manual-Approval-Policy", "FinanceApplication"),
	} {
		require.NoError(t, checked(p), id)
		doc := p.Document()
		props := sample[id]
		assert.Equal(t, props["Name"], doc.Name, id)
		assert.Equal(t, props["DocumentType"], doc.Type, id)
		assert.Equal(t, props["DocumentFormat"], doc.Format, id)
		assert.Equal(t, props["Content"], jsonValue(t, doc.Content), id)
	}
}

func TestSessionSettingsDefaultsAreTheSamples(t *testing.T) {
	want := sampleResources(t)["SessionPreferences"]["Content"].(map[string]any)
	got := jsonValue(t, SessionSettings{CloudWatchLogGroupName: "session-manager-${AWS::Region}"}.Document().Content).(map[string]any)
	inputs := want["inputs"].(map[string]any)
	// Two deliberate differences: the sample writes the log group as a
	// Fn::Sub (the construct does too), and cloudWatchEncryptionEnabled as the
	// string 'false' where every other flag is a boolean.
	assert.Equal(t, map[string]any{"Fn::Sub": "session-manager-${AWS::Region}"}, inputs["cloudWatchLogGroupName"])
	assert.Equal(t, "false", inputs["cloudWatchEncryptionEnabled"])
	inputs["cloudWatchLogGroupName"] = "session-manager-${AWS::Region}"
	inputs["cloudWatchEncryptionEnabled"] = false
	assert.Equal(t, want, got)
}

func TestParsesTheSampleDocuments(t *testing.T) {
	for id, props := range sampleResources(t) {
		p, err := ParseDocument(props["Name"].(string), props["DocumentType"].(string), props["Content"])
		require.NoError(t, err, id)
		require.NotNil(t, p, id)
		assert.NoError(t, p.Defaults().Validate(), id)
		if _, session := p.(*SessionSettings); session {
			s := p.(*SessionSettings)
			assert.True(t, check.IsToken(s.CloudWatchLogGroupName), "the Fn::Sub is kept as unresolved")
			assert.False(t, *s.CloudWatchEncryptionEnabled, "'false' reads as false")
			continue
		}
		assert.Equal(t, props["Content"], jsonValue(t, p.Document().Content), id)
	}
}
