package simulate

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	cedargo "github.com/cedar-policy/cedar-go"
	"github.com/cedar-policy/cedar-go/types"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// NodeType is the kind of managed node.
type NodeType string

const (
	// EC2 is an Amazon EC2 instance (AWS::EC2::Instance). The default.
	EC2 NodeType = "ec2"
	// Managed is a non-EC2 managed node (AWS::SSM::ManagedInstance).
	Managed NodeType = "managed"
)

// Node is the node a request is for.
type Node struct {
	// ID of the node. Default: a placeholder ("i-…" or "mi-…").
	ID string `json:"id"`
	// Type is EC2 (default) or Managed.
	Type NodeType `json:"type,omitempty"`
	// Tags of the node.
	Tags map[string]string `json:"tags,omitempty"`
}

// Requester is who asks for access: an IAM Identity Center user (UserID,
// Groups, Attributes) or an IAM role (IAMRole). PrincipalTags are the IAM
// principal tags the request carries (context.iam.principalTags).
type Requester struct {
	// UserID is the Identity Center user id. Default: a placeholder when
	// IAMRole is empty.
	UserID string `json:"user,omitempty"`
	// Groups are the Identity Center group ids the user is a member of.
	Groups []string `json:"groups,omitempty"`
	// Attributes are the user's attributes: employeeNumber, costCenter,
	// organization, division.
	Attributes map[string]string `json:"attributes,omitempty"`
	// IAMRole names an IAM role requester instead of a user.
	IAMRole string `json:"iamRole,omitempty"`
	// PrincipalTags are the IAM principal tags.
	PrincipalTags map[string]string `json:"principalTags,omitempty"`
}

// Check returns what is wrong with r as a request can carry it: an
// attribute the JITNA schema does not give a user (a misspelt name would
// make every test of it false, a contractor then looking auto-approved),
// and an empty group id. Nil when r is fine.
func (r Requester) Check() error {
	known := cedar.Default().Attributes("principal")
	var problems []string
	for _, k := range slices.Sorted(maps.Keys(r.Attributes)) {
		if !slices.Contains(known, k) {
			problems = append(problems, fmt.Sprintf("attribute %q is not one a JITNA user has%s: the attributes are %s", k, check.DidYouMean(k, known), strings.Join(known, ", ")))
		}
	}
	for i, g := range r.Groups {
		if strings.TrimSpace(g) == "" {
			problems = append(problems, fmt.Sprintf("group %d is empty: give Identity Center group ids", i+1))
		} else if g != strings.TrimSpace(g) {
			problems = append(problems, fmt.Sprintf("group %q has spaces around it: a group id has none", g))
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

const (
	action = "getTokenForInstanceAccess"
	// Entity types of the JITNA schema (jitna/cedar/jitna.cedarschema), and
	// typeRole for an IAM role requester, which the schema does not declare.
	typeUser          = "AWS::IdentityStore::User"
	typeGroup         = "AWS::IdentityStore::Group"
	typeRole          = "AWS::IAM::Role"
	typePrincipalTags = "AWS::IAM::PrincipalTags"
	typeInstance      = "AWS::EC2::Instance"
	typeManaged       = "AWS::SSM::ManagedInstance"
	typeAction        = "AWS::SSM::Action"
)

// request builds the Cedar request and entities for a node and requester.
func request(n Node, r Requester) (cedargo.Request, types.EntityMap) {
	entities := types.EntityMap{}
	var principal types.EntityUID
	switch {
	case r.IAMRole != "":
		principal = types.NewEntityUID(typeRole, types.String(r.IAMRole))
		entities[principal] = types.Entity{UID: principal, Tags: stringRecord(r.PrincipalTags)}
	default:
		principal = types.NewEntityUID(typeUser, types.String(r.UserID))
		parents := make([]types.EntityUID, len(r.Groups))
		for i, g := range r.Groups {
			parents[i] = types.NewEntityUID(typeGroup, types.String(g))
			entities[parents[i]] = types.Entity{UID: parents[i]}
		}
		entities[principal] = types.Entity{UID: principal, Parents: types.NewEntityUIDSet(parents...), Attributes: stringRecord(r.Attributes)}
	}
	tags := types.NewEntityUID(typePrincipalTags, "requester")
	entities[tags] = types.Entity{UID: tags, Tags: stringRecord(r.PrincipalTags)}

	resource := n.uid()
	entities[resource] = types.Entity{UID: resource, Tags: stringRecord(n.Tags)}
	return cedargo.Request{
		Principal: principal,
		Action:    types.NewEntityUID(typeAction, action),
		Resource:  resource,
		Context:   types.NewRecord(types.RecordMap{"iam": types.NewRecord(types.RecordMap{"principalTags": tags})}),
	}, entities
}

func (n Node) uid() types.EntityUID {
	if n.Type == Managed {
		return types.NewEntityUID(typeManaged, types.String(orDefault(n.ID, "mi-0123456789abcdef0")))
	}
	return types.NewEntityUID(typeInstance, types.String(orDefault(n.ID, "i-0123456789abcdef0")))
}

// nodeReader says what decisions of one or more simulators read of a
// node: its id when a statement names nodes, else its type and the tags
// the policies read (all its tags when a statement computes a key).
type nodeReader struct {
	byID bool
	all  bool
	keys []string
}

func newNodeReader(sims ...*Simulator) nodeReader {
	var r nodeReader
	keys := map[string]bool{}
	for _, s := range sims {
		r.byID = r.byID || s.namesNodes()
		r.all = r.all || s.reads.any
		for _, k := range s.TagKeys() {
			keys[k] = true
		}
	}
	r.keys = slices.Sorted(maps.Keys(keys))
	return r
}

// key identifies the nodes the decisions cannot tell apart.
func (r nodeReader) key(n Node) string {
	switch {
	case r.byID:
		return n.ID
	case r.all:
		return n.shape()
	}
	var b strings.Builder
	b.WriteString(string(orEC2(n.Type)))
	for _, k := range r.keys {
		if v, ok := n.Tags[k]; ok {
			writeTag(&b, k, v)
		}
	}
	return b.String()
}

// relevant is r as the simulators' statements see it: only the groups a
// statement names (no other membership can change a decision: Cedar tests
// membership of an entity it names, and a requester may be in hundreds of
// thousands), and a user id no statement names when r has no id.
func relevant(r Requester, sims ...*Simulator) Requester {
	if r.UserID == "" && r.IAMRole == "" {
		r.UserID = unnamedUser(sims...)
	}
	var groups []string
	for _, g := range r.Groups {
		uid := types.NewEntityUID(typeGroup, types.String(g))
		if slices.ContainsFunc(sims, func(s *Simulator) bool { return s.named[uid] }) {
			groups = append(groups, g)
		}
	}
	r.Groups = groups
	return r
}

// shape identifies what a decision reads of a node when no statement names
// a node by id: its type and its tags.
func (n Node) shape() string {
	keys := make([]string, 0, len(n.Tags))
	for k := range n.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(string(n.Type))
	for _, k := range keys {
		writeTag(&b, k, n.Tags[k])
	}
	return b.String()
}

// writeTag writes one tag of a node's key: lengths first, so that no tag
// text can make two keys collide.
func writeTag(b *strings.Builder, k, v string) {
	b.WriteByte('|')
	b.WriteString(strconv.Itoa(len(k)))
	b.WriteByte(':')
	b.WriteString(k)
	b.WriteByte('=')
	b.WriteString(strconv.Itoa(len(v)))
	b.WriteByte(':')
	b.WriteString(v)
}

func stringRecord(m map[string]string) types.Record {
	rm := make(types.RecordMap, len(m))
	for k, v := range m {
		rm[types.String(k)] = types.String(v)
	}
	return types.NewRecord(rm)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// describe renders a requester for explanations.
func (r Requester) describe() string {
	var parts []string
	if r.IAMRole != "" {
		parts = append(parts, "IAM role "+r.IAMRole)
	} else {
		parts = append(parts, "user "+r.UserID)
		if len(r.Groups) > 0 {
			parts = append(parts, "in groups "+strings.Join(r.Groups, ", "))
		}
		if len(r.Attributes) > 0 {
			parts = append(parts, "with "+pairs(r.Attributes))
		}
	}
	if len(r.PrincipalTags) > 0 {
		parts = append(parts, "principal tags "+pairs(r.PrincipalTags))
	}
	return strings.Join(parts, " ")
}

// pairs renders a map as sorted K=V pairs.
// TagList is the node's tags as K=V,K=V (sorted by key), or "no tags".
func (n Node) TagList() string { return orDefault(pairs(n.Tags), "no tags") }

func pairs(m map[string]string) string {
	keys := slices.Sorted(maps.Keys(m))
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k + "=" + m[k]
	}
	return strings.Join(out, ",")
}
