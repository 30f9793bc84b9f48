package jitna

import (
	"strings"
	"sync"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// stackValidation runs, during the CDK's synthesis, the checks of every
// construct of this library in one stack: one jsii callback per stack rather
// than one per construct. jsii calls Validate; a pointer receiver is required
// for jsii to hold it.
type stackValidation struct {
	root      constructs.IConstruct
	stackPath string
}

// Validate returns one message per problem, each naming the construct path
// (the CDK prefixes the stack's).
func (v *stackValidation) Validate() *[]*string {
	problems := check.Problems(validateUnder(v.root, v.stackPath))
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
// them without synthesis (and without a jsii round trip per construct), and
// the apps whose synthesis runs them.
var registry struct {
	sync.Mutex
	entries []registration
	stacks  map[stackKey]bool
}

// addValidation registers fn as c's check: with the CDK (it runs at synthesis
// and fails it) and with Validate.
func addValidation(c constructs.Construct, fn func() error) {
	addValidationAt(siteOf(c), fn)
}

// addValidationAt is addValidation for a construct whose site is known. The
// result is kept until the registries change, so that Validate and the CDK's
// validation pass do the work once. The first check of an app registers the
// app's validation with the CDK.
func addValidationAt(s site, fn func() error) {
	fn = memo(fn)
	registry.Lock()
	defer registry.Unlock()
	registry.entries = append(registry.entries, registration{root: s.root, path: s.path, check: fn})
	key := stackKey{root: s.root, path: s.stackPath}
	if registry.stacks == nil {
		registry.stacks = map[stackKey]bool{}
	}
	if !registry.stacks[key] {
		registry.stacks[key] = true
		s.stack.Node().AddValidation(&stackValidation{root: s.root, stackPath: s.stackPath})
	}
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
	return validateUnder(node.Root(), *node.Path())
}

// validateUnder runs the checks of the constructs at or below prefix in the
// app root.
func validateUnder(root constructs.IConstruct, prefix string) error {
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
