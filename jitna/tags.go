package jitna

import (
	"maps"
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// mergeTags returns base overlaid with over, or nil when both are empty.
func mergeTags(base, over map[string]string) map[string]string {
	if len(base) == 0 && len(over) == 0 {
		return nil
	}
	out := make(map[string]string, len(base)+len(over))
	maps.Copy(out, base)
	maps.Copy(out, over)
	return out
}

// cfnTags renders tags as a CloudFormation tag list sorted by key, or nil.
func cfnTags(tags map[string]string) *[]*awscdk.CfnTag {
	if len(tags) == 0 {
		return nil
	}
	keys := slices.Sorted(maps.Keys(tags))
	out := make([]*awscdk.CfnTag, len(keys))
	for i, k := range keys {
		out[i] = &awscdk.CfnTag{Key: jsii.String(k), Value: jsii.String(tags[k])}
	}
	return &out
}

// stringMap converts a Go map for jsii, or returns nil when it is empty.
func stringMap(m map[string]string) *map[string]*string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]*string, len(m))
	for k, v := range m {
		out[k] = jsii.String(v)
	}
	return &out
}
