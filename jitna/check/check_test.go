package check

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCollectorNamesFieldsAndCollectsEverything(t *testing.T) {
	c := New()
	lvl := c.Index("ApprovalLevels", 1)
	lvl.Index("Approvers", 0).Add("ID", "x", "must be a group id")
	c.Field("Target").Required("HomeRegion", "", "a Region")
	c.Match("Name", "a b", regexp.MustCompile(`^\w+$`), "a word")
	c.Match("Name", "${Token[TOKEN.1]}", regexp.MustCompile(`^\w+$`), "a word")
	c.OneOf("Kind", "c", []string{"a", "b"})
	c.Unique("List", []string{"a", "b", "a"})
	c.Length("Short", "abcdef", 1, 3)

	require.Equal(t, 6, c.Len())
	err := c.Err()
	assert.Equal(t, `ApprovalLevels[1].Approvers[0].ID: "x" must be a group id
Target.HomeRegion: is required: a Region
Name: "a b" is not valid: must be a word
Kind: "c" is not allowed: must be one of a, b
List[2]: "a" is listed twice (first at List[0]): list each value once
Short: "abcdef" is 6 characters long: must be 1 to 3`, err.Error())
}

func TestEmptyCollectorIsNil(t *testing.T) {
	assert.NoError(t, New().Err())
	assert.NoError(t, Join(nil, nil))
	assert.NoError(t, AtPath(nil, "x"))
}

func TestAtPathAndJoin(t *testing.T) {
	a := New()
	a.Add("F", "v", "is bad")
	err := Join(AtPath(a.Err(), "Stack/Construct"), errors.New("plain"))
	ps := Problems(err)
	require.Len(t, ps, 2)
	assert.Equal(t, `Stack/Construct: F: "v" is bad`, ps[0].Error())
	assert.Equal(t, "plain", ps[1].Error())

	var p Problem
	require.True(t, errors.As(fmt.Errorf("wrapped: %w", err), &p))
	assert.Equal(t, "F", p.Field)
}

func TestMergePrefixesFields(t *testing.T) {
	inner := New()
	inner.Add("Name", "x", "is bad")
	outer := New()
	outer.Field("Policy").Merge(inner.Err())
	assert.Equal(t, "Policy.Name", Problems(outer.Err())[0].Field)
}

func TestIsToken(t *testing.T) {
	for s, want := range map[string]bool{
		"${Token[TOKEN.12]}":                true,
		"arn:${Token[AWS.Partition.3]}:iam": true,
		"#{Token[TOKEN.9]}":                 true,
		"{{resolve:ssm:/x}}":                true,
		"us-east-1":                         false,
		"${AWS::Region}":                    false,
		Unresolved("Fn::Sub"):               true,
		// Only a whole token is skipped: a value that merely contains the
		// start of one is checked.
		"us-east-1{{resolve:x":             false,
		"123{{resolve:ssm:/x}}":            false,
		"${Unresolved[Fn::Sub]}-eu-west-9": false,
		"x${Unresolved[":                   false,
		"${Token[":                         false,
		"${Token[TOKEN]}":                  false,
		"${Token[TOKEN.12]} ":              true,
		"{}":                               false,
	} {
		assert.Equal(t, want, IsToken(s), s)
	}
}

func TestShorten(t *testing.T) {
	assert.Equal(t, "abc", Shorten("abc"))
	long := Shorten(string(make([]byte, 100)))
	assert.Contains(t, long, "(100 characters)")
}

// Length is inclusive at both ends and counts characters, not bytes.
func TestLengthBounds(t *testing.T) {
	for value, ok := range map[string]bool{"": false, "a": true, "abc": true, "abcd": false, "ééé": true, "éééé": false} {
		c := New()
		assert.Equal(t, ok, c.Length("F", value, 1, 3), value)
		assert.Equal(t, ok, c.Err() == nil, value)
	}
}

// Shorten keeps values of up to 60 characters whole.
func TestShortenBoundary(t *testing.T) {
	sixty := string(make([]rune, 60))
	assert.Equal(t, sixty, Shorten(sixty))
	assert.Equal(t, string(make([]rune, 60))+"… (61 characters)", Shorten(string(make([]rune, 61))))
}

// A nested collector joins its prefix with "." and leaves an empty name out.
func TestFieldPrefixes(t *testing.T) {
	c := New()
	c.Field("A").Field("").Add("B", "v", "is bad")
	c.Field("").Add("C", "v", "is bad")
	c.Field("D").Add("", "v", "is bad")
	var fields []string
	for _, p := range Problems(c.Err()) {
		fields = append(fields, p.Field)
	}
	assert.Equal(t, []string{"A.B", "C", "D"}, fields)
}

// At most MaxShown problems are shown, then one line with how many more;
// Problems still returns them all.
func TestLinesAreCapped(t *testing.T) {
	for n, want := range map[int]int{0: 0, 1: 1, MaxShown: MaxShown, MaxShown + 1: MaxShown + 1, 15000: MaxShown + 1} {
		c := New()
		for i := range n {
			c.Addf("Field", strconv.Itoa(i), "is bad")
		}
		lines := Lines(c.Err())
		assert.Len(t, lines, want, n)
		if n > MaxShown {
			assert.Equal(t, fmt.Sprintf("… and %d more problems (%d in all)", n-MaxShown, n), lines[MaxShown])
			assert.Len(t, Problems(c.Err()), n)
			assert.Equal(t, strings.Join(lines, "\n"), c.Err().Error())
		}
	}
	assert.Equal(t, []string{"plain"}, Lines(errors.New("plain")))
	assert.Empty(t, Lines(nil))
}

func TestClosest(t *testing.T) {
	names := []string{"principal", "action", "resource", "context"}
	assert.Equal(t, "resource", Closest("resouce", names, 2))
	assert.Equal(t, "resource", Closest("resource", names, 0))
	assert.Equal(t, "", Closest("resouce", names, 0), "one edit away, none allowed")
	assert.Equal(t, "context", Closest("cntxt", names, 2), "at the limit")
	assert.Equal(t, "", Closest("cntx", names, 2), "above it")
	assert.Equal(t, "a", Closest("c", []string{"a", "b"}, 1), "the first of equals")
	assert.Equal(t, "", Closest("x", nil, 3))
}

func TestSuggest(t *testing.T) {
	types := []string{"SSOGroup", "SSOUser", "IamRole", "IamUser", "IamGroup"}
	for _, tc := range []struct{ value, want string }{
		{"SsoGroup", "SSOGroup"}, // another case
		{"ssogroup", "SSOGroup"}, // another case, all of it
		{"IamRol", "IamRole"},    // one edit, 6 letters: 2 allowed
		{"IamRo", ""},            // two edits, 5 letters: 1 allowed
		{"IamGruop", "IamGroup"}, // two edits, at the limit
		{"IamGrXXX", ""},         // three: above it
		{"SSOGroup", "SSOGroup"}, // itself
		{"Okta", ""},             // nothing near
	} {
		assert.Equal(t, tc.want, Suggest(tc.value, types), tc.value)
	}
	assert.Equal(t, " (did you mean SSOGroup?)", DidYouMean("SsoGroup", types))
	assert.Equal(t, "", DidYouMean("SSOGroup", types), "nothing to suggest for a value allowed")
	c := New()
	c.OneOf("Type", "SsoGroup", types)
	assert.EqualError(t, c.Err(), `Type: "SsoGroup" is not allowed (did you mean SSOGroup?): must be one of SSOGroup, SSOUser, IamRole, IamUser, IamGroup`)
}

// Warnings come after the problems, each marked as one.
func TestWarningsFollowTheProblems(t *testing.T) {
	err := &Error{
		Problems: []Problem{{Path: "jitna.yaml:3", Field: "a", Value: "x", Message: "is wrong"}},
		Warnings: []Problem{{Path: "jitna.yaml:9", Field: "b", Message: "is risky"}, {Message: "is risky too"}},
	}
	assert.Equal(t, []string{`jitna.yaml:3: a: "x" is wrong`, "jitna.yaml:9: warning: b: is risky", "warning: is risky too"}, Lines(err))
	assert.Equal(t, "jitna.yaml:3: a: \"x\" is wrong\njitna.yaml:9: warning: b: is risky\nwarning: is risky too", err.Error())
}
