package region

import (
	"regexp"
	"slices"
	"strings"

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
//
// A name must also read as AWS names Regions: a compass direction or
// central and a number without a
// leading zero ("us-east-01" is refused). Each is declared once.
func CheckNewer(c *check.Collector, name string, newer []string) {
	for i, r := range newer {
		if check.IsToken(r) {
			continue
		}
		switch {
		case PartitionOf(r) == "":
			c.Index(name, i).Add("", r, "is not a Region name of any AWS partition (such as us-east-1, cn-north-1, us-gov-west-1)")
		case !regionShape.MatchString(r) || !slices.Contains(directions(), direction(r)):
			c.Index(name, i).Addf("", r, "does not read as an AWS Region name: a direction (%s) and a number without a leading zero, such as us-east-1", strings.Join(directions(), ", "))
		}
	}
	c.Unique(name, newer)
}

// regionShape is a Region name's last two words: a lowercase word and a
// number from 1, no leading zero.
var regionShape = regexp.MustCompile(`-[a-z]+-[1-9][0-9]*$`)

// direction is the word before a Region name's number ("east" of
// us-east-1).
func direction(name string) string {
	words := strings.Split(name, "-")
	return words[max(len(words)-2, 0)]
}

// directions are the words AWS puts before a Region name's number: the
// compass points and central (every Region of the list reads so).
func directions() []string {
	return []string{"central", "east", "north", "northeast", "northwest", "south", "southeast", "southwest", "west"}
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
