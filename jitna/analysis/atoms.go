package analysis

import (
	"fmt"
	"sort"
	"strings"
)

// varKind is what a string variable of a request is.
type varKind int

const (
	// principalAttr is an attribute of the requesting user (principal.X).
	principalAttr varKind = iota
	// principalTag is an IAM principal tag of the request
	// (context.iam.principalTags.getTag("K")).
	principalTag
	// nodeTag is a tag of the node (resource.getTag("K")).
	nodeTag
	// principalID is the requesting user's id (principal == User::"…").
	principalID
	// nodeID is the node's type and id (resource == AWS::EC2::Instance::"…").
	nodeID
)

// strVar is a string a request carries, which may be absent (attributes and
// tags) or always present (ids).
type strVar struct {
	kind varKind
	key  string
}

func (v strVar) String() string {
	switch v.kind {
	case principalAttr:
		return "principal." + v.key
	case principalTag:
		return "principal tag " + v.key
	case nodeTag:
		return "node tag " + v.key
	case principalID:
		return "user id"
	}
	return "node id"
}

// optional says whether the variable may be absent.
func (v strVar) optional() bool {
	return v.kind == principalAttr || v.kind == principalTag || v.kind == nodeTag
}

// atomKind is what an atom says about a request.
type atomKind int

const (
	aHas   atomKind = iota // the variable is present
	aEq                    // the variable equals lit
	aLike                  // the variable matches pat
	aGroup                 // the user is a member of group lit
	aUser                  // the principal is an Identity Center user (not an IAM role)
	aEC2                   // the node is an EC2 instance (not a managed instance)
)

// atom is one predicate the policies can tell requests apart by.
type atom struct {
	kind atomKind
	v    strVar
	lit  string
	pat  glob
}

func (a atom) key() string {
	return fmt.Sprintf("%d\x00%d\x00%s\x00%s\x00%s", a.kind, a.v.kind, a.v.key, a.lit, a.pat.text)
}

// String says the atom in words, for a class's description.
func (a atom) String() string {
	switch a.kind {
	case aHas:
		return a.v.String() + " is set"
	case aEq:
		if a.v.kind == nodeID {
			typ, id, _ := strings.Cut(a.lit, "\x00")
			return "node is " + typ + "::" + quote(id)
		}
		return a.v.String() + " = " + quote(a.lit)
	case aLike:
		return a.v.String() + " like " + a.pat.text
	case aGroup:
		return "in group " + quote(a.lit)
	case aUser:
		return "an Identity Center user"
	}
	return "an EC2 instance"
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// atoms numbers the atoms of an analysis; the number is the atom's place in
// the bdd's order.
type atoms struct {
	list  []atom
	index map[string]int
}

func newAtoms() *atoms { return &atoms{index: map[string]int{}} }

func (as *atoms) id(a atom) int {
	k := a.key()
	if i, ok := as.index[k]; ok {
		return i
	}
	i := len(as.list)
	as.list = append(as.list, a)
	as.index[k] = i
	return i
}

// byVar returns the atoms of each string variable, in a stable order.
func (as *atoms) byVar() (vars []strVar, of map[strVar][]int) {
	of = map[strVar][]int{}
	for i, a := range as.list {
		if a.kind == aHas || a.kind == aEq || a.kind == aLike {
			if _, ok := of[a.v]; !ok {
				vars = append(vars, a.v)
			}
			of[a.v] = append(of[a.v], i)
		}
	}
	sort.SliceStable(vars, func(i, j int) bool {
		if vars[i].kind != vars[j].kind {
			return vars[i].kind < vars[j].kind
		}
		return vars[i].key < vars[j].key
	})
	return vars, of
}
