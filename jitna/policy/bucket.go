package policy

import (
	"net/netip"
	"regexp"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// bucketChars is the shape of a general purpose S3 bucket name: 3 to 63
// lowercase letters, digits, . and -, a letter or digit at each end.
var bucketChars = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// Prefixes and suffixes S3 reserves: "General purpose buckets naming rules",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html.
var (
	bucketReservedPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	bucketReservedSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// CheckBucketName records a problem unless name (not a token) is a name S3
// gives a general purpose bucket: 3 to 63 lowercase letters, digits, . and
// -, a letter or digit at each end, no two adjacent periods, not an IP
// address, none of the prefixes and suffixes S3 reserves. It reports
// whether name is one.
func CheckBucketName(c *check.Collector, field, name string) bool {
	if check.IsToken(name) {
		return true
	}
	if !c.Match(field, name, bucketChars, "an S3 bucket name: 3 to 63 lowercase letters, digits, . or -, a letter or digit at each end") {
		return false
	}
	why := ""
	if strings.Contains(name, "..") {
		why = "holds two adjacent periods"
	}
	if _, err := netip.ParseAddr(name); err == nil {
		why = "is formatted as an IP address"
	}
	for _, p := range bucketReservedPrefixes {
		if strings.HasPrefix(name, p) {
			why = "starts with " + p + ", a prefix S3 reserves"
		}
	}
	for _, s := range bucketReservedSuffixes {
		if strings.HasSuffix(name, s) {
			why = "ends with " + s + ", a suffix S3 reserves"
		}
	}
	if why != "" {
		c.Add(field, name, why+": S3 refuses such a bucket name")
		return false
	}
	return true
}
