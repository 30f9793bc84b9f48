package region

import (
	"slices"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// Valid reports whether name is a Region: one of the list, or one of newer
// (Regions the caller declares as opened after AsOf) that follows a
// partition's naming pattern.
func Valid(name string, newer []string) bool {
	return Known(name) || slices.Contains(newer, name) && PartitionOf(name) != ""
}

// Check records a problem unless v (not a token) is Valid, suggesting the
// closest Region of the list.
func Check(c *check.Collector, name, v string, newer []string) bool {
	if check.IsToken(v) || Valid(v, newer) {
		return true
	}
	msg := "is not an AWS Region: must be one of " + Describe()
	if near := Closest(v); near != "" {
		msg = "is not an AWS Region (did you mean " + near + "?): must be one of " + Describe()
	}
	if PartitionOf(v) != "" {
		msg += ", or a Region opened since, declared in NewRegions"
	}
	c.Add(name, v, msg)
	return false
}

// CheckNewer checks Regions declared as newer than the list: each must
// follow the naming pattern of a partition.
func CheckNewer(c *check.Collector, name string, newer []string) {
	for i, r := range newer {
		if !check.IsToken(r) && PartitionOf(r) == "" {
			c.Index(name, i).Add("", r, "is not a Region name of any AWS partition (such as us-east-1, cn-north-1, us-gov-west-1)")
		}
	}
}

// CheckPartition records a problem for each Region of the list field name in
// another partition than its first Region's: accounts, organizations and
// StackSets stay within one partition.
func CheckPartition(c *check.Collector, name string, regions []string) {
	first, at := "", 0
	for i, r := range regions {
		p := PartitionOf(r)
		if p == "" {
			continue
		}
		if first == "" {
			first, at = p, i
			continue
		}
		if p != first {
			c.Index(name, i).Addf("", r, "is in partition %s, but %s[%d] (%s) is in %s: one deployment stays within one partition", p, name, at, regions[at], first)
		}
	}
}
