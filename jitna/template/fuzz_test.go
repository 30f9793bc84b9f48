package template

import (
	"os"
	"testing"
)

// FuzzParseAndCheck reads arbitrary templates and checks what it finds:
// errors are values, never a panic.
func FuzzParseAndCheck(f *testing.F) {
	f.Add([]byte(withParameters))
	for _, file := range []string{
		"../policy/testdata/just-in-time-cfn-approval-policies.yaml",
		"../cfn/testdata/just-in-time-quick-setup-cfn-template.yaml",
	} {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
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
