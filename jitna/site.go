package jitna

import (
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// site is where a construct of this library sits, and the state of its app.
// Every jsii round trip costs time, and a construct's path, stack and root
// never change, so they are looked up once per scope and derived in Go for
// the constructs this library creates.
type site struct {
	state     *appState
	path      string
	stack     awscdk.Stack
	stackPath string
}

// sited is a construct of this library: it knows its site.
type sited interface {
	jitnaSite() site
}

// newConstruct creates the construct id in scope and returns it with its
// site, derived from scope's: no jsii call when scope is a construct of this
// library or was seen before.
func newConstruct(scope constructs.Construct, id string) (constructs.Construct, site) {
	c := constructs.NewConstruct(scope, jsii.String(id))
	s := siteOf(scope)
	s.path = childPath(s.path, id)
	return c, s
}

// childPath is the path of the child id of the construct at parent, as the
// constructs library forms it (a "/" in an id becomes "--").
func childPath(parent, id string) string {
	id = strings.ReplaceAll(id, "/", "--")
	if parent == "" {
		return id
	}
	return parent + "/" + id
}

// siteOf returns c's site: known for the constructs of this library,
// otherwise looked up in the app's state (four jsii calls), and the first
// time c is seen in the construct tree (two more, three more the first time
// its stack is seen).
func siteOf(c constructs.IConstruct) site {
	if own, ok := c.(sited); ok {
		return own.jitnaSite()
	}
	st := stateOf(c.Node().Root())
	st.mu.Lock()
	s, seen := st.open().sites[c]
	st.mu.Unlock()
	if seen {
		return s
	}
	stack := awscdk.Stack_Of(c)
	path := *c.Node().Path()
	st.mu.Lock()
	defer st.mu.Unlock()
	col := st.open()
	s, seen = col.stacks[stack]
	if !seen {
		s = site{state: st, stack: stack, stackPath: *stack.Node().Path()}
		col.stacks[stack] = s
	}
	s.path = path
	col.sites[c] = s
	return s
}

// placed is embedded in every construct of this library: its site, so that
// constructs created in it need no jsii call to find theirs.
type placed struct{ at site }

func (p placed) jitnaSite() site { return p.at }

// regions returns the stack's Region when it is written out (an
// environment-agnostic stack's is a token: none), for the rules that hold
// per Region (policy.CheckKeyRegions).
func (s site) regions() []string {
	if s.stack == nil {
		return nil
	}
	if r := *s.stack.Region(); !check.IsToken(r) {
		return []string{r}
	}
	return nil
}
