package jitna_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
)

// When synthesis fails, the warnings come with the errors: the CDK CLI
// would not print them, and a reader fixing the errors should see them.
func TestRunShowsWarningsWithErrors(t *testing.T) {
	var out strings.Builder
	code := jitna.Run(&out, func(app awscdk.App) error {
		stack := awscdk.NewStack(app, jsii.String("S"), nil)
		jitna.NewSessionPreferences(stack, "Prefs", nil) // the log group nothing creates: a warning
		awscdk.Annotations_Of(stack).AddError(jsii.String("broken"))
		return nil
	})
	assert.Equal(t, 1, code)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2, out.String())
	assert.Equal(t, "[Error at /S] broken", lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "[Warning at /S/Prefs] session logs go to the AWS sample's log group"), lines[1])
}
