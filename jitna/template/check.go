package template

import (
	"maps"
	"slices"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// Finding is one problem (or warning) with a template.
type Finding struct {
	File      string `json:"file"`
	LogicalID string `json:"logicalId"`
	// Severity is "error" or "warning".
	Severity string `json:"severity"`
	Field    string `json:"field,omitempty"`
	Value    string `json:"value,omitempty"`
	Message  string `json:"message"`
}

// String renders the finding as `FILE: LOGICAL_ID: [warning: ]FIELD: "VALUE" MESSAGE`.
func (f Finding) String() string {
	p := check.Problem{Path: f.File, Field: f.Field, Value: f.Value, Message: f.Message}
	if f.LogicalID != "" {
		p.Path += ": " + f.LogicalID
	}
	if f.Severity == "warning" {
		p.Path += ": warning"
	}
	return p.Error()
}

// Check applies the constructs' rules to everything the template holds for
// JITNA, its StackSets' member templates included: each document's content,
// the rules across the documents of one template (one auto-approval policy,
// at most 50 manual ones, overlapping targets as warnings), and the
// configuration managers' parameters.
func (t *Template) Check() []Finding {
	t.checkOnce.Do(func() { t.findings = t.check() })
	return t.findings
}

func (t *Template) check() []Finding {
	out := append([]Finding(nil), t.readProblems...)
	add := func(id, severity string, err error) { out = append(out, t.toFindings(id, severity, err)...) }
	for _, d := range t.Documents {
		if d.Err != nil {
			add(d.LogicalID, "error", d.Err)
		}
		if d.Policy != nil {
			add(d.LogicalID, "error", d.Policy.Defaults().Validate())
		}
	}
	out = append(out, t.SetFindings()...)
	var console, jitna *Manager
	for i, m := range t.Managers {
		switch {
		case m.Type == quicksetup.TypeUnifiedConsole && console == nil:
			console = &t.Managers[i]
		case m.Type == quicksetup.TypeJITNA && jitna == nil:
			jitna = &t.Managers[i]
		default:
			out = append(out, Finding{File: t.File, LogicalID: m.LogicalID, Severity: "error",
				Message: "is a second " + m.Type + " configuration manager in the template: Quick Setup deploys one of each"})
		}
	}
	consoleErr, jitnaErr := quicksetup.ValidateDefinitions(definition(console), definition(jitna), t.NewRegions)
	if console != nil {
		add(console.LogicalID, "error", consoleErr)
	}
	if jitna != nil {
		add(jitna.LogicalID, "error", jitnaErr)
	}
	out = append(out, t.sessionKeyRegions()...)
	out = append(out, t.checkRecordings()...)
	for _, member := range t.StackSets {
		member.NewRegions = t.NewRegions
		out = append(out, member.Check()...)
	}
	return out
}

// SetFindings returns what policy.CheckSet finds across the template's own
// documents (not its StackSets'): errors, and the warnings of overlapping
// manual approval targets.
func (t *Template) SetFindings() []Finding {
	var entries []policy.Entry
	for _, d := range t.Documents {
		if d.Policy != nil {
			entries = append(entries, policy.Entry{Where: d.LogicalID, Policy: d.Policy})
		}
	}
	var out []Finding
	for _, f := range policy.CheckSet(entries) {
		severity := "error"
		if f.Warning {
			severity = "warning"
		}
		out = append(out, Finding{File: t.File, LogicalID: f.Where, Severity: severity, Message: f.Message})
	}
	return out
}

func definition(m *Manager) *quicksetup.Definition {
	if m == nil {
		return nil
	}
	return &m.Definition
}

// Empty reports whether the template (and its StackSets) holds nothing for JITNA.
func (t *Template) Empty() bool {
	if len(t.Documents) > 0 || len(t.Managers) > 0 {
		return false
	}
	for _, m := range t.StackSets {
		if !m.Empty() {
			return false
		}
	}
	return true
}

// checkRecordings applies the rules of RDP recording preferences
// (AWS::SSMGuiConnect::Preferences): one per template (policy.CheckRecordings),
// and a warning, as the constructs give, when a KMS key of the template that
// they name lacks the JITNA tag (the guardrails' JITNA-KMS-1 makes it an
// error).
func (t *Template) checkRecordings() []Finding {
	resources, _ := t.Raw["Resources"].(map[string]any)
	var ids []string
	var out []Finding
	for _, id := range slices.Sorted(maps.Keys(resources)) {
		r, _ := resources[id].(map[string]any)
		if r["Type"] != policy.GuiConnectPreferencesType {
			continue
		}
		ids = append(ids, t.qualified(id))
		props, _ := r["Properties"].(map[string]any)
		if key, ok := policy.RecordingKey(props).(string); ok {
			c := check.New()
			policy.CheckKeyRegions(c, "ConnectionRecordingPreferences.KMSKeyArn", key, t.Regions)
			out = append(out, t.toFindings(t.qualified(id), "error", c.Err())...)
		}
		keyID := policy.KeyReference(policy.RecordingKey(props))
		if tags, ok := KeyTags(resources, keyID); ok && !policy.HasJitnaTag(tags) {
			out = append(out, Finding{File: t.File, LogicalID: t.qualified(id), Severity: "warning", Field: "ConnectionRecordingPreferences.KMSKeyArn", Value: keyID,
				Message: "names a KMS key without the tag " + policy.JitnaManagedTagKey + "=" + policy.JitnaManagedTagValue + ": JITNA cannot record RDP connections with it"})
		}
	}
	for _, f := range policy.CheckRecordings(ids) {
		out = append(out, Finding{File: t.File, LogicalID: f.Where, Severity: "error", Message: f.Message})
	}
	return out
}

// KeyTags returns the tags of the KMS key with the logical id keyID among
// a template's resources, and false when the template holds no
// AWS::KMS::Key of that id (a key elsewhere is not visible).
func KeyTags(resources map[string]any, keyID string) (map[string]string, bool) {
	key, _ := resources[keyID].(map[string]any)
	if key["Type"] != "AWS::KMS::Key" {
		return nil, false
	}
	props, _ := key["Properties"].(map[string]any)
	return tagMap(props["Tags"]), true
}

// tagMap reads a CloudFormation tag list ([{Key, Value}]) into a map.
func tagMap(v any) map[string]string {
	tags := map[string]string{}
	list, _ := v.([]any)
	for _, t := range list {
		m, _ := t.(map[string]any)
		k, _ := m["Key"].(string)
		val, _ := m["Value"].(string)
		tags[k] = val
	}
	return tags
}

// sessionKeyRegions applies policy.CheckKeyRegions to the KMS key of the
// template's session preferences, as written, for the Regions it deploys
// to (t.Regions: a key ARN serves its own Region only).
func (t *Template) sessionKeyRegions() []Finding {
	var out []Finding
	for _, d := range t.Documents {
		if s, ok := d.Policy.(*policy.SessionSettings); ok {
			c := check.New()
			policy.CheckKeyRegions(c, "KMSKeyID", s.KMSKeyID, t.Regions)
			out = append(out, t.toFindings(d.LogicalID, "error", c.Err())...)
		}
	}
	return out
}

// toFindings turns the problems of err into findings on the resource id.
func (t *Template) toFindings(id, severity string, err error) []Finding {
	var out []Finding
	for _, p := range check.Problems(err) {
		out = append(out, Finding{File: t.File, LogicalID: id, Severity: severity, Field: p.Field, Value: p.Value, Message: p.Message})
	}
	return out
}

// qualified returns the logical id of one of the template's resources as
// its findings name it: a member template's qualified with its StackSet's.
func (t *Template) qualified(id string) string {
	if t.Name == "" {
		return id
	}
	return t.Name + "/" + id
}
