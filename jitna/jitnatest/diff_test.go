package jitnatest

import (
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
