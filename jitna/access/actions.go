package access

import (
	"regexp"
	"strings"
)

// StartSession is the action that bypasses JITNA: whoever may call it opens
// Session Manager sessions without an access request.
const StartSession = "ssm:StartSession"

// Covers reports whether an IAM action pattern ("ssm:Start*", "*",
// "SSM:StartSession") matches action; patterns are case-insensitive and take
// * and ? wildcards.
func Covers(pattern, action string) bool {
	re := "^" + strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(strings.ToLower(pattern))) + "$"
	ok, _ := regexp.MatchString(re, strings.ToLower(action))
	return ok
}

// GrantsAction reports whether one statement of a policy document (as
// CloudFormation writes it: Effect, Action or NotAction, a string or a list)
// allows action, and returns the pattern that does.
func GrantsAction(statement map[string]any, action string) (string, bool) {
	if statement["Effect"] != "Allow" {
		return "", false
	}
	if a, ok := statement["Action"]; ok {
		for _, p := range stringList(a) {
			if Covers(p, action) {
				return p, true
			}
		}
		return "", false
	}
	if na, ok := statement["NotAction"]; ok {
		for _, p := range stringList(na) {
			if Covers(p, action) {
				return "", false
			}
		}
		return "NotAction " + strings.Join(stringList(na), ","), true
	}
	return "", false
}

// DocumentGrants returns the patterns of a policy document's statements that
// allow action.
func DocumentGrants(document any, action string) []string {
	doc, _ := document.(map[string]any)
	var out []string
	for _, s := range statementList(doc["Statement"]) {
		if p, ok := GrantsAction(s, action); ok {
			out = append(out, p)
		}
	}
	return out
}

// BroadManagedPolicies returns AWS managed policies that grant ssm:StartSession.
func BroadManagedPolicies() []string {
	return []string{"AdministratorAccess", "PowerUserAccess", "AmazonSSMFullAccess"}
}

// ManagedPolicyGrants reports whether a managed policy ARN names one of
// BroadManagedPolicies.
func ManagedPolicyGrants(arn string) (string, bool) {
	for _, name := range BroadManagedPolicies() {
		if strings.HasSuffix(arn, ":policy/"+name) {
			return name, true
		}
	}
	return "", false
}

func statementList(v any) []map[string]any {
	switch x := v.(type) {
	case map[string]any:
		return []map[string]any{x}
	case []any:
		var out []map[string]any
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

func stringList(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return x
	}
	return nil
}
