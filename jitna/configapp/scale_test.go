package configapp

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/config"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/configapp/internal/scale"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

// CloudFormation's limits.
const (
	maxResources        = 500
	maxTemplateURLBytes = 1 << 20 // a template in S3: 1 MB
)

func TestScaleConfigIsGenerated(t *testing.T) {
	var want bytes.Buffer
	scale.Write(&want)
	got, err := os.ReadFile("scale.yaml")
	require.NoError(t, err)
	assert.Equal(t, want.String(), string(got), "run: go run ./jitna/configapp/internal/scale/genscale > jitna/configapp/scale.yaml")
}

// TestScaleConfig: the service's limits at once synthesize within
// CloudFormation's limits, the member template by the asset path.
func TestScaleConfig(t *testing.T) {
	defer jitnatest.Recover(t)
	cfg, err := config.LoadFile("scale.yaml")
	require.NoError(t, err)
	require.Len(t, cfg.Member.ManualApprovals, scale.ManualPolicies)
	require.Len(t, cfg.Member.StackSet.OrganizationalUnits, scale.OUs)
	require.Len(t, cfg.Member.StackSet.Regions, len(scale.Regions))
	app := awscdk.NewApp(nil)
	s := Build(app, cfg)
	require.NoError(t, jitna.Validate(app))

	require.NotNil(t, s.Members.Asset, "the member template goes to S3")
	body, err := json.Marshal(s.Members.Template)
	require.NoError(t, err)
	assert.Greater(t, len(body), rollout.MaxTemplateBody)
	assert.Less(t, len(body), maxTemplateURLBytes)
	assert.LessOrEqual(t, len(s.Members.Template["Resources"].(map[string]any)), maxResources)

	for _, stack := range []awscdk.Stack{s.Prerequisites, s.Enablement, s.DenyAccess, s.Member} {
		tmpl := jitnatest.TemplateMap(t, stack)
		data, _ := json.Marshal(tmpl)
		assert.Less(t, len(data), rollout.MaxTemplateBody, "%s fits a TemplateBody", *stack.StackName())
		assert.LessOrEqual(t, len(tmpl["Resources"].(map[string]any)), maxResources, *stack.StackName())
	}
}
