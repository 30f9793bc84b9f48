package analysis

// theory is what every request satisfies, over the atoms: a string has at
// most one value, and a value decides every pattern; a value, a pattern
// match or a group membership needs what carries it; a node id fixes the
// node's type. Which combinations of pattern matches a string can have
// beyond the literals is learnt while witnesses are built (see block).
//
// The theory grows with the atoms: each call adds the constraints of the
// atoms created since the last, so that formulas can be kept within it as
// they are built (constrain). Without that, a disjunction over values of
// one tag (w1 ∧ g1 ∨ w2 ∧ g2 ∨ …) would keep every combination of values a
// string cannot have at once, and grow exponentially.
func (z *analyzer) theory() ref {
	d := z.d
	for ; z.th.done < len(z.atoms.list); z.th.done++ {
		i := z.th.done
		a := z.atoms.list[i]
		c := True
		switch a.kind {
		case aGroup:
			c = d.implies(d.atom(i), z.user())
		case aHas:
			if a.v.kind == principalAttr {
				c = d.implies(d.atom(i), z.user())
			}
		case aEq, aLike:
			c = d.implies(d.atom(i), z.has(a.v))
			if a.v.kind == principalAttr || a.v.kind == principalID {
				c = d.and(c, d.implies(d.atom(i), z.user()))
			}
			if a.v.kind == nodeID && a.kind == aEq {
				typ := a.lit[:indexZero(a.lit)]
				c = d.and(c, d.implies(d.atom(i), iff(d, z.ec2(), constant(typ == typeEC2))))
			}
			for _, j := range z.th.values[a.v] {
				c = d.and(c, z.exclusive(i, j))
			}
			z.th.values[a.v] = append(z.th.values[a.v], i)
		}
		z.th.c = d.and(z.th.c, c)
	}
	return z.th.c
}

// exclusive ties two value atoms of one string: two literals are not both
// its value, and a literal decides each pattern.
func (z *analyzer) exclusive(i, j int) ref {
	d := z.d
	a, b := z.atoms.list[i], z.atoms.list[j]
	if a.kind == aLike {
		a, b, i, j = b, a, j, i
	}
	switch {
	case a.kind == aEq && b.kind == aEq:
		return d.not(d.and(d.atom(i), d.atom(j)))
	case a.kind == aEq && b.kind == aLike:
		return d.implies(d.atom(i), iff(d, d.atom(j), constant(b.pat.match(a.lit))))
	}
	return True
}

// constrain keeps f within the theory of the atoms so far: the same
// requests, fewer impossible combinations to carry.
func (z *analyzer) constrain(f ref) ref { return z.d.and(f, z.theory()) }

func iff(d *bdd, a, b ref) ref { return d.or(d.and(a, b), d.and(d.not(a), d.not(b))) }

func indexZero(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return i
		}
	}
	return len(s)
}
