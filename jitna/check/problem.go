// Package check collects problems with user input: every problem at once, each
// naming where it is (a construct path or file:line), the field, the value given
// and what is allowed.
//
// It is the error vocabulary shared by the jsii-free core (Quick Setup rules,
// document models, the config loader, the commands) and the constructs, which
// only add the construct path. It imports nothing from aws-cdk-go.
package check

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Problem is one thing wrong with an input.
type Problem struct {
	// Path says where the input came from: a construct path such as
	// "Enablement/Jitna" or a file position such as "jitna.yaml:12". Empty
	// when the caller has not set it yet.
	Path string
	// Field names the input, dotted with indexes, such as
	// "Jitna.TargetRegions[0]".
	Field string
	// Value is the value given, verbatim; empty when the value is missing.
	Value string
	// Message says what is wrong and what is allowed, such as
	// "must be 12 digits".
	Message string
}

// Error renders the problem on one line:
// `PATH: FIELD: "VALUE" MESSAGE` (path and value left out when empty).
func (p Problem) Error() string {
	var b strings.Builder
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	if p.Value != "" {
		b.WriteString(strconv.Quote(p.Value))
		b.WriteString(" ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Error is a non-empty list of problems, reported one per line, and the
// warnings found with them (risks that do not stop synthesis, shown after
// the problems so that a reader fixing them sees everything at once).
type Error struct {
	Problems []Problem
	// Warnings are shown after the problems, each as WarningLine renders
	// it. Default: none.
	Warnings []Problem
}

// WarningLine renders p as a warning: `PATH: warning: FIELD: "VALUE" MESSAGE`.
func WarningLine(p Problem) string {
	path := p.Path
	p.Path = ""
	if path == "" {
		return "warning: " + p.Error()
	}
	return path + ": warning: " + p.Error()
}

// Error joins the problems, one per line.
func (e *Error) Error() string {
	return strings.Join(Lines(e), "\n")
}

// MaxShown is how many problems Error and Lines show: past it, one line
// says how many more there are (Problems returns them all). A cascade, such
// as a YAML alias bomb, is then a screenful, not thousands of lines.
const MaxShown = 50

// Lines returns one line per problem of err, at most MaxShown, then, if
// there are more, a line that says how many, then a line per warning.
func Lines(err error) []string {
	problems := Problems(err)
	if problems == nil && err != nil {
		return []string{err.Error()}
	}
	shown := problems[:min(len(problems), MaxShown)]
	lines := make([]string, len(shown), len(shown)+1)
	for i, p := range shown {
		lines[i] = p.Error()
	}
	if more := len(problems) - len(shown); more > 0 {
		lines = append(lines, fmt.Sprintf("… and %d more problems (%d in all)", more, len(problems)))
	}
	var all *Error
	if errors.As(err, &all) {
		for _, w := range all.Warnings {
			lines = append(lines, WarningLine(w))
		}
	}
	return lines
}

// Unwrap exposes each problem to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// Problems returns the problems carried by err: those of an *Error or a Problem
// found with errors.As, or a single problem holding err's text otherwise. It
// returns nil for a nil error.
func Problems(err error) []Problem {
	if err == nil {
		return nil
	}
	var all *Error
	if errors.As(err, &all) {
		return all.Problems
	}
	var one Problem
	if errors.As(err, &one) {
		return []Problem{one}
	}
	return []Problem{{Message: err.Error()}}
}

// Join merges the problems of several errors (nil ones are skipped) into one
// *Error, or returns nil when there are none.
func Join(errs ...error) error {
	var all []Problem
	for _, err := range errs {
		all = append(all, Problems(err)...)
	}
	if len(all) == 0 {
		return nil
	}
	return &Error{Problems: all}
}

// AtPath returns err with path set on every problem that has no path yet, or
// nil for a nil error.
func AtPath(err error, path string) error {
	ps := Problems(err)
	if ps == nil {
		return nil
	}
	out := make([]Problem, len(ps))
	for i, p := range ps {
		if p.Path == "" {
			p.Path = path
		}
		out[i] = p
	}
	return &Error{Problems: out}
}
