package policy

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// manualContent is a valid manual approval policy's content as a template
// gives it (JSON: numbers are float64).
func manualContent(t *testing.T) map[string]any {
	data, err := json.Marshal(manual(func(*ManualApproval) {}).Document().Content)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	return m
}

// Each row changes one value of valid content as a template may hold it;
// ParseDocument must say what is wrong with it, and only that.
func TestParseReportsEachValue(t *testing.T) {
	for _, tc := range []struct {
		name  string
		key   string
		value any
		want  []string
	}{
		{"targets not a list", "targets", "Workload=Finance", []string{`Content.targets: "Workload=Finance" must be a list`}},
		{"duration not whole", "accessDuration", 1.5, []string{`Content.accessDuration: "1.5" must be a whole number`}},
		{"duration too large to be exact", "accessDuration", 1e15, []string{`Content.accessDuration: "1e+15" must be a whole number`}},
		{"duration too large for a duration", "accessDuration", 9223372037.0, []string{`Content.accessDuration: "9223372037" is out of range: a duration is at most 9223372036 seconds`}},
		{"largest duration", "accessDuration", 9223372036.0, []string{`AccessDuration: "2562047h47m16s" is out of range: must be 1 to 336 hours`}},
		{"most negative duration", "accessDuration", -9223372036.0, []string{`AccessDuration: "-2562047h47m16s" is out of range: must be 1 to 336 hours`}},
		{"too negative for a duration", "accessDuration", -9223372037.0, []string{`Content.accessDuration: "-9223372037" is out of range: a duration is at most 9223372036 seconds`}},
		{"duration as text", "accessDuration", "3600", nil},
		{"duration from a parameter", "accessDuration", map[string]any{"Ref": "Duration"},
			[]string{`Content.accessDuration: is computed at deployment (Ref): give a literal number so that it can be checked`}},
		{"duration from a function", "accessDuration", map[string]any{"Fn::FindInMap": []any{"M", "K", "V"}},
			[]string{`Content.accessDuration: is computed at deployment (Fn::FindInMap)`}},
		{"duration as some mapping", "accessDuration", map[string]any{"Seconds": 3600.0},
			[]string{`Content.accessDuration: "a mapping" must be a whole number`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			content := manualContent(t)
			content[tc.key] = tc.value
			p, err := ParseDocument("Finance-Manual-Approval-Policy", TypeManualApproval, content)
			if err == nil && p != nil {
				err = p.Defaults().Validate()
			}
			var got []string
			for _, pr := range check.Problems(err) {
				got = append(got, pr.Error())
			}
			if tc.want == nil {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, len(tc.want), "%q", got)
			for i, w := range tc.want {
				assert.Contains(t, got[i], w)
			}
		})
	}
}

// Each problem names its source's field, and its file when it came from
// one; a token is not checked.
func TestCheckCedarTexts(t *testing.T) {
	err := checkCedarTexts([]cedarText{
		{Field: "Cedar", Text: validForbid},
		{Field: "CedarFile", File: "deny.cedar", Text: validForbid},
		{Field: "Documents[0]", Text: "${Token[TOKEN.1]}"},
	}, cedar.Permit, nil)
	var got []string
	for _, p := range check.Problems(err) {
		got = append(got, p.Field+": "+p.Message)
	}
	assert.Equal(t, []string{
		"Cedar: line 1, column 1: statement 1 is a forbid statement: an auto-approval policy holds only permit statements (deny automatic access in the organization's deny-access policy)",
		"CedarFile: deny.cedar: line 1, column 1: statement 1 is a forbid statement: an auto-approval policy holds only permit statements (deny automatic access in the organization's deny-access policy)",
	}, got)
}

// A deny-access policy in Cedar text format with no Cedar yet renders the
// wrapper (whose emptiness Validate reports) rather than failing.
func TestDenyAccessTextWithoutDocuments(t *testing.T) {
	d := DenyAccess{Format: DenyAccessCedarText}
	doc := d.Document()
	assert.Equal(t, FormatYAML, doc.Format)
	assert.Error(t, d.Validate())
}

// An all-nodes policy gets the library's all-nodes target unless it names
// its own; levels are named ManualApproval, ManualApproval2, …
func TestManualDefaultsAndRendering(t *testing.T) {
	all := ManualApproval{Name: "All", AllNodes: true, ApprovalLevels: []ApprovalLevel{{Approvers: approvers(1)}}}
	got := all.WithDefaults()
	require.NotNil(t, got.AllNodesTarget)
	assert.Equal(t, DefaultAllNodesTarget(), *got.AllNodesTarget)
	assert.Equal(t, []RawTarget{DefaultAllNodesTarget()}, all.RawTargets())

	own := RawTarget{Key: "ResourceGroup", Values: []string{"Everything"}}
	all.AllNodesTarget = &own
	assert.Equal(t, own, *all.WithDefaults().AllNodesTarget)
	assert.Equal(t, []RawTarget{own}, all.RawTargets())

	tagged := manual(func(m *ManualApproval) {
		m.ApprovalLevels = []ApprovalLevel{{Approvers: approvers(1)}, {Approvers: approvers(1)}, {Approvers: approvers(1)}}
	})
	assert.Equal(t, []RawTarget{{Key: "tag:Workload", Values: []string{"Finance"}}}, tagged.RawTargets())
	var names []any
	for _, s := range tagged.Document().Content.(map[string]any)["mainSteps"].([]any) {
		names = append(names, s.(map[string]any)["name"])
	}
	assert.Equal(t, []any{"ManualApproval", "ManualApproval2", "ManualApproval3"}, names)
}

// A level without approvers is reported once, as empty.
func TestLevelWithoutApprovers(t *testing.T) {
	err := manual(level(func(l *ApprovalLevel) { l.Approvers = nil })).WithDefaults().Validate()
	var got []string
	for _, p := range check.Problems(err) {
		got = append(got, p.Error())
	}
	assert.Equal(t, []string{"ApprovalLevels[0].Approvers: is empty: give 1 to 5 approvers"}, got)
}

// Defaults are applied by WithDefaults only: Validate checks the value it is
// given. ParseDocument returns what the document says; Defaults completes it.
func TestValidateTakesTheDefaultedValue(t *testing.T) {
	m := manual(func(m *ManualApproval) { m.ApprovalLevels[0].Timeout = 0 })
	assert.ErrorContains(t, m.Validate(), `ApprovalLevels[0].Timeout: "0s" is out of range`)
	assert.NoError(t, m.WithDefaults().Validate())
	s := SessionSettings{}
	assert.ErrorContains(t, s.Validate(), "IdleSessionTimeout")
	assert.NoError(t, s.WithDefaults().Validate())

	p, err := ParseDocument(SessionPreferencesName, TypeSession, map[string]any{"schemaVersion": "1.0", "sessionType": "Standard_Stream", "inputs": map[string]any{}})
	require.NoError(t, err)
	assert.Equal(t, s, *p.(*SessionSettings))
	assert.Equal(t, s.WithDefaults(), p.Defaults())
	assert.NoError(t, p.Defaults().Validate())
}

// A document named as a JITNA document but of another type is an error, not
// "not a JITNA document": the service would not read it.
func TestReservedNameWithTheWrongType(t *testing.T) {
	for name, typ := range map[string]string{
		AutoApprovalName:       "Command",
		DenyAccessName:         TypeManualApproval,
		SessionPreferencesName: TypeAutoApproval,
	} {
		p, err := ParseDocument(name, typ, map[string]any{})
		assert.Nil(t, p)
		assert.ErrorContains(t, err, `DocumentType: "`+typ+`" is not `, name)
		assert.ErrorContains(t, err, name+" is a JITNA document name, which the service reads as type")
	}
	p, err := ParseDocument("My-Run-Command", "Command", map[string]any{})
	assert.Nil(t, p)
	assert.NoError(t, err, "another document is not ours to judge")
}

// Deny-access content given as text is raw Cedar unless it is the wrapper:
// a Cedar comment that names the wrapper's key does not make it one.
func TestDenyAccessTextOrWrapper(t *testing.T) {
	raw := "// Not AutoApprovalPolicyDocuments: plain Cedar\n" + validForbid
	p, err := ParseDocument(DenyAccessName, TypeAutoApproval, raw)
	require.NoError(t, err)
	assert.Equal(t, DenyAccessCedarText, p.(*DenyAccess).Format)

	for _, wrapper := range []string{
		"{\"schemaVersion\": \"1.0\", \"AutoApprovalPolicyDocuments\": []}",
		"schemaVersion: '1.0'\nAutoApprovalPolicyDocuments: []",
		"schemaVersion: '1.0'\n\"AutoApprovalPolicyDocuments\": []",
	} {
		p, _ := ParseDocument(DenyAccessName, TypeAutoApproval, wrapper)
		require.NotNil(t, p, wrapper)
		assert.Equal(t, DenyAccessWrapped, p.(*DenyAccess).Format, wrapper)
	}
}
