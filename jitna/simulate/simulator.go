package simulate

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	cedargo "github.com/cedar-policy/cedar-go"
	"github.com/cedar-policy/cedar-go/types"
	xast "github.com/cedar-policy/cedar-go/x/exp/ast"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// Simulator decides requests against compiled policies. It is safe for
// concurrent use.
type Simulator struct {
	policies Policies
	deny     []statement
	auto     []statement
	manual   manualIndex
	// named are the entities the Cedar statements name (scopes and
	// conditions, as cedar-go parsed them).
	named map[types.EntityUID]bool
	// reads are the node tags the statements read.
	reads tagReads
}

// New compiles the policies' Cedar and indexes the manual policies' targets.
// Cedar that does not parse is an error (check it with cedar.Check first for
// every problem at once).
func New(p Policies) (*Simulator, error) {
	s := &Simulator{policies: p, manual: newManualIndex(p.Manual)}
	var err error
	if p.DenyAccess != nil {
		if s.deny, err = compile(policy.DenyAccessName, p.DenyAccess.Documents, cedar.Forbid); err != nil {
			return nil, err
		}
	}
	if p.AutoApproval != nil {
		if s.auto, err = compile(policy.AutoApprovalName, p.AutoApproval.Documents, cedar.Permit); err != nil {
			return nil, err
		}
	}
	s.reads = readTags(s.deny, s.auto)
	s.named = map[types.EntityUID]bool{}
	for _, list := range [][]statement{s.deny, s.auto} {
		for _, st := range list {
			for _, e := range entityLiterals((*xast.Policy)(st.policy.AST())) {
				s.named[e] = true
			}
		}
	}
	return s, nil
}

// Outcome is what happens to a request.
type Outcome string

const (
	// AutoApproved: access is granted for one hour without approval.
	AutoApproved Outcome = "auto-approved"
	// NeedsManualApproval: one manual approval policy applies.
	NeedsManualApproval Outcome = "manual-approval"
	// NoApplicablePolicy: nothing applies; the node cannot be requested.
	NoApplicablePolicy Outcome = "no-applicable-policy"
	// Conflict: two or more manual approval policies apply; requests fail.
	Conflict Outcome = "conflict"
)

// Decision is the answer to one request.
type Decision struct {
	Outcome Outcome
	// AutoApprovalDenied is true when a deny-access forbid statement matched
	// the request, whether or not an auto-approval statement would have
	// permitted it.
	AutoApprovalDenied bool
	// DeniedBy are the deny-access statements that matched.
	DeniedBy []StatementRef
	// ApprovedBy are the auto-approval statements that matched (also when a
	// deny-access statement overrode them).
	ApprovedBy []StatementRef
	// Policy is the manual approval policy that applies (NeedsManualApproval).
	Policy *policy.ManualApproval
	// Conflicting names the manual approval policies that apply (Conflict).
	Conflicting []string
	// AccessDuration is how long granted access lasts: one hour when
	// auto-approved, the policy's duration with manual approval.
	AccessDuration time.Duration
	// Explanation says, line by line, how the decision was reached.
	Explanation []string
	// quiet leaves Explanation out.
	quiet bool
}

// explain adds a line to the explanation.
func (d *Decision) explain(format string, args ...any) {
	if !d.quiet {
		d.Explanation = append(d.Explanation, fmt.Sprintf(format, args...))
	}
}

// namesNodes reports whether a statement names a node by id (an entity
// of a node type, in its scope or in its conditions, as cedar-go parsed
// it: comments and layout do not matter), so that a decision may depend on
// more than the node's type and tags.
func (s *Simulator) namesNodes() bool {
	for e := range s.named {
		if isNodeType(e.Type) {
			return true
		}
	}
	return false
}

func isNodeType(t types.EntityType) bool { return t == typeInstance || t == typeManaged }

// entityLiterals are the entities p names: in its principal and resource
// scopes and as values in its conditions.
func entityLiterals(p *xast.Policy) []types.EntityUID {
	var out []types.EntityUID
	for _, scope := range []any{p.Principal, p.Resource} {
		switch r := scope.(type) {
		case xast.ScopeTypeEq:
			out = append(out, r.Entity)
		case xast.ScopeTypeIn:
			out = append(out, r.Entity)
		case xast.ScopeTypeIsIn:
			out = append(out, r.Entity)
		case xast.ScopeTypeInSet:
			out = append(out, r.Entities...)
		}
	}
	var value func(v types.Value)
	value = func(v types.Value) {
		switch v := v.(type) {
		case types.EntityUID:
			out = append(out, v)
		case types.Set:
			for e := range v.All() {
				value(e)
			}
		}
	}
	for _, c := range p.Conditions {
		xast.Inspect(xast.NewNode(c.Body), func(n xast.IsNode) bool {
			if v, ok := n.(xast.NodeValue); ok {
				value(v.Value)
			}
			return true
		})
	}
	return out
}

// unnamedUser is a user id that no statement of the simulators names
// ("anyone", else "anyone-2", …): the requester that stands for a user of
// no group, with no attributes or tags, without being one a policy could
// single out.
func unnamedUser(sims ...*Simulator) string {
	id := "anyone"
	for n := 2; slices.ContainsFunc(sims, func(s *Simulator) bool { return s.named[types.NewEntityUID(typeUser, types.String(id))] }); n++ {
		id = fmt.Sprintf("anyone-%d", n)
	}
	return id
}

// Policies returns the policies the simulator decides with.
func (s *Simulator) Policies() Policies { return s.policies }

// Decide answers a request of r for node n.
//
// A requester with neither a user id nor an IAM role is a user whose id no
// statement names.
func (s *Simulator) Decide(n Node, r Requester) Decision { return s.decide(n, r, true) }

// decide is Decide, with the explanation or without (a diff decides
// hundreds of thousands of requests and shares each decision between
// nodes).
func (s *Simulator) decide(n Node, r Requester, explained bool) Decision {
	who := ""
	if r.UserID == "" && r.IAMRole == "" {
		r.UserID, who = unnamedUser(s), " (an id no statement names)"
	}
	d := Decision{quiet: !explained}
	explain := d.explain
	explain("request: %s%s, for %s node %s with tags %s", r.describe(), who, nodeType(n), n.uid().ID, orDefault(pairs(n.Tags), "(none)"))
	d.AutoApprovalDenied, d.ApprovedBy = s.autoApproval(n, r, &d)
	if !d.AutoApprovalDenied && len(d.ApprovedBy) > 0 {
		d.Outcome, d.AccessDuration = AutoApproved, policy.AutoApprovalAccessDuration
		explain("outcome: auto-approved, access for %s", d.AccessDuration)
		return d
	}
	s.manualApproval(n, &d)
	return d
}

// autoApproval evaluates the deny-access and auto-approval statements.
func (s *Simulator) autoApproval(n Node, r Requester, d *Decision) (denied bool, approvedBy []StatementRef) {
	req, entities := request(n, r)
	explain := d.explain
	if s.policies.DenyAccess == nil {
		explain("deny-access policy: none")
	} else {
		d.DeniedBy = s.evaluate(s.deny, req, entities, d)
		for _, ref := range d.DeniedBy {
			explain("deny-access: %s forbids automatic approval%s", ref, s.origin(policy.DenyAccessName))
		}
		if len(d.DeniedBy) == 0 {
			explain("deny-access: none of %d forbid statements matches", len(s.deny))
		}
	}
	if s.policies.AutoApproval == nil {
		explain("auto-approval policy: none")
		return len(d.DeniedBy) > 0, nil
	}
	approvedBy = s.evaluate(s.auto, req, entities, d)
	for _, ref := range approvedBy {
		explain("auto-approval: %s permits the request%s", ref, s.origin(policy.AutoApprovalName))
	}
	if len(approvedBy) == 0 {
		explain("auto-approval: none of %d permit statements matches", len(s.auto))
	} else if len(d.DeniedBy) > 0 {
		explain("auto-approval: overridden by the deny-access policy; the request goes to manual approval")
	}
	return len(d.DeniedBy) > 0, approvedBy
}

// evaluate returns the statements that match, recording evaluation errors
// (a statement that errors does not match, as in Cedar).
func (s *Simulator) evaluate(stmts []statement, req cedargo.Request, entities cedargo.EntityGetter, d *Decision) []StatementRef {
	var matched []StatementRef
	for _, st := range stmts {
		_, diag := cedargo.Authorize(single{st.policy}, entities, req)
		if len(diag.Reasons) > 0 {
			matched = append(matched, st.ref)
		}
		for _, e := range diag.Errors {
			d.explain("%s does not match: evaluating it fails (%s)", st.ref, e.Message)
		}
	}
	return matched
}

// single iterates one policy for cedar-go's authorizer.
type single struct{ p *cedargo.Policy }

// All yields the one policy.
func (s single) All() iter.Seq2[cedargo.PolicyID, *cedargo.Policy] {
	return func(yield func(cedargo.PolicyID, *cedargo.Policy) bool) { yield("statement", s.p) }
}

// manualApproval decides among the manual approval policies.
func (s *Simulator) manualApproval(n Node, d *Decision) {
	explain := d.explain
	candidates, tagged, all := s.manual.applicable(n.Tags)
	switch {
	case len(tagged) > 0:
		for _, m := range tagged {
			explain("manual approval: %s applies: %s%s", s.policies.Manual[m.policy].Name, m.why, s.origin(s.policies.Manual[m.policy].Name))
		}
		for _, i := range all {
			explain("manual approval: %s targets all nodes, but tag-specific policies win over it", s.policies.Manual[i].Name)
		}
	case len(all) > 0:
		for _, i := range all {
			explain("manual approval: %s applies: it targets all nodes and no tag-specific policy targets this node%s", s.policies.Manual[i].Name, s.origin(s.policies.Manual[i].Name))
		}
	default:
		explain("manual approval: none of %d policies targets this node's tags, and none targets all nodes", len(s.policies.Manual))
	}
	switch len(candidates) {
	case 0:
		d.Outcome = NoApplicablePolicy
		explain("outcome: no applicable policy: the node cannot be requested")
	case 1:
		p := s.policies.Manual[candidates[0]].WithDefaults()
		d.Outcome, d.Policy, d.AccessDuration = NeedsManualApproval, &p, p.AccessDuration
		explain("outcome: manual approval by %s, %d level(s), access for %s", p.Name, len(p.ApprovalLevels), p.AccessDuration)
	default:
		d.Outcome = Conflict
		for _, c := range candidates {
			d.Conflicting = append(d.Conflicting, s.policies.Manual[c].Name)
		}
		explain("outcome: conflict: %s all apply, so access requests to this node fail", strings.Join(d.Conflicting, ", "))
	}
}

func (s *Simulator) origin(name string) string {
	if o := s.policies.Origins[name]; o != "" {
		return " [" + o + "]"
	}
	return ""
}

func nodeType(n Node) string {
	if n.Type == Managed {
		return "managed"
	}
	return "EC2"
}
