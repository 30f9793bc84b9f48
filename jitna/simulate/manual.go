package simulate

import (
	"fmt"
	"maps"
	"slices"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// manualIndex finds the manual approval policies whose targets match a
// node's tags without scanning every policy: tag key → value → policies.
type manualIndex struct {
	byTag    map[string]map[string][]int
	allNodes []int
}

func newManualIndex(ps []policy.ManualApproval) manualIndex {
	ix := manualIndex{byTag: map[string]map[string][]int{}}
	for i, p := range ps {
		if p.AllNodes {
			ix.allNodes = append(ix.allNodes, i)
			continue
		}
		for _, t := range p.Targets {
			values := ix.byTag[t.Key]
			if values == nil {
				values = map[string][]int{}
				ix.byTag[t.Key] = values
			}
			for _, v := range t.Values {
				values[v] = append(values[v], i)
			}
		}
	}
	return ix
}

// manualMatch is a policy that applies, and why.
type manualMatch struct {
	policy int
	why    string
}

// match returns the tag-specific policies that apply to tags (each once, in
// policy order, explained by the first of its tags the node has, in key
// order) and the all-nodes policies.
func (ix manualIndex) match(tags map[string]string) (tagged []manualMatch, all []int) {
	seen := map[int]bool{}
	for _, k := range slices.Sorted(maps.Keys(tags)) { // the first matching tag, by key, explains
		v := tags[k]
		for _, i := range ix.byTag[k][v] {
			if !seen[i] {
				seen[i] = true
				tagged = append(tagged, manualMatch{policy: i, why: fmt.Sprintf("it targets tag %s=%s, which the node has", k, v)})
			}
		}
	}
	slices.SortFunc(tagged, func(a, b manualMatch) int { return a.policy - b.policy })
	return tagged, ix.allNodes
}

// applicable returns the policies that apply to a node with tags: the
// tag-specific ones, or, when there are none, the all-nodes ones; and, for
// explanations, the tag-specific matches and the all-nodes policies.
func (ix manualIndex) applicable(tags map[string]string) (applies []int, tagged []manualMatch, all []int) {
	tagged, all = ix.match(tags)
	if len(tagged) == 0 {
		return all, nil, all
	}
	applies = make([]int, len(tagged))
	for i, m := range tagged {
		applies[i] = m.policy
	}
	return applies, tagged, all
}
