package jitna

import (
	"fmt"
	"maps"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/guardrails"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// GuardrailRule is a guardrail's id (JITNA-IAM-1 …).
type GuardrailRule = guardrails.Rule

// The guardrails. See package guardrails for what each catches.
const (
	GuardrailIAM1  = guardrails.IAM1
	GuardrailSESS1 = guardrails.SESS1
	GuardrailKMS1  = guardrails.KMS1
	GuardrailPOL1  = guardrails.POL1
	GuardrailORG1  = guardrails.ORG1
)

// GuardrailLevel is how findings of a rule are reported: GuardrailLevelError fails
// `cdk synth`, GuardrailLevelWarning and GuardrailLevelInfo annotate,
// GuardrailLevelOff skips the rule.
type GuardrailLevel = guardrails.Level

// Guardrail levels.
const (
	GuardrailLevelError   = guardrails.Error
	GuardrailLevelWarning = guardrails.Warning
	GuardrailLevelInfo    = guardrails.Info
	GuardrailLevelOff     = guardrails.Off
)

// GuardrailsProps configures the guardrails: Levels override the level of
// rules (default guardrails.DefaultLevels). An unknown rule or level is an
// error on every stack the aspect visits. See guardrails.Props.
type GuardrailsProps = guardrails.Props

// Guardrails is an Aspect that reports, as annotations with a rule id, what
// would undo JITNA anywhere in an app:
//
//	awscdk.Aspects_Of(app).Add(jitna.NewGuardrails(nil), nil)
//
// Findings on a construct (or below it) are suppressed with
// SuppressGuardrail, which requires a reason. It reads L1 properties as the
// app sets them; property overrides (AddPropertyOverride) are not seen.
type Guardrails struct {
	levels  map[GuardrailRule]GuardrailLevel // the levels given, over the defaults
	invalid error                            // the props' problems, reported on each stack
}

// stackKeys pairs, per stack and Guardrails (kept in the app's state), session documents with the KMS keys they name,
// whichever is visited first.
type stackKeys struct {
	usedKeys map[string]string        // key logical id -> what JITNA encrypts with it
	keys     map[string]awskms.CfnKey // logical id -> key
}

// NewGuardrails returns the Aspect.
func NewGuardrails(props *GuardrailsProps) *Guardrails {
	g := &Guardrails{}
	if props != nil && len(props.Levels) > 0 {
		g.levels = maps.Clone(props.Levels)
		g.invalid = props.Validate()
	}
	return g
}

// Visit checks one construct.
func (g *Guardrails) Visit(node constructs.IConstruct) {
	if g.invalid != nil && *awscdk.Stack_IsStack(node) {
		for _, p := range check.Problems(g.invalid) {
			awscdk.Annotations_Of(node).AddError(jsii.String("Guardrails props: " + p.Error()))
		}
	}
	cfn, ok := node.(awscdk.CfnResource)
	if !ok {
		return
	}
	typ := *cfn.CfnResourceType()
	switch {
	case typ == "AWS::CloudFormation::StackSet" || typ == "AWS::SSMQuickSetup::ConfigurationManager":
		g.visitOwned(node)
	case guardrails.CarriesIAM(typ):
		for _, msg := range guardrails.CheckIAM(typ, resolvedProperties(cfn)) {
			g.report(node, guardrails.IAM1, msg)
		}
	case typ == "AWS::SSM::Document":
		props := resolvedProperties(cfn)
		s, ok := guardrails.SessionDocument(props)
		if !ok {
			return
		}
		for _, msg := range guardrails.CheckSession(s) {
			g.report(node, guardrails.SESS1, msg)
		}
		if id := guardrails.SessionKey(props); id != "" {
			g.usedKey(cfn.Stack(), id, guardrails.UseSessionData)
		}
	case typ == policy.GuiConnectPreferencesType:
		if id := guardrails.RecordingKeyID(resolvedProperties(cfn)); id != "" {
			g.usedKey(cfn.Stack(), id, guardrails.UseRDPRecordings)
		}
	case typ == "AWS::KMS::Key":
		key, ok := node.(awskms.CfnKey)
		if ok {
			g.key(cfn.Stack(), fmt.Sprint(cfn.Stack().Resolve(cfn.LogicalId())), key)
		}
	}
}

// visitOwned checks an L1 of this library's constructs, reporting on its
// owner: a member template's findings on its MemberStackSet (the template is
// an app of its own), an app that enables JITNA without a deny-access policy
// on its JitnaOrganization.
func (g *Guardrails) visitOwned(node constructs.IConstruct) {
	st := findState(node.Node().Root())
	if st == nil {
		return
	}
	o, ours := st.ownedAt(node)
	switch {
	case !ours:
	case o.member != nil:
		for _, f := range guardrails.CheckTemplate(o.member) {
			msg := f.Message
			if f.LogicalID != "" {
				msg = "member template resource " + f.LogicalID + ": " + msg
			}
			g.report(o.owner, f.Rule, msg)
		}
	case !st.hasDenyAccess():
		g.report(o.owner, guardrails.ORG1, "the app enables JITNA but declares no deny-access policy: every auto-approval permit applies unchecked (NewDenyAccessPolicy)")
	}
}

// pairing is a Guardrails' view of one stack.
type pairing struct {
	guardrails *Guardrails
	stack      awscdk.Stack
}

func (g *Guardrails) state(stack awscdk.Stack) *stackKeys {
	st := stateOf(stack.Node().Root())
	st.mu.Lock()
	defer st.mu.Unlock()
	at := pairing{guardrails: g, stack: stack}
	pairs := st.open().keyPairs
	s := pairs[at]
	if s == nil {
		s = &stackKeys{usedKeys: map[string]string{}, keys: map[string]awskms.CfnKey{}}
		pairs[at] = s
	}
	return s
}

// usedKey notes a key of the stack that JITNA encrypts use with, checking it
// now if it was visited already (Aspects visit in tree order).
func (g *Guardrails) usedKey(stack awscdk.Stack, keyID, use string) {
	s := g.state(stack)
	if key, seen := s.keys[keyID]; seen {
		g.checkKey(key, use)
		return
	}
	s.usedKeys[keyID] = use
}

func (g *Guardrails) key(stack awscdk.Stack, logicalID string, key awskms.CfnKey) {
	s := g.state(stack)
	s.keys[logicalID] = key
	if use, used := s.usedKeys[logicalID]; used {
		g.checkKey(key, use)
	}
}

func (g *Guardrails) checkKey(key awskms.CfnKey, use string) {
	for _, msg := range guardrails.CheckKeyTags(keyTags(key), use) {
		g.report(key, guardrails.KMS1, msg)
	}
}

// report annotates node with a finding at its rule's level, unless the rule
// is off or suppressed there.
func (g *Guardrails) report(node constructs.IConstruct, rule GuardrailRule, msg string) {
	level, set := g.levels[rule]
	if !set {
		level = guardrails.DefaultLevels()[rule]
	}
	if level == GuardrailLevelOff {
		return
	}
	if reason, ok := suppressed(node, rule); ok {
		awscdk.Annotations_Of(node).AddInfo(jsii.String(fmt.Sprintf("%s suppressed: %s", rule, reason)))
		return
	}
	text := jsii.String(fmt.Sprintf("%s: %s (accept it with jitna.SuppressGuardrail and a reason; in a config, guardrails: {levels: {%s: off}})", rule, msg, rule))
	switch level {
	case GuardrailLevelError:
		awscdk.Annotations_Of(node).AddError(text)
	case GuardrailLevelWarning:
		warn(node, string(rule), *text)
	default:
		awscdk.Annotations_Of(node).AddInfo(text)
	}
}

// resolvedProperties returns an L1's properties as CloudFormation gets them.
func resolvedProperties(cfn awscdk.CfnResource) map[string]any {
	rendered := cfn.RenderProperties(cfn.CfnProperties())
	resolved, _ := cfn.Stack().Resolve(rendered).(map[string]any)
	return resolved
}

// suppression is a SuppressGuardrail call, kept in the app's state.
type suppression struct {
	path   string
	rule   GuardrailRule
	reason string
}

// MinSuppressionReason is how long a suppression's reason must be.
const MinSuppressionReason = 10

// SuppressGuardrail suppresses a rule's findings on scope and everything
// below it. The reason (at least 10 characters) appears in the report
// instead of the finding; a shorter one is an error at synthesis.
func SuppressGuardrail(scope constructs.IConstruct, rule GuardrailRule, reason string) {
	reason = strings.TrimSpace(reason)
	if len(reason) < MinSuppressionReason {
		awscdk.Annotations_Of(scope).AddError(jsii.String(fmt.Sprintf("%s cannot be suppressed without a reason of at least %d characters: say why it is safe", rule, MinSuppressionReason)))
		return
	}
	node := scope.Node()
	st := stateOf(node.Root())
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.open()
	c.suppressions = append(c.suppressions, suppression{path: *node.Path(), rule: rule, reason: reason})
}

func suppressed(node constructs.IConstruct, rule GuardrailRule) (string, bool) {
	n := node.Node()
	st := findState(n.Root())
	if st == nil {
		return "", false
	}
	st.mu.Lock()
	var list []suppression
	if st.collected != nil {
		list = st.collected.suppressions
	}
	st.mu.Unlock()
	if len(list) == 0 {
		return "", false
	}
	path := *n.Path()
	for _, s := range list {
		if s.rule == rule && within(s.path, path) {
			return s.reason, true
		}
	}
	return "", false
}

// keyTags returns a key's tags as the app sets them (Tags.of included, once
// aspects have run).
func keyTags(key awskms.CfnKey) map[string]string {
	tags := map[string]string{}
	if values := key.Tags().TagValues(); values != nil {
		for k, v := range *values {
			tags[k] = *v
		}
	}
	return tags
}
