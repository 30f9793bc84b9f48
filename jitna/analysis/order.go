package analysis

import (
	"sort"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// order registers, before any formula is built, the atoms the policies
// test, in the order the diagrams test them. The size of a decision
// diagram depends on that order: the values of one string exclude each
// other, so a block of them leaves one of few states ("which value"),
// whereas independent memberships leave one per subset. Node strings come
// first, then principal strings, the user test, and group memberships
// last; atoms of one string stay together, in the order the policies
// mention them.
func (z *analyzer) order(sides ...simulate.Policies) {
	scan := newAnalyzer()
	for _, p := range sides {
		var docs []policy.CedarDocument
		if p.DenyAccess != nil {
			docs = append(docs, p.DenyAccess.Documents...)
		}
		if p.AutoApproval != nil {
			docs = append(docs, p.AutoApproval.Documents...)
		}
		{
			for _, doc := range docs {
				stmts, err := cedar.Parse(doc.Cedar)
				if err != nil {
					continue // the real pass names it
				}
				for _, st := range stmts {
					_, _ = scan.match(st.Policy)
				}
			}
		}
		for _, m := range p.Manual {
			for _, t := range m.Targets {
				for _, v := range t.Values {
					scan.eq(strVar{kind: nodeTag, key: t.Key}, v)
				}
			}
		}
	}
	list := scan.atoms.list
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := list[idx[i]], list[idx[j]]
		if ra, rb := rankOf(a), rankOf(b); ra != rb {
			return ra < rb
		}
		if a.v.kind != b.v.kind {
			return a.v.kind > b.v.kind // node ids before node tags
		}
		return a.v.key < b.v.key
	})
	for _, i := range idx {
		z.atoms.id(list[i])
	}
}

// rankOf places an atom's block in the order.
func rankOf(a atom) int {
	switch {
	case a.kind == aEC2:
		return 0
	case a.kind == aUser:
		return 3
	case a.kind == aGroup:
		return 4
	case a.v.kind == nodeTag || a.v.kind == nodeID:
		return 1
	}
	return 2
}
