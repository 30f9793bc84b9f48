package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// TagTarget selects the nodes that carry tag Key with one of Values.
type TagTarget struct {
	// Key is the tag key, without the "tag:" prefix the content uses.
	Key string
	// Values are ORed: a node with any of them matches.
	Values []string
}

// DefaultAllNodesTarget returns how a manual approval policy for every node is
// written in content. Inferred: AWS documents no form; this is Systems
// Manager's usual "every instance" target. ManualApproval.AllNodesTarget
// overrides it.
func DefaultAllNodesTarget() RawTarget { return RawTarget{Key: "InstanceIds", Values: []string{"*"}} }

// RawTarget is a target as the content writes it ({Key, Values}).
type RawTarget struct {
	Key    string
	Values []string
}

// IsDefault reports whether t is DefaultAllNodesTarget.
func (t RawTarget) IsDefault() bool {
	all := DefaultAllNodesTarget()
	return t.Key == all.Key && slices.Equal(t.Values, all.Values)
}

// ManualApproval is a manual approval policy: which nodes it covers, how long
// approved access lasts, and the levels of approvers a request passes.
type ManualApproval struct {
	// Name of the document: 3 to 128 letters, digits, _, - or ., not starting
	// with aws, amazon or amzn. Required.
	Name string
	// Description of the document. Default: empty (the AWS sample's).
	Description string
	// AccessDuration is how long approved access lasts: 1 to 336 hours, in
	// whole seconds. Required.
	AccessDuration time.Duration
	// Targets select nodes by tag; targets (and their values) are ORed.
	// Required unless AllNodes.
	Targets []TagTarget
	// AllNodes makes the policy apply to every node that no tag-specific
	// policy covers. Default false.
	AllNodes bool
	// AllNodesTarget overrides how AllNodes is written in content. Default:
	// DefaultAllNodesTarget (inferred).
	AllNodesTarget *RawTarget
	// ApprovalLevels are passed in order: 1 to 5 levels. Required.
	ApprovalLevels []ApprovalLevel
	// ExtraApproverTypes are approver type spellings this policy may use
	// beyond ApproverTypes. AWS documents SSOGroup (the AWS sample's) by
	// spelling, and Identity Center users and groups and IAM users as
	// approvers by kind; the other spellings are inferred. If the service
	// spells a kind of approver otherwise, list the spelling here: an
	// approver of such a type is checked for a non-empty id only. The
	// constructs declare the list in the document resource's Metadata
	// (ExtraApproverTypesMetadata) so that jitna validate accepts it too; it
	// is not written to the document. Default: none.
	ExtraApproverTypes []ApproverType
	// IntendedOverlap states that this policy's targets may match nodes of
	// other manual approval policies of its account and Region, and why:
	// no warning is given for those pairs. Requests to a node two policies
	// apply to fail, so state it only where no node carries both targets.
	// It is not written to the document. Default: nil (overlaps warn).
	IntendedOverlap *IntendedOverlap
}

// IntendedOverlap names the manual approval policies a policy may share
// nodes with, and says why that is safe.
type IntendedOverlap struct {
	// With names the other policies (their Name). Default: empty, every
	// other policy.
	With []string
	// Reason says why no node carries both targets: at least
	// MinOverlapReason characters. Required.
	Reason string
}

// MinOverlapReason is the shortest reason an IntendedOverlap takes.
const MinOverlapReason = 10

// covers reports whether o states an overlap with the policy named other.
func (o *IntendedOverlap) covers(other string) bool {
	return o != nil && (len(o.With) == 0 || slices.Contains(o.With, other))
}

// ApprovalLevel is one aws:approve step.
type ApprovalLevel struct {
	// Name of the step: letters, digits and _, unique in the policy.
	// Default: "ManualApproval" for the first level (the AWS sample's),
	// "ManualApprovalN" for level N after it.
	Name string
	// Message shown to approvers. Default: "Please approve this request" (the
	// AWS sample's).
	Message string
	// MinRequiredApprovals: 1 to the number of approvers. Default 1.
	MinRequiredApprovals int
	// Timeout is how long the level waits: whole seconds, at most 30 days.
	// Default DefaultApprovalTimeout (7 days, the AWS sample's).
	Timeout time.Duration
	// Approvers of the level: 1 to 5. Required.
	Approvers []Approver
}

// DefaultApprovalMessage is the AWS sample's approval message.
const DefaultApprovalMessage = "Please approve this request"

// WithDefaults returns a copy with every unset field at its default.
func (m ManualApproval) WithDefaults() ManualApproval {
	levels := make([]ApprovalLevel, len(m.ApprovalLevels))
	for i, l := range m.ApprovalLevels {
		if l.Name == "" {
			l.Name = levelName(i)
		}
		if l.Message == "" {
			l.Message = DefaultApprovalMessage
		}
		if l.MinRequiredApprovals == 0 {
			l.MinRequiredApprovals = 1
		}
		if l.Timeout == 0 {
			l.Timeout = DefaultApprovalTimeout
		}
		levels[i] = l
	}
	m.ApprovalLevels = levels
	if m.AllNodes && m.AllNodesTarget == nil {
		t := DefaultAllNodesTarget()
		m.AllNodesTarget = &t
	}
	return m
}

func levelName(i int) string {
	if i == 0 {
		return "ManualApproval"
	}
	return fmt.Sprintf("ManualApproval%d", i+1)
}

var stepName = regexp.MustCompile(`^[a-zA-Z0-9_]{1,128}$`)

// Defaults is WithDefaults as a Policy.
func (m ManualApproval) Defaults() Policy { return m.WithDefaults() }

// Validate returns every problem with m, the value WithDefaults returns:
// name, duration, targets, levels and approvers, and content over 64 KB.
func (m ManualApproval) Validate() error {
	c := check.New()
	CheckDocumentName(c, "Name", m.Name)
	checkDuration(c, "AccessDuration", m.AccessDuration, MinAccessDuration, MaxAccessDuration, time.Second, "1 to 336 hours")
	m.checkTargets(c)
	switch n := len(m.ApprovalLevels); {
	case n == 0:
		c.Add("ApprovalLevels", "", "is empty: give 1 to 5 levels of approvers")
	case n > MaxApprovalLevels:
		c.Addf("ApprovalLevels", "", "has %d levels: a manual approval policy has at most %d", n, MaxApprovalLevels)
	}
	extra := make([]string, len(m.ExtraApproverTypes))
	for i, t := range m.ExtraApproverTypes {
		extra[i] = string(t)
		ec := c.Index("ExtraApproverTypes", i)
		if !ec.Required("", extra[i], "an approver type spelling") {
			continue
		}
		for _, known := range ApproverTypes() {
			switch {
			case t == known:
				ec.Add("", extra[i], "is one of the approver types the library knows: list only other spellings")
			case strings.EqualFold(extra[i], string(known)):
				ec.Addf("", extra[i], "is the approver type %s in another case: the service's types are case-sensitive, and an extra spelling turns the id check off; write %s", known, known)
			}
		}
	}
	c.Unique("ExtraApproverTypes", extra)
	names := make([]string, len(m.ApprovalLevels))
	for i, l := range m.ApprovalLevels {
		l.validate(c.Index("ApprovalLevels", i), m.ExtraApproverTypes)
		names[i] = l.Name
	}
	c.Unique("ApprovalLevels.Name", names)
	if o := m.IntendedOverlap; o != nil {
		if r := strings.TrimSpace(o.Reason); utf8.RuneCountInString(r) < MinOverlapReason {
			c.Addf("IntendedOverlap.Reason", r, "is too short: say in at least %d characters why no node carries both targets", MinOverlapReason)
		}
		for i, w := range o.With {
			c.Index("IntendedOverlap.With", i).Required("", w, "the Name of another manual approval policy")
		}
	}
	checkContentSize(c, m.content())
	return c.Err()
}

func (m ManualApproval) checkTargets(c *check.Collector) {
	switch {
	case m.AllNodes && len(m.Targets) > 0:
		c.Add("Targets", "", "is given with AllNodes: a policy targets either tags or all nodes")
	case !m.AllNodes && len(m.Targets) == 0:
		c.Add("Targets", "", "is empty: give tag targets, or set AllNodes")
	}
	if t := m.AllNodesTarget; t != nil {
		if c.Required("AllNodesTarget.Key", t.Key, "the key of the all-nodes target") && strings.HasPrefix(strings.ToLower(t.Key), "tag:") {
			c.Add("AllNodesTarget.Key", t.Key, "starts with tag:, which makes a tag target: an all-nodes target has another key")
		}
		if len(t.Values) == 0 {
			c.Add("AllNodesTarget.Values", "", "is empty: give the values of the all-nodes target")
		}
	}
	for i, t := range m.Targets {
		tc := c.Index("Targets", i)
		if tc.Required("Key", t.Key, "a tag key") {
			tc.Length("Key", t.Key, 1, 128)
			if strings.HasPrefix(t.Key, "tag:") {
				tc.Add("Key", t.Key, `starts with "tag:": give the tag key alone, the prefix is added`)
			}
		}
		if len(t.Values) == 0 {
			tc.Add("Values", "", "is empty: give at least one tag value")
		}
		for j, v := range t.Values {
			tc.Index("Values", j).Length("", v, 1, 256)
		}
		tc.Unique("Values", t.Values)
	}
}

func (l ApprovalLevel) validate(c *check.Collector, extra []ApproverType) {
	if !check.IsToken(l.Name) {
		c.Match("Name", l.Name, stepName, "1 to 128 letters, digits or _")
	}
	if c.Required("Message", l.Message, "the message approvers see") {
		switch n := utf8.RuneCountInString(l.Message); {
		case strings.TrimSpace(l.Message) == "":
			c.Add("Message", l.Message, "is blank: give the message approvers see, or leave it out for the default")
		case n > MaxApprovalMessage:
			c.Addf("Message", check.Shorten(l.Message), "is %d characters long: aws:approve takes a message of at most %d", n, MaxApprovalMessage)
		}
	}
	checkDuration(c, "Timeout", l.Timeout, time.Second, MaxApprovalTimeout, time.Second, "1 second to 30 days")
	n := len(l.Approvers)
	switch {
	case n == 0:
		c.Add("Approvers", "", "is empty: give 1 to 5 approvers")
	case n > MaxApproversPerLevel:
		c.Addf("Approvers", "", "has %d approvers: a level has at most %d", n, MaxApproversPerLevel)
	}
	if l.MinRequiredApprovals < 1 || (n > 0 && l.MinRequiredApprovals > n) {
		c.Addf("MinRequiredApprovals", fmt.Sprint(l.MinRequiredApprovals), "must be 1 to the number of approvers (%d)", n)
	}
	first := make(map[string]int, n)
	for i, a := range l.Approvers {
		a.validate(c.Index("Approvers", i), extra)
		if check.IsToken(a.ID) {
			continue
		}
		k := a.identity()
		j, dup := first[k]
		switch {
		case !dup:
			first[k] = i
		case l.Approvers[j] == a:
			c.Index("Approvers", i).Addf("ID", a.ID, "is listed twice (first at Approvers[%d]): list each approver once", j)
		default:
			c.Index("Approvers", i).Addf("ID", a.ID, "names the approver of Approvers[%d] (%s) again: %s; list each approver once", j, l.Approvers[j].ID, sameApprover)
		}
	}
}

// sameApprover says why two spellings are one approver.
const sameApprover = "IAM names and Identity Center ids are case-insensitive, and an IAM name and an ARN ending in it name one principal"

func checkDuration(c *check.Collector, field string, d, min, max, unit time.Duration, allowed string) {
	switch {
	case d < min || d > max:
		c.Addf(field, d.String(), "is out of range: must be %s", allowed)
	case d%unit != 0:
		c.Addf(field, d.String(), "is not a whole number of %s: must be %s", unitName(unit), allowed)
	}
}

func unitName(unit time.Duration) string {
	if unit == time.Minute {
		return "minutes"
	}
	return "seconds"
}

// Document renders the policy in the AWS sample's shape (after defaults).
func (m ManualApproval) Document() Document {
	return Document{Name: m.Name, Type: TypeManualApproval, Format: FormatYAML, Content: m.WithDefaults().content()}
}

// RawTargets returns the targets as the content writes them.
func (m ManualApproval) RawTargets() []RawTarget {
	if m.AllNodes {
		t := DefaultAllNodesTarget()
		if m.AllNodesTarget != nil {
			t = *m.AllNodesTarget
		}
		return []RawTarget{t}
	}
	out := make([]RawTarget, len(m.Targets))
	for i, t := range m.Targets {
		out[i] = RawTarget{Key: "tag:" + t.Key, Values: t.Values}
	}
	return out
}

func (m ManualApproval) content() map[string]any {
	targets := []any{}
	for _, t := range m.RawTargets() {
		targets = append(targets, map[string]any{"Key": t.Key, "Values": stringList(t.Values)})
	}
	steps := make([]any, len(m.ApprovalLevels))
	for i, l := range m.ApprovalLevels {
		approvers := make([]any, len(l.Approvers))
		for j, a := range l.Approvers {
			approvers[j] = map[string]any{"approver": a.ID, "type": string(a.Type)}
		}
		steps[i] = map[string]any{
			"name":           l.Name,
			"action":         "aws:approve",
			"timeoutSeconds": int(l.Timeout / time.Second),
			"inputs": map[string]any{
				"Message":              l.Message,
				"MinRequiredApprovals": l.MinRequiredApprovals,
				"EnhancedApprovals":    map[string]any{"Approvers": approvers},
			},
		}
	}
	return map[string]any{
		"schemaVersion":   approvalSchemaVersion,
		"accessDuration":  int(m.AccessDuration / time.Second),
		"description":     m.Description,
		"accessTokenRole": AccessTokenRole,
		"targets":         targets,
		"mainSteps":       steps,
	}
}

func stringList(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}
