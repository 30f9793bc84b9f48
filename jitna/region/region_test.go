package region

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

func TestKnownAndPartition(t *testing.T) {
	for _, tc := range []struct {
		name      string
		known     bool
		partition string
	}{
		{"us-east-1", true, "aws"},
		{"ap-southeast-7", true, "aws"},
		{"mx-central-1", true, "aws"},
		{"cn-northwest-1", true, "aws-cn"},
		{"us-gov-west-1", true, "aws-us-gov"},
		{"us-isob-east-1", true, "aws-iso-b"},
		{"eusc-de-east-1", true, "aws-eusc"},
		// Well formed, not (yet) a Region: the partition by its pattern.
		{"us-est-2", false, "aws"},
		{"us-east-9", false, "aws"},
		{"cn-south-1", false, "aws-cn"},
		{"us-gov-north-1", false, "aws-us-gov"},
		// No partition names Regions so.
		{"aws-global", false, ""},
		{"mars-1", false, ""},
		{"US-EAST-1", false, ""},
		{"", false, ""},
	} {
		assert.Equal(t, tc.known, Known(tc.name), tc.name)
		assert.Equal(t, tc.partition, PartitionOf(tc.name), tc.name)
	}
}

func TestTheListHoldsNoPseudoRegions(t *testing.T) {
	names := Names()
	require.Greater(t, len(names), 40)
	assert.True(t, slices.IsSorted(names))
	for _, n := range names {
		assert.NotContains(t, n, "global")
		assert.True(t, Known(n), n)
		assert.NotEmpty(t, PartitionOf(n), n)
	}
	var ids []string
	for _, p := range Partitions() {
		ids = append(ids, p.ID)
		assert.True(t, slices.IsSorted(p.Regions), p.ID)
	}
	assert.Subset(t, ids, []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b"})
	assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, AsOf)
	assert.Contains(t, Describe(), Source)
}

func TestClosest(t *testing.T) {
	for in, want := range map[string]string{
		"us-est-2":    "us-east-2", // one deletion
		"eu-wset-1":   "eu-west-1", // a transposition is two edits
		"us-east-1":   "us-east-1",
		"useast1":     "us-east-1",
		"ap-sothest5": "", // three edits away
		"mars":        "",
		"":            "",
	} {
		assert.Equal(t, want, Closest(in), in)
	}
}

func TestValid(t *testing.T) {
	assert.True(t, Valid("us-east-1", nil))
	assert.False(t, Valid("us-east-7", nil))
	assert.True(t, Valid("us-east-7", []string{"us-east-7"}))
	assert.False(t, Valid("us-east-8", []string{"us-east-7"}), "only the Regions declared")
	assert.False(t, Valid("mars-north-1", []string{"mars-north-1"}), "a declared Region still follows a partition's pattern")
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		value, newer string
		ok           bool
		says         string
	}{
		{"us-east-1", "", true, ""},
		{"${Token[TOKEN.12]}", "", true, ""},
		{"us-est-2", "", false, `"us-est-2" is not an AWS Region (did you mean us-east-2?): must be one of the AWS Regions of ` + Source + ` (` + AsOf + `), or a Region opened since, declared in NewRegions`},
		{"mars-1", "", false, `"mars-1" is not an AWS Region: must be one of the AWS Regions of ` + Source + ` (` + AsOf + `)`},
		{"us-east-7", "us-east-7", true, ""},
	} {
		c := check.New()
		var newer []string
		if tc.newer != "" {
			newer = []string{tc.newer}
		}
		assert.Equal(t, tc.ok, Check(c, "Region", tc.value, newer), tc.value)
		if tc.ok {
			assert.NoError(t, c.Err(), tc.value)
			continue
		}
		assert.EqualError(t, c.Err(), "Region: "+tc.says)
	}
}

func TestCheckNewer(t *testing.T) {
	c := check.New()
	CheckNewer(c, "NewRegions", []string{"us-east-7", "mars-1", "${Token[TOKEN.1]}"})
	assert.EqualError(t, c.Err(), `NewRegions[1]: "mars-1" is not a Region name of any AWS partition (such as us-east-1, cn-north-1, us-gov-west-1)`)
}

func TestCheckPartition(t *testing.T) {
	c := check.New()
	CheckPartition(c, "Regions", []string{"mars-1", "us-gov-west-1", "us-east-1", "us-gov-east-1", "cn-north-1"})
	assert.EqualError(t, c.Err(), "Regions[2]: \"us-east-1\" is in partition aws, but Regions[1] (us-gov-west-1) is in aws-us-gov: one deployment stays within one partition\n"+
		"Regions[4]: \"cn-north-1\" is in partition aws-cn, but Regions[1] (us-gov-west-1) is in aws-us-gov: one deployment stays within one partition")
	c = check.New()
	CheckPartition(c, "Regions", []string{"us-east-1", "us-east-2", "us-east-7"})
	assert.NoError(t, c.Err())
}

// A Region declared new reads as AWS names Regions: a known direction and a
// number from 1 without a leading zero; each is declared once.
func TestCheckNewerShape(t *testing.T) {
	for name, ok := range map[string]bool{
		"us-east-7": true, "ap-southeast-9": true, "us-gov-central-1": true, "us-iso-north-1": true, "eu-west-10": true,
		"us-east-01": false, "us-east-0": false, "us-eest-3": false, "us-middle-1": false,
	} {
		c := check.New()
		CheckNewer(c, "NewRegions", []string{name})
		if ok {
			assert.NoError(t, c.Err(), name)
			continue
		}
		assert.ErrorContains(t, c.Err(), `does not read as an AWS Region name: a direction (central, east, north, northeast, northwest, south, southeast, southwest, west) and a number without a leading zero, such as us-east-1`, name)
	}
	c := check.New()
	CheckNewer(c, "NewRegions", []string{"us-east-7", "us-east-7"})
	assert.EqualError(t, c.Err(), `NewRegions[1]: "us-east-7" is listed twice (first at NewRegions[0]): list each value once`)
}

// Every Region of the list reads as CheckNewer expects of a new one.
func TestListedRegionsReadAsRegions(t *testing.T) {
	for _, p := range Partitions() {
		for _, r := range p.Regions {
			assert.True(t, regionShape.MatchString(r) && slices.Contains(directions(), direction(r)), r)
		}
	}
}
