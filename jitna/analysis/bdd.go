package analysis

import "sort"

// A reduced ordered binary decision diagram over the atoms of an analysis:
// every formula the analysis builds is a node of one bdd, so that two
// formulas are equal exactly when their nodes are, and a formula is
// satisfiable exactly when it is not False.

// ref is a node of the bdd: False, True, or an index into nodes.
type ref int32

const (
	False ref = 0
	True  ref = 1
)

type node struct {
	atom   int32 // the atom tested; terminals have atom = maxAtom
	lo, hi ref   // the node when the atom is false, when it is true
}

// maxAtom orders the terminals after every atom.
const maxAtom = int32(1<<31 - 1)

type opKey struct {
	op   byte
	a, b ref
}

// bdd holds the nodes, shared: the unique table makes each (atom, lo, hi)
// one node, and the cache remembers operations done (a fixed table where a
// later operation may take an earlier one's slot: a miss costs a
// recomputation, never a wrong answer).
type bdd struct {
	nodes  []node
	unique map[node]ref
	cache  []cacheEntry
	// mark and walk number the nodes a walk has seen (meets).
	mark []uint32
	walk uint32
}

type cacheEntry struct {
	key opKey
	r   ref
	set bool
}

// cacheSize is the number of operations remembered (a power of two).
const cacheSize = 1 << 18

func newBDD() *bdd {
	return &bdd{
		nodes:  []node{{atom: maxAtom}, {atom: maxAtom}},
		unique: map[node]ref{},
		cache:  make([]cacheEntry, cacheSize),
	}
}

func (k opKey) slot() int {
	h := uint64(k.a)*0x9E3779B97F4A7C15 ^ uint64(k.b)*0xC2B2AE3D27D4EB4F ^ uint64(k.op)
	return int((h ^ h>>29) & (cacheSize - 1))
}

func (d *bdd) cached(k opKey) (ref, bool) {
	e := &d.cache[k.slot()]
	return e.r, e.set && e.key == k
}

func (d *bdd) remember(k opKey, r ref) { d.cache[k.slot()] = cacheEntry{key: k, r: r, set: true} }

// mk returns the node testing atom with the given branches, reduced.
func (d *bdd) mk(atom int32, lo, hi ref) ref {
	if lo == hi {
		return lo
	}
	n := node{atom: atom, lo: lo, hi: hi}
	if r, ok := d.unique[n]; ok {
		return r
	}
	r := ref(len(d.nodes))
	d.nodes = append(d.nodes, n)
	d.unique[n] = r
	return r
}

// atom is the formula "atom a holds".
func (d *bdd) atom(a int) ref { return d.mk(int32(a), False, True) }

const (
	opAnd byte = iota
	opOr
	opNot
)

func (d *bdd) not(a ref) ref {
	switch a {
	case False:
		return True
	case True:
		return False
	}
	k := opKey{op: opNot, a: a}
	if r, ok := d.cached(k); ok {
		return r
	}
	n := d.nodes[a]
	r := d.mk(n.atom, d.not(n.lo), d.not(n.hi))
	d.remember(k, r)
	return r
}

func (d *bdd) and(a, b ref) ref {
	switch {
	case a == False || b == False:
		return False
	case a == True:
		return b
	case b == True || a == b:
		return a
	}
	if a > b {
		a, b = b, a
	}
	return d.apply(opAnd, a, b)
}

func (d *bdd) or(a, b ref) ref {
	switch {
	case a == True || b == True:
		return True
	case a == False:
		return b
	case b == False || a == b:
		return a
	}
	if a > b {
		a, b = b, a
	}
	return d.apply(opOr, a, b)
}

func (d *bdd) apply(op byte, a, b ref) ref {
	k := opKey{op: op, a: a, b: b}
	if r, ok := d.cached(k); ok {
		return r
	}
	na, nb := d.nodes[a], d.nodes[b]
	atom := min(na.atom, nb.atom)
	alo, ahi := a, a
	if na.atom == atom {
		alo, ahi = na.lo, na.hi
	}
	blo, bhi := b, b
	if nb.atom == atom {
		blo, bhi = nb.lo, nb.hi
	}
	var lo, hi ref
	if op == opAnd {
		lo, hi = d.and(alo, blo), d.and(ahi, bhi)
	} else {
		lo, hi = d.or(alo, blo), d.or(ahi, bhi)
	}
	r := d.mk(atom, lo, hi)
	d.remember(k, r)
	return r
}

func (d *bdd) andAll(fs ...ref) ref {
	r := True
	for _, f := range fs {
		r = d.and(r, f)
	}
	return r
}

func (d *bdd) orAll(fs ...ref) ref {
	r := False
	for _, f := range fs {
		r = d.or(r, f)
	}
	return r
}

// implies is a → b.
func (d *bdd) implies(a, b ref) ref { return d.or(d.not(a), b) }

// cube is a partial assignment: atom → value; atoms it leaves out may take
// either value.
type cube map[int]bool

// cubes calls yield with each path of f to True (disjoint partial
// assignments that cover f exactly), until yield returns false or limit
// paths were given; it returns whether every path was given.
func (d *bdd) cubes(f ref, limit int, yield func(cube) bool) bool {
	given := 0
	path := cube{}
	var walk func(r ref) bool
	walk = func(r ref) bool {
		switch r {
		case False:
			return true
		case True:
			if given >= limit {
				return false
			}
			given++
			c := make(cube, len(path))
			for k, v := range path {
				c[k] = v
			}
			return yield(c)
		}
		n := d.nodes[r]
		path[int(n.atom)] = false
		if !walk(n.lo) {
			return false
		}
		path[int(n.atom)] = true
		if !walk(n.hi) {
			return false
		}
		delete(path, int(n.atom))
		return true
	}
	return walk(f)
}

// restrict is f with atom a set to v.
func (d *bdd) restrict(f ref, a int, v bool) ref {
	memo := map[ref]ref{}
	var walk func(r ref) ref
	walk = func(r ref) ref {
		if r == False || r == True {
			return r
		}
		if m, ok := memo[r]; ok {
			return m
		}
		n := d.nodes[r]
		var out ref
		switch {
		case int(n.atom) == a && v:
			out = walk(n.hi)
		case int(n.atom) == a:
			out = walk(n.lo)
		case int(n.atom) > a:
			out = r
		default:
			out = d.mk(n.atom, walk(n.lo), walk(n.hi))
		}
		memo[r] = out
		return out
	}
	return walk(f)
}

// cubeFormula is the conjunction of c's literals.
func (d *bdd) cubeFormula(c cube) ref {
	atoms := make([]int, 0, len(c))
	for a := range c {
		atoms = append(atoms, a)
	}
	// From the last atom of the order up: one node per atom, no operation.
	sort.Sort(sort.Reverse(sort.IntSlice(atoms)))
	r := True
	for _, a := range atoms {
		if c[a] {
			r = d.mk(int32(a), False, r)
		} else {
			r = d.mk(int32(a), r, False)
		}
	}
	return r
}

// at is fixed's value of an atom: 0 (free) for an atom made after fixed.
func at(fixed []int8, atom int32) int8 {
	if int(atom) < len(fixed) {
		return fixed[atom]
	}
	return 0
}

// pick returns a path of f to True that agrees with fixed (by atom: 1
// true, -1 false, 0 free): the atoms it sets, and false when there is
// none. Each node is walked once: a node seen again led to False.
func (d *bdd) pick(f ref, fixed []int8) (cube, bool) {
	d.walk++
	if len(d.mark) < len(d.nodes) {
		d.mark = append(d.mark, make([]uint32, len(d.nodes)-len(d.mark))...)
	}
	var path cube // made when True is reached, filled on the way back
	var walk func(r ref) bool
	walk = func(r ref) bool {
		switch r {
		case False:
			return false
		case True:
			path = cube{}
			return true
		}
		if d.mark[r] == d.walk {
			return false
		}
		d.mark[r] = d.walk
		n := d.nodes[r]
		v := at(fixed, n.atom)
		if v != 1 && walk(n.lo) {
			path[int(n.atom)] = false
			return true
		}
		if v != -1 && walk(n.hi) {
			path[int(n.atom)] = true
			return true
		}
		return false
	}
	ok := walk(f)
	return path, ok
}

// meets says whether f holds for some assignment that agrees with fixed.
func (d *bdd) meets(f ref, fixed []int8) bool {
	_, ok := d.pick(f, fixed)
	return ok
}
