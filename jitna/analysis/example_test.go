package analysis_test

import (
	"fmt"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/analysis"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// A permit widened for one group: the class and a witness.
func ExampleCompare() {
	cedar := func(condition string) *policy.AutoApproval {
		return &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: `permit (principal in AWS::IdentityStore::Group::"dev", action, resource)
when { resource.hasTag("env") && ` + condition + ` };`}}}
	}
	before := simulate.Policies{AutoApproval: cedar(`resource.getTag("env") == "dev"`)}
	after := simulate.Policies{AutoApproval: cedar(`resource.getTag("env") like "*dev*"`)}
	r := analysis.Compare(before, after, analysis.Options{})
	for _, c := range r.Changes {
		fmt.Printf("%s: %s → %s\n  when %s\n  e.g. groups %v, node tags %v\n", c.Class, c.Before, c.After, strings.Join(c.When, "; "), c.Witness.Requester.Groups, c.Witness.Node.Tags)
	}
	fmt.Println("widening:", r.Widening())
	// Output:
	// widens: no applicable policy → auto-approved
	//   when in group "dev"; not node tag env = "dev"; node tag env like "*dev*"
	//   e.g. groups [dev], node tags map[env:ddev]
	// widening: true
}
