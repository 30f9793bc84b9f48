package cedar

import (
	"os"
	"testing"
)

// FuzzCheck feeds arbitrary text to the check: it must return issues as values,
// never panic, and every issue must carry a message.
func FuzzCheck(f *testing.F) {
	for _, tc := range documented {
		f.Add(tc.text)
	}
	for _, file := range []string{"testdata/aws-auto-approval-example.cedar", "testdata/aws-deny-access-example.cedar"} {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("permit(principal, action == AWS::SSM::getTokenForInstanceAccess, resource);")
	f.Add(`permit(principal, action, resource) when { resource.getTag("a") == "b" };`)
	f.Add("")
	f.Add(`permit(principal, action, resource) when { resource.hasTag("a") && resource.getTag("a") = "b" };`)
	f.Add(`forbid(principal, action, resource) unless { principal has costCentre || context.iam has principalTag || resource has Env };`)
	f.Add("permit(principal, action, resource)\nwhen { true }\n\n")
	f.Fuzz(func(t *testing.T, text string) {
		for _, iss := range Check(text, Permit) {
			if iss.Message == "" {
				t.Fatalf("issue without a message for %q", text)
			}
		}
	})
}
