package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// Witness is one request of a class: a requester and a node that the two
// versions of the policies decide differently.
type Witness struct {
	Requester simulate.Requester `json:"requester"`
	Node      simulate.Node      `json:"node"`
}

// unrealizable is a class whose pattern matches no string can have: the
// formula to rule out, and why.
type unrealizable struct {
	block ref
}

// witness turns a path of the bdd (atoms it leaves out may take either
// value) into a requester and a node. When the patterns a string must and
// must not match leave no string, it returns the combination to rule out.
func (z *analyzer) witness(c cube) (Witness, *unrealizable, error) {
	d := z.d
	vals := map[strVar]string{}
	present := map[strVar]bool{}
	vars, of := z.atoms.byVar()
	for _, v := range vars {
		ids := of[v]
		hasAtom := -1
		var lits []string
		var must, mustNot []glob
		chosen, fixed := "", false
		var freeEq []string
		for _, i := range ids {
			a := z.atoms.list[i]
			val, set := c[i]
			switch a.kind {
			case aHas:
				hasAtom = i
			case aEq:
				lits = append(lits, a.lit)
				switch {
				case set && val:
					chosen, fixed = a.lit, true
				case !set:
					freeEq = append(freeEq, a.lit)
				}
			case aLike:
				if set && val {
					must = append(must, a.pat)
				} else if set {
					mustNot = append(mustNot, a.pat)
				}
			}
		}
		// Absent, a value matches no pattern: a variable that need not be
		// present and has to match none is left out.
		needed := fixed || len(must) > 0
		if hasAtom >= 0 {
			if val, set := c[hasAtom]; set {
				needed = val
			}
		}
		if v.optional() && !needed {
			continue
		}
		if !fixed && v.optional() {
			// A literal whose atom is free may be the value, if it fits
			// (an id would fix the node's type or the kind of principal:
			// ids get a fresh value instead).
			for _, l := range freeEq {
				if fits(l, must, mustNot) {
					chosen, fixed = l, true
					break
				}
			}
		}
		if !fixed {
			s, ok, err := findString(must, mustNot, append(lits, reserved(v)...))
			if err != nil {
				return Witness{}, nil, err
			}
			if !ok {
				block := z.has(v)
				for _, i := range ids {
					a := z.atoms.list[i]
					if val, set := c[i]; set && a.kind == aLike {
						if val {
							block = d.and(block, d.atom(i))
						} else {
							block = d.and(block, d.not(d.atom(i)))
						}
					}
					if a.kind == aEq {
						block = d.and(block, d.not(d.atom(i)))
					}
				}
				return Witness{}, &unrealizable{block: block}, nil
			}
			chosen = s
			if !v.optional() {
				chosen = "" // an id no policy names: made below
			}
		}
		vals[v] = chosen
		present[v] = true
	}
	w := Witness{}
	user := true
	if i, ok := z.atoms.index[atom{kind: aUser}.key()]; ok {
		if val, set := c[i]; set {
			user = val
		}
	}
	ec2 := true
	if i, ok := z.atoms.index[atom{kind: aEC2}.key()]; ok {
		if val, set := c[i]; set {
			ec2 = val
		}
	}
	for v, s := range vals {
		switch v.kind {
		case principalAttr:
			if w.Requester.Attributes == nil {
				w.Requester.Attributes = map[string]string{}
			}
			w.Requester.Attributes[v.key] = s
		case principalTag:
			if w.Requester.PrincipalTags == nil {
				w.Requester.PrincipalTags = map[string]string{}
			}
			w.Requester.PrincipalTags[v.key] = s
		case nodeTag:
			if w.Node.Tags == nil {
				w.Node.Tags = map[string]string{}
			}
			w.Node.Tags[v.key] = s
		case principalID:
			w.Requester.UserID = s
		case nodeID:
			if s != "" {
				typ, id, _ := strings.Cut(s, "\x00")
				w.Node.ID = id
				ec2 = typ == typeEC2
			}
		}
	}
	for i, a := range z.atoms.list {
		if a.kind == aGroup && c[i] {
			w.Requester.Groups = append(w.Requester.Groups, a.lit)
		}
	}
	sort.Strings(w.Requester.Groups)
	if !ec2 {
		w.Node.Type = simulate.Managed
	}
	if w.Node.ID == "" {
		w.Node.ID = z.freshNodeID(ec2)
	}
	if !user {
		w.Requester = simulate.Requester{IAMRole: "witness-role", PrincipalTags: w.Requester.PrincipalTags}
	} else if w.Requester.UserID == "" {
		w.Requester.UserID = z.fresh(strVar{kind: principalID}, "witness-user")
	}
	return w, nil, nil
}

// reserved are strings a variable's value must not take although no
// literal names them: none.
func reserved(strVar) []string { return nil }

func fits(s string, must, mustNot []glob) bool {
	for _, g := range must {
		if !g.match(s) {
			return false
		}
	}
	for _, g := range mustNot {
		if g.match(s) {
			return false
		}
	}
	return true
}

// fresh is a value of v that no policy names, starting with base.
func (z *analyzer) fresh(v strVar, base string) string {
	taken := map[string]bool{}
	for _, a := range z.atoms.list {
		if a.v == v && a.kind == aEq {
			taken[a.lit] = true
		}
	}
	s := base
	for n := 2; taken[s]; n++ {
		s = fmt.Sprintf("%s-%d", base, n)
	}
	return s
}

// freshNodeID is a node id of the type that no policy names.
func (z *analyzer) freshNodeID(ec2 bool) string {
	typ, base := typeEC2, "i-0000000000000000"
	if !ec2 {
		typ, base = typeManaged, "mi-0000000000000000"
	}
	taken := map[string]bool{}
	for _, a := range z.atoms.list {
		if a.v.kind == nodeID && a.kind == aEq {
			taken[a.lit] = true
		}
	}
	for n := 0; ; n++ {
		id := fmt.Sprintf("%s%x", base, n)
		if !taken[typ+"\x00"+id] {
			return id
		}
	}
}
