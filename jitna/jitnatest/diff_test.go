package jitnatest

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDiffIsPathQualified(t *testing.T) {
	want := map[string]any{"Resources": map[string]any{
		"R":    map[string]any{"Properties": map[string]any{"Name": "a", "List": []any{1, 2}}},
		"Gone": map[string]any{},
	}}
	got := map[string]any{"Resources": map[string]any{
		"R":   map[string]any{"Properties": map[string]any{"Name": "b", "List": []any{1}}},
		"New": "x",
	}}
	assert.Equal(t, []string{
		"Resources.Gone: missing, want {}",
		"Resources.New: unexpected \"x\"",
		"Resources.R.Properties.List[1]: missing, want 2",
		"Resources.R.Properties.Name: got \"b\", want \"a\"",
	}, Diff(want, got))
	assert.Empty(t, Diff(want, want))
}

func TestNormalizeDropsWhatChangesForNoReason(t *testing.T) {
	hash := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	got := Normalize(map[string]any{
		"Parameters": map[string]any{"BootstrapVersion": map[string]any{}},
		"Rules":      map[string]any{"CheckBootstrapVersion": map[string]any{}},
		"Conditions": map[string]any{"CDKMetadataAvailable": map[string]any{}, "Mine": true},
		"Resources": map[string]any{
			"CDKMetadata": map[string]any{"Type": "AWS::CDK::Metadata"},
			"R":           map[string]any{"Type": "T", "Properties": map[string]any{"Key": hash + ".json"}},
		},
	})
	assert.Equal(t, map[string]any{
		"Conditions": map[string]any{"Mine": true},
		"Resources":  map[string]any{"R": map[string]any{"Type": "T", "Properties": map[string]any{"Key": "<asset-hash>.json"}}},
	}, got)
}

// An inline member template is compared as the template it is: a changed
// value inside it shows its path and both values.
func TestTemplateBodyIsComparedByPath(t *testing.T) {
	member := func(seconds int) map[string]any {
		body := `{"Resources":{"FinanceDocument":{"Type":"AWS::SSM::Document","Properties":{"Content":{"accessDuration":` + strconv.Itoa(seconds) + `}}}}}`
		return map[string]any{"Resources": map[string]any{
			"Members": map[string]any{"Type": "AWS::CloudFormation::StackSet", "Properties": map[string]any{"TemplateBody": body}},
			"Other":   map[string]any{"Type": "AWS::S3::Bucket", "Properties": map[string]any{"TemplateBody": "{}"}},
		}}
	}
	assert.Equal(t, []string{
		"Resources.Members.Properties.TemplateBody.Resources.FinanceDocument.Properties.Content.accessDuration: got 28800, want 86400",
	}, Diff(Normalize(member(86400)), Normalize(member(28800))))
	n := Normalize(member(1)).(map[string]any)["Resources"].(map[string]any)
	assert.IsType(t, map[string]any{}, n["Members"].(map[string]any)["Properties"].(map[string]any)["TemplateBody"])
	assert.Equal(t, "{}", n["Other"].(map[string]any)["Properties"].(map[string]any)["TemplateBody"], "only a StackSet's")
}

// Long strings that differ show where, with both sides around that place.
func TestLongStringsShowTheirFirstDifference(t *testing.T) {
	want := strings.Repeat("a", 300) + "X" + strings.Repeat("b", 300)
	got := strings.Repeat("a", 300) + "Y" + strings.Repeat("b", 300)
	assert.Equal(t, []string{
		`Body: strings differ at character 301: got …"` + strings.Repeat("a", 40) + "Y" + strings.Repeat("b", 79) + `"…, want …"` + strings.Repeat("a", 40) + "X" + strings.Repeat("b", 79) + `"…`,
	}, Diff(map[string]any{"Body": want}, map[string]any{"Body": got}))
	assert.Equal(t, []string{`(template): strings differ at character 1: got "b", want "` + strings.Repeat("a", 80) + `"…`},
		Diff(strings.Repeat("a", 201), "b"))
}
