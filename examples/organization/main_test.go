package main

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/internal/apptest"
	"github.com/cdk-jitna/cdk-jitna-go/internal/awssamples"
	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cfn"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

// sampleExampleValues are the example values of the AWS sample's parameter table.
var sampleExampleValues = map[string]any{
	"AgentUpdateSchedule":                  "rate(14 days)",
	"DelegatedAdminAccountId":              "123456789012",
	"EnableDHMCSchedule":                   "rate(1 day)",
	"HomeRegion":                           "us-east-1",
	"IdentityProviderSetting":              "IAM",
	"InventoryCollectionSchedule":          "rate(24 hours)",
	"JITNATargetOrganizationalUnits":       "ou-a1b2-abcd1234,ou-a1b2-efgh1234,ou-a1b2-hijk1234",
	"JITNATargetRegions":                   "us-east-1,us-east-2,us-west-2",
	"UnifiedConsoleRootOrganizationUnitID": "r-abcd",
	"UnifiedConsoleTargetRegions":          "us-east-1,us-east-2,us-west-2",
}

func TestMain(m *testing.M) { jitnatest.Main(m) }

func synth(t *testing.T, context map[string]any) map[string]any {
	t.Helper()
	app := awscdk.NewApp(&awscdk.AppProps{Context: &context})
	stack := build(app)
	require.NoError(t, jitna.Validate(app))
	return jitnatest.TemplateMap(t, stack)
}

func readSample(t *testing.T) map[string]any {
	t.Helper()
	tmpl, err := cfn.Parse([]byte(awssamples.QuickSetup))
	require.NoError(t, err)
	return tmpl
}

// TestParityWithTheSample: for the sample's example values, every resource of
// the sample appears under its logical id with equal type and properties (the
// sample's AWSSamples tag aside).
func TestParityWithTheSample(t *testing.T) {
	defer jitnatest.Recover(t)
	sample := readSample(t)
	params := map[string]any{}
	for name := range sample["Parameters"].(map[string]any) {
		params[name] = sampleExampleValues[name]
	}
	want := substituteRefs(withoutSampleTags(sample["Resources"]), params).(map[string]any)
	got := synth(t, sampleExampleValues)["Resources"].(map[string]any)
	compareResources(t, want, got)
}

// TestParameterizedTemplateKeepsTheSampleContract: with -c Parameterized=true
// the template has the sample's parameters, interface metadata and resources.
func TestParameterizedTemplateKeepsTheSampleContract(t *testing.T) {
	defer jitnatest.Recover(t)
	sample := readSample(t)
	got := synth(t, map[string]any{"Parameterized": "true"})
	assert.Empty(t, jitnatest.Diff(sample["Parameters"], got["Parameters"]), "Parameters")
	assert.Empty(t, jitnatest.Diff(sample["Metadata"], got["Metadata"]), "Metadata")
	assert.Equal(t, sample["Description"], got["Description"])
	assert.NotContains(t, got, "Rules", "no bootstrap version rule in a template for plain CloudFormation")
	compareResources(t, withoutSampleTags(sample["Resources"]).(map[string]any), got["Resources"].(map[string]any))
}

func TestDefaultTemplateSnapshot(t *testing.T) {
	defer jitnatest.Recover(t)
	app := awscdk.NewApp(nil)
	jitnatest.Snapshot(t, build(app))
}

func compareResources(t *testing.T, want, got map[string]any) {
	t.Helper()
	require.Len(t, got, len(want))
	for id, w := range want {
		g, ok := got[id].(map[string]any)
		if !assert.True(t, ok, "resource %s missing", id) {
			continue
		}
		wr := w.(map[string]any)
		assert.Equal(t, wr["Type"], g["Type"], id)
		assert.Empty(t, jitnatest.Diff(wr["Properties"], g["Properties"]), "%s properties", id)
		if dep, ok := wr["DependsOn"].(string); ok {
			assert.Contains(t, g["DependsOn"], dep, "%s DependsOn", id)
		}
	}
}

// withoutSampleTags drops the sample's AWSSamples tag (and tag fields it leaves empty).
func withoutSampleTags(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k == "Tags" {
				if kept := dropSampleTag(e); kept != nil {
					out[k] = kept
				}
				continue
			}
			out[k] = withoutSampleTags(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = withoutSampleTags(e)
		}
		return out
	}
	return v
}

func dropSampleTag(tags any) any {
	switch x := tags.(type) {
	case map[string]any:
		delete(x, "AWSSamples")
		if len(x) == 0 {
			return nil
		}
	case []any:
		var kept []any
		for _, e := range x {
			if m, ok := e.(map[string]any); !ok || m["Key"] != "AWSSamples" {
				kept = append(kept, e)
			}
		}
		if len(kept) == 0 {
			return nil
		}
		return kept
	}
	return tags
}

// substituteRefs replaces {"Ref": P} by params[P] for the template's parameters.
func substituteRefs(v any, params map[string]any) any {
	switch x := v.(type) {
	case map[string]any:
		if ref, ok := x["Ref"].(string); ok && len(x) == 1 {
			if val, ok := params[ref]; ok {
				return val
			}
		}
		out := map[string]any{}
		for k, e := range x {
			out[k] = substituteRefs(e, params)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = substituteRefs(e, params)
		}
		return out
	}
	return v
}

// TestBadInputFailsWithOneLineAndNoTemplate runs the built example as the CDK
// CLI would, with a JITNA Region outside the console's.
func TestBadInputFailsWithOneLineAndNoTemplate(t *testing.T) {
	bin := apptest.Build(t, ".")

	r := apptest.Run(t, bin, map[string]string{"JITNATargetRegions": "eu-west-1"})
	assert.Equal(t, 1, r.Code)
	lines := r.Lines()
	assert.Len(t, lines, 1, r.Stderr)
	assert.Contains(t, lines[0], "Jitna.TargetRegions[0]")
	assert.Contains(t, lines[0], `"eu-west-1"`)
	assert.NotContains(t, r.Stderr, "goroutine")
	assert.Empty(t, r.Templates, "no template is written for bad input")

	r = apptest.Run(t, bin, map[string]string{"DelegatedAdminAccountId": "12", "HomeRegion": "mars-1", "IdentityProviderSetting": "LDAP"})
	assert.Equal(t, 1, r.Code)
	assert.Len(t, r.Lines(), 3, "one line per problem:\n%s", r.Stderr)

	r = apptest.Run(t, bin, map[string]string{})
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Len(t, r.Templates, 1)
}
