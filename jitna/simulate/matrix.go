package simulate

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/cedar-policy/cedar-go/types"
	xast "github.com/cedar-policy/cedar-go/x/exp/ast"
)

// Cell is the decision for the nodes of a group and one requester.
type Cell struct {
	Outcome Outcome `json:"outcome"`
	// Policy is the manual approval policy that applies (NeedsManualApproval).
	Policy string `json:"policy,omitempty"`
	// Conflicting are the manual approval policies that all apply (Conflict).
	Conflicting []string `json:"conflicting,omitempty"`
	// AutoApprovalDenied is true when the deny-access policy took the
	// request out of auto-approval.
	AutoApprovalDenied bool `json:"autoApprovalDenied,omitempty"`
}

// NodeGroup is nodes that every requester's requests treat alike: the same
// type, the same values of the tags the policies use, and the same decisions.
type NodeGroup struct {
	Type NodeType `json:"type"`
	// Tags are the group's values of the tag keys the policies use (a key
	// the nodes do not carry is left out).
	Tags map[string]string `json:"tags"`
	// Nodes are the ids of the group's nodes, in inventory order.
	Nodes []string `json:"nodes"`
	// Cells are the decisions, one per requester of the matrix.
	Cells []Cell `json:"cells"`
	// Ambiguous is true when another group has the same type and tags but
	// other decisions: the policies tell these nodes apart by something
	// else (a node id named in Cedar, or a tag key not written literally).
	Ambiguous bool `json:"ambiguous,omitempty"`
}

// Matrix is the decisions for groups of nodes × requesters.
type Matrix struct {
	// TagKeys are the node tag keys the policies use, sorted.
	TagKeys []string `json:"tagKeys"`
	// Requesters name the columns (none given: UngroupedUser).
	Requesters []string `json:"requesters"`
	// Groups are the rows, sorted by type and tags.
	Groups []NodeGroup `json:"groups"`
}

// Matrix decides every node for every requester (none given: UngroupedUser)
// and groups the nodes by type, the values of the tag keys the policies use
// (TagKeys) and the decisions. Nodes alike are decided once per requester,
// as in Diff.
func (s *Simulator) Matrix(nodes []Node, requesters []NamedRequester) Matrix {
	requesters = orUngrouped(requesters, s)
	m := Matrix{TagKeys: s.TagKeys()}
	for _, q := range requesters {
		m.Requesters = append(m.Requesters, q.Name)
	}
	reader := newNodeReader(s)
	asked := make([]Requester, len(requesters))
	for j, q := range requesters {
		asked[j] = relevant(q.Requester, s)
	}
	rows := map[string][]Cell{} // by node shape (or id)
	groups := map[string]int{}
	labels := map[string]int{} // groups by type and tags
	for _, n := range nodes {
		key := reader.key(n)
		row, ok := rows[key]
		if !ok {
			row = make([]Cell, len(requesters))
			for j := range requesters {
				d := s.decide(n, asked[j], false)
				row[j] = Cell{Outcome: d.Outcome, Conflicting: d.Conflicting, AutoApprovalDenied: d.AutoApprovalDenied}
				if d.Policy != nil {
					row[j].Policy = d.Policy.Name
				}
			}
			rows[key] = row
		}
		label := Node{Type: orEC2(n.Type), Tags: restrict(n.Tags, m.TagKeys)}
		shape := label.shape()
		g, ok := groups[shape+"\x00"+rowKey(row)]
		if !ok {
			g = len(m.Groups)
			groups[shape+"\x00"+rowKey(row)] = g
			labels[shape]++
			m.Groups = append(m.Groups, NodeGroup{Type: label.Type, Tags: label.Tags, Cells: row})
		}
		m.Groups[g].Nodes = append(m.Groups[g].Nodes, n.ID)
	}
	for i, g := range m.Groups {
		m.Groups[i].Ambiguous = labels[Node{Type: g.Type, Tags: g.Tags}.shape()] > 1
	}
	slices.SortStableFunc(m.Groups, func(a, b NodeGroup) int {
		return strings.Compare(string(a.Type)+" "+pairs(a.Tags), string(b.Type)+" "+pairs(b.Tags))
	})
	return m
}

// orUngrouped returns requesters, or when there are none UngroupedUser: a
// user of no group whose id no statement of the simulators names.
func orUngrouped(requesters []NamedRequester, sims ...*Simulator) []NamedRequester {
	if len(requesters) == 0 {
		return []NamedRequester{{Name: UngroupedUser, Requester: Requester{UserID: unnamedUser(sims...)}}}
	}
	return requesters
}

func orEC2(t NodeType) NodeType {
	if t == "" {
		return EC2
	}
	return t
}

// restrict returns the tags whose keys are in keys.
func restrict(tags map[string]string, keys []string) map[string]string {
	out := map[string]string{}
	for _, k := range keys {
		if v, ok := tags[k]; ok {
			out[k] = v
		}
	}
	return out
}

// rowKey identifies a row of decisions.
func rowKey(row []Cell) string {
	var b strings.Builder
	for _, c := range row {
		b.WriteString(string(c.Outcome) + "|" + strconv.Quote(c.Policy) + "|" + strconv.FormatBool(c.AutoApprovalDenied))
		for _, p := range c.Conflicting {
			b.WriteString("|" + strconv.Quote(p))
		}
		b.WriteString(";")
	}
	return b.String()
}

// TagKeys returns the node tag keys the policies use, sorted: the keys of
// the manual approval policies' targets and those the deny-access and
// auto-approval statements read with resource.hasTag or resource.getTag
// and a literal key.
func (s *Simulator) TagKeys() []string {
	keys := map[string]bool{}
	for _, p := range s.policies.Manual {
		for _, t := range p.Targets {
			keys[t.Key] = true
		}
	}
	for k := range s.reads.keys {
		keys[k] = true
	}
	return slices.Sorted(maps.Keys(keys))
}

// tagReads are the node tag keys statements read: literal keys, or every
// key when a statement reads one it computes.
type tagReads struct {
	keys map[string]bool
	any  bool
}

// readTags finds, in cedar-go's syntax tree of each statement, the node
// tags it reads.
func readTags(stmts ...[]statement) tagReads {
	r := tagReads{keys: map[string]bool{}}
	for _, list := range stmts {
		for _, st := range list {
			for _, c := range (*xast.Policy)(st.policy.AST()).Conditions {
				xast.Inspect(xast.NewNode(c.Body), func(n xast.IsNode) bool {
					var bin xast.BinaryNode
					switch n := n.(type) {
					case xast.NodeTypeHasTag:
						bin = n.BinaryNode
					case xast.NodeTypeGetTag:
						bin = n.BinaryNode
					default:
						return true
					}
					k, isValue := bin.Right.(xast.NodeValue)
					key, isString := k.Value.(types.String)
					switch v := bin.Left.(type) {
					case xast.NodeTypeVariable:
						if v.Name == "resource" {
							if isValue && isString {
								r.keys[string(key)] = true
							} else {
								r.any = true
							}
						}
					case xast.NodeTypeAccess:
						// context.iam.principalTags: the requester's tags.
					default:
						// An expression that may be the node: any key.
						r.any = true
					}
					return true
				})
			}
		}
	}
	return r
}
