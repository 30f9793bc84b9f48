package analysis

import (
	"fmt"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// Reach answers, for one version of the policies, whether some requester
// — any possible one, not only those of a list — is auto-approved for a
// node, with a witness. It learns as it answers (what it found, what no
// string can match): not for concurrent use.
type Reach struct {
	z      *analyzer
	auto   ref
	theory ref
	sim    *simulate.Simulator
	known  map[string]reachAnswer // by the node's values of the atoms
	// Inexact names the statements the analysis could not translate: an
	// answer may then be wrong, and AutoApproved says so.
	Inexact []string
}

type reachAnswer struct {
	who simulate.Requester
	ok  bool
	err error
}

// NewReach translates the policies (as Compare does) for AutoApproved.
func NewReach(p simulate.Policies) (*Reach, error) {
	sim, err := simulate.New(p)
	if err != nil {
		return nil, err
	}
	z := newAnalyzer()
	z.order(p)
	s := z.decide(p, "policies")
	return &Reach{z: z, auto: s.outcomes[outcome{kind: simulate.AutoApproved}], theory: z.theory(), sim: sim,
		known: map[string]reachAnswer{}, Inexact: s.inexact}, nil
}

// AutoApproved returns a requester JITNA auto-approves for n, and false
// when no requester is: the node's type, id and tags fix what the policies
// test of the node, and the requester is searched over every group,
// attribute and tag the statements test. The requester found is decided
// again by the simulator; an error says the answer is not exact (a
// statement the analysis does not translate, or a witness the simulator
// decides otherwise).
func (r *Reach) AutoApproved(n simulate.Node) (simulate.Requester, bool, error) {
	fixed, key := r.nodeValues(n)
	if a, ok := r.known[key]; ok {
		return a.who, a.ok, a.err
	}
	a := r.search(n, fixed)
	if a.err == nil && len(r.Inexact) > 0 {
		a.err = fmt.Errorf("not exact: %s", r.Inexact[0])
	}
	r.known[key] = a
	return a.who, a.ok, a.err
}

func (r *Reach) search(n simulate.Node, fixed []int8) reachAnswer {
	z, d := r.z, r.z.d
	for range 64 {
		f := d.and(r.auto, r.theory)
		c, ok := d.pick(f, fixed)
		if !ok {
			return reachAnswer{}
		}
		w, bad, err := z.witness(c)
		if err != nil {
			return reachAnswer{err: err}
		}
		if bad != nil {
			next := d.and(r.theory, d.not(bad.block))
			if next == r.theory {
				return reachAnswer{err: fmt.Errorf("no requester realizes the class %v", z.describeCube(c))}
			}
			r.theory = next
			continue
		}
		if got := r.sim.Decide(n, w.Requester).Outcome; got != simulate.AutoApproved {
			return reachAnswer{who: w.Requester, ok: true, err: fmt.Errorf("the simulator decides the requester found %s", got)}
		}
		return reachAnswer{who: w.Requester, ok: true}
	}
	return reachAnswer{err: fmt.Errorf("no requester found within 64 refinements")}
}

// nodeValues fixes the atoms that test the node, as n has them, and names
// the assignment.
func (r *Reach) nodeValues(n simulate.Node) ([]int8, string) {
	list := r.z.atoms.list
	fixed := make([]int8, len(list))
	set := func(i int, b bool) {
		fixed[i] = -1
		if b {
			fixed[i] = 1
		}
	}
	typ := typeEC2
	if n.Type == simulate.Managed {
		typ = typeManaged
	}
	for i, a := range list {
		switch {
		case a.kind == aEC2:
			set(i, typ == typeEC2)
		case a.v.kind == nodeID && a.kind == aEq:
			set(i, a.lit == typ+"\x00"+n.ID)
		case a.v.kind == nodeTag:
			v, present := n.Tags[a.v.key]
			switch a.kind {
			case aHas:
				set(i, present)
			case aEq:
				set(i, present && v == a.lit)
			case aLike:
				set(i, present && a.pat.match(v))
			}
		}
	}
	key := make([]byte, len(fixed))
	for i, v := range fixed {
		key[i] = byte(v + 1)
	}
	return fixed, string(key)
}
