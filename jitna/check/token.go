package check

import "strings"

// IsToken reports whether s holds a value that is only known at deployment:
// an AWS CDK token (`${Token[…]}` for strings, `#{Token[…]}` for encoded lists,
// as produced by CfnParameter.ValueAsString, Fn_Ref, resource attributes and so
// on) or a CloudFormation dynamic reference (`{{resolve:…}}`). Checks skip such
// values: they cannot see them.
func IsToken(s string) bool {
	return strings.Contains(s, "${Token[") ||
		strings.Contains(s, "#{Token[") ||
		strings.Contains(s, "{{resolve:")
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
