package jitna

import (
	"sync"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// appEnablement remembers, per app, the JITNA targets a JitnaOrganization
// declares, so that constructs elsewhere in the app (a member StackSet) can be
// checked against them at synthesis, whichever was created first.
var appEnablement struct {
	sync.Mutex
	byRoot map[constructs.IConstruct]quicksetup.Jitna
	// organizations and memberStackSets let the guardrails recognize this
	// library's constructs when they visit them.
	organizations   map[constructs.IConstruct]*JitnaOrganization
	memberStackSets map[constructs.IConstruct]*MemberStackSet
}

func declareEnablement(o *JitnaOrganization) {
	appEnablement.Lock()
	defer appEnablement.Unlock()
	defer bumpGeneration()
	if appEnablement.byRoot == nil {
		appEnablement.byRoot = map[constructs.IConstruct]quicksetup.Jitna{}
		appEnablement.organizations = map[constructs.IConstruct]*JitnaOrganization{}
	}
	root := o.Node().Root()
	if _, seen := appEnablement.byRoot[root]; !seen {
		appEnablement.byRoot[root] = o.Enablement.Jitna
	}
	appEnablement.organizations[o.Construct] = o
}

func organizationOf(node constructs.IConstruct) *JitnaOrganization {
	appEnablement.Lock()
	defer appEnablement.Unlock()
	return appEnablement.organizations[node]
}

func registerMemberStackSet(m *MemberStackSet) {
	appEnablement.Lock()
	defer appEnablement.Unlock()
	defer bumpGeneration()
	if appEnablement.memberStackSets == nil {
		appEnablement.memberStackSets = map[constructs.IConstruct]*MemberStackSet{}
	}
	appEnablement.memberStackSets[m.Construct] = m
}

func memberStackSetOf(node constructs.IConstruct) *MemberStackSet {
	appEnablement.Lock()
	defer appEnablement.Unlock()
	return appEnablement.memberStackSets[node]
}

// enablementOf returns the JITNA targets the app declares, if any.
func enablementOf(root constructs.IConstruct) (quicksetup.Jitna, bool) {
	appEnablement.Lock()
	defer appEnablement.Unlock()
	j, ok := appEnablement.byRoot[root]
	return j, ok
}
