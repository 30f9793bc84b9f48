package template

import (
	"testing"

	"github.com/cdk-jitna/cdk-jitna-go/internal/awssamples"
)

// FuzzParseAndCheck reads arbitrary templates and checks what it finds:
// errors are values, never a panic.
func FuzzParseAndCheck(f *testing.F) {
	f.Add([]byte(withParameters))
	f.Add([]byte(awssamples.ApprovalPolicies))
	f.Add([]byte(awssamples.QuickSetup))
	f.Add([]byte(`{"Resources":{"S":{"Type":"AWS::CloudFormation::StackSet","Properties":{"TemplateBody":"Resources: {}"}}}}`))
	f.Add([]byte(`{"Resources":{"D":{"Type":"AWS::SSM::Document","Properties":{"Name":"SSM-JustInTimeAccessDenyAccessOrgPolicy","DocumentType":"AutoApprovalPolicy","DocumentFormat":"JSON","Content":"// ${Token[TOKEN.1]}\\nforbid(principal, action, resource);"}}}}`))
	f.Add([]byte(`{"Resources":{"../x":{"Type":"AWS::CloudFormation::StackSet","Properties":{"StackInstancesGroup":[{"Regions":["us-east-1","us-east-2"]}],"TemplateBody":"Resources: {}"}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tmpl, err := Parse("fuzz", data)
		if err != nil {
			return
		}
		for _, f := range tmpl.Check() {
			if f.Message == "" {
				t.Fatal("finding without a message")
			}
		}
	})
}
