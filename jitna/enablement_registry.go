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
}

func declareEnablement(root constructs.IConstruct, j quicksetup.Jitna) {
	appEnablement.Lock()
	defer appEnablement.Unlock()
	if appEnablement.byRoot == nil {
		appEnablement.byRoot = map[constructs.IConstruct]quicksetup.Jitna{}
	}
	if _, seen := appEnablement.byRoot[root]; !seen {
		appEnablement.byRoot[root] = j
	}
}

// enablementOf returns the JITNA targets the app declares, if any.
func enablementOf(root constructs.IConstruct) (quicksetup.Jitna, bool) {
	appEnablement.Lock()
	defer appEnablement.Unlock()
	j, ok := appEnablement.byRoot[root]
	return j, ok
}
