package check

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Collector gathers problems under a field prefix. The zero value is not
// usable; start with New and narrow with Field and Index.
type Collector struct {
	prefix string
	list   *[]Problem
}

// New returns an empty collector with no field prefix.
func New() *Collector {
	return &Collector{list: new([]Problem)}
}

// Field returns a collector that writes into the same list with name appended
// to the field prefix ("Jitna" then "TargetRegions" gives "Jitna.TargetRegions").
func (c *Collector) Field(name string) *Collector {
	return &Collector{prefix: c.join(name), list: c.list}
}

// Index returns a collector for element i of the list field name
// ("Approvers", 2 gives "Approvers[2]").
func (c *Collector) Index(name string, i int) *Collector {
	return c.Field(fmt.Sprintf("%s[%d]", name, i))
}

func (c *Collector) join(name string) string {
	switch {
	case c.prefix == "":
		return name
	case name == "":
		return c.prefix
	default:
		return c.prefix + "." + name
	}
}

// Add records a problem for the field name under this collector's prefix.
func (c *Collector) Add(name, value, message string) {
	*c.list = append(*c.list, Problem{Field: c.join(name), Value: value, Message: message})
}

// Addf records a problem with a formatted message.
func (c *Collector) Addf(name, value, format string, args ...any) {
	c.Add(name, value, fmt.Sprintf(format, args...))
}

// Merge records every problem of err (see Problems), prefixing their fields.
func (c *Collector) Merge(err error) {
	for _, p := range Problems(err) {
		p.Field = c.join(p.Field)
		*c.list = append(*c.list, p)
	}
}

// Len returns how many problems have been recorded so far (across all
// collectors sharing the list).
func (c *Collector) Len() int { return len(*c.list) }

// Err returns the recorded problems as an *Error, or nil when there are none.
func (c *Collector) Err() error {
	if len(*c.list) == 0 {
		return nil
	}
	return &Error{Problems: append([]Problem(nil), *c.list...)}
}

// Required records a problem when value is empty.
func (c *Collector) Required(name, value, what string) bool {
	if value == "" {
		c.Add(name, "", "is required: "+what)
		return false
	}
	return true
}

// Match records a problem when value (not a token) does not match re.
// allowed describes the accepted form for the message.
func (c *Collector) Match(name, value string, re *regexp.Regexp, allowed string) bool {
	if IsToken(value) || re.MatchString(value) {
		return true
	}
	c.Add(name, value, "is not valid: must be "+allowed)
	return false
}

// Length records a problem when value (not a token) has fewer than min or more
// than max characters.
func (c *Collector) Length(name, value string, min, max int) bool {
	if IsToken(value) {
		return true
	}
	n := utf8.RuneCountInString(value)
	if n < min || n > max {
		c.Addf(name, Shorten(value), "is %d characters long: must be %d to %d", n, min, max)
		return false
	}
	return true
}

// OneOf records a problem when value (not a token) is not one of allowed,
// suggesting the allowed value it most likely meant (Suggest).
func (c *Collector) OneOf(name, value string, allowed []string) bool {
	if IsToken(value) {
		return true
	}
	for _, a := range allowed {
		if value == a {
			return true
		}
	}
	c.Add(name, value, "is not allowed"+DidYouMean(value, allowed)+": must be one of "+strings.Join(allowed, ", "))
	return false
}

// Unique records a problem for each value (tokens aside) that repeats an earlier
// element of the list field name.
func (c *Collector) Unique(name string, values []string) bool {
	seen := make(map[string]int, len(values))
	ok := true
	for i, v := range values {
		if IsToken(v) {
			continue
		}
		if first, dup := seen[v]; dup {
			c.Index(name, i).Addf("", v, "is listed twice (first at %s[%d]): list each value once", name, first)
			ok = false
			continue
		}
		seen[v] = i
	}
	return ok
}

// Shorten cuts a long value for a message, keeping its start and length.
func Shorten(v string) string {
	const keep = 60
	if utf8.RuneCountInString(v) <= keep {
		return v
	}
	r := []rune(v)
	return fmt.Sprintf("%s… (%d characters)", string(r[:keep]), len(r))
}
