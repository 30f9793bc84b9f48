package analysis

// theory is what every request satisfies, over the atoms: a string has at
// most one value, and a value decides every pattern; a value, a pattern
// match or a group membership needs what carries it; a node id fixes the
// node's type. Which combinations of pattern matches a string can have
// beyond the literals is learnt while witnesses are built (see block).
func (z *analyzer) theory() ref {
	d := z.d
	c := True
	vars, of := z.atoms.byVar()
	for _, v := range vars {
		ids := of[v]
		has := z.has(v)
		for x, i := range ids {
			a := z.atoms.list[i]
			if a.kind == aHas {
				continue
			}
			c = d.and(c, d.implies(d.atom(i), has))
			if v.kind == principalAttr || v.kind == principalID {
				c = d.and(c, d.implies(d.atom(i), z.user()))
			}
			if v.kind == nodeID {
				typ := a.lit[:indexZero(a.lit)]
				c = d.and(c, d.implies(d.atom(i), iff(d, z.ec2(), constant(typ == typeEC2))))
			}
			if a.kind != aEq {
				continue
			}
			for _, j := range ids[x+1:] {
				b := z.atoms.list[j]
				switch b.kind {
				case aEq:
					c = d.and(c, d.not(d.and(d.atom(i), d.atom(j))))
				case aLike:
					c = d.and(c, d.implies(d.atom(i), iff(d, d.atom(j), constant(b.pat.match(a.lit)))))
				}
			}
			for _, j := range ids[:x] {
				b := z.atoms.list[j]
				if b.kind == aLike {
					c = d.and(c, d.implies(d.atom(i), iff(d, d.atom(j), constant(b.pat.match(a.lit)))))
				}
			}
		}
		if v.kind == principalTag || v.kind == nodeTag {
			continue
		}
		if v.kind == principalAttr {
			c = d.and(c, d.implies(has, z.user()))
		}
	}
	for i, a := range z.atoms.list {
		if a.kind == aGroup {
			c = d.and(c, d.implies(d.atom(i), z.user()))
		}
	}
	return c
}

func iff(d *bdd, a, b ref) ref { return d.or(d.and(a, b), d.and(d.not(a), d.not(b))) }

func indexZero(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return i
		}
	}
	return len(s)
}
