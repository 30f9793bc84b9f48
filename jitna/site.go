package jitna

import (
	"strings"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// site is where a construct of this library sits. Every jsii round trip
// costs time (~0.2 ms here), and a construct's path, stack and root never
// change, so they are looked up once per scope and derived in Go for the
// constructs this library creates.
type site struct {
	path      string
	root      constructs.IConstruct
	stack     awscdk.Stack
	stackPath string
}

var sites struct {
	sync.Mutex
	byConstruct map[constructs.IConstruct]site
	byStack     map[awscdk.Stack]site
}

// newConstruct creates the construct id in scope and records its site,
// derived from scope's: no jsii call once scope has been seen.
func newConstruct(scope constructs.Construct, id string) constructs.Construct {
	c := constructs.NewConstruct(scope, jsii.String(id))
	s := siteOf(scope)
	s.path = childPath(s.path, id)
	sites.Lock()
	sites.byConstruct[c] = s
	sites.Unlock()
	return c
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

// siteOf returns c's site: recorded for the constructs newConstruct creates,
// otherwise looked up once (three jsii calls, three more the first time its
// stack is seen).
func siteOf(c constructs.IConstruct) site {
	sites.Lock()
	s, seen := sites.byConstruct[c]
	sites.Unlock()
	if seen {
		return s
	}
	stack := awscdk.Stack_Of(c)
	path := *c.Node().Path()
	sites.Lock()
	defer sites.Unlock()
	if sites.byStack == nil {
		sites.byStack = map[awscdk.Stack]site{}
		sites.byConstruct = map[constructs.IConstruct]site{}
	}
	s, seen = sites.byStack[stack]
	if !seen {
		sn := stack.Node()
		s = site{root: sn.Root(), stack: stack, stackPath: *sn.Path()}
		sites.byStack[stack] = s
	}
	s.path = path
	sites.byConstruct[c] = s
	return s
}

// generation counts changes to the registries that checks read (documents,
// enablements, deny-access policies, StackSets): a check's result stays
// valid while it is unchanged.
var generation struct {
	sync.Mutex
	n uint64
}

func bumpGeneration() {
	generation.Lock()
	generation.n++
	generation.Unlock()
}

func currentGeneration() uint64 {
	generation.Lock()
	defer generation.Unlock()
	return generation.n
}

// memo returns fn with its result kept until the registries change: checks
// run in jitna.Validate and again in the CDK's validation at synthesis.
func memo(fn func() error) func() error {
	var mu sync.Mutex
	var done bool
	var at uint64
	var result error
	return func() error {
		mu.Lock()
		defer mu.Unlock()
		g := currentGeneration()
		if !done || at != g {
			result, at, done = fn(), g, true
		}
		return result
	}
}
