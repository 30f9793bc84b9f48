package cedar

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The statements the Systems Manager user guide and the AWS samples print
// (the guide's pages on auto-approval and deny-access policies and on
// their statement structure,
// https://docs.aws.amazon.com/systems-manager/latest/userguide/auto-approval-deny-access-policy-statement-structure.html).
var documented = map[string]struct {
	text   string
	effect Effect
}{
	"sample template: DEV nodes (CRLF)": {"// Policy to permit access to DEV nodes\r\npermit (\r\n    principal, \r\n    action == AWS::SSM::Action::\"getTokenForInstanceAccess\", \r\n    resource)\r\n  when {\r\n    resource.hasTag(\"ENV\") && \r\n    resource.getTag(\"ENV\") == \"DEV\"\r\n  };", Permit},
	"guide: comments and group scope": {`// Allows users in the Engineering group from the Platform org to automatically connect to nodes tagged with Engineering and Production keys.
permit (
    principal in AWS::IdentityStore::Group::"d4q81745-r081-7079-d789-14da1EXAMPLE",
    action == AWS::SSM::Action::"getTokenForInstanceAccess",
    resource
)
when {
    principal has organization && resource.hasTag("Engineering") && resource.hasTag("Production") && principal.organization == "Platform"
};`, Permit},
	"guide: multiple clauses (corrected action)": {`// Allow access if node has tag where the tag key is Environment
// & tag value is Development
permit(principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when {
    resource.hasTag("Environment") &&
    resource.getTag("Environment") == "Development"
};`, Permit},
	"guide: tag key with a colon": {`forbid (
    principal in AWS::IdentityStore::Group::"e8c17310-e011-7089-d989-10da1EXAMPLE",
    action == AWS::SSM::Action::"getTokenForInstanceAccess",
    resource
)
when {
    resource.hasTag("Environment:Production")
};`, Forbid},
	"IAM principal tags": {`permit(principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when {
    context.iam.principalTags.hasTag("Role") && context.iam.principalTags.getTag("Role") == "Admin"
};`, Permit},
	"on-call group to production": {`// Permit automatic access to DEV nodes
permit (principal,
      action == AWS::SSM::Action::"getTokenForInstanceAccess",
      resource)
    when {
    resource.hasTag("Environment") &&
    resource.getTag("Environment") == "DEV"
    };

// Permit automatic access to PROD nodes for OnCall users
permit (principal in AWS::IdentityStore::Group::"34688438-1061-702c-a03d-1fa788dccfd1",
      action == AWS::SSM::Action::"getTokenForInstanceAccess",
      resource)
    when {
    resource.hasTag("Environment") &&
    resource.getTag("Environment") == "PROD"
    };`, Permit},
	"managed instances and set operators": {`permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource is AWS::SSM::ManagedInstance)
when { resource.hasTag("Team") && ["a", "b"].contains(resource.getTag("Team")) && !(principal has division) };`, Permit},
}

func TestDocumentedStatementsAreValid(t *testing.T) {
	for name, tc := range documented {
		t.Run(name, func(t *testing.T) {
			assert.Empty(t, Check(tc.text, tc.effect))
		})
	}
	for file, effect := range map[string]Effect{"aws-auto-approval-example.cedar": Permit, "aws-deny-access-example.cedar": Forbid} {
		data, err := os.ReadFile("testdata/" + file)
		require.NoError(t, err)
		assert.Empty(t, Check(string(data), effect), file)
		stmts, err := Parse(string(data))
		require.NoError(t, err)
		assert.Len(t, stmts, 3, file)
	}
}

const scope = `(principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)`

func TestDocumentedMistakesAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		effect     Effect
		line, col  int
		want       string
	}{
		{"action without Action:: (as some AWS pages print it)", "permit(principal, action == AWS::SSM::getTokenForInstanceAccess, resource);", Permit, 1, 29,
			`names the action AWS::SSM::getTokenForInstanceAccess, which is not valid Cedar: write AWS::SSM::Action::"getTokenForInstanceAccess"`},
		{"getTag without hasTag", "permit" + scope + "\nwhen { resource.getTag(\"ENV\") == \"DEV\" };", Permit, 1, 1,
			`getTag("ENV") is not guarded by hasTag: write resource.hasTag("ENV") && resource.getTag("ENV")`},
		{"principal tag without hasTag", "permit" + scope + "\nwhen { context.iam.principalTags.getTag(\"Team\") == \"x\" };", Permit, 1, 1,
			`write context.iam.principalTags.hasTag("Team")`},
		{"optional attribute without has", "permit" + scope + " when { principal.division == \"x\" };", Permit, 1, 1,
			"unable to guarantee safety of access to optional attribute `division`"},
		{"unknown attribute", "permit" + scope + " when { principal.department == \"x\" };", Permit, 1, 1,
			"attribute `department` on entity type `AWS::IdentityStore::User` not found"},
		{"unknown attribute behind has", "permit" + scope + " when { principal has department && principal.department == \"x\" };", Permit, 1, 1,
			"tests principal has department, an attribute no JITNA principal has (costCenter, division, employeeNumber, organization): the condition is never true"},
		{"misspelt attribute behind has", "permit" + scope + " when { principal has employeNumber && principal.employeNumber == \"1\" };", Permit, 1, 1,
			"tests principal has employeNumber, an attribute no JITNA principal has (did you mean employeeNumber?) (costCenter, division, employeeNumber, organization): the condition is never true"},
		{"resource has: nodes have tags, not attributes", "permit" + scope + " when { resource has Environment };", Permit, 1, 1,
			`tests resource has Environment, but JITNA nodes have no attributes, only tags: the condition is never true; test a tag with resource.hasTag("Environment")`},
		{"context has an attribute it does not have", "permit" + scope + " when { context has iamm };", Permit, 1, 1,
			"tests context has iamm, an attribute the JITNA schema does not declare there (did you mean iam?) (iam): the condition is never true"},
		{"context.iam has an attribute it does not have", "permit" + scope + " when { context.iam has principalTag };", Permit, 1, 1,
			"tests context.iam has principalTag, an attribute the JITNA schema does not declare there (did you mean principalTags?) (principalTags): the condition is never true"},
		{"a typo in unless makes a forbid apply to everyone", "forbid" + scope + " unless { principal has costCentre && principal.costCentre == \"1\" };", Forbid, 1, 1,
			"tests principal has costCentre, an attribute no JITNA principal has (did you mean costCenter?) (costCenter, division, employeeNumber, organization): the condition is never true; in an unless clause, a test that is never true can make the statement apply to every request"},
		{"wrong entity type", "\n\npermit(principal in AWS::IdentityStore::Grop::\"g\", action, resource);", Permit, 3, 1,
			"unrecognized entity type `AWS::IdentityStore::Grop`"},
		{"wrong action", `permit(principal, action == AWS::SSM::Action::"StartSession", resource);`, Permit, 1, 1,
			"unrecognized action `AWS::SSM::Action::\"StartSession\"`"},
		{"principal of a type the action does not apply to", `permit(principal == AWS::IdentityStore::Group::"g", action, resource);`, Permit, 1, 1,
			"JITNA policies apply to principals of type AWS::IdentityStore::User"},
		{"an IAM role, which the published schema does not declare", `permit(principal == AWS::IAM::Role::"r", action, resource);`, Permit, 1, 1,
			"unrecognized entity type `AWS::IAM::Role`"},
		{"type mismatch", "permit" + scope + " when { resource.hasTag(\"N\") && resource.getTag(\"N\") == 1 };", Permit, 1, 1,
			"the types Long and String are not compatible"},
		{"forbid in an auto-approval policy", "permit" + scope + ";\n\n  forbid" + scope + ";", Permit, 3, 3,
			"statement 2 is a forbid statement: an auto-approval policy holds only permit statements"},
		{"permit in a deny-access policy", "permit" + scope + ";", Forbid, 1, 1,
			"statement 1 is a permit statement: a deny-access policy holds only forbid statements"},
		{"syntax error", "permit(principal, action, resource)\nwhen { resource.hasTag(\"a\" };", Permit, 2, 28,
			"is not valid Cedar: found `}` where `,` was expected"},
		{"a single = for ==", "permit" + scope + " when { resource.hasTag(\"ENV\") && resource.getTag(\"ENV\") = \"dev\" };", Permit, 1, 144,
			"is not valid Cedar: found a single = (did you mean ==?): Cedar compares with == and sets nothing"},
		{"a string where another token was expected, shown as written", "permit(principal, action, resource) when { \"a\" \"b\" };", Permit, 1, 52,
			"is not valid Cedar: found `\"b\"` where `}` was expected"},
		{"the final ; missing, at the end of the statement", "permit" + scope + "\nwhen { resource.hasTag(\"ENV\") }\n\n", Permit, 2, 32,
			"is not valid Cedar: the text ends too early: expected `;`"},
		{"text ends early", "permit(principal, action, resource", Permit, 1, 35, "the text ends too early: expected `)`"},
		{"no statement", "// only a comment\n", Permit, 0, 0, "holds no statement"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			issues := Check(tc.text, tc.effect)
			require.NotEmpty(t, issues)
			assert.Contains(t, issues[0].Message, tc.want)
			assert.Equal(t, tc.line, issues[0].Line, "line")
			assert.Equal(t, tc.col, issues[0].Column, "column")
		})
	}
}

func TestAnyEffectAllowsBoth(t *testing.T) {
	assert.Empty(t, Check("permit"+scope+";\nforbid"+scope+";", AnyEffect))
}

func TestIssueFormatting(t *testing.T) {
	assert.Equal(t, "line 2, column 3: bad", Issue{Line: 2, Column: 3, Message: "bad"}.Error())
	assert.Equal(t, "line 2: bad", Issue{Line: 2, Message: "bad"}.Error())
	assert.Equal(t, "bad", Issue{Message: "bad"}.Error())
}

func TestTooLong(t *testing.T) {
	issues := Check(strings.Repeat("// x\n", MaxTextLength/5+1), Permit)
	require.Len(t, issues, 1)
	assert.Contains(t, issues[0].Message, "an SSM document's content is at most 65536")
}

func TestCustomSchema(t *testing.T) {
	_, err := NewValidator("entity A in [")
	assert.ErrorContains(t, err, "cedar schema")
	// Should the service let IAM roles be principals, a schema that says so
	// accepts what the embedded one refuses.
	withRoles := strings.Replace(strings.Replace(Schema, "principal: [AWS::IdentityStore::User]", "principal: [AWS::IdentityStore::User, AWS::IAM::Role]", 1),
		"namespace AWS::IAM {", "namespace AWS::IAM {\n  entity Role;", 1)
	require.NotEqual(t, Schema, withRoles)
	v, err := NewValidator(withRoles)
	require.NoError(t, err)
	roleRule := `permit(principal == AWS::IAM::Role::"r", action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);`
	assert.Empty(t, v.Check(roleRule, Permit))
	assert.NotEmpty(t, Check(roleRule, Permit))
}

// Cedar text of exactly MaxTextLength parses; one byte more does not.
func TestTextLengthLimit(t *testing.T) {
	const stmt = `permit(principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);`
	text := func(n int) string { return stmt + "\n//" + strings.Repeat("x", n-len(stmt)-3) }
	_, err := Parse(text(MaxTextLength))
	assert.NoError(t, err)
	_, err = Parse(text(MaxTextLength + 1))
	assert.EqualError(t, err, "is 65537 bytes long: an SSM document's content is at most 65536")
}

// An issue names its statement, by number in the text, in its field and in
// its message.
func TestIssueNamesItsStatement(t *testing.T) {
	text := `permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);
permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { principal has nickname && resource.hasTag("ENV") };`
	issues := Check(text, Permit)
	require.Len(t, issues, 1)
	assert.Equal(t, 2, issues[0].Statement)
	assert.Equal(t, 2, issues[0].Line)
	assert.Equal(t, 1, issues[0].Column)
	assert.Contains(t, issues[0].Message, "statement 2 tests principal has nickname, an attribute no JITNA principal has")

	issues = Check(text, Forbid)
	require.GreaterOrEqual(t, len(issues), 2)
	assert.Equal(t, 1, issues[0].Statement)
	assert.Equal(t, "statement 1 is a permit statement: "+effectRule(Forbid), issues[0].Message)
}

// An issue reads "line L, column C: message", leaving out what it lacks.
func TestIssueError(t *testing.T) {
	assert.Equal(t, "m", Issue{Message: "m"}.Error())
	assert.Equal(t, "line 2: m", Issue{Line: 2, Message: "m"}.Error())
	assert.Equal(t, "line 2, column 3: m", Issue{Line: 2, Column: 3, Message: "m"}.Error())
}

// A parse error after a word Cedar does not know names the word, with a
// suggestion when one is near; words it knows, entity paths and errors at
// the start of a line keep the parser's message.
func TestUnknownNames(t *testing.T) {
	const action = `action == AWS::SSM::Action::"getTokenForInstanceAccess"`
	for _, tc := range []struct {
		text, want string
	}{
		{"permit (principal, " + action + ", resource)\nwhen { resouce.hasTag(\"Env\") };",
			`line 2, column 15: is not valid Cedar: "resouce" is not a name Cedar knows (did you mean resource?): the variables are principal, action, resource and context, and text is written in quotes ("resouce")`},
		{"permit (principl, " + action + ", resource);",
			`line 1, column 17: is not valid Cedar: "principl" is not a name Cedar knows (did you mean principal?)`},
		{"permit (principal, " + action + ", resource)\nwhen { resource.hasTag(\"Env\") && resource.getTag(\"Env\") == PROD };",
			`line 2, column 65: is not valid Cedar: "PROD" is not a name Cedar knows: the variables are`},
		{"permit (principal, " + action + ", resource) when { x };",
			`is not valid Cedar: "x" is not a name Cedar knows: the variables`},
		// Known words and entity paths keep the parser's message.
		{"permit (principal, " + action + ", resource) when { principal resource };",
			"is not valid Cedar: found"},
		{"permit (principal, " + action + ", resource) when { AWS::SSM::Thing };",
			"is not valid Cedar:"},
	} {
		issues := Check(tc.text, Permit)
		require.Len(t, issues, 1, tc.text)
		assert.Contains(t, issues[0].Error(), tc.want, tc.text)
	}
	iss := Check("permit (principal, "+action+", resource) when { AWS::SSM::Thing };", Permit)[0]
	assert.NotContains(t, iss.Error(), "not a name Cedar knows", "an entity path")
	iss = Check("permit (principal, "+action+", resource) when { principal resource };", Permit)[0]
	assert.NotContains(t, iss.Error(), "not a name Cedar knows", "a variable")

	// The word on the last line, and at the start of the text.
	assert.Equal(t, Issue{Line: 1, Column: 5, Message: "is not valid Cedar: \"abc\" is not a name Cedar knows: the variables are principal, action, resource and context, and text is written in quotes (\"abc\")"},
		unknownName("abc .", Issue{Line: 1, Column: 5, Message: "m"}))
	assert.Equal(t, Issue{Line: 1, Column: 1, Message: "m"}, unknownName("abc", Issue{Line: 1, Column: 1, Message: "m"}), "nothing before the column")
	assert.Equal(t, Issue{Line: 3, Column: 1, Message: "m"}, unknownName("a\nb", Issue{Line: 3, Column: 1, Message: "m"}), "past the text")
	assert.Contains(t, unknownName("a\nprincpal .", Issue{Line: 2, Column: 10, Message: "m"}).Message, `"princpal" is not a name Cedar knows (did you mean principal?)`)
	assert.Contains(t, unknownName("thn .", Issue{Line: 1, Column: 5, Message: "m"}).Message, `"thn" is not a name Cedar knows (did you mean then?)`, "three letters: one edit")
	assert.NotContains(t, unknownName("tn .", Issue{Line: 1, Column: 4, Message: "m"}).Message, "did you mean", "two letters: none")
}

// The attributes the schema declares pass a has test wherever it starts.
func TestHasOfDeclaredAttributes(t *testing.T) {
	for _, cond := range []string{
		`principal has costCenter && principal.costCenter == "1"`,
		`context has iam && context.iam has principalTags`,
		`!(principal has division)`,
	} {
		assert.Empty(t, Check(`permit(principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { `+cond+` };`, Permit), cond)
	}
}
