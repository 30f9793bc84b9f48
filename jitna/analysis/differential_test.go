package analysis

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

var (
	seed = flag.Uint64("seed", 20261202, "the seed of the generated policy pairs (make fuzz sets a random one)")
	runs = flag.Int("runs", 150, "how many generated policy pairs")
)

// The vocabulary of the generated policies and requests.
var (
	groups   = []string{"dev", "ops", "sec"}
	values   = []string{"dev", "prod", "prod-eu", "staging", "web-1", "x-prod"}
	patterns = []string{"prod*", "*-prod", "web-*", "*", "st*ng"}
	nodeIDs  = []string{"i-0000000000000bad0", "i-0000000000000cafe"}
	users    = []string{"alice", "bob"}
)

// gen writes random Cedar conditions over the JITNA schema.
type gen struct{ r *rand.Rand }

func (g gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g gen) str() (expr, guard string) {
	switch g.r.IntN(3) {
	case 0:
		k := g.pick([]string{"env", "app"})
		return fmt.Sprintf(`resource.getTag(%q)`, k), fmt.Sprintf(`resource.hasTag(%q)`, k)
	case 1:
		a := g.pick([]string{"costCenter", "division"})
		return "principal." + a, "principal has " + a
	}
	return `context.iam.principalTags.getTag("team")`, `context.iam.principalTags.hasTag("team")`
}

func (g gen) atom() string {
	switch g.r.IntN(8) {
	case 0:
		return fmt.Sprintf(`principal in AWS::IdentityStore::Group::%q`, g.pick(groups))
	case 1:
		e, _ := g.str()
		return fmt.Sprintf("%s == %q", e, g.pick(values)) // may error: unguarded
	case 2:
		e, guard := g.str()
		return fmt.Sprintf("(%s && %s like %q)", guard, e, g.pick(patterns))
	case 3:
		_, guard := g.str()
		return guard
	case 4:
		return fmt.Sprintf(`resource == AWS::EC2::Instance::%q`, g.pick(nodeIDs))
	case 5:
		return fmt.Sprintf(`principal == AWS::IdentityStore::User::%q`, g.pick(users))
	case 6:
		return "resource is AWS::SSM::ManagedInstance"
	}
	e, guard := g.str()
	return fmt.Sprintf("(%s && %s != %q)", guard, e, g.pick(values))
}

func (g gen) cond(depth int) string {
	if depth == 0 || g.r.IntN(3) == 0 {
		return g.atom()
	}
	switch g.r.IntN(3) {
	case 0:
		return "(" + g.cond(depth-1) + " && " + g.cond(depth-1) + ")"
	case 1:
		return "(" + g.cond(depth-1) + " || " + g.cond(depth-1) + ")"
	}
	return "!(" + g.cond(depth-1) + ")"
}

func (g gen) statement(effect string) string {
	kw := "when"
	if g.r.IntN(4) == 0 {
		kw = "unless"
	}
	return fmt.Sprintf("%s (principal, action == AWS::SSM::Action::\"getTokenForInstanceAccess\", resource) %s { %s };", effect, kw, g.cond(2))
}

func (g gen) cedar(effect string) string {
	var out []string
	for range 1 + g.r.IntN(3) {
		out = append(out, g.statement(effect))
	}
	return strings.Join(out, "\n")
}

func (g gen) manual() []policy.ManualApproval {
	var out []policy.ManualApproval
	for i := range g.r.IntN(3) {
		m := policy.ManualApproval{Name: fmt.Sprintf("M%d", i), AccessDuration: time.Duration(1+g.r.IntN(3)) * time.Hour}
		if g.r.IntN(3) == 0 {
			m.AllNodes = true
		} else {
			m.Targets = []policy.TagTarget{{Key: g.pick([]string{"env", "app"}), Values: []string{g.pick(values)}}}
		}
		for range 1 + g.r.IntN(2) {
			l := policy.ApprovalLevel{MinRequiredApprovals: 1 + g.r.IntN(2)}
			for _, who := range []string{"Alice", "Bob", "Carol"} {
				if g.r.IntN(2) == 0 || len(l.Approvers) < l.MinRequiredApprovals {
					l.Approvers = append(l.Approvers, policy.Approver{Type: policy.IamUser, ID: who})
				}
			}
			m.ApprovalLevels = append(m.ApprovalLevels, l)
		}
		out = append(out, m)
	}
	return out
}

func (g gen) policies() simulate.Policies {
	p := simulate.Policies{Manual: g.manual()}
	if g.r.IntN(4) != 0 {
		p.AutoApproval = auto(g.cedar("permit"))
	}
	if g.r.IntN(3) != 0 {
		p.DenyAccess = deny(g.cedar("forbid"))
	}
	return p
}

// mutate changes a few things of p: a statement, the deny-access policy
// gone, an approver reshuffled.
func (g gen) mutate(p simulate.Policies) simulate.Policies {
	q := p
	q.Manual = append([]policy.ManualApproval{}, p.Manual...)
	switch g.r.IntN(5) {
	case 0:
		q.DenyAccess = nil
	case 1:
		q.AutoApproval = auto(g.cedar("permit"))
	case 2:
		if p.AutoApproval != nil {
			q.AutoApproval = auto(p.AutoApproval.Documents[0].Cedar + "\n" + g.statement("permit"))
		}
	case 3:
		q.DenyAccess = deny(g.cedar("forbid"))
	default:
		if len(q.Manual) > 0 {
			m := q.Manual[0]
			levels := make([]policy.ApprovalLevel, len(m.ApprovalLevels))
			copy(levels, m.ApprovalLevels)
			l := levels[len(levels)-1]
			l.Approvers = []policy.Approver{{Type: policy.IamUser, ID: g.pick([]string{"Alice", "Bob", "Carol"})}}
			l.MinRequiredApprovals = 1
			levels[len(levels)-1] = l
			m.ApprovalLevels = levels
			q.Manual[0] = m
		}
	}
	return q
}

// requests is a generated request set: requesters and nodes over the
// vocabulary, fresh values and strings of the patterns.
func (g gen) requests(n int) []Witness {
	strs := append(append([]string{}, values...), "other", "web-prod", "prod-x-prod", "sting")
	opt := func() (string, bool) {
		if g.r.IntN(3) == 0 {
			return "", false
		}
		return g.pick(strs), true
	}
	var out []Witness
	for range n {
		var w Witness
		if g.r.IntN(10) == 0 {
			w.Requester.IAMRole = "role"
		} else {
			w.Requester.UserID = g.pick(append(users, "carol"))
			for _, gr := range groups {
				if g.r.IntN(2) == 0 {
					w.Requester.Groups = append(w.Requester.Groups, gr)
				}
			}
			w.Requester.Attributes = map[string]string{}
			for _, a := range []string{"costCenter", "division"} {
				if v, ok := opt(); ok {
					w.Requester.Attributes[a] = v
				}
			}
		}
		w.Requester.PrincipalTags = map[string]string{}
		if v, ok := opt(); ok {
			w.Requester.PrincipalTags["team"] = v
		}
		w.Node.ID = g.pick(append(nodeIDs, "i-0000000000000abc0"))
		if g.r.IntN(4) == 0 {
			w.Node.Type, w.Node.ID = simulate.Managed, "mi-0000000000000abc0"
		}
		w.Node.Tags = map[string]string{}
		for _, k := range []string{"env", "app"} {
			if v, ok := opt(); ok {
				w.Node.Tags[k] = v
			}
		}
		out = append(out, w)
	}
	return out
}

// outcomeOf is the analysis's outcome of a simulated decision.
func outcomeOf(p simulate.Policies, d simulate.Decision) outcome {
	o := outcome{kind: d.Outcome}
	if d.Outcome == simulate.NeedsManualApproval {
		for i, m := range p.Manual {
			if m.Name == d.Policy.Name {
				o.manual = i
			}
		}
	}
	return o
}

// The analysis reports a widening whenever brute-force evaluation of a
// generated request set finds one, and every witness it gives is a change
// the simulator confirms (else Inexact would name it).
func TestDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(*seed, 1))
	g := gen{r}
	found := 0
	for run := range *runs {
		before := g.policies()
		after := g.mutate(before)
		report := Compare(before, after, Options{MaxClasses: 10000})
		require.Empty(t, report.Inexact, "seed %d run %d", *seed, run)
		sb, err := simulate.New(before)
		require.NoError(t, err)
		sa, err := simulate.New(after)
		require.NoError(t, err)
		widened := ""
		for _, w := range g.requests(400) {
			db, da := sb.Decide(w.Node, w.Requester), sa.Decide(w.Node, w.Requester)
			class, _, changed := classify(before, after, outcomeOf(before, db), outcomeOf(after, da))
			if !changed && db.AutoApprovalDenied && !da.AutoApprovalDenied {
				class, changed = simulate.Widens, true
			}
			if changed && class != simulate.Narrows {
				widened = fmt.Sprintf("%+v: %s → %s", w, db.Summary(), da.Summary())
				break
			}
		}
		if widened != "" {
			found++
			require.True(t, report.Widening(), "seed %d run %d: brute force finds a widening the analysis misses: %s\nbefore %+v\nafter %+v", *seed, run, widened, before, after)
		}
	}
	require.Greater(t, found, *runs/10, "the generated pairs widen often enough for the test to bite")
}
