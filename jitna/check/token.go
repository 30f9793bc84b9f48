package check

import (
	"regexp"
	"strings"
)

// IsToken reports whether s holds a value that is only known at deployment:
// an AWS CDK token anywhere in it (`${Token[…]}` for strings, `#{Token[…]}`
// for encoded lists, as produced by CfnParameter.ValueAsString, Fn_Ref,
// resource attributes and so on, alone or concatenated), or, as the whole
// value, a CloudFormation dynamic reference (`{{resolve:…}}`) or an intrinsic
// function a template reader could not resolve (see Unresolved). Checks skip
// such values: they cannot see them. A value that merely contains the start
// of one is not a token, and is checked.
func IsToken(s string) bool {
	if !strings.Contains(s, "{") {
		return false // the fast path: most values hold no brace
	}
	return cdkToken.MatchString(s) || wholeReference.MatchString(s)
}

// HasCDKToken reports whether s holds an AWS CDK token (`${Token[…]}`,
// `#{Token[…]}`): what only a CDK app in memory holds. A synthesized
// template never does: there, such text is a mistake, not a value known at
// deployment.
func HasCDKToken(s string) bool {
	return strings.Contains(s, "{Token[") && cdkToken.MatchString(s)
}

// cdkToken is a token the AWS CDK encodes in a string, which may be part of a
// longer string (a concatenation such as "arn:${Token[AWS.Partition.3]}:…").
// Its shape is the CDK's: a name, a dot and a sequence number.
var cdkToken = regexp.MustCompile(`[$#]\{Token\[[^\[\]{}\s]+\.\d+\]\}`)

// wholeReference is a dynamic reference or a reader's placeholder that is
// the whole value: a value that merely contains "{{resolve:" or
// "${Unresolved[" is checked like any other.
var wholeReference = regexp.MustCompile(`^(\{\{resolve:[a-z-]+:[^{}]+\}\}|\$\{Unresolved\[[^\[\]{}]*\]\})$`)

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
