package simulate

import (
	"maps"
	"strings"
	"testing"
)

// Expectation pins one request's outcome in a test:
//
//	simulate.Expect(t, policies).Node(map[string]string{"Environment": "PROD"}).
//		User("on-call-group-id").IsAutoApproved()
//
// Each assertion fails the test with the decision's explanation.
type Expectation struct {
	t    testing.TB
	sim  *Simulator
	node Node
	req  Requester
}

// Expect starts an expectation against policies (their Cedar must parse).
func Expect(t testing.TB, p Policies) *Expectation {
	t.Helper()
	sim, err := New(p)
	if err != nil {
		t.Fatalf("simulate: %v", err)
	}
	return &Expectation{t: t, sim: sim}
}

// Node sets the node's tags (an EC2 instance unless Managed is called).
func (e *Expectation) Node(tags map[string]string) *Expectation {
	c := *e
	c.node = Node{Tags: tags}
	return &c
}

// Managed makes the node a managed (non-EC2) node.
func (e *Expectation) Managed() *Expectation {
	c := *e
	c.node.Type = Managed
	return &c
}

// User makes the requester the IAM Identity Center user userID (a user id
// such as 906747e2-…; "" for any user), a member of the groups groupIDs
// (group ids, as Cedar's principal in AWS::IdentityStore::Group tests them).
func (e *Expectation) User(userID string, groupIDs ...string) *Expectation {
	c := *e
	c.req = Requester{UserID: userID, Groups: groupIDs, Attributes: e.req.Attributes, PrincipalTags: e.req.PrincipalTags}
	return &c
}

// WithAttribute sets one of the user's attributes (employeeNumber,
// costCenter, organization, division).
func (e *Expectation) WithAttribute(name, value string) *Expectation {
	c := *e
	c.req.Attributes = merged(e.req.Attributes, name, value)
	return &c
}

// IAMRole makes the requester an IAM role with principal tags.
func (e *Expectation) IAMRole(name string, principalTags map[string]string) *Expectation {
	c := *e
	c.req = Requester{IAMRole: name, PrincipalTags: principalTags}
	return &c
}

// Decide returns the decision, for assertions of your own.
func (e *Expectation) Decide() Decision { return e.sim.Decide(e.node, e.req) }

// IsAutoApproved asserts that the request is auto-approved.
func (e *Expectation) IsAutoApproved() {
	e.t.Helper()
	e.expect(AutoApproved, "")
}

// NeedsManualApproval asserts that exactly the named manual approval policy
// decides the request.
func (e *Expectation) NeedsManualApproval(policyName string) {
	e.t.Helper()
	e.expect(NeedsManualApproval, policyName)
}

// CannotRequest asserts that no policy applies: the node cannot be requested.
func (e *Expectation) CannotRequest() {
	e.t.Helper()
	e.expect(NoApplicablePolicy, "")
}

// IsConflict asserts that two or more manual policies apply (requests fail),
// exactly the named ones when names are given.
func (e *Expectation) IsConflict(policyNames ...string) {
	e.t.Helper()
	d := e.Decide()
	if d.Outcome != Conflict || (len(policyNames) > 0 && strings.Join(d.Conflicting, ",") != strings.Join(policyNames, ",")) {
		e.fail(d, "a conflict between "+strings.Join(policyNames, ", "))
	}
}

func (e *Expectation) expect(want Outcome, policyName string) {
	e.t.Helper()
	d := e.Decide()
	if d.Outcome == want && (policyName == "" || (d.Policy != nil && d.Policy.Name == policyName)) {
		return
	}
	what := string(want)
	if policyName != "" {
		what += " by " + policyName
	}
	e.fail(d, what)
}

func (e *Expectation) fail(d Decision, want string) {
	e.t.Helper()
	e.t.Errorf("expected %s, got %s:\n  %s", want, d.Outcome, strings.Join(d.Explanation, "\n  "))
}

func merged(m map[string]string, k, v string) map[string]string {
	out := maps.Clone(m)
	if out == nil {
		out = map[string]string{}
	}
	out[k] = v
	return out
}
