package jitna

import (
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
)

// site is where a construct of this library sits, looked up once: every
// jsii round trip costs time, and a stack's root and path never change.
type site struct {
	node      constructs.Node
	path      string
	root      constructs.IConstruct
	stack     awscdk.Stack
	stackPath string
}

var stackSites struct {
	sync.Mutex
	byStack map[awscdk.Stack]site
}

// siteOf returns c's site: three jsii calls, three more the first time its
// stack is seen.
func siteOf(c constructs.Construct) site {
	node := c.Node()
	stack := awscdk.Stack_Of(c)
	stackSites.Lock()
	defer stackSites.Unlock()
	if stackSites.byStack == nil {
		stackSites.byStack = map[awscdk.Stack]site{}
	}
	s, seen := stackSites.byStack[stack]
	if !seen {
		sn := stack.Node()
		s = site{root: sn.Root(), stack: stack, stackPath: *sn.Path()}
		stackSites.byStack[stack] = s
	}
	s.node, s.path = node, *node.Path()
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
