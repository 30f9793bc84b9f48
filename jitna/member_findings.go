package jitna

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// memberFinding is an annotation left on the member stack: an aspect's
// finding (cdk-nag's, for one), reported again on the MemberStackSet because
// the member app's assembly is thrown away.
type memberFinding struct {
	level         cxapi.SynthesisMessageLevel
	path, message string
	// ack is the id a warning can be acknowledged by ("" when it has none).
	ack string
}

// ackSuffix is how the CDK appends an acknowledgeable warning's id to its
// message (Annotations.addWarningV2).
var ackSuffix = regexp.MustCompile(`\s*\[ack: ([^\]]+)\]$`)

// memberFindings returns the annotations of the member assembly's stacks,
// the library's own warnings (ids "jitna:…") among them: they name the
// member constructs by path, and keep their ids for acknowledgement.
func memberFindings(asm cxapi.CloudAssembly) []memberFinding {
	var out []memberFinding
	for _, stack := range *asm.StacksRecursively() {
		for _, m := range *stack.Messages() {
			f := memberFinding{level: m.Level, path: strings.TrimPrefix(*m.Id, "/"), message: fmt.Sprint(m.Entry.Data)}
			if sub := ackSuffix.FindStringSubmatch(f.message); sub != nil {
				f.ack, f.message = sub[1], strings.TrimSuffix(f.message, sub[0])
			}
			out = append(out, f)
		}
	}
	return out
}

// report adds the finding to c, naming the member construct.
func (f memberFinding) report(c constructs.IConstruct) {
	text := "member template " + f.path + ": " + f.message
	switch f.level {
	case cxapi.SynthesisMessageLevel_ERROR:
		awscdk.Annotations_Of(c).AddError(jsii.String(text))
	case cxapi.SynthesisMessageLevel_WARNING:
		warn(c, cmp.Or(f.ack, "jitna:member-template"), text)
	default:
		awscdk.Annotations_Of(c).AddInfo(jsii.String(text))
	}
}
