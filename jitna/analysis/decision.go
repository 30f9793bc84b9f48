package analysis

import (
	"fmt"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// outcome is one way JITNA may decide a request: auto-approved, manual
// approval by one policy, a conflict, or no applicable policy.
type outcome struct {
	kind   simulate.Outcome
	manual int // the manual policy (NeedsManualApproval)
}

// side is one version of the policies, as formulas over the shared atoms.
type side struct {
	policies simulate.Policies
	deny     ref // a deny-access statement applies
	permit   ref // an auto-approval statement applies
	// outcomes maps each possible outcome to the requests decided so; the
	// formulas are disjoint and cover every request.
	outcomes map[outcome]ref
	// inexact names the statements the analysis could not translate.
	inexact []string
}

// decide builds the formulas of one side: deny-access forbid, then
// auto-approval permit, then manual approval by target (a tag-specific
// policy over all-nodes ones; two that apply make the request fail).
func (z *analyzer) decide(p simulate.Policies, label string) side {
	s := side{policies: p, outcomes: map[outcome]ref{}}
	statements := func(name string, docs []policy.CedarDocument) ref {
		f := False
		for i, doc := range docs {
			stmts, err := cedar.Parse(doc.Cedar)
			if err != nil {
				s.inexact = append(s.inexact, fmt.Sprintf("%s: %s document %d: %v", label, name, i, err))
				continue
			}
			for j, st := range stmts {
				m, err := z.match(st.Policy)
				if err != nil {
					s.inexact = append(s.inexact, fmt.Sprintf("%s: %s statement %d (line %d of document %d): %v", label, name, j+1, st.Line, i, err))
					continue
				}
				f = z.constrain(z.d.or(f, m))
			}
		}
		return f
	}
	s.deny, s.permit = False, False
	if p.DenyAccess != nil {
		s.deny = statements(policy.DenyAccessName, p.DenyAccess.Documents)
	}
	if p.AutoApproval != nil {
		s.permit = statements(policy.AutoApprovalName, p.AutoApproval.Documents)
	}
	auto := z.constrain(z.d.and(s.permit, z.d.not(s.deny)))
	notAuto := z.constrain(z.d.not(auto))
	s.outcomes[outcome{kind: simulate.AutoApproved}] = auto

	// Manual approval: which tag-specific policies apply, then the
	// all-nodes ones where none does.
	var tagged, all []int
	targets := map[int]ref{}
	for i, m := range p.Manual {
		if m.AllNodes {
			all = append(all, i)
			continue
		}
		f := False
		for _, t := range m.Targets {
			for _, v := range t.Values {
				f = z.d.or(f, z.eq(strVar{kind: nodeTag, key: t.Key}, v))
			}
		}
		targets[i] = z.constrain(f)
		tagged = append(tagged, i)
	}
	anyTagged, twoTagged := z.atLeastOneTwo(tagged, targets)
	conflict := twoTagged
	none := z.d.not(anyTagged)
	switch len(all) {
	case 0:
	case 1:
		s.outcomes[outcome{kind: simulate.NeedsManualApproval, manual: all[0]}] = z.d.and(notAuto, none)
		none = False
	default:
		conflict = z.d.or(conflict, none)
		none = False
	}
	for _, i := range tagged {
		others := False
		for _, j := range tagged {
			if j != i {
				others = z.constrain(z.d.or(others, targets[j]))
			}
		}
		f := z.d.andAll(notAuto, targets[i], z.d.not(others))
		s.outcomes[outcome{kind: simulate.NeedsManualApproval, manual: i}] = z.d.or(s.outcomes[outcome{kind: simulate.NeedsManualApproval, manual: i}], f)
	}
	s.outcomes[outcome{kind: simulate.Conflict}] = z.d.and(notAuto, conflict)
	s.outcomes[outcome{kind: simulate.NoApplicablePolicy}] = z.d.and(notAuto, none)
	return s
}

// atLeastOneTwo returns "at least one of fs holds" and "at least two do".
func (z *analyzer) atLeastOneTwo(order []int, fs map[int]ref) (one, two ref) {
	d := z.d
	one, two = False, False
	for _, i := range order {
		two = z.constrain(d.or(two, d.and(one, fs[i])))
		one = z.constrain(d.or(one, fs[i]))
	}
	return one, two
}
