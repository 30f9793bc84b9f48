package template

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// largeTemplate is a member template at the service's limits: 50 manual
// approval policies of 5 levels of 5 approvers.
func largeTemplate(b *testing.B) []byte {
	resources := map[string]any{}
	for i := range 50 {
		m := policy.ManualApproval{Name: fmt.Sprintf("Policy-%02d", i), AccessDuration: time.Hour,
			Targets: []policy.TagTarget{{Key: "Workload", Values: []string{fmt.Sprint("w", i)}}}}
		for l := range 5 {
			level := policy.ApprovalLevel{MinRequiredApprovals: 1}
			for a := range 5 {
				level.Approvers = append(level.Approvers, policy.SSOGroupApprover(fmt.Sprintf("%08x-0000-4000-8000-%012x", l, i*10+a)))
			}
			m.ApprovalLevels = append(m.ApprovalLevels, level)
		}
		d := m.Document()
		resources[fmt.Sprint("Policy", i)] = map[string]any{"Type": "AWS::SSM::Document", "Properties": map[string]any{
			"Name": d.Name, "DocumentType": d.Type, "DocumentFormat": d.Format, "Content": d.Content,
		}}
	}
	data, err := json.Marshal(map[string]any{"Resources": resources})
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkParseAndCheckLargeTemplate(b *testing.B) {
	data := largeTemplate(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		t, err := Parse("large.json", data)
		if err != nil {
			b.Fatal(err)
		}
		if f := t.Check(); len(f) > 0 {
			b.Fatal(f)
		}
	}
}
