package jitna

import (
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// stackValidation runs, during the CDK's synthesis, the checks of every
// construct of this library in one stack: one jsii callback per stack rather
// than one per construct. jsii calls Validate; a pointer receiver is required
// for jsii to hold it.
type stackValidation struct {
	state     *appState
	stackPath string
}

// Validate returns one message per problem, each naming the construct path
// (the CDK prefixes the stack's).
func (v *stackValidation) Validate() *[]*string {
	err := v.state.validateUnder(v.stackPath)
	v.state.warnAcrossDocuments(v.stackPath)
	v.state.validated(v.stackPath)
	lines := check.Lines(err)
	msgs := make([]*string, len(lines))
	for i, l := range lines {
		msgs[i] = jsii.String(l)
	}
	return &msgs
}

type registration struct {
	path  string
	check func() error
}

// addValidation registers fn as the check of the construct at s: with the
// CDK (it runs at synthesis and fails it) and with Validate. The result is
// kept until the app's state changes, so that Validate and the CDK's
// validation pass do the work once. The first check of a stack registers the
// stack's validation with the CDK.
func addValidation(s site, fn func() error) {
	st := s.state
	fn = st.memo(fn)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.checks = append(st.checks, registration{path: s.path, check: fn})
	if !slices.Contains(st.hooked, s.stackPath) {
		st.hooked = append(st.hooked, s.stackPath)
		s.stack.Node().AddValidation(&stackValidation{state: st, stackPath: s.stackPath})
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
	st := findState(node.Root())
	if st == nil {
		return nil
	}
	return st.validateUnder(*node.Path())
}

// validateUnder runs the checks of the constructs at or below prefix.
func (s *appState) validateUnder(prefix string) error {
	s.mu.Lock()
	var mine []registration
	for _, r := range s.checks {
		if within(prefix, r.path) {
			mine = append(mine, r)
		}
	}
	s.mu.Unlock()
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

// validated records that the CDK's synthesis validated the stack at
// stackPath. Once it has validated every stack holding constructs of this
// library, the app is synthesized, and the state keeps only what Validate
// and a forced synthesis can still ask for: the problems found. jsii never
// releases an object handed to it (the validation hooks hold the state), so
// whatever the state keeps lives as long as the process; constructs added
// after synthesis are checked on their own, not with those before them.
func (s *appState) validated(stackPath string) {
	s.mu.Lock()
	if s.synthesized == nil {
		s.synthesized = map[string]bool{}
	}
	s.synthesized[stackPath] = true
	if len(s.synthesized) < len(s.hooked) {
		s.mu.Unlock()
		return
	}
	checks := s.checks
	s.checks = nil
	s.synthesized = nil
	s.mu.Unlock()

	var kept []registration
	for _, r := range checks {
		if err := r.check(); err != nil { // memoized: already computed
			kept = append(kept, registration{path: r.path, check: func() error { return err }})
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.checks = append(kept, s.checks...)
	s.collected = nil
}
