package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// nagSuppression is a cdk-nag rule suppression with its justification. The
// library writes it as the metadata cdk-nag reads ("cdk_nag"), so that users
// who run cdk-nag's packs see why each finding on these constructs is
// accepted, and the library need not depend on cdk-nag.
type nagSuppression struct {
	id, reason string
	appliesTo  []string
}

// suppressNag adds suppressions to c's CloudFormation resource (c itself, or
// its default child).
func suppressNag(c constructs.IConstruct, suppressions ...nagSuppression) {
	cfn, ok := c.(awscdk.CfnResource)
	if !ok {
		child := c.Node().DefaultChild()
		if cfn, ok = child.(awscdk.CfnResource); !ok {
			return
		}
	}
	var rules []any
	if existing, ok := cfn.GetMetadata(jsii.String("cdk_nag")).(map[string]any); ok {
		rules, _ = existing["rules_to_suppress"].([]any)
	}
	for _, s := range suppressions {
		rule := map[string]any{"id": s.id, "reason": s.reason}
		if len(s.appliesTo) > 0 {
			rule["applies_to"] = s.appliesTo
		}
		rules = append(rules, rule)
	}
	cfn.AddMetadata(jsii.String("cdk_nag"), map[string]any{"rules_to_suppress": rules})
}
