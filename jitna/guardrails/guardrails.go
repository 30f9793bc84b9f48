// Package guardrails holds the rules that catch what would undo JITNA, on
// plain CloudFormation values: IAM policies that grant ssm:StartSession,
// session preferences without logs, encryption or timeouts, member templates
// without approval policies or with overlapping ones. The jitna.Guardrails
// Aspect applies them to an app's resources.
//
// It is pure Go (no aws-cdk-go import).
package guardrails

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/access"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// Rule is a guardrail's id.
type Rule string

// The guardrails.
const (
	// IAM1: an IAM policy, role, user, group or permission set grants
	// ssm:StartSession; its principals bypass JITNA.
	IAM1 Rule = "JITNA-IAM-1"
	// SESS1: session preferences without a log destination, encryption, or
	// idle and maximum durations.
	SESS1 Rule = "JITNA-SESS-1"
	// KMS1: a KMS key used for session encryption or RDP recording lacks
	// the JITNA tag.
	KMS1 Rule = "JITNA-KMS-1"
	// POL1: a member template without approval policies. (Manual approval
	// policies whose targets overlap are the library's own warning.)
	POL1 Rule = "JITNA-POL-1"
	// ORG1: the app enables JITNA but declares no deny-access policy.
	ORG1 Rule = "JITNA-ORG-1"
)

// Rules returns all of them.
func Rules() []Rule { return []Rule{IAM1, SESS1, KMS1, POL1, ORG1} }

// Level is how a finding is reported.
type Level string

// Levels.
const (
	Error   Level = "error"
	Warning Level = "warning"
	Info    Level = "info"
	Off     Level = "off"
)

// DefaultLevels returns the levels unless configured: a bypass and an untagged
// session key are errors, weak session settings and policy gaps warnings, a
// missing deny-access policy information.
func DefaultLevels() map[Rule]Level {
	return map[Rule]Level{IAM1: Error, SESS1: Warning, KMS1: Error, POL1: Warning, ORG1: Info}
}

// iamTypes are the resource types that carry IAM policies.
var iamTypes = map[string]bool{
	"AWS::IAM::Policy": true, "AWS::IAM::ManagedPolicy": true, "AWS::IAM::Role": true,
	"AWS::IAM::User": true, "AWS::IAM::Group": true, "AWS::SSO::PermissionSet": true,
}

// CarriesIAM reports whether a resource type is one CheckIAM reads.
func CarriesIAM(resourceType string) bool { return iamTypes[resourceType] }

// CheckIAM returns a JITNA-IAM-1 message for each way a resource's
// properties grant ssm:StartSession (policy documents, inline policies,
// AWS managed policies that do).
func CheckIAM(resourceType string, props map[string]any) []string {
	var out []string
	grants := func(where string, doc any) {
		for _, p := range access.DocumentGrants(document(doc), access.StartSession) {
			out = append(out, fmt.Sprintf("%s grants %s (through %q): its principals open Session Manager sessions without a JITNA access request", where, access.StartSession, p))
		}
	}
	managed := func(field string, arns any) {
		for i, a := range list(arns) {
			if name, ok := access.ManagedPolicyGrants(flatten(a)); ok {
				out = append(out, fmt.Sprintf("%s[%d] attaches the AWS managed policy %s, which grants %s: its principals bypass JITNA", field, i, name, access.StartSession))
			}
		}
	}
	switch resourceType {
	case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
		grants("PolicyDocument", props["PolicyDocument"])
	case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group":
		for i, p := range list(props["Policies"]) {
			pm, _ := p.(map[string]any)
			grants(fmt.Sprintf("Policies[%d]", i), pm["PolicyDocument"])
		}
		managed("ManagedPolicyArns", props["ManagedPolicyArns"])
	case "AWS::SSO::PermissionSet":
		grants("InlinePolicy", props["InlinePolicy"])
		managed("ManagedPolicies", props["ManagedPolicies"])
	}
	return out
}

// SessionDocument reports whether SSM document properties are the session
// preferences, and parses them.
func SessionDocument(props map[string]any) (*policy.SessionSettings, bool) {
	if props["DocumentType"] != policy.TypeSession || props["Name"] != policy.SessionPreferencesName {
		return nil, false
	}
	p, err := policy.ParseDocument(policy.SessionPreferencesName, policy.TypeSession, props["Content"])
	s, ok := p.(*policy.SessionSettings)
	if err != nil || !ok {
		return nil, false
	}
	return s, true
}

// CheckSession returns a JITNA-SESS-1 message for each weak setting of the
// session preferences (as read, before defaults).
func CheckSession(s *policy.SessionSettings) []string {
	var out []string
	if s.S3BucketName == "" && s.CloudWatchLogGroupName == "" {
		out = append(out, "session preferences without any log destination (s3BucketName, cloudWatchLogGroupName): JITNA sessions go unrecorded")
	}
	if s.KMSKeyID == "" {
		out = append(out, "session preferences without encryption (kmsKeyId): session data is not encrypted with a key of yours")
	}
	if s.IdleSessionTimeout == 0 || s.MaxSessionDuration == 0 {
		out = append(out, "session preferences without idleSessionTimeout and maxSessionDuration: JITNA never ends sessions itself")
	}
	return out
}

// SessionKey returns the logical id of the KMS key the session preferences'
// kmsKeyId refers to in their template (a Ref or Fn::GetAtt), or "".
func SessionKey(props map[string]any) string {
	content, _ := props["Content"].(map[string]any)
	inputs, _ := content["inputs"].(map[string]any)
	return policy.KeyReference(inputs["kmsKeyId"])
}

// CheckKeyTags returns a JITNA-KMS-1 message when the tags of a key that
// encrypts use ("session data", "RDP recordings") lack
// SystemsManagerJustInTimeNodeAccessManaged=true.
func CheckKeyTags(tags map[string]string, use string) []string {
	if policy.HasJitnaTag(tags) {
		return nil
	}
	return []string{fmt.Sprintf("this KMS key encrypts %s but lacks the tag %s=%s: JITNA cannot use it", use, policy.JitnaManagedTagKey, policy.JitnaManagedTagValue)}
}

// Uses of a KMS key that JITNA needs tagged.
const (
	UseSessionData   = "session data"
	UseRDPRecordings = "RDP recordings"
)

// RecordingKeyID returns the logical id the KMS key of an
// AWS::SSMGuiConnect::Preferences resource refers to, or "".
func RecordingKeyID(props map[string]any) string {
	return policy.KeyReference(policy.RecordingKey(props))
}

// CheckMemberTemplate returns JITNA-POL-1 messages for a member template:
// no approval policy at all. Manual approval policies whose targets
// overlap are the library's own warning (policy.WarnOverlappingTargets),
// given once, on the policy.
func CheckMemberTemplate(t *template.Template) []string {
	var out []string
	approval := false
	for _, d := range t.Documents {
		switch d.Policy.(type) {
		case *policy.AutoApproval, *policy.ManualApproval:
			approval = true
		}
	}
	if !approval {
		out = append(out, "the member template holds no approval policy: nobody can request access to the nodes of its accounts")
	}
	return out
}

// document reads a policy document given as a map or as JSON text.
func document(v any) any {
	if s, ok := v.(string); ok {
		var m map[string]any
		if json.Unmarshal([]byte(s), &m) == nil {
			return m
		}
	}
	return v
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// flatten renders a value for name matching: strings as they are, Fn::Join
// parts joined (tokens left out).
func flatten(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		if j, ok := x["Fn::Join"].([]any); ok && len(j) == 2 {
			sep, _ := j[0].(string)
			var parts []string
			for _, p := range list(j[1]) {
				parts = append(parts, flatten(p))
			}
			return strings.Join(parts, sep)
		}
	}
	return ""
}

// Finding is a rule's message about a resource of a template.
type Finding struct {
	Rule      Rule
	LogicalID string
	Message   string
}

// CheckTemplate applies IAM-1, SESS-1, KMS-1 and POL-1 to a synthesized
// template (a member template the app's Aspect cannot visit).
func CheckTemplate(t *template.Template) []Finding {
	var out []Finding
	resources, _ := t.Raw["Resources"].(map[string]any)
	ids := make([]string, 0, len(resources))
	for id := range resources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		r, _ := resources[id].(map[string]any)
		typ, _ := r["Type"].(string)
		props, _ := r["Properties"].(map[string]any)
		add := func(rule Rule, msgs []string) {
			for _, m := range msgs {
				out = append(out, Finding{Rule: rule, LogicalID: id, Message: m})
			}
		}
		if CarriesIAM(typ) {
			add(IAM1, CheckIAM(typ, props))
		}
		checkKey := func(keyID, use string) {
			if tags, ok := template.KeyTags(resources, keyID); ok {
				for _, m := range CheckKeyTags(tags, use) {
					out = append(out, Finding{Rule: KMS1, LogicalID: keyID, Message: m})
				}
			}
		}
		if s, ok := SessionDocument(props); ok {
			add(SESS1, CheckSession(s))
			checkKey(SessionKey(props), UseSessionData)
		}
		if typ == policy.GuiConnectPreferencesType {
			checkKey(RecordingKeyID(props), UseRDPRecordings)
		}
	}
	for _, m := range CheckMemberTemplate(t) {
		out = append(out, Finding{Rule: POL1, Message: m})
	}
	return out
}

// Props configure the guardrails (the props of jitna.Guardrails).
type Props struct {
	// Levels override the level of rules. Default: DefaultLevels (IAM-1 and
	// KMS-1 errors, SESS-1 and POL-1 warnings, ORG-1 info).
	Levels map[Rule]Level
}

// Validate returns a problem for each unknown rule or level, or nil.
func (p Props) Validate() error {
	c := check.New()
	known := DefaultLevels()
	for _, k := range slices.Sorted(maps.Keys(p.Levels)) {
		field := fmt.Sprintf("Levels[%s]", k)
		if _, ok := known[k]; !ok {
			rules := []string{string(IAM1), string(SESS1), string(KMS1), string(POL1), string(ORG1)}
			c.Addf(field, string(k), "is not a guardrail%s: the rules are %s", check.DidYouMean(string(k), rules), strings.Join(rules, ", "))
		}
		c.OneOf(field, string(p.Levels[k]), []string{string(Error), string(Warning), string(Info), string(Off)})
	}
	return c.Err()
}
