package cedar

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRuleRendersReadableCedar(t *testing.T) {
	r := PermitRule("On-call engineers reach production\nsecond line",
		PrincipalInGroup("34688438-1061-702c-a03d-1fa788dccfd1"),
		NodeTagEquals("Environment", "PROD"),
		PrincipalAttributeEquals("organization", "Platform"))
	assert.Equal(t, `// On-call engineers reach production
// second line
permit (
    principal in AWS::IdentityStore::Group::"34688438-1061-702c-a03d-1fa788dccfd1",
    action == AWS::SSM::Action::"getTokenForInstanceAccess",
    resource
)
when {
    resource.hasTag("Environment") && resource.getTag("Environment") == "PROD" &&
    principal has organization && principal.organization == "Platform"
};`, r.String())
	assert.Empty(t, Check(r.String(), Permit))
}

func TestEveryHelperRendersValidCedar(t *testing.T) {
	rules := []Rule{
		ForbidRule("", NodeTagIn("Environment", "PROD", "STAGE")),
		ForbidRule("temporary staff", PrincipalAttributeLike("employeeNumber", `TEMP-*`), NodeHasTag("Criticality")),
		ForbidRule("", PrincipalIs("user-1"), PrincipalAttributeMatchesNodeTag("costCenter", "CostCenter")),
		ForbidRule("", PrincipalTagEquals("team", "ops"), Expression(`resource is AWS::EC2::Instance`)),
		{Effect: Forbid},
	}
	text := Render(rules...)
	assert.Empty(t, Check(text, Forbid), text)
	stmts, err := Parse(text)
	assert.NoError(t, err)
	assert.Len(t, stmts, len(rules))
	assert.Contains(t, text, `["PROD", "STAGE"].contains(resource.getTag("Environment"))`)
	assert.Equal(t, "permit (\n    principal,\n    action == "+Action+",\n    resource\n);", Rule{}.String())
}

func TestQuote(t *testing.T) {
	assert.Equal(t, `"a\"b\\c\n\u{1}"`, Quote("a\"b\\c\n\x01"))
	assert.Equal(t, `"E-\*x*"`, quoteLike(`E-\*x*`))
	// A quoted value never breaks out of its string.
	r := PermitRule("", NodeTagEquals(`K"); permit(principal, action, resource); //`, "v"))
	stmts, err := Parse(r.String())
	assert.NoError(t, err)
	assert.Len(t, stmts, 1)
}

// Quote escapes every character Cedar needs escaped; in a like pattern, a
// backslash before * stays the escape of the star, any other backslash is
// doubled (also the last character).
func TestQuoteEveryEscape(t *testing.T) {
	assert.Equal(t, `"tab\tcr\rnl\nbs\\q\"bel\u{7}"`, Quote("tab\tcr\rnl\nbs\\q\"bel\a"))
	assert.Equal(t, `"a\*b*c\\d\\"`, quoteLike(`a\*b*c\d\`))
	assert.Equal(t, `"\\*"`, Quote(`\*`))
	assert.Equal(t, `"a b~"`, Quote("a b~"))
}
