package policy

import (
	"regexp"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/region"
)

// keyArnParts reads a KMS key or alias ARN: partition, Region, and what
// follows the account ("key/…", "alias/…").
var keyArnParts = regexp.MustCompile(`^arn:(aws[a-z-]*):kms:([a-z0-9-]+):\d{12}:((?:key|alias)/.+)$`)

// checkCustomerKey records a problem when key (an id, ARN, alias name or
// alias ARN) names an AWS managed key (alias/aws/…): JITNA needs a
// customer managed key tagged JitnaManagedTagKey, and an AWS managed key
// carries no tags of its owner's.
func checkCustomerKey(c *check.Collector, field, key string) {
	name := key
	if m := keyArnParts.FindStringSubmatch(key); m != nil {
		name = m[3]
	}
	if strings.HasPrefix(name, "alias/aws/") {
		c.Add(field, key, "names an AWS managed key: JITNA needs a customer managed key tagged "+JitnaManagedTagKey+"="+JitnaManagedTagValue+", which an AWS managed key cannot carry")
	}
}

// CheckKeyRegions records a problem when key, a KMS key or alias ARN,
// cannot serve every one of regions (the Regions the stack or StackSet
// using it deploys to; tokens and names not in the region list are
// skipped): KMS keys are regional, so an ARN names a key of one Region and
// one partition. A key id, an alias name or a token passes: each Region
// resolves it to a key of its own.
func CheckKeyRegions(c *check.Collector, field, key string, regions []string) {
	m := keyArnParts.FindStringSubmatch(key)
	if m == nil || check.IsToken(key) {
		return
	}
	partition, home := m[1], m[2]
	var others []string
	for _, r := range regions {
		if check.IsToken(r) || r == home {
			continue
		}
		if p := region.PartitionOf(r); p != "" && p != partition {
			c.Addf(field, key, "is a key of partition %s, but it is used in %s (partition %s): a key serves its own partition", partition, r, p)
			return
		}
		others = append(others, r)
	}
	if len(others) > 0 {
		c.Addf(field, key, "is a key of %s, but it is used in %s too: KMS keys are regional; give an alias name (alias/…) that a key of each Region carries, or a key per Region", home, strings.Join(others, ", "))
	}
}
