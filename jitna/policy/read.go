package policy

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// reader turns loosely typed content (maps from JSON, YAML or a template)
// into model fields, recording a problem for each value of the wrong type.
type reader struct{ c *check.Collector }

// object returns v as a map and records keys that are not in allowed.
func (r reader) object(field string, v any, allowed ...string) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		r.c.Addf(field, describe(v), "must be a mapping with the keys %s", strings.Join(allowed, ", "))
		return nil
	}
	known := make(map[string]bool, len(allowed))
	for _, k := range allowed {
		known[k] = true
	}
	var unknown []string
	for k := range m {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		r.c.Field(field).Addf(k, "", "is not a key of this document: the keys are %s", strings.Join(allowed, ", "))
	}
	return m
}

// list returns v as a list (nil records a problem when v is not one).
func (r reader) list(field string, v any) []any {
	l, ok := v.([]any)
	if !ok && v != nil {
		r.c.Add(field, describe(v), "must be a list")
	}
	return l
}

// str returns v as a string; an intrinsic function becomes check.Unresolved.
func (r reader) str(field string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64, int, bool:
		return fmt.Sprint(x)
	case map[string]any:
		if fn, ok := intrinsicName(x); ok {
			return check.Unresolved(fn)
		}
	}
	r.c.Add(field, describe(v), "must be a string")
	return ""
}

// whole returns v as a whole number (a number or a numeric string).
func (r reader) whole(field string, v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return int(x), true
		}
	case int:
		return x, true
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			return n, true
		}
	case map[string]any:
		if fn, ok := intrinsicName(x); ok {
			r.c.Addf(field, "", "is computed at deployment (%s): give a literal number so that it can be checked", fn)
			return 0, false
		}
	}
	r.c.Add(field, describe(v), "must be a whole number")
	return 0, false
}

// duration returns v, a whole number of units, as a duration. A number too
// large for a duration is out of range (it would wrap around).
func (r reader) duration(field string, v any, unit time.Duration) (time.Duration, bool) {
	n, ok := r.whole(field, v)
	if !ok {
		return 0, false
	}
	if limit := int(math.MaxInt64 / unit); n > limit || n < -limit {
		r.c.Addf(field, strconv.Itoa(n), "is out of range: a duration is at most %d %s", limit, unitName(unit))
		return 0, false
	}
	return time.Duration(n) * unit, true
}

// boolean returns v as a bool (a bool, or "true"/"false" as the AWS sample
// writes cloudWatchEncryptionEnabled); nil gives nil.
func (r reader) boolean(field string, v any) *bool {
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		return Bool(x)
	case string:
		if b, err := strconv.ParseBool(x); err == nil {
			return Bool(b)
		}
	}
	r.c.Add(field, describe(v), "must be true or false")
	return nil
}

// constant records a problem when v is not the fixed value want.
func (r reader) constant(field string, v any, want string) {
	if v == nil {
		r.c.Addf(field, "", "is missing: must be %q", want)
		return
	}
	if got := r.str(field, v); got != want && !check.IsToken(got) {
		r.c.Addf(field, got, "must be %q", want)
	}
}

func intrinsicName(m map[string]any) (string, bool) {
	if len(m) != 1 {
		return "", false
	}
	for k := range m {
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, true
		}
	}
	return "", false
}

// describe renders a value for a problem, briefly.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return check.Shorten(x)
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	}
	return fmt.Sprint(v)
}
