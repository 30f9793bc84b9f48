package check

import "strings"

// IsToken reports whether s holds a value that is only known at deployment:
// an AWS CDK token (`${Token[…]}` for strings, `#{Token[…]}` for encoded lists,
// as produced by CfnParameter.ValueAsString, Fn_Ref, resource attributes and so
// on), a CloudFormation dynamic reference (`{{resolve:…}}`), or an intrinsic
// function a template reader could not resolve (see Unresolved). Checks skip
// such values: they cannot see them.
func IsToken(s string) bool {
	return strings.Contains(s, "${Token[") ||
		strings.Contains(s, "#{Token[") ||
		strings.Contains(s, "{{resolve:") ||
		strings.Contains(s, unresolvedPrefix)
}

const unresolvedPrefix = "${Unresolved["

// Unresolved returns a placeholder for a value of a template that is only
// known at deployment (an intrinsic function such as Fn::Sub, named by what):
// IsToken recognizes it, so checks skip it as they skip CDK tokens.
func Unresolved(what string) string {
	return unresolvedPrefix + what + "]}"
}

// AnyToken reports whether any element of values is a token (see IsToken).
func AnyToken(values []string) bool {
	for _, v := range values {
		if IsToken(v) {
			return true
		}
	}
	return false
}
