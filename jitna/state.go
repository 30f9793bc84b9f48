package jitna

import (
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// stateID is the id, under the root of an app's construct tree, of the
// construct that holds what this library collects across that app.
const stateID = "cdk-jitna"

// appState is what this library collects across the constructs of one app:
// the checks Validate and the CDK's validation run, the JITNA documents of
// each stack (for the rules that hold across one account and Region), the
// deny-access policies and JITNA managers the guardrails relate, and the
// guardrail suppressions. It is a construct of the app's own tree (id
// stateID, under the root), found there with TryFindChild as the CDK finds
// its singletons: it lives exactly as long as the app, and two apps in one
// process never see each other's.
type appState struct {
	constructs.Construct

	mu sync.Mutex
	// generation counts the changes the checks read: a check's result
	// stays valid while it is unchanged (see memo).
	generation uint64
	// checks are the constructs' checks, in creation order; hooked the
	// paths of the stacks whose validation is registered with the CDK (an
	// app has a few).
	checks []registration
	hooked []string
	// synthesized are the stacks the CDK validated in the synthesis under
	// way, by path (see validated).
	synthesized map[string]bool
	// collected is what the checks and the guardrails read until the app
	// is synthesized; nil until a construct needs it (see open).
	collected *collected
}

// collected is what the constructs of an app collect for their checks and
// for the guardrails.
type collected struct {
	// sites are the sites of the scopes, not created by this library, that
	// its constructs were created in; stacks the sites of their stacks.
	sites  map[constructs.IConstruct]site
	stacks map[awscdk.Stack]site
	// documents are the JITNA documents of each stack, by stack path, and
	// findings the result of policy.CheckSet over them.
	documents map[string][]documentEntry
	findings  map[string]cachedFindings
	// owned maps the L1s the guardrails visit on behalf of this library's
	// constructs (a JitnaOrganization's JITNA manager, a MemberStackSet's
	// StackSet) to what they check there.
	owned        map[constructs.IConstruct]ownedL1
	suppressions []suppression
	// denyAccess are the paths of the deny-access policies, in creation
	// order.
	denyAccess []string
	// keyPairs are the guardrails' session documents and KMS keys, per
	// Guardrails and stack.
	keyPairs map[pairing]*stackKeys
	// recordings are the paths of the RDP recording preferences of each
	// stack, by stack path, in creation order.
	recordings map[string][]string
	// handlers are the custom-resource handlers, by stack path.
	handlers map[string]*customHandler
}

// ownedL1 is an L1 the guardrails check for the construct that owns it,
// where they report.
type ownedL1 struct {
	owner constructs.Construct
	// member is the member template a MemberStackSet's StackSet deploys
	// (checked as an app of its own); nil for a JITNA manager.
	member *template.Template
}

// noteOwned records an L1 the guardrails check for its owner.
func (s *appState) noteOwned(l1 constructs.IConstruct, owner constructs.Construct, member *template.Template) {
	s.mu.Lock()
	s.open().owned[l1] = ownedL1{owner: owner, member: member}
	s.mu.Unlock()
}

// ownedAt returns the record of l1, if this library owns it. It does not
// create what the app collected (it may have been released).
func (s *appState) ownedAt(l1 constructs.IConstruct) (ownedL1, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.collected == nil {
		return ownedL1{}, false
	}
	o, ok := s.collected.owned[l1]
	return o, ok
}

// findState returns the state of the app whose root is root, or nil when no
// construct of this library was created in it.
func findState(root constructs.IConstruct) *appState {
	s, _ := root.Node().TryFindChild(jsii.String(stateID)).(*appState)
	return s
}

// stateOf returns the state of the app whose root is root, creating it with
// the first construct of this library.
func stateOf(root constructs.IConstruct) *appState {
	if s := findState(root); s != nil {
		return s
	}
	s := &appState{}
	scope, ok := root.(constructs.Construct)
	if !ok {
		// The tree's root arrives typed as the interface; every root is a
		// Construct.
		jsii.UnsafeCast(root, &scope)
	}
	constructs.NewConstruct_Override(s, scope, jsii.String(stateID))
	return s
}

// open returns what the app's constructs collected, creating it when the
// app has none (new, or synthesized). The caller holds s.mu.
func (s *appState) open() *collected {
	if s.collected == nil {
		s.collected = &collected{
			sites:      map[constructs.IConstruct]site{},
			stacks:     map[awscdk.Stack]site{},
			documents:  map[string][]documentEntry{},
			findings:   map[string]cachedFindings{},
			owned:      map[constructs.IConstruct]ownedL1{},
			keyPairs:   map[pairing]*stackKeys{},
			recordings: map[string][]string{},
			handlers:   map[string]*customHandler{},
		}
	}
	return s.collected
}

// changed records a change the checks read.
func (s *appState) changed() {
	s.mu.Lock()
	s.generation++
	s.mu.Unlock()
}

func (s *appState) currentGeneration() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.generation
}

// memo returns fn with its result kept until the state changes: checks run
// in Validate and again in the CDK's validation at synthesis.
func (s *appState) memo(fn func() error) func() error {
	var mu sync.Mutex
	var done bool
	var at uint64
	var result error
	return func() error {
		mu.Lock()
		defer mu.Unlock()
		g := s.currentGeneration()
		if !done || at != g {
			result, at, done = fn(), g, true
		}
		return result
	}
}

// ToString is what Construct.toString returns for this construct, its path.
// jsii registers a Go construct only with a method of its own.
func (s *appState) ToString() *string { return jsii.String(stateID) }
