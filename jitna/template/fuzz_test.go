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
