package policy

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// contentProblems are the problems Validate reports on Content itself.
func contentProblems(p Policy) []string {
	var out []string
	for _, pr := range check.Problems(checked(p)) {
		if pr.Field == "Content" {
			out = append(out, pr.Message)
		}
	}
	return out
}

// padded returns Cedar whose policy renders to content of exactly size
// bytes, as measured for the limit (JSON, or the text itself).
func padded(t *testing.T, size int, render func(cedarText string) Policy) Policy {
	t.Helper()
	measure := func(p Policy) int {
		if s, ok := p.Document().Content.(string); ok {
			return len(s)
		}
		data, err := json.Marshal(p.Document().Content)
		require.NoError(t, err)
		return len(data)
	}
	base := measure(render(validCedar + "\n//"))
	p := render(validCedar + "\n//" + strings.Repeat("x", size-base))
	require.Equal(t, size, measure(p))
	return p
}

// The 64 KB content limit: content of exactly MaxContentBytes is accepted,
// one byte more is not, for documents measured as JSON and as raw text.
func TestContentSizeLimit(t *testing.T) {
	auto := func(text string) Policy { return AutoApproval{Documents: []CedarDocument{{Cedar: text}}} }
	deny := func(text string) Policy {
		return DenyAccess{Format: DenyAccessCedarText, Documents: []CedarDocument{{Cedar: strings.ReplaceAll(text, "permit", "forbid")}}}
	}
	for name, render := range map[string]func(string) Policy{"JSON content": auto, "raw Cedar content": deny} {
		assert.Empty(t, contentProblems(padded(t, MaxContentBytes-1, render)), name)
		assert.Empty(t, contentProblems(padded(t, MaxContentBytes, render)), name)
		assert.Equal(t, []string{"is 65537 bytes long: an SSM document's content is at most 65536 bytes (64 KB)"},
			contentProblems(padded(t, MaxContentBytes+1, render)), name)
	}
}

// aws:approve's message: at most MaxApprovalMessage characters (not bytes),
// and not blank.
func TestApprovalMessageLimit(t *testing.T) {
	for n, ok := range map[int]bool{MaxApprovalMessage - 1: true, MaxApprovalMessage: true, MaxApprovalMessage + 1: false} {
		for _, r := range []string{"m", "é"} {
			m := manual(level(func(l *ApprovalLevel) { l.Message = strings.Repeat(r, n) }))
			err := checked(m)
			if ok {
				assert.NoError(t, err, "%d × %q", n, r)
				continue
			}
			assert.ErrorContains(t, err, fmt.Sprintf("is %d characters long: aws:approve takes a message of at most %d", n, MaxApprovalMessage), "%d × %q", n, r)
		}
	}
}

// S3's bucket names at and around each limit: 3 and 63 characters pass,
// 2 and 64 do not; a name that only looks like an IP address passes.
func TestBucketNameLimits(t *testing.T) {
	for name, ok := range map[string]bool{
		"abc": true, "ab": false, strings.Repeat("b", 63): true, strings.Repeat("b", 64): false,
		"a.b.c": true, "a..c": false, "192.168.5.4": false, "192.168.5": true, "192.168.5.4.5": true,
		"xn-a": true, "xn--a": false, "sthree": true, "amzn-s3-demo": true, "s3alias": true, "a-s3alias": false,
	} {
		c := check.New()
		assert.Equal(t, ok, CheckBucketName(c, "Bucket", name), name)
		assert.Equal(t, ok, c.Err() == nil, name)
	}
	assert.True(t, CheckBucketName(check.New(), "Bucket", "${Token[TOKEN.1]}"), "a token is checked at deploy time")
}

// IAM names at and around their limits, by name and in an ARN: roles and
// users 64 characters, groups 128.
func TestIAMNameLimits(t *testing.T) {
	for _, tc := range []struct {
		make  func(string) Approver
		kind  string
		limit int
	}{{IamRoleApprover, "role", MaxIAMRoleName}, {IamUserApprover, "user", MaxIAMUserName}, {IamGroupApprover, "group", MaxIAMGroupName}} {
		for _, n := range []int{tc.limit - 1, tc.limit, tc.limit + 1} {
			name := strings.Repeat("n", n)
			for _, id := range []string{name, "arn:aws:iam::123456789012:" + tc.kind + "/path/" + name} {
				err := checked(manual(approver(tc.make(id))))
				if n <= tc.limit {
					assert.NoError(t, err, "%s of %d", tc.kind, n)
					continue
				}
				assert.ErrorContains(t, err, fmt.Sprintf("names an IAM %s of %d characters: IAM %s names are at most %d", tc.kind, n, tc.kind, tc.limit))
			}
		}
	}
}

// upTo cuts a text before a line's column and drops the lines after it;
// a line outside the text leaves it whole.
func TestUpTo(t *testing.T) {
	const text = "ab\ncd\nef"
	for _, tc := range []struct {
		line, column int
		want         string
	}{
		{2, 2, "ab\nc"},
		{1, 1, ""},
		{3, 2, "ab\ncd\ne"}, // the last line is cut too
		{3, 3, "ab\ncd\nef"},
		{3, 9, "ab\ncd\nef"}, // past the line: all of it
		{2, 0, "ab\n"},       // no column: nothing of the line
		{0, 1, text},         // before the first line
		{4, 1, text},         // after the last
	} {
		assert.Equal(t, tc.want, upTo(text, tc.line, tc.column), "%d:%d", tc.line, tc.column)
	}
}

// A DocumentFormat fits the content: Cedar text is TEXT, a document of keys
// JSON or YAML; none is CloudFormation's JSON.
func TestCheckDocumentFormat(t *testing.T) {
	rawCedar := DenyAccess{Format: DenyAccessCedarText, Documents: []CedarDocument{{Cedar: validForbid}}}
	keys := manual(func(*ManualApproval) {})
	for _, tc := range []struct {
		format string
		p      Policy
		want   string
	}{
		{"TEXT", rawCedar, ""},
		{"", rawCedar, `DocumentFormat: "JSON" does not fit the content, which is Cedar text: SSM reads it as JSON and fails; write DocumentFormat TEXT`},
		{"YAML", rawCedar, `DocumentFormat: "YAML" does not fit the content, which is Cedar text: SSM reads it as YAML and fails; write DocumentFormat TEXT`},
		{"", keys, ""},
		{"JSON", keys, ""},
		{"YAML", keys, ""},
		{"TEXT", keys, `DocumentFormat: "TEXT" does not fit the content, which is a document of keys: TEXT holds Cedar text only; write DocumentFormat YAML`},
		{"CEDAR", keys, `DocumentFormat: "CEDAR" is not allowed: must be one of JSON, YAML, TEXT`},
		{"${Token[TOKEN.1]}", rawCedar, ""},
	} {
		c := check.New()
		CheckDocumentFormat(c, tc.format, tc.p)
		if tc.want == "" {
			assert.NoError(t, c.Err(), "%q", tc.format)
			continue
		}
		assert.EqualError(t, c.Err(), tc.want, "%q", tc.format)
	}
}
