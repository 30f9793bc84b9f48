package quicksetup

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/region"
)

// Patterns of the AWS sample's parameters, verbatim, for templates that
// declare CloudFormation parameters.
const (
	AccountIDPattern = `^\d{12}$`
	RootIDPattern    = `^(r-[0-9a-z]{4,32})$`
)

var (
	accountID = regexp.MustCompile(AccountIDPattern)
	rootID    = regexp.MustCompile(RootIDPattern)
	// ouID is AWS Organizations' pattern for organizational unit ids.
	ouID        = regexp.MustCompile(`^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
	managerName = regexp.MustCompile(`^[ A-Za-z0-9_-]{1,50}$`)
)

// CheckAccountID records a problem unless v is a 12-digit account id.
func CheckAccountID(c *check.Collector, name, v string) {
	c.Match(name, v, accountID, "a 12-digit AWS account id such as 111122223333")
}

// CheckRegions checks a non-empty list of distinct AWS Regions of one
// partition, each one of the region package's list or of newer (Regions
// declared as opened since that list).
func CheckRegions(c *check.Collector, name string, vs, newer []string) {
	checkList(c, name, vs, "list at least one AWS Region", func(c *check.Collector, v string) { region.Check(c, "", v, newer) })
	region.CheckPartition(c, name, vs)
}

// CheckAccountIDs checks a non-empty list of distinct account ids.
func CheckAccountIDs(c *check.Collector, name string, vs []string) {
	checkList(c, name, vs, "list at least one 12-digit AWS account id", func(c *check.Collector, v string) { CheckAccountID(c, "", v) })
}

// CheckOrganizationalUnits checks a non-empty list of distinct organizational
// unit ids (ou-…) or the organization root id (r-…), which stands for the
// whole organization.
func CheckOrganizationalUnits(c *check.Collector, name string, vs []string) {
	checkList(c, name, vs, "list at least one organizational unit id (ou-…) or the root id (r-…)", func(c *check.Collector, v string) {
		if !check.IsToken(v) && !ouID.MatchString(v) && !rootID.MatchString(v) {
			c.Add("", v, "is not valid: must be an organizational unit id such as ou-a1b2-abcd1234, or the root id such as r-abcd")
		}
	})
}

// checkList checks a non-empty list of distinct values, each with one.
func checkList(c *check.Collector, name string, vs []string, empty string, one func(c *check.Collector, v string)) {
	if len(vs) == 0 {
		c.Add(name, "", "is empty: "+empty)
		return
	}
	for i, v := range vs {
		one(c.Index(name, i), v)
	}
	c.Unique(name, vs)
}

// CheckRootID records a problem unless v is an organization root id.
func CheckRootID(c *check.Collector, name, v string) {
	if c.Required(name, v, "the organization root id, such as r-abcd") {
		c.Match(name, v, rootID, "an organization root id: r- then 4 to 32 lowercase letters or digits, such as r-abcd")
	}
}

// CheckManagerName checks a configuration manager name.
func CheckManagerName(c *check.Collector, name, v string) {
	c.Match(name, v, managerName, "1 to 50 letters, digits, spaces, _ or -")
}

// CheckDescription checks a configuration manager description.
func CheckDescription(c *check.Collector, name, v string) {
	c.Length(name, v, 0, MaxDescriptionLength)
}

// CheckSameAccount records a problem when an account id given again under
// name differs from want, the account given at where (checked there): one
// account is meant, so it is given once. Unknown values (empty, tokens) pass.
func CheckSameAccount(c *check.Collector, name, given, want, where string) {
	if given == "" || want == "" || given == want || check.IsToken(given) || check.IsToken(want) {
		return
	}
	c.Addf(name, given, "differs from %s (%s): give one of them", where, want)
}

// tagChars are the characters AWS tags take: Unicode letters, digits and
// spaces, and _ . : / = + - @ (the tag pattern of SSM's AddTagsToResource,
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_Tag.html,
// and of Quick Setup's and CloudFormation's tags).
var tagChars = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// CheckTags checks a tag map: at most 50 tags, keys of 1 to 128 characters
// not starting with "aws:", values of at most 256 characters, both of the
// characters AWS tags take (no newline, tab or invisible character).
func CheckTags(c *check.Collector, name string, tags map[string]string) {
	if len(tags) > MaxTags {
		c.Addf(name, "", "has %d tags: at most %d are allowed", len(tags), MaxTags)
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		f := name + "[" + k + "]"
		if check.IsToken(k) {
			continue
		}
		c.Length(f, k, 1, MaxTagKeyLength)
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			c.Add(f, k, `is reserved: tag keys must not start with "aws:"`)
		}
		c.Length(f, tags[k], 0, MaxTagValueLength)
		for _, v := range []string{k, tags[k]} {
			if !check.IsToken(v) && !tagChars.MatchString(v) {
				c.Addf(f, v, "holds %s, which AWS tags do not take: use letters, digits, spaces and _ . : / = + - @", badTagChar(v))
			}
		}
	}
}

// badTagChar names the first character of v that tags do not take.
func badTagChar(v string) string {
	for _, r := range v {
		if !tagChars.MatchString(string(r)) {
			return fmt.Sprintf("%U", r)
		}
	}
	return ""
}

// CheckParameters checks extra Quick Setup parameters: non-empty keys and
// values of at most 40960 characters.
func CheckParameters(c *check.Collector, name string, params map[string]string) {
	for _, k := range slices.Sorted(maps.Keys(params)) {
		if strings.TrimSpace(k) == "" {
			c.Add(name, k, "has an empty parameter name")
			continue
		}
		c.Length(name+"["+k+"]", params[k], 0, MaxParameterValueLength)
	}
}
