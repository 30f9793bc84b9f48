package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cdk-jitna/cdk-jitna-go/internal/apptest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

func TestMain(m *testing.M) { jitnatest.Main(m) }

// TestAStartSessionGrantFailsSynthesis runs the built app as the CDK CLI
// would: the break-glass grant fails synthesis with JITNA-IAM-1 and the
// construct path, unless it is suppressed with a reason.
func TestAStartSessionGrantFailsSynthesis(t *testing.T) {
	bin := apptest.Build(t, ".")
	r := apptest.Run(t, bin, map[string]string{"suppress": "false"})
	assert.Equal(t, 1, r.Code)
	assert.Equal(t, []string{
		`[Error at /Operators/BreakGlass/DefaultPolicy/Resource] JITNA-IAM-1: PolicyDocument grants ssm:StartSession (through "ssm:StartSession"): its principals open Session Manager sessions without a JITNA access request (accept it with jitna.SuppressGuardrail and a reason; in a config, guardrails: {levels: {JITNA-IAM-1: off}})`,
	}, r.Lines())
	assert.NotContains(t, r.Stderr, "goroutine")

	r = apptest.Run(t, bin, nil)
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.False(t, strings.Contains(r.Stderr, "JITNA-IAM-1"), r.Stderr)
	assert.Len(t, r.Templates, 1)
}
