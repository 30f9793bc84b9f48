package jitna

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudformation"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/internal/jsiierr"
	"github.com/cdk-jitna/cdk-jitna-go/internal/safeio"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// StackSetDeployment is how a member StackSet deploys: targets, Regions,
// auto-deployment, CallAs, operation preferences, parameters, tags. See
// rollout.Deployment for each field and its default.
type StackSetDeployment = rollout.Deployment

// TemplateMode says where the member template goes: TemplateAuto (default),
// TemplateInline or TemplateAsset.
type TemplateMode = rollout.TemplateMode

// Member template placement.
const (
	// TemplateAuto inlines a member template of up to 51,200 bytes in
	// TemplateBody and uploads a larger one as a file asset (TemplateURL).
	TemplateAuto = rollout.TemplateAuto
	// TemplateInline always inlines it.
	TemplateInline = rollout.TemplateInline
	// TemplateAsset always uploads it.
	TemplateAsset = rollout.TemplateAsset
)

// Amount is a count or a percentage of accounts (StackSetDeployment's
// MaxConcurrent and FailureTolerance).
type Amount = rollout.Amount

// StackSetCount is n accounts (for MaxConcurrent and FailureTolerance).
func StackSetCount(n int) Amount { return rollout.Count(n) }

// StackSetPercent is p percent of the accounts.
func StackSetPercent(p int) Amount { return rollout.Percent(p) }

// MemberStackSetProps configures a member StackSet.
type MemberStackSetProps struct {
	// StackSetDeployment: OrganizationalUnits and Regions are required.
	StackSetDeployment
	// Build fills the member template, a stack of its own, with the
	// library's constructs (auto-approval, manual approvals, session
	// preferences) or anything else. Required. It must not refer to
	// resources outside that stack: a StackSet cannot resolve such
	// references; pass per-deployment values as CloudFormation parameters
	// (awscdk.NewCfnParameter in the member stack, values in Parameters).
	Build func(member awscdk.Stack)
	// TemplateMode: TemplateAuto (default), TemplateInline or TemplateAsset.
	TemplateMode TemplateMode
	// MemberStackName names the member stack (its construct paths and
	// problems). Default "Member".
	MemberStackName string
	// Organization is the JitnaOrganization the StackSet rolls out under:
	// target Regions and OUs outside the ones it enables JITNA in are
	// errors. Default: none (the targets are not compared).
	Organization *JitnaOrganization
	// Aspects are applied to the member app. The member template is
	// synthesized as an app of its own, so aspects added to the parent app
	// (cdk-nag's AwsSolutionsChecks, for one) do not reach it: pass them here
	// too. What they report on the member stack (error, warning and info
	// annotations) is reported on this construct, each message naming the
	// member construct's path; an error fails synthesis of the parent app.
	// Default: none.
	Aspects []awscdk.IAspect
}

// MemberStackSet deploys a member template to every account of the target OUs
// in the target Regions with a service-managed CloudFormation StackSet,
// from the delegated administrator account (CallAs DELEGATED_ADMIN) or the
// management account (SELF).
type MemberStackSet struct {
	constructs.Construct
	placed
	// StackSet is the L1 AWS::CloudFormation::StackSet (escape hatch), also
	// Node().DefaultChild().
	StackSet awscloudformation.CfnStackSet
	// Member is the member template's stack, in an app of its own.
	Member awscdk.Stack
	// Template is the synthesized member template, nil when it could not be
	// synthesized (the problem fails synthesis of this app).
	Template map[string]any
	// Asset holds the member template when it went to S3, else nil.
	Asset awss3assets.Asset
	// Deployment is the deployment after defaults.
	Deployment StackSetDeployment

	// parsed is Template as read for the checks, checked once.
	parsed *template.Template
	// findings are the member app's annotations but the library's own.
	findings []memberFinding
}

// NewMemberStackSet builds and synthesizes the member template once, and
// creates the StackSet. Problems (the deployment's, the member template's,
// a reference to the parent app) are reported at synthesis and by Validate;
// targets outside the Regions and OUs props.Organization enables are errors.
func NewMemberStackSet(scope constructs.Construct, id string, props *MemberStackSetProps) *MemberStackSet {
	if props == nil {
		props = &MemberStackSetProps{}
	}
	c, at := newConstruct(scope, id)
	m := &MemberStackSet{Construct: c, placed: placed{at}}
	m.Deployment = props.StackSetDeployment.WithDefaults()
	if o := props.Organization; o != nil {
		m.Deployment = m.Deployment.WithNewRegions(o.Enablement.Target.NewRegions)
	}
	body, memberErr := m.synthesizeMember(props)
	inline := rollout.Inline(len(body), props.TemplateMode)
	mode := props.TemplateMode
	var regions, ous []string
	if o := props.Organization; o != nil {
		regions, ous = o.Enablement.Jitna.TargetRegions, o.Enablement.Jitna.TargetOrganizationalUnits
	}
	d, tmpl := m.Deployment, m.Template
	addValidation(m.at, func() error {
		c := check.New()
		rollout.CheckMemberTemplate(c, tmpl, len(body), mode)
		return check.Join(d.Validate(), d.WithinJitna(regions, ous), c.Err(), memberErr)
	})
	if overlap := m.Deployment.OverlappingTargets(); overlap != "" {
		warn(m.Construct, rollout.WarnOverlappingTargets, overlap)
	}
	if capped := m.Deployment.CappedConcurrency(); capped != "" {
		warn(m.Construct, rollout.WarnConcurrencyCapped, capped)
	}
	for _, f := range m.findings {
		f.report(m.Construct)
	}

	v := m.Deployment.StackSet(m.Template)
	targets := &awscloudformation.CfnStackSet_DeploymentTargetsProperty{OrganizationalUnitIds: jsii.Strings(v.OrganizationalUnits...)}
	if len(v.Accounts) > 0 {
		targets.Accounts = jsii.Strings(v.Accounts...)
		targets.AccountFilterType = jsii.String(string(v.AccountFilter))
	}
	stackSetProps := &awscloudformation.CfnStackSetProps{
		StackSetName:    jsii.String(v.Name),
		PermissionModel: jsii.String("SERVICE_MANAGED"),
		CallAs:          jsii.String(string(v.CallAs)),
		AutoDeployment: &awscloudformation.CfnStackSet_AutoDeploymentProperty{
			Enabled:                      jsii.Bool(v.AutoDeployment),
			RetainStacksOnAccountRemoval: jsii.Bool(v.RetainStacksOnAccountRemoval),
		},
		StackInstancesGroup: []any{&awscloudformation.CfnStackSet_StackInstancesProperty{
			DeploymentTargets: targets,
			Regions:           jsii.Strings(v.Regions...),
		}},
		ManagedExecution: map[string]any{"Active": v.ManagedExecution},
		Tags:             cfnTags(v.Tags),
	}
	if len(v.Parameters) > 0 {
		params := make([]any, len(v.Parameters))
		for i, p := range v.Parameters {
			params[i] = &awscloudformation.CfnStackSet_ParameterProperty{ParameterKey: jsii.String(p.Key), ParameterValue: jsii.String(p.Value)}
		}
		stackSetProps.Parameters = params
	}
	if v.Description != "" {
		stackSetProps.Description = jsii.String(v.Description)
	}
	if len(v.Capabilities) > 0 {
		stackSetProps.Capabilities = jsii.Strings(v.Capabilities...)
	}
	if p := v.Operation; p != nil {
		prefs := &awscloudformation.CfnStackSet_OperationPreferencesProperty{
			MaxConcurrentCount: jsiiNumber(p.MaxConcurrentCount), MaxConcurrentPercentage: jsiiNumber(p.MaxConcurrentPercentage),
			FailureToleranceCount: jsiiNumber(p.FailureToleranceCount), FailureTolerancePercentage: jsiiNumber(p.FailureTolerancePercentage),
		}
		if p.RegionConcurrencyType != "" {
			prefs.RegionConcurrencyType = jsii.String(p.RegionConcurrencyType)
		}
		if p.ConcurrencyMode != "" {
			prefs.ConcurrencyMode = jsii.String(p.ConcurrencyMode)
		}
		if len(p.RegionOrder) > 0 {
			prefs.RegionOrder = jsii.Strings(p.RegionOrder...)
		}
		stackSetProps.OperationPreferences = prefs
	}
	if inline {
		stackSetProps.TemplateBody = jsii.String(string(body))
	} else {
		m.Asset, memberErr = newTemplateAsset(m.Construct, body, memberErr) // the check above sees memberErr as it ends up
		if m.Asset != nil {
			stackSetProps.TemplateUrl = m.Asset.HttpUrl()
		} else {
			stackSetProps.TemplateBody = jsii.String("{}")
		}
	}
	m.StackSet = awscloudformation.NewCfnStackSet(m.Construct, jsii.String("StackSet"), stackSetProps)
	m.Node().SetDefaultChild(m.StackSet)
	if m.parsed != nil {
		at.state.noteOwned(m.StackSet, m.Construct, m.parsed)
	}
	return m
}

// disableLogicalIDMetadata is the CDK's context key (cx-api
// DISABLE_LOGICAL_ID_METADATA, not exported to Go) that leaves the
// aws:cdk:logicalId entries out of an assembly's manifest.
const disableLogicalIDMetadata = "aws:cdk:disable-logicalId-metadata"

// synthesizeMember builds the member stack in an app of its own and
// synthesizes it once. It returns the template as compact JSON ("{}" when it
// cannot be synthesized) and the problems found. The member app's warnings
// are kept in m.findings, reported on the MemberStackSet.
func (m *MemberStackSet) synthesizeMember(props *MemberStackSetProps) (body []byte, problems error) {
	body = []byte("{}")
	outdir, err := os.MkdirTemp("", "jitna-member-")
	if err != nil {
		return body, err
	}
	defer os.RemoveAll(outdir)
	// The member app's assembly is read once and thrown away: no tree.json,
	// and no aws:cdk:logicalId entry per resource in its manifest (the CDK
	// validates each entry against the assembly schema twice, a cost that
	// grows with the member template's resources; make bench measures it).
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(outdir), AnalyticsReporting: jsii.Bool(false), TreeMetadata: jsii.Bool(false),
		PostCliContext: &map[string]any{disableLogicalIDMetadata: true}})
	name := props.MemberStackName
	if name == "" {
		name = "Member"
	}
	m.Member = newMemberStack(app, name)
	c := check.New().Field("Build")
	if props.Build == nil {
		c.Add("", "", "is nil: give a function that fills the member template")
		return body, c.Err()
	}
	if msg, ok := jsiierr.Catch(func() { props.Build(m.Member) }); !ok {
		c.Add("", "", "failed: "+msg)
		return body, c.Err()
	}
	for _, a := range props.Aspects {
		awscdk.Aspects_Of(app).Add(a, nil)
	}
	if err := Validate(app); err != nil {
		// Name the member construct in the field: the path is the parent's.
		problems := check.Problems(err)
		for i, p := range problems {
			problems[i].Field = strings.TrimSuffix("member template "+p.Path+": "+p.Field, ": ")
			problems[i].Path = ""
		}
		return body, &check.Error{Problems: problems}
	}
	var asm cxapi.CloudAssembly
	if msg, ok := jsiierr.Catch(func() { asm = app.Synth(nil) }); !ok {
		if strings.Contains(msg, "across apps") || strings.Contains(msg, "different apps") {
			msg = "refers to a resource outside the member template: a StackSet cannot resolve references to the parent stack; pass the value as a StackSet parameter (awscdk.NewCfnParameter in the member stack, its value in Parameters). The CDK said: " + msg
		}
		c.Add("", "", "the member template cannot be synthesized: "+msg)
		return body, c.Err()
	}
	m.findings = memberFindings(asm)
	data, err := safeio.ReadFile(filepath.Join(outdir, *m.Member.TemplateFile()), template.MaxFileSize)
	if err != nil {
		return body, err
	}
	if err := json.Unmarshal(data, &m.Template); err != nil {
		return body, err
	}
	if m.parsed, err = template.FromValue(name, m.Template); err == nil {
		m.parsed.Regions = m.Deployment.Regions // the key rules that hold per Region
		// Its warnings are the member constructs' own, in m.findings.
		for _, f := range m.parsed.Check() {
			if f.Severity == "error" {
				c.Add("", "", f.String())
			}
		}
	}
	compact, _ := json.Marshal(m.Template)
	return compact, c.Err()
}

// newTemplateAsset publishes the member template as a file asset (the CDK
// stages a copy at once, so the temporary file is removed).
func newTemplateAsset(scope constructs.Construct, body []byte, problems error) (awss3assets.Asset, error) {
	dir, err := os.MkdirTemp("", "jitna-member-asset-")
	if err == nil {
		defer os.RemoveAll(dir)
		err = os.WriteFile(filepath.Join(dir, "member.template.json"), body, 0o644)
	}
	if err != nil {
		return nil, check.Join(problems, fmt.Errorf("the member template cannot be written for upload: %w", err))
	}
	return awss3assets.NewAsset(scope, jsii.String("Template"), &awss3assets.AssetProps{Path: jsii.String(filepath.Join(dir, "member.template.json"))}), problems
}

func jsiiNumber(n *int) *float64 {
	if n == nil {
		return nil
	}
	return jsii.Number(*n)
}

// memberStack is the member template's stack. It is a Go subclass of Stack
// so that the constructs Build creates in it find their site without a jsii
// call (Build typically creates dozens of documents there).
type memberStack struct {
	awscdk.Stack
	at site // a named field: jsii initializes the embedded ones
}

func (s *memberStack) jitnaSite() site { return s.at }

// newMemberStack creates the member template's stack, name, in the member
// app.
func newMemberStack(app awscdk.App, name string) *memberStack {
	s := &memberStack{}
	awscdk.NewStack_Override(s, app, jsii.String(name), &awscdk.StackProps{
		// A StackSet's stacks are not in bootstrapped environments.
		Synthesizer: awscdk.NewDefaultStackSynthesizer(&awscdk.DefaultStackSynthesizerProps{GenerateBootstrapVersionRule: jsii.Bool(false)}),
	})
	path := childPath("", name)
	s.at = site{state: stateOf(app), path: path, stack: s, stackPath: path}
	return s
}

// ToString is Stack's toString: the stack's path. jsii registers a Go
// subclass only with a method of its own.
func (s *memberStack) ToString() *string { return jsii.String(s.at.path) }
