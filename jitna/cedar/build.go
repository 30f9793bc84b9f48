package cedar

import (
	"fmt"
	"strings"
)

// Rule builds one readable JITNA statement from typed parts:
//
//	cedar.PermitRule("On-call engineers reach production",
//		cedar.PrincipalInGroup("34688438-1061-702c-a03d-1fa788dccfd1"),
//		cedar.NodeTagEquals("Environment", "PROD"))
//
// renders
//
//	// On-call engineers reach production
//	permit (
//	    principal in AWS::IdentityStore::Group::"34688438-1061-702c-a03d-1fa788dccfd1",
//	    action == AWS::SSM::Action::"getTokenForInstanceAccess",
//	    resource
//	)
//	when {
//	    resource.hasTag("Environment") && resource.getTag("Environment") == "PROD"
//	};
//
// A Rule is plain data: its text is checked like any other Cedar text.
type Rule struct {
	// Effect is Permit or Forbid.
	Effect Effect
	// Comment is written above the statement as // lines. Default: none.
	Comment string
	// Conditions are ANDed in the when clause; a scope condition
	// (PrincipalInGroup, PrincipalIs) goes into the scope instead. Default:
	// none, which matches every request.
	Conditions []Condition
}

// PermitRule returns a permit Rule (auto-approval).
func PermitRule(comment string, conds ...Condition) Rule {
	return Rule{Effect: Permit, Comment: comment, Conditions: conds}
}

// ForbidRule returns a forbid Rule (deny-access).
func ForbidRule(comment string, conds ...Condition) Rule {
	return Rule{Effect: Forbid, Comment: comment, Conditions: conds}
}

// Condition is one part of a Rule. Build it with the functions of this package.
type Condition struct {
	scope string // principal scope, such as `principal in …`
	when  string // an expression for the when clause
}

// PrincipalInGroup matches members of an IAM Identity Center group (its id).
func PrincipalInGroup(groupID string) Condition {
	return Condition{scope: "principal in AWS::IdentityStore::Group::" + Quote(groupID)}
}

// PrincipalIs matches one IAM Identity Center user (its id).
func PrincipalIs(userID string) Condition {
	return Condition{scope: "principal == AWS::IdentityStore::User::" + Quote(userID)}
}

// NodeTagEquals matches nodes whose tag key has the value.
func NodeTagEquals(key, value string) Condition {
	return tagEquals("resource", key, value)
}

// NodeTagIn matches nodes whose tag key has one of the values.
func NodeTagIn(key string, values ...string) Condition {
	return Condition{when: fmt.Sprintf("resource.hasTag(%s) && %s.contains(resource.getTag(%s))",
		Quote(key), stringSet(values), Quote(key))}
}

// NodeHasTag matches nodes that carry the tag key, whatever its value.
func NodeHasTag(key string) Condition {
	return Condition{when: fmt.Sprintf("resource.hasTag(%s)", Quote(key))}
}

// PrincipalAttributeEquals matches Identity Center users whose attribute
// (employeeNumber, costCenter, organization or division) has the value.
func PrincipalAttributeEquals(attribute, value string) Condition {
	return Condition{when: fmt.Sprintf("principal has %s && principal.%s == %s", attribute, attribute, Quote(value))}
}

// PrincipalAttributeLike matches Identity Center users whose attribute matches
// a Cedar like pattern: * matches any characters (write \* for a star).
func PrincipalAttributeLike(attribute, pattern string) Condition {
	return Condition{when: fmt.Sprintf("principal has %s && principal.%s like %s", attribute, attribute, quoteLike(pattern))}
}

// PrincipalAttributeMatchesNodeTag matches when the user's attribute equals
// the node's tag (a cost center matched to the node's CostCenter tag).
func PrincipalAttributeMatchesNodeTag(attribute, tagKey string) Condition {
	return Condition{when: fmt.Sprintf("principal has %s && resource.hasTag(%s) && principal.%s == resource.getTag(%s)",
		attribute, Quote(tagKey), attribute, Quote(tagKey))}
}

// PrincipalTagEquals matches IAM callers whose principal tag key has the value.
func PrincipalTagEquals(key, value string) Condition {
	return tagEquals("context.iam.principalTags", key, value)
}

// Expression adds a Cedar expression of your own to the when clause.
func Expression(cedarExpr string) Condition { return Condition{when: cedarExpr} }

func tagEquals(entity, key, value string) Condition {
	return Condition{when: fmt.Sprintf("%s.hasTag(%s) && %s.getTag(%s) == %s", entity, Quote(key), entity, Quote(key), Quote(value))}
}

// String renders the statement as formatted Cedar.
func (r Rule) String() string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(r.Comment), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			b.WriteString("// " + line + "\n")
		}
	}
	effect := r.Effect
	if effect == AnyEffect {
		effect = Permit
	}
	principal := "principal"
	var when []string
	for _, c := range r.Conditions {
		if c.scope != "" {
			principal = c.scope
		}
		if c.when != "" {
			when = append(when, c.when)
		}
	}
	fmt.Fprintf(&b, "%s (\n    %s,\n    action == %s,\n    resource\n)", effect, principal, Action)
	if len(when) > 0 {
		b.WriteString("\nwhen {\n    " + strings.Join(when, " &&\n    ") + "\n}")
	}
	b.WriteString(";")
	return b.String()
}

// Render joins rules into one policy text, a blank line between statements.
func Render(rules ...Rule) string {
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = r.String()
	}
	return strings.Join(parts, "\n\n")
}

// Quote renders s as a Cedar string literal.
func Quote(s string) string { return quote(s, false) }

func quoteLike(s string) string { return quote(s, true) }

func quote(s string, like bool) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			if like && i+1 < len(s) && s[i+1] == '*' {
				b.WriteString(`\*`)
				i++
				continue
			}
			b.WriteString(`\\`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20:
			fmt.Fprintf(&b, `\u{%x}`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func stringSet(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = Quote(v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
