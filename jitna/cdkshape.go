package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// The jsii calls whose Go shape has changed between aws-cdk-go releases, one
// helper each: when a release changes a shape again, the helper is the one
// place to edit. The range of releases the library is tested with is in the
// README ("make compat").

// warn adds a warning with an id, which `cdk acknowledge` and
// Annotations.acknowledgeWarning silence. aws-cdk-go v2.276.0 added
// AddWarningV2's options argument.
func warn(scope constructs.IConstruct, id, message string) {
	awscdk.Annotations_Of(scope).AddWarningV2(jsii.String(id), jsii.String(message), nil)
}

// anyList turns strings (tokens included) into the shape of the L1 list
// properties that also take a list token, such as CfnRole.ManagedPolicyArns
// and the chat configurations' SnsTopicArns: aws-cdk-go v2.230.0 changed them
// from *[]*string to *[]interface{}.
func anyList(values ...*string) *[]interface{} {
	out := make([]interface{}, len(values))
	for i, v := range values {
		out[i] = v
	}
	return &out
}
