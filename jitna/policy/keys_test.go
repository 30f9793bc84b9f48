package policy

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// A key ARN serves its own Region and partition; names each Region
// resolves (ids, aliases) and tokens pass.
func TestCheckKeyRegions(t *testing.T) {
	const east1 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	for _, tc := range []struct {
		key     string
		regions []string
		want    string
	}{
		{east1, []string{"us-east-1"}, ""},
		{east1, nil, ""},
		{east1, []string{"us-east-1", "us-east-2", "eu-west-1"}, `K: "` + east1 + `" is a key of us-east-1, but it is used in us-east-2, eu-west-1 too: KMS keys are regional`},
		{east1, []string{"us-east-2"}, `is a key of us-east-1, but it is used in us-east-2 too`},
		{east1, []string{"us-gov-west-1"}, `is a key of partition aws, but it is used in us-gov-west-1 (partition aws-us-gov): a key serves its own partition`},
		{"arn:aws:kms:us-east-1:111122223333:alias/sessions", []string{"us-east-2"}, `is a key of us-east-1, but it is used in us-east-2 too`},
		{east1, []string{"us-east-1", "${Token[AWS.Region.1]}"}, ""},
		{"alias/sessions", []string{"us-east-1", "us-east-2"}, ""},
		{"mrk-1234abcd12ab34cd56ef1234567890ab", []string{"us-east-1", "us-east-2"}, ""},
		{"${Token[TOKEN.1]}", []string{"us-east-1", "us-east-2"}, ""},
	} {
		c := check.New()
		CheckKeyRegions(c, "K", tc.key, tc.regions)
		if tc.want == "" {
			assert.NoError(t, c.Err(), "%s in %v", tc.key, tc.regions)
			continue
		}
		assert.ErrorContains(t, c.Err(), tc.want, "%s in %v", tc.key, tc.regions)
	}
}

// An AWS managed key cannot carry the JITNA tag: refused by alias name and
// alias ARN; a customer alias that merely starts with "aws" passes.
func TestAWSManagedKeyIsRefused(t *testing.T) {
	for key, refused := range map[string]bool{
		"alias/aws/ssm": true, "arn:aws:kms:us-east-1:111122223333:alias/aws/ssm": true,
		"alias/awsome": false, "alias/team/aws/ssm": false, "arn:aws:kms:us-east-1:111122223333:alias/sessions": false,
	} {
		err := SessionSettings{KMSKeyID: key}.WithDefaults().Validate()
		if refused {
			assert.ErrorContains(t, err, `KMSKeyID: "`+key+`" names an AWS managed key: JITNA needs a customer managed key tagged SystemsManagerJustInTimeNodeAccessManaged=true`, key)
		} else {
			assert.NoError(t, err, key)
		}
	}
}
