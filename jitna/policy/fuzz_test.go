package policy

import (
	"reflect"
	"testing"

	"github.com/cdk-jitna/cdk-jitna-go/internal/awssamples"
)

// FuzzParseDocument feeds arbitrary JSON or YAML content to the parser of each
// document type: errors are values, never a panic; and a valid document is a
// fixed point: parse → render → parse gives the same model, and rendering it
// again the same document.
func FuzzParseDocument(f *testing.F) {
	f.Add(awssamples.ApprovalPolicies)
	f.Add(`{"schemaVersion":"0.3","accessDuration":"86400","targets":[{"Key":"tag:A","Values":["x"]}],"mainSteps":[{"name":"a","action":"aws:approve","inputs":{"MinRequiredApprovals":1.5,"EnhancedApprovals":{"Approvers":[{"approver":"x","type":"SSOGroup"}]}}}]}`)
	f.Add("schemaVersion: '1.0'\ninputs:\n  idleSessionTimeout: !Ref X\n  runAsEnabled: maybe\n")
	f.Add("forbid(principal, action, resource);")
	f.Add(`{"schemaVersion":"0.3","accessDuration":"3600","targets":[{"Key":"tag:A","Values":["x"]}],"mainSteps":[{"name":"a","action":"aws:approve","inputs":{"Message":"  ","MinRequiredApprovals":1,"EnhancedApprovals":{"Approvers":[{"approver":"Ops","type":"IamRole"},{"approver":"arn:aws:iam::123456789012:role/OPS","type":"IamRole"}]}}}]}`)
	f.Add("schemaVersion: '1.0'\ninputs:\n  kmsKeyId: alias/aws/ssm\n  s3BucketName: xn--logs\n")
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
			if p.Defaults().Validate() != nil {
				_ = p.Document()
				continue
			}
			doc := p.Document()
			back, err := ParseDocument(doc.Name, doc.Type, jsonValue(t, doc.Content))
			if err != nil {
				t.Fatalf("%s: the rendering of a valid document does not parse: %v\n%#v", d.name, err, doc.Content)
			}
			if !reflect.DeepEqual(jsonValue(t, back.Document()), jsonValue(t, doc)) {
				t.Fatalf("%s: parse → render → parse changed the document:\n%#v\n%#v", d.name, doc, back.Document())
			}
		}
	})
}
