package template

import (
	"fmt"
	"regexp"
	"strings"
)

// resolver replaces what a template computes from its parameters: the
// values CloudFormation deploys it with.
type resolver struct {
	defaults map[string]any
}

// newResolver takes each parameter's value as CloudFormation does: the one
// given (a StackSet's Parameters, for its member template) over the
// template's Default. A value given that is not a string (computed at
// deployment) leaves the parameter unknown.
func newResolver(parameters any, given map[string]any) resolver {
	r := resolver{defaults: map[string]any{}}
	params, _ := parameters.(map[string]any)
	for name, p := range params {
		if v, ok := given[name]; ok {
			if s, isString := v.(string); isString {
				r.defaults[name] = s
			}
			continue
		}
		pm, _ := p.(map[string]any)
		if d, ok := pm["Default"]; ok {
			r.defaults[name] = fmt.Sprint(d)
		}
	}
	return r
}

var subVariable = regexp.MustCompile(`\$\{([^!}][^}]*)\}`)

// resolve returns v with Ref and Fn::Sub over parameters with defaults
// replaced by their values; other intrinsic functions stay as they are.
func (r resolver) resolve(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = r.resolve(e)
		}
		return out
	case map[string]any:
		if len(x) == 1 {
			if name, ok := x["Ref"].(string); ok {
				if d, ok := r.defaults[name]; ok {
					return d
				}
				return x
			}
			if s, ok := x["Fn::Sub"].(string); ok {
				if out, ok := r.sub(s); ok {
					return out
				}
				return x
			}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = r.resolve(e)
		}
		return out
	}
	return v
}

// sub substitutes ${Param} in s, when every variable has a default.
func (r resolver) sub(s string) (string, bool) {
	ok := true
	out := subVariable.ReplaceAllStringFunc(s, func(m string) string {
		name := strings.TrimSpace(m[2 : len(m)-1])
		d, found := r.defaults[name]
		if !found {
			ok = false
			return m
		}
		return fmt.Sprint(d)
	})
	return strings.ReplaceAll(out, "${!", "${"), ok
}
