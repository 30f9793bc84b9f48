package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// Change is one class of requests — every requester and node that satisfy
// When — that the two versions of the policies decide differently, with a
// witness.
type Change struct {
	// Class is widens, narrows, breaks (a new conflict) or changes (an
	// approval that is easier in one way and harder in another: it fails a
	// gate on widening too).
	Class simulate.Class `json:"class"`
	// Before and After are the decisions, in a few words.
	Before string `json:"before"`
	After  string `json:"after"`
	// Why says what changed.
	Why string `json:"why"`
	// When are the conditions that make up the class, each a predicate on
	// the requester or the node the policies tell apart (the rest may be
	// anything).
	When []string `json:"when"`
	// Witness is one requester and node of the class.
	Witness Witness `json:"witness"`
}

// Report is what a change of the policies does to every possible request.
type Report struct {
	// Changes are the classes whose decision changes, breaks and widenings
	// first.
	Changes []Change `json:"changes"`
	// Omitted are the changes of decision whose classes were left out,
	// wholly or in part, beyond Options.MaxClasses: each a class
	// (widens, narrows, …) and what it changes, without conditions or
	// witness. A gate on widening counts them.
	Omitted []Change `json:"omitted,omitempty"`
	// Inexact names what the analysis could not decide exactly (a Cedar
	// construct it does not translate, a pattern search over its bound, a
	// witness the simulator decides otherwise). A gate on widening fails on
	// it: the answer may be incomplete.
	Inexact []string `json:"inexact,omitempty"`
}

// Widening says whether a class widens access, breaks requests or changes
// approval in a way that cannot be ordered, or the analysis is inexact.
func (r Report) Widening() bool {
	if len(r.Inexact) > 0 {
		return true
	}
	for _, c := range append(r.Changes, r.Omitted...) {
		if c.Class != simulate.Narrows {
			return true
		}
	}
	return false
}

// Options bound a comparison.
type Options struct {
	// MaxClasses is the most classes reported with conditions and a
	// witness (the changes of decision left out are in Omitted). Default
	// 200.
	MaxClasses int
}

// Compare decides, for every possible requester and node, how the policies
// before and after a change decide a request, and returns each class of
// requests whose decision changes, with a witness. It is exact: the
// policies' Cedar is translated from cedar-go's syntax tree into formulas
// over the predicates the statements test (groups, principal attributes
// and tags, node type, tags and id; values against literals and like
// patterns), the decisions are compared symbolically (binary decision
// diagrams), and every witness is decided again by the simulator. What it
// cannot translate it names in Inexact.
func Compare(before, after simulate.Policies, opts Options) Report {
	if opts.MaxClasses <= 0 {
		opts.MaxClasses = 200
	}
	z := newAnalyzer()
	z.order(before, after)
	b := z.decide(before, "before")
	a := z.decide(after, "after")
	r := Report{Inexact: append(append([]string{}, b.inexact...), a.inexact...)}
	theory := z.theory()
	sims, err := simulators(before, after)
	if err != nil {
		r.Inexact = append(r.Inexact, err.Error())
	}
	type pair struct {
		ob, oa outcome
		class  simulate.Class
		why    string
	}
	var pairs []pair
	for ob := range b.outcomes {
		for oa := range a.outcomes {
			class, why, changed := classify(before, after, ob, oa)
			if changed {
				pairs = append(pairs, pair{ob, oa, class, why})
			}
		}
	}
	// The deny-access policy covering requests it did not (or no longer):
	// the decision is the same today, but an auto-approval statement
	// added later meets no guard (or a new one).
	same := False
	for ob, fb := range b.outcomes {
		for oa, fa := range a.outcomes {
			if _, _, changed := classify(before, after, ob, oa); !changed {
				same = z.d.or(same, z.d.and(fb, fa))
			}
		}
	}
	guards := []struct {
		f     ref
		class simulate.Class
		why   string
	}{
		{z.d.andAll(same, b.deny, z.d.not(a.deny)), simulate.Widens, "the deny-access policy no longer covers these requests (the decision is the same today)"},
		{z.d.andAll(same, a.deny, z.d.not(b.deny)), simulate.Narrows, "the deny-access policy now covers these requests (the decision is the same today)"},
	}
	sort.Slice(pairs, func(i, j int) bool {
		if rank(pairs[i].class) != rank(pairs[j].class) {
			return rank(pairs[i].class) < rank(pairs[j].class)
		}
		return describe(before, pairs[i].ob)+describe(after, pairs[i].oa) < describe(before, pairs[j].ob)+describe(after, pairs[j].oa)
	})
	// emit reports the requests of f as classes: each the largest cube
	// (fewest conditions) that holds only requests of f, until they cover
	// f; each with a witness, confirmed by the simulators.
	emit := func(f ref, class simulate.Class, beforeText, afterText, why string, ob, oa *outcome) {
		target := z.d.and(f, theory)
		// left shrinks by each class reported: a conjunction with the
		// negation of one cube at a time stays small where a union of the
		// cubes, negated anew each time, does not.
		left := target
		take := func(c cube) { left = z.d.and(left, z.d.not(z.d.cubeFormula(c))) }
		for left != False {
			if len(r.Changes) >= opts.MaxClasses {
				r.Omitted = append(r.Omitted, Change{Class: class, Before: beforeText, After: afterText, Why: why})
				return
			}
			var c cube
			z.d.cubes(left, 1, func(first cube) bool { c = first; return false })
			c = z.expand(c, target, theory)
			w, bad, err := z.witness(c)
			if err != nil {
				r.Inexact = append(r.Inexact, err.Error())
				take(c)
				continue
			}
			if bad != nil {
				// No string has these pattern matches: rule the
				// combination out everywhere, and go on.
				next := z.d.and(theory, z.d.not(bad.block))
				if next == theory {
					r.Inexact = append(r.Inexact, "no witness for the class "+strings.Join(z.describeCube(c), "; "))
					take(c)
					continue
				}
				theory = next
				target = z.d.and(target, theory)
				left = z.d.and(left, theory)
				continue
			}
			if sims != nil {
				if problem := sims.confirm(w, ob, oa, before, after); problem != "" {
					r.Inexact = append(r.Inexact, problem)
				}
			}
			r.Changes = append(r.Changes, Change{Class: class, Before: beforeText, After: afterText, Why: why, When: z.describeCube(c), Witness: w})
			take(c)
		}
	}
	for _, p := range pairs {
		ob, oa := p.ob, p.oa
		emit(z.d.and(b.outcomes[ob], a.outcomes[oa]), p.class, describe(before, ob), describe(after, oa), p.why, &ob, &oa)
	}
	for _, g := range guards {
		emit(g.f, g.class, "", "", g.why, nil, nil)
	}
	sort.SliceStable(r.Changes, func(i, j int) bool { return rank(r.Changes[i].Class) < rank(r.Changes[j].Class) })
	return r
}

func rank(c simulate.Class) int {
	switch c {
	case simulate.Breaks:
		return 0
	case simulate.Widens:
		return 1
	case simulate.Unordered:
		return 2
	}
	return 3
}

// reach ranks outcomes by the access they give.
func reach(k simulate.Outcome) int {
	switch k {
	case simulate.AutoApproved:
		return 2
	case simulate.NeedsManualApproval:
		return 1
	}
	return 0
}

// classify says whether going from ob to oa changes a decision, and how.
func classify(before, after simulate.Policies, ob, oa outcome) (simulate.Class, string, bool) {
	switch {
	case oa.kind == simulate.Conflict && ob.kind != simulate.Conflict:
		return simulate.Breaks, "two or more manual approval policies now apply: requests to the node fail", true
	case reach(oa.kind) > reach(ob.kind):
		return simulate.Widens, "more access", true
	case reach(oa.kind) < reach(ob.kind):
		return simulate.Narrows, "less access", true
	case oa.kind != simulate.NeedsManualApproval || ob.kind != simulate.NeedsManualApproval:
		return "", "", false
	}
	return simulate.CompareApproval(before.Manual[ob.manual], after.Manual[oa.manual]).Class()
}

// describe says an outcome in a few words.
func describe(p simulate.Policies, o outcome) string {
	switch o.kind {
	case simulate.NeedsManualApproval:
		m := p.Manual[o.manual].WithDefaults()
		return fmt.Sprintf("manual approval by %s (%d level(s), %s)", m.Name, len(m.ApprovalLevels), m.AccessDuration)
	case simulate.Conflict:
		return "conflict"
	case simulate.NoApplicablePolicy:
		return "no applicable policy"
	}
	return string(o.kind)
}

// describeCube says a class's conditions, one predicate each.
// displayRank orders the conditions of a class: who requests (user or
// IAM principal, groups, id, attributes, tags), then the node (type, id,
// tags).
func displayRank(a atom) int {
	switch {
	case a.kind == aUser:
		return 0
	case a.kind == aGroup:
		return 1
	case a.kind == aEC2:
		return 3
	case a.v.kind == nodeID:
		return 4
	case a.v.kind == nodeTag:
		return 5
	}
	return 2
}

func (z *analyzer) describeCube(c cube) []string {
	ids := make([]int, 0, len(c))
	for i := range c {
		ids = append(ids, i)
	}
	// The requester first, then the node; each string's conditions
	// together, in the order the policies mention them.
	sort.Slice(ids, func(i, j int) bool {
		a, b := z.atoms.list[ids[i]], z.atoms.list[ids[j]]
		if da, db := displayRank(a), displayRank(b); da != db {
			return da < db
		}
		if a.v != b.v {
			return a.v.kind < b.v.kind || a.v.kind == b.v.kind && a.v.key < b.v.key
		}
		return ids[i] < ids[j]
	})
	// A value fixed says the rest of its variable: leave out that it is
	// set, other values it is not, and which user or node kind it is.
	fixed := map[strVar]bool{}
	for _, i := range ids {
		if a := z.atoms.list[i]; c[i] && a.kind == aEq {
			fixed[a.v] = true
		}
	}
	var out []string
	for _, i := range ids {
		a := z.atoms.list[i]
		implied := (a.kind == aHas && c[i] && z.hasValue(c, a.v)) || (fixed[a.v] && !c[i] && a.kind == aEq) ||
			(a.kind == aLike && fixed[a.v]) || (a.kind == aUser && c[i])
		if implied {
			continue
		}
		text := a.String()
		if !c[i] {
			switch a.kind {
			case aHas:
				text = a.v.String() + " is not set"
			case aUser:
				text = "an IAM principal, not an Identity Center user"
			case aEC2:
				text = "a managed instance (not EC2)"
			case aGroup:
				text = "not in group " + quote(a.lit)
			default:
				text = "not " + text
			}
		}
		out = append(out, text)
	}
	return out
}

// sims are the simulators of both sides, which confirm each witness.
type sims struct{ before, after *simulate.Simulator }

func simulators(before, after simulate.Policies) (*sims, error) {
	b, err := simulate.New(before)
	if err != nil {
		return nil, fmt.Errorf("before: %v", err)
	}
	a, err := simulate.New(after)
	if err != nil {
		return nil, fmt.Errorf("after: %v", err)
	}
	return &sims{b, a}, nil
}

// confirm decides the witness with both simulators and says how it differs
// from what the analysis predicted ("" when it does not).
func (s *sims) confirm(w Witness, ob, oa *outcome, before, after simulate.Policies) string {
	db, da := s.before.Decide(w.Node, w.Requester), s.after.Decide(w.Node, w.Requester)
	check := func(label string, d simulate.Decision, o *outcome, p simulate.Policies) string {
		if o == nil {
			return ""
		}
		ok := d.Outcome == o.kind
		if ok && o.kind == simulate.NeedsManualApproval {
			ok = d.Policy.Name == p.Manual[o.manual].Name
		}
		if ok {
			return ""
		}
		return fmt.Sprintf("the analysis and the simulator disagree on the %s decision for node %s %v and requester %+v: %s, simulated %s",
			label, w.Node.ID, w.Node.Tags, w.Requester, describe(p, *o), d.Summary())
	}
	if m := check("before", db, ob, before); m != "" {
		return m
	}
	if ob == nil && oa == nil && db.AutoApprovalDenied == da.AutoApprovalDenied {
		return fmt.Sprintf("the analysis and the simulator disagree on the deny-access policy for node %s and requester %+v", w.Node.ID, w.Requester)
	}
	return check("after", da, oa, after)
}

// hasValue says whether c sets a value or a pattern match of v.
func (z *analyzer) hasValue(c cube, v strVar) bool {
	for i, val := range c {
		if a := z.atoms.list[i]; val && a.v == v && (a.kind == aEq || a.kind == aLike) {
			return true
		}
	}
	return false
}

// expand drops the conditions of c that the class does not need: a
// condition goes when, without it, every request of the cube that the
// theory allows is still one of target.
func (z *analyzer) expand(c cube, target, theory ref) cube {
	ids := make([]int, 0, len(c))
	for i := range c {
		ids = append(ids, i)
	}
	sort.Ints(ids)
	outside := z.d.and(theory, z.d.not(target))
	fixed := make([]int8, len(z.atoms.list))
	for i, v := range c {
		fixed[i] = -1
		if v {
			fixed[i] = 1
		}
	}
	for _, i := range ids {
		v := fixed[i]
		fixed[i] = 0
		if z.d.meets(outside, fixed) {
			fixed[i] = v
		} else {
			delete(c, i)
		}
	}
	return c
}
