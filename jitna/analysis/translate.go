package analysis

import (
	"fmt"

	cedar "github.com/cedar-policy/cedar-go"
	"github.com/cedar-policy/cedar-go/types"
	xast "github.com/cedar-policy/cedar-go/x/exp/ast"
)

// Entity types of the JITNA schema (jitna/cedar/jitna.cedarschema), and the
// type an IAM role requester has in the simulator.
const (
	typeUser    = "AWS::IdentityStore::User"
	typeGroup   = "AWS::IdentityStore::Group"
	typeRole    = "AWS::IAM::Role"
	typeEC2     = "AWS::EC2::Instance"
	typeManaged = "AWS::SSM::ManagedInstance"
	typeAction  = "AWS::SSM::Action"
	action      = "getTokenForInstanceAccess"
)

// analyzer builds formulas over the atoms of one analysis.
type analyzer struct {
	d     *bdd
	atoms *atoms
	// th is the theory of the atoms so far (see theory).
	th struct {
		c      ref
		done   int              // atoms whose constraints c holds
		values map[strVar][]int // value atoms (equalities, patterns) by string
	}
}

func newAnalyzer() *analyzer {
	z := &analyzer{d: newBDD(), atoms: newAtoms()}
	z.th.c, z.th.values = True, map[strVar][]int{}
	return z
}

func (z *analyzer) of(a atom) ref { return z.d.atom(z.atoms.id(a)) }

func (z *analyzer) has(v strVar) ref {
	if !v.optional() {
		return True
	}
	return z.of(atom{kind: aHas, v: v})
}

func (z *analyzer) eq(v strVar, lit string) ref { return z.of(atom{kind: aEq, v: v, lit: lit}) }
func (z *analyzer) user() ref                   { return z.of(atom{kind: aUser}) }
func (z *analyzer) ec2() ref                    { return z.of(atom{kind: aEC2}) }
func (z *analyzer) group(g string) ref          { return z.of(atom{kind: aGroup, lit: g}) }

// kind of a symbolic value.
type kind int

const (
	kBool kind = iota
	kString
	kEntity
	kSet
	kRecord
	kLong
)

// entity is what an entity expression denotes.
type entity int

const (
	entLiteral entity = iota
	entPrincipal
	entResource
	entAction
	entPrincipalTags
)

// sval is an expression's symbolic value, and err the requests for which
// evaluating it fails (it is then neither true nor false).
type sval struct {
	kind kind
	err  ref
	b    ref // kBool: the requests for which it is true (where err is not)
	// kString: a literal (isVar false) or a variable.
	isVar bool
	lit   string
	v     strVar
	// kEntity
	ent entity
	uid types.EntityUID
	// kSet
	elems []sval
	// kRecord: the keys it has (context: iam; context.iam: principalTags).
	keys []string
	// kLong
	n int64
}

// unsupported is a construct the analysis does not decide exactly.
type unsupported struct{ what string }

func (u unsupported) Error() string { return u.what }

func boolean(b ref) sval { return sval{kind: kBool, b: b, err: False} }

// match returns the requests the statement applies to: its scope holds,
// and every condition evaluates to true (when) or false (unless) without
// error — a statement whose evaluation fails does not apply, as in Cedar.
func (z *analyzer) match(p *cedar.Policy) (ref, error) {
	ast := (*xast.Policy)(p.AST())
	f, err := z.scope(ast)
	if err != nil {
		return False, err
	}
	for _, c := range ast.Conditions {
		v, err := z.eval(c.Body)
		if err != nil {
			return False, err
		}
		if v.kind != kBool {
			return False, unsupported{"a condition that is not a boolean"}
		}
		holds := v.b
		if c.Condition == xast.ConditionUnless {
			holds = z.d.not(v.b)
		}
		f = z.d.andAll(f, holds, z.d.not(v.err))
	}
	return f, nil
}

func (z *analyzer) scope(p *xast.Policy) (ref, error) {
	principal, err := z.scopeOf(p.Principal, sval{kind: kEntity, ent: entPrincipal, err: False})
	if err != nil {
		return False, err
	}
	act, err := z.scopeOf(p.Action, sval{kind: kEntity, ent: entAction, err: False})
	if err != nil {
		return False, err
	}
	resource, err := z.scopeOf(p.Resource, sval{kind: kEntity, ent: entResource, err: False})
	if err != nil {
		return False, err
	}
	return z.d.andAll(principal, act, resource), nil
}

func literalEntity(uid types.EntityUID) sval {
	return sval{kind: kEntity, ent: entLiteral, uid: uid, err: False}
}

func (z *analyzer) scopeOf(s any, subject sval) (ref, error) {
	switch s := s.(type) {
	case xast.ScopeTypeAll:
		return True, nil
	case xast.ScopeTypeEq:
		return z.equal(subject, literalEntity(s.Entity)).b, nil
	case xast.ScopeTypeIn:
		return z.in(subject, literalEntity(s.Entity)), nil
	case xast.ScopeTypeInSet:
		f := False
		for _, e := range s.Entities {
			f = z.d.or(f, z.in(subject, literalEntity(e)))
		}
		return f, nil
	case xast.ScopeTypeIs:
		return z.is(subject, s.Type), nil
	case xast.ScopeTypeIsIn:
		return z.d.and(z.is(subject, s.Type), z.in(subject, literalEntity(s.Entity))), nil
	}
	return False, unsupported{fmt.Sprintf("the scope %T", s)}
}

// eval evaluates an expression symbolically.
func (z *analyzer) eval(n xast.IsNode) (sval, error) {
	d := z.d
	switch n := n.(type) {
	case xast.NodeValue:
		return z.value(n.Value)
	case xast.NodeTypeVariable:
		switch n.Name {
		case "principal":
			return sval{kind: kEntity, ent: entPrincipal, err: False}, nil
		case "resource":
			return sval{kind: kEntity, ent: entResource, err: False}, nil
		case "action":
			return sval{kind: kEntity, ent: entAction, err: False}, nil
		case "context":
			return sval{kind: kRecord, keys: []string{"iam"}, err: False}, nil
		}
	case xast.NodeTypeAccess:
		x, err := z.eval(n.Arg)
		if err != nil {
			return sval{}, err
		}
		return z.access(x, string(n.Value))
	case xast.NodeTypeHas:
		x, err := z.eval(n.Arg)
		if err != nil {
			return sval{}, err
		}
		v := z.hasAttr(x, string(n.Value))
		v.err = d.or(v.err, x.err)
		return v, nil
	case xast.NodeTypeHasTag:
		return z.tagOp(n.Left, n.Right, true)
	case xast.NodeTypeGetTag:
		return z.tagOp(n.Left, n.Right, false)
	case xast.NodeTypeEquals, xast.NodeTypeNotEquals:
		var l, r xast.IsNode
		if e, ok := n.(xast.NodeTypeEquals); ok {
			l, r = e.Left, e.Right
		} else {
			ne := n.(xast.NodeTypeNotEquals)
			l, r = ne.Left, ne.Right
		}
		a, b, err := z.pair(l, r)
		if err != nil {
			return sval{}, err
		}
		v := z.equal(a, b)
		if v.kind != kBool {
			return sval{}, unsupported{"a comparison of two values the policies do not fix (" + v.lit + ")"}
		}
		if _, ok := n.(xast.NodeTypeNotEquals); ok {
			v.b = d.not(v.b)
		}
		return v, nil
	case xast.NodeTypeIn:
		a, b, err := z.pair(n.Left, n.Right)
		if err != nil {
			return sval{}, err
		}
		if a.kind != kEntity {
			return sval{}, unsupported{"in on a value that is not an entity"}
		}
		f := False
		switch b.kind {
		case kEntity:
			f = z.in(a, b)
		case kSet:
			for _, e := range b.elems {
				if e.kind != kEntity {
					return sval{}, unsupported{"in on a set of values that are not entities"}
				}
				f = d.or(f, z.in(a, e))
			}
		default:
			return sval{}, unsupported{"in on a value that is not an entity"}
		}
		return sval{kind: kBool, b: f, err: d.or(a.err, b.err)}, nil
	case xast.NodeTypeIs:
		x, err := z.eval(n.Left)
		if err != nil {
			return sval{}, err
		}
		return sval{kind: kBool, b: z.is(x, n.EntityType), err: x.err}, nil
	case xast.NodeTypeIsIn:
		x, err := z.eval(n.Left)
		if err != nil {
			return sval{}, err
		}
		e, err := z.eval(n.Entity)
		if err != nil {
			return sval{}, err
		}
		return sval{kind: kBool, b: d.and(z.is(x, n.EntityType), z.in(x, e)), err: d.or(x.err, e.err)}, nil
	case xast.NodeTypeLike:
		x, err := z.eval(n.Arg)
		if err != nil {
			return sval{}, err
		}
		if x.kind != kString {
			return sval{}, unsupported{"like on a value that is not a string"}
		}
		g, err := newGlob(n.Value)
		if err != nil {
			return sval{}, unsupported{err.Error()}
		}
		if !x.isVar {
			return sval{kind: kBool, b: constant(g.match(x.lit)), err: x.err}, nil
		}
		return sval{kind: kBool, b: z.of(atom{kind: aLike, v: x.v, pat: g}), err: x.err}, nil
	case xast.NodeTypeAnd:
		a, b, err := z.bools(n.Left, n.Right)
		if err != nil {
			return sval{}, err
		}
		// Cedar evaluates the right side only when the left is true.
		return sval{kind: kBool, b: d.and(a.b, b.b), err: d.or(a.err, d.and(a.b, b.err))}, nil
	case xast.NodeTypeOr:
		a, b, err := z.bools(n.Left, n.Right)
		if err != nil {
			return sval{}, err
		}
		return sval{kind: kBool, b: d.or(a.b, b.b), err: d.or(a.err, d.and(d.not(a.b), b.err))}, nil
	case xast.NodeTypeNot:
		x, err := z.eval(n.Arg)
		if err != nil {
			return sval{}, err
		}
		if x.kind != kBool {
			return sval{}, unsupported{"! on a value that is not a boolean"}
		}
		return sval{kind: kBool, b: d.not(x.b), err: x.err}, nil
	case xast.NodeTypeIfThenElse:
		c, err := z.eval(n.If)
		if err != nil {
			return sval{}, err
		}
		t, e, err := z.bools(n.Then, n.Else)
		if err != nil {
			return sval{}, err
		}
		if c.kind != kBool {
			return sval{}, unsupported{"if on a value that is not a boolean"}
		}
		return sval{kind: kBool, b: d.or(d.and(c.b, t.b), d.and(d.not(c.b), e.b)),
			err: d.orAll(c.err, d.and(c.b, t.err), d.and(d.not(c.b), e.err))}, nil
	case xast.NodeTypeContains:
		set, err := z.eval(n.Left)
		if err != nil {
			return sval{}, err
		}
		x, err := z.eval(n.Right)
		if err != nil {
			return sval{}, err
		}
		if set.kind != kSet {
			return sval{}, unsupported{"contains on a value that is not a set literal"}
		}
		f, errs := False, d.or(set.err, x.err)
		for _, e := range set.elems {
			v := z.equal(e, x)
			if v.kind != kBool {
				return sval{}, unsupported{"contains with a value the policies do not fix"}
			}
			f = d.or(f, v.b)
			errs = d.or(errs, v.err)
		}
		return sval{kind: kBool, b: f, err: errs}, nil
	case xast.NodeTypeSet:
		out := sval{kind: kSet, err: False}
		for _, e := range n.Elements {
			v, err := z.eval(e)
			if err != nil {
				return sval{}, err
			}
			out.elems = append(out.elems, v)
			out.err = d.or(out.err, v.err)
		}
		return out, nil
	}
	return sval{}, unsupported{fmt.Sprintf("the expression %T", n)}
}

func constant(b bool) ref {
	if b {
		return True
	}
	return False
}

func (z *analyzer) value(v types.Value) (sval, error) {
	switch v := v.(type) {
	case types.String:
		return sval{kind: kString, lit: string(v), err: False}, nil
	case types.Boolean:
		return boolean(constant(bool(v))), nil
	case types.EntityUID:
		return literalEntity(v), nil
	case types.Long:
		return sval{kind: kLong, n: int64(v), err: False}, nil
	case types.Set:
		out := sval{kind: kSet, err: False}
		for e := range v.All() {
			x, err := z.value(e)
			if err != nil {
				return sval{}, err
			}
			out.elems = append(out.elems, x)
		}
		return out, nil
	}
	return sval{}, unsupported{fmt.Sprintf("the value %T", v)}
}

func (z *analyzer) pair(l, r xast.IsNode) (sval, sval, error) {
	a, err := z.eval(l)
	if err != nil {
		return sval{}, sval{}, err
	}
	b, err := z.eval(r)
	return a, b, err
}

func (z *analyzer) bools(l, r xast.IsNode) (sval, sval, error) {
	a, b, err := z.pair(l, r)
	if err != nil {
		return a, b, err
	}
	if a.kind != kBool || b.kind != kBool {
		return a, b, unsupported{"&&, || or if on a value that is not a boolean"}
	}
	return a, b, nil
}

// access is x.attr.
func (z *analyzer) access(x sval, attr string) (sval, error) {
	switch {
	case x.kind == kEntity && x.ent == entPrincipal:
		v := strVar{kind: principalAttr, key: attr}
		return sval{kind: kString, isVar: true, v: v, err: z.d.or(x.err, z.d.not(z.has(v)))}, nil
	case x.kind == kRecord && attr == "iam" && len(x.keys) == 1 && x.keys[0] == "iam":
		return sval{kind: kRecord, keys: []string{"principalTags"}, err: x.err}, nil
	case x.kind == kRecord && attr == "principalTags" && len(x.keys) == 1 && x.keys[0] == "principalTags":
		return sval{kind: kEntity, ent: entPrincipalTags, err: x.err}, nil
	}
	return sval{}, unsupported{"the attribute " + attr + " of a value that does not have it"}
}

// hasAttr is x has attr: principals have optional attributes, records their
// keys, nodes none.
func (z *analyzer) hasAttr(x sval, attr string) sval {
	switch {
	case x.kind == kEntity && x.ent == entPrincipal:
		return boolean(z.has(strVar{kind: principalAttr, key: attr}))
	case x.kind == kRecord:
		for _, k := range x.keys {
			if k == attr {
				return boolean(True)
			}
		}
	}
	return boolean(False)
}

// tagOp is x.hasTag(k) (has) or x.getTag(k).
func (z *analyzer) tagOp(l, r xast.IsNode, has bool) (sval, error) {
	x, k, err := z.pair(l, r)
	if err != nil {
		return sval{}, err
	}
	if k.kind != kString || k.isVar {
		return sval{}, unsupported{"a tag key that is not a string literal"}
	}
	var v strVar
	switch {
	case x.kind == kEntity && x.ent == entResource:
		v = strVar{kind: nodeTag, key: k.lit}
	case x.kind == kEntity && x.ent == entPrincipalTags:
		v = strVar{kind: principalTag, key: k.lit}
	case x.kind == kEntity && has:
		return sval{kind: kBool, b: False, err: x.err}, nil
	default:
		return sval{}, unsupported{"tags of an entity that has none"}
	}
	errs := z.d.or(x.err, k.err)
	if has {
		return sval{kind: kBool, b: z.has(v), err: errs}, nil
	}
	return sval{kind: kString, isVar: true, v: v, err: z.d.or(errs, z.d.not(z.has(v)))}, nil
}

// equal is a == b. Values of two kinds are never equal (no error, as in
// Cedar). Two variables that may differ are not decided: the result then
// is not a boolean (its lit says which).
func (z *analyzer) equal(a, b sval) sval {
	d := z.d
	errs := d.or(a.err, b.err)
	out := sval{kind: kBool, err: errs}
	switch {
	case a.kind != b.kind:
		out.b = False
	case a.kind == kBool:
		out.b = d.or(d.and(a.b, b.b), d.and(d.not(a.b), d.not(b.b)))
	case a.kind == kLong:
		out.b = constant(a.n == b.n)
	case a.kind == kString:
		switch {
		case !a.isVar && !b.isVar:
			out.b = constant(a.lit == b.lit)
		case a.isVar && b.isVar && a.v == b.v:
			out.b = True
		case a.isVar && b.isVar:
			return sval{kind: kString, lit: a.v.String() + " with " + b.v.String()}
		case a.isVar:
			out.b = z.eq(a.v, b.lit)
		default:
			out.b = z.eq(b.v, a.lit)
		}
	case a.kind == kEntity:
		out.b = z.sameEntity(a, b)
	default:
		return sval{kind: kString, lit: "sets or records"}
	}
	return out
}

func (z *analyzer) sameEntity(a, b sval) ref {
	if a.ent == entLiteral && b.ent != entLiteral {
		a, b = b, a
	}
	switch {
	case a.ent == entLiteral:
		return constant(a.uid == b.uid)
	case b.ent == entLiteral:
		return z.isLiteral(a.ent, b.uid)
	}
	return constant(a.ent == b.ent)
}

// isLiteral is "the entity e is uid".
func (z *analyzer) isLiteral(e entity, uid types.EntityUID) ref {
	switch e {
	case entPrincipal:
		if uid.Type != typeUser {
			return False
		}
		return z.d.and(z.user(), z.eq(strVar{kind: principalID}, string(uid.ID)))
	case entResource:
		if uid.Type != typeEC2 && uid.Type != typeManaged {
			return False
		}
		return z.eq(strVar{kind: nodeID}, string(uid.Type)+"\x00"+string(uid.ID))
	case entAction:
		return constant(uid.Type == typeAction && uid.ID == action)
	}
	return False
}

// in is a in b: users are in their groups; nodes, actions and tags are in
// themselves only.
func (z *analyzer) in(a, b sval) ref {
	if b.ent != entLiteral {
		return z.sameEntity(a, b)
	}
	if a.ent == entPrincipal && b.uid.Type == typeGroup {
		return z.d.and(z.user(), z.group(string(b.uid.ID)))
	}
	if a.ent == entLiteral {
		return constant(a.uid == b.uid)
	}
	return z.isLiteral(a.ent, b.uid)
}

// is is "x is of type t".
func (z *analyzer) is(x sval, t types.EntityType) ref {
	switch x.ent {
	case entPrincipal:
		switch t {
		case typeUser:
			return z.user()
		case typeRole:
			return z.d.not(z.user())
		}
		return False
	case entResource:
		switch t {
		case typeEC2:
			return z.ec2()
		case typeManaged:
			return z.d.not(z.ec2())
		}
		return False
	case entAction:
		return constant(t == typeAction)
	case entPrincipalTags:
		return constant(t == "AWS::IAM::PrincipalTags")
	}
	return constant(x.uid.Type == t)
}
