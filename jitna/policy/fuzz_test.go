package policy

import (
	"os"
	"testing"
)

// FuzzParseDocument feeds arbitrary JSON or YAML content to the parser of each
// document type, and validates what it returns: errors are values, never a
// panic.
func FuzzParseDocument(f *testing.F) {
	if data, err := os.ReadFile("testdata/just-in-time-cfn-approval-policies.yaml"); err == nil {
		f.Add(string(data))
	}
	f.Add(`{"schemaVersion":"0.3","accessDuration":"86400","targets":[{"Key":"tag:A","Values":["x"]}],"mainSteps":[{"name":"a","action":"aws:approve","inputs":{"MinRequiredApprovals":1.5,"EnhancedApprovals":{"Approvers":[{"approver":"x","type":"SSOGroup"}]}}}]}`)
	f.Add("schemaVersion: '1.0'\ninputs:\n  idleSessionTimeout: !Ref X\n  runAsEnabled: maybe\n")
	f.Add("forbid(principal, action, resource);")
	f.Fuzz(func(t *testing.T, content string) {
		for _, d := range []struct{ name, typ string }{
			{AutoApprovalName, TypeAutoApproval},
			{DenyAccessName, TypeAutoApproval},
			{"Manual-Policy", TypeManualApproval},
			{SessionPreferencesName, TypeSession},
		} {
			p, err := ParseDocument(d.name, d.typ, content)
			if err != nil || p == nil {
				continue
			}
			_ = p.Validate()
			_ = p.Document()
		}
	})
}
