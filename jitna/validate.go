package jitna

import (
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// validation adapts a core check to constructs.IValidation. jsii calls Validate
// during synthesis; a pointer receiver is required for jsii to hold it.
type validation struct {
	check func() error
}

// Validate returns one message per problem. The construct path is left out:
// the CDK prefixes it.
func (v *validation) Validate() *[]*string {
	problems := check.Problems(v.check())
	msgs := make([]*string, len(problems))
	for i, p := range problems {
		msgs[i] = jsii.String(p.Error())
	}
	return &msgs
}

type registration struct {
	root  constructs.IConstruct
	path  string
	check func() error
}

// registry remembers every construct check in Go, so that Validate can run
// them without synthesis (and without a jsii round trip per construct).
var registry struct {
	sync.Mutex
	entries []registration
}

// addValidation registers fn as c's check: with the CDK (it runs at synthesis
// and fails it) and with Validate.
func addValidation(c constructs.Construct, fn func() error) {
	node := c.Node()
	node.AddValidation(&validation{check: fn})
	registry.Lock()
	defer registry.Unlock()
	registry.entries = append(registry.entries, registration{root: node.Root(), path: *node.Path(), check: fn})
}

// Validate runs the checks of every construct of this library under scope
// (scope included) without synthesizing, and returns all their problems as one
// error (a *check.Error, one problem per line, each naming the construct path,
// the field, the value and what is allowed), or nil.
//
// The same checks run during synthesis, where they fail `cdk synth` with the
// CDK's "Validation failed" error; Validate gives tests and programs a Go error
// value instead of a jsii panic. Call it before app.Synth.
func Validate(scope constructs.IConstruct) error {
	node := scope.Node()
	root, prefix := node.Root(), *node.Path()
	registry.Lock()
	var mine []registration
	for _, r := range registry.entries {
		if r.root == root && within(prefix, r.path) {
			mine = append(mine, r)
		}
	}
	registry.Unlock()
	errs := make([]error, 0, len(mine))
	for _, r := range mine {
		errs = append(errs, check.AtPath(r.check(), displayPath(r.path)))
	}
	return check.Join(errs...)
}

// within reports whether path is prefix or below it.
func within(prefix, path string) bool {
	return prefix == "" || path == prefix || strings.HasPrefix(path, prefix+"/")
}

// displayPath names the app root explicitly, where a construct path is empty.
func displayPath(path string) string {
	if path == "" {
		return "<app>"
	}
	return path
}
