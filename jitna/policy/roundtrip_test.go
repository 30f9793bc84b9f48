package policy

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
)

// gen makes random valid policies from a seeded source.
type gen struct{ r *rand.Rand }

func (g gen) pick(s ...string) string { return s[g.r.IntN(len(s))] }

func (g gen) word() string {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_."
	b := make([]byte, 3+g.r.IntN(20))
	for i := range b {
		b[i] = letters[g.r.IntN(len(letters))]
	}
	return string(b)
}

func (g gen) text() string {
	return g.pick("", "Approve prod access", "ünïcode ✓", "line\nbreak", `quote " and \ backslash`)
}

func (g gen) rules(effect cedar.Effect) string {
	conds := []func() cedar.Condition{
		func() cedar.Condition { return cedar.NodeTagEquals(g.word(), g.text()) },
		func() cedar.Condition { return cedar.NodeTagIn(g.word(), g.word(), g.word()) },
		func() cedar.Condition { return cedar.PrincipalInGroup(g.word()) },
		func() cedar.Condition {
			return cedar.PrincipalAttributeLike(g.pick("employeeNumber", "costCenter", "organization", "division"), g.word()+"*")
		},
		func() cedar.Condition { return cedar.PrincipalTagEquals(g.word(), g.word()) },
	}
	rules := make([]cedar.Rule, 1+g.r.IntN(4))
	for i := range rules {
		rules[i] = cedar.Rule{Effect: effect, Comment: g.text()}
		for range g.r.IntN(4) {
			rules[i].Conditions = append(rules[i].Conditions, conds[g.r.IntN(len(conds))]())
		}
	}
	return cedar.Render(rules...)
}

func (g gen) cedarDocs(effect cedar.Effect) []CedarDocument {
	docs := make([]CedarDocument, 1+g.r.IntN(2))
	for i := range docs {
		docs[i] = CedarDocument{ID: g.pick("", g.word()), Description: g.text(), Cedar: g.rules(effect)}
	}
	return docs
}

func (g gen) approver() Approver {
	id := fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", g.r.Uint32(), g.r.IntN(1<<16), g.r.IntN(1<<16), g.r.IntN(1<<16), g.r.Uint64()&(1<<48-1))
	switch g.r.IntN(5) {
	case 0:
		return SSOGroupApprover(id)
	case 1:
		return SSOUserApprover(id)
	case 2:
		return IamRoleApprover("arn:aws:iam::123456789012:role/" + g.word())
	case 3:
		return IamUserApprover(g.word())
	}
	return IamGroupApprover(g.word())
}

func (g gen) manual() ManualApproval {
	m := ManualApproval{
		Name:           g.word(),
		Description:    g.text(),
		AccessDuration: time.Duration(3600+g.r.IntN(335*3600)) * time.Second,
	}
	if g.r.IntN(5) == 0 {
		m.AllNodes = true
	} else {
		for i := range 1 + g.r.IntN(3) {
			m.Targets = append(m.Targets, TagTarget{Key: fmt.Sprintf("%s%d", g.word(), i), Values: []string{g.word() + "1", g.word() + "2"}[:1+g.r.IntN(2)]})
		}
	}
	for i := range 1 + g.r.IntN(MaxApprovalLevels) {
		l := ApprovalLevel{Name: fmt.Sprintf("Level_%d", i), Message: g.pick("", "Please approve"), Timeout: time.Duration(1+g.r.IntN(30*24*3600)) * time.Second}
		seen := map[Approver]bool{}
		for range 1 + g.r.IntN(MaxApproversPerLevel) {
			if a := g.approver(); !seen[a] {
				seen[a] = true
				l.Approvers = append(l.Approvers, a)
			}
		}
		l.MinRequiredApprovals = 1 + g.r.IntN(len(l.Approvers))
		m.ApprovalLevels = append(m.ApprovalLevels, l)
	}
	return m
}

func (g gen) session() SessionSettings {
	b := func() *bool { return Bool(g.r.IntN(2) == 0) }
	s := SessionSettings{
		Description:                 g.text(),
		S3EncryptionEnabled:         b(),
		CloudWatchEncryptionEnabled: b(),
		CloudWatchStreamingEnabled:  b(),
		RunAsEnabled:                Bool(true),
		RunAsDefaultUser:            g.pick("ec2-user", "ssm-user", "admin"),
		IdleSessionTimeout:          time.Duration(1+g.r.IntN(60)) * time.Minute,
		MaxSessionDuration:          time.Duration(1+g.r.IntN(1440)) * time.Minute,
		ShellProfileLinux:           g.pick("", "exec bash"),
	}
	if g.r.IntN(2) == 0 {
		s.S3BucketName, s.S3KeyPrefix = "session-logs-123", g.pick("", "jitna/")
	}
	if g.r.IntN(2) == 0 {
		s.CloudWatchLogGroupName = "/jitna/sessions"
	}
	if g.r.IntN(2) == 0 {
		s.KMSKeyID = "alias/jitna"
	}
	return s
}

// Render → parse → render is the identity, through maps, JSON text and YAML
// text, for generated valid policies of every kind.
func TestRenderParseRenderIsIdentity(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(1, 2))}
	for i := range 300 {
		var p Policy
		switch i % 4 {
		case 0:
			p = AutoApproval{Description: g.text(), Documents: g.cedarDocs(cedar.Permit)}
		case 1:
			d := DenyAccess{Description: g.text(), Documents: g.cedarDocs(cedar.Forbid)}
			if g.r.IntN(2) == 0 {
				d = DenyAccess{Format: DenyAccessCedarText, Documents: []CedarDocument{{Cedar: g.rules(cedar.Forbid)}}}
			}
			p = d
		case 2:
			p = g.manual()
		default:
			p = g.session()
		}
		require.NoError(t, checked(p), "generated policy %d must be valid: %#v", i, p)
		doc := p.Document()
		for form, content := range map[string]any{"map": jsonValue(t, doc.Content), "json": jsonText(t, doc.Content), "yaml": yamlText(t, doc.Content)} {
			back, err := ParseDocument(doc.Name, doc.Type, content)
			require.NoError(t, err, "policy %d (%s)", i, form)
			require.NoError(t, back.Defaults().Validate(), "policy %d (%s)", i, form)
			again := back.Document()
			require.Equal(t, doc.Format, again.Format, "policy %d (%s)", i, form)
			require.Equal(t, jsonValue(t, doc.Content), jsonValue(t, again.Content), "policy %d (%s)", i, form)
		}
	}
}

func jsonText(t *testing.T, v any) any {
	if s, ok := v.(string); ok {
		return s
	}
	data, err := jsonMarshal(v)
	require.NoError(t, err)
	return string(data)
}

func yamlText(t *testing.T, v any) any {
	if s, ok := v.(string); ok {
		return s
	}
	data, err := yaml.Marshal(v)
	require.NoError(t, err)
	return string(data)
}
