// Package configapp is the bundled CDK app: just-in-time node access across
// an AWS Organization from one YAML config file (see docs/config.md), as four
// stacks:
//
//   - JitnaPrerequisites (management account): trusted access, delegated
//     administrator registrations, AWS RAM sharing;
//   - JitnaEnablement (delegated administrator): the Quick Setup roles and the
//     unified console and JITNA configuration managers;
//   - JitnaDenyAccess (delegated administrator): the deny-access policy;
//   - JitnaMemberPolicies (delegated administrator): a StackSet deploying the
//     auto-approval policy, manual approval policies and session preferences
//     to every target account and Region.
//
// The command cmd/jitna-app is its Main; it is the repository's root cdk.json
// app, and a module that holds only a config file runs it as a Go tool (the
// README's YAML route):
//
//	cdk synth -c config=path/to/jitna.yaml
//
// Without -c config it uses the embedded jitna.yaml, the AWS samples'
// example values. A bad config prints one line per problem (file:line: key)
// and writes no template. Build adds the same stacks to an app of your own,
// for tests or for stacks of your own beside them.
package configapp

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/internal/cdkcontext"
	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/config"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

//go:embed jitna.yaml deny-access.cedar
var defaults embed.FS

// flags are the feature flags the app is tested with: those the pinned CDK
// CLI's cdk init writes for the aws-cdk-lib of go.mod (the root cdk.json's
// context, which a test compares).
//
//go:embed featureflags.json
var flags []byte

// FeatureFlags returns the feature flags the app sets unless cdk.json or -c
// sets them: the recommended values of the aws-cdk-lib it is tested with.
func FeatureFlags() map[string]any {
	var out map[string]any
	if err := json.Unmarshal(flags, &out); err != nil {
		panic("configapp: featureflags.json: " + err.Error()) // embedded and tested
	}
	return out
}

// ContextKey is the CDK context key that names the config file:
// cdk synth -c config=FILE.
const ContextKey = "config"

// Main is the bundled app's whole main function: it reads the config the
// context names (Load), adds its stacks to a new app (Build), and exits
// through jitna.Main: 0 with the templates written, 1 with every problem on
// stderr, one per line.
func Main() {
	jitna.MainWithContext(FeatureFlags(), func(app awscdk.App) error {
		cfg, err := Load(app)
		if err != nil {
			return err
		}
		Build(app, cfg)
		ReportWarnings(os.Stderr, app, cfg)
		return nil
	})
}

// ReportWarnings writes the config's warnings to w, each at its file and
// line, and acknowledges, on each of the app's stacks (after Build), the
// ids of the constructs' warnings that repeat them by construct path: one
// warning per finding. (The CDK matches an acknowledgement to a warning
// added later by the construct paths above it, which the app's own, empty,
// path is not among: hence each stack.)
func ReportWarnings(w io.Writer, app awscdk.App, cfg *config.Config) {
	for _, p := range cfg.Warnings() {
		fmt.Fprintln(w, check.WarningLine(p))
	}
	for _, child := range *app.Node().Children() {
		for _, id := range []string{policy.WarnOverlappingTargets, policy.WarnApproverOnTwoLevels, rollout.WarnOverlappingTargets, rollout.WarnConcurrencyCapped} {
			awscdk.Annotations_Of(child).AcknowledgeWarning(jsii.String(id), jsii.String("the config's warnings name its file and line"))
		}
	}
}

// Load reads the config file the app's context names (ContextKey), or
// Default when none is named.
func Load(app awscdk.App) (*config.Config, error) {
	if path := cdkcontext.String(app, ContextKey, ""); path != "" {
		return config.LoadFile(path)
	}
	return Default()
}

// Default returns the embedded default config, jitna.yaml: the AWS samples'
// example values.
func Default() (*config.Config, error) { return config.Load(defaults, "jitna.yaml") }

// Stacks are the app's stacks; Prerequisites and DenyAccess are nil when the
// config has none.
type Stacks struct {
	Prerequisites, Enablement, DenyAccess, Member awscdk.Stack
	// Members is the member StackSet.
	Members *jitna.MemberStackSet
}

// Build adds the stacks cfg describes to app and returns them. cfg is
// checked when the app is validated or synthesized (jitna.Validate, Main).
func Build(app awscdk.App, cfg *config.Config) Stacks {
	var s Stacks
	target := cfg.Enablement.Target
	admin := env(target.DelegatedAdminAccountId, target.HomeRegion)
	if m := cfg.Management; m != nil {
		// The management account is often never CDK-bootstrapped: this stack
		// needs no bootstrap (no assets, no bootstrap version rule).
		s.Prerequisites = jitna.NewBootstraplessStack(app, "JitnaPrerequisites", &awscdk.StackProps{
			Env:                env(m.Account, m.Region),
			Description:        jsii.String("Management account prerequisites for just-in-time node access: trusted access, delegated administrator, RAM sharing."),
			AnalyticsReporting: jsii.Bool(false),
		})
		pre := m.Prerequisites
		pre.DelegatedAdminAccountId = target.DelegatedAdminAccountId
		jitna.NewOrganizationPrerequisites(s.Prerequisites, "Prerequisites", &pre)
	}

	s.Enablement = newStack(app, "JitnaEnablement", admin,
		"Enables the Systems Manager unified console and just-in-time node access (Quick Setup).")
	org := jitna.NewJitnaOrganization(s.Enablement, "Enablement", &cfg.Enablement)

	if d := cfg.DenyAccess; d != nil {
		s.DenyAccess = newStack(app, "JitnaDenyAccess", admin, "The organization's deny-access policy for just-in-time node access.")
		deny := jitna.NewDenyAccessPolicy(s.DenyAccess, "DenyAccess", &jitna.DenyAccessPolicyProps{DenyAccessProps: *d, Organization: org})
		afterDeployment(cfg.WaitForDeployment, org, s.DenyAccess, deny)
	}

	m := cfg.Member
	s.Member = newStack(app, "JitnaMemberPolicies", admin,
		"Deploys the just-in-time node access approval policies and session preferences to the target accounts and Regions.")
	var forward *jitna.Notifications
	if n := cfg.Notifications; n != nil {
		// The hub sits beside the StackSet; every member forwards to it.
		jitna.NewNotificationHub(s.Member, "NotificationHub", &jitna.NotificationHubProps{Hub: n.Hub, Delivery: n.Delivery})
		forward = &jitna.Notifications{
			DetailTypes: n.Delivery.DetailTypes,
			APICalls:    n.Delivery.APICalls,
			ForwardTo:   jitna.HubEventBusArn(target.DelegatedAdminAccountId, target.HomeRegion, n.Hub.EventBusName),
		}
	}
	s.Members = jitna.NewMemberStackSet(s.Member, "Members", &jitna.MemberStackSetProps{
		StackSetDeployment: m.StackSet,
		TemplateMode:       m.TemplateMode,
		Organization:       org,
		Build:              func(member awscdk.Stack) { buildMember(member, m, forward) },
	})
	afterDeployment(cfg.WaitForDeployment, org, s.Member, s.Members)
	if g := cfg.Guardrails; g != nil {
		awscdk.Aspects_Of(app).Add(jitna.NewGuardrails(g), nil)
	}
	return s
}

// afterDeployment makes dependent, in stack, wait until Quick Setup reports
// org's JITNA deployed, when the config asks for it.
func afterDeployment(wait *quicksetup.DeploymentWait, org *jitna.JitnaOrganization, stack awscdk.Stack, dependent constructs.Construct) {
	if wait == nil {
		return
	}
	d := jitna.NewJitnaDeployed(stack, "JitnaDeployed", &jitna.JitnaDeployedProps{Organization: org, DeploymentWait: *wait})
	dependent.Node().AddDependency(d.Construct)
}

// buildMember fills the member template: the documents of every target
// account and Region, and the forwarding of their events to the hub.
func buildMember(member awscdk.Stack, m config.Member, forward *jitna.Notifications) {
	if forward != nil {
		jitna.NewAccessRequestNotifications(member, "ForwardToHub", &jitna.AccessRequestNotificationsProps{Notifications: *forward})
	}
	if a := m.AutoApproval; a != nil {
		props := *a
		props.Tags = merged(m.Tags, a.Tags)
		jitna.NewAutoApprovalPolicy(member, "AutoApproval", &props)
	}
	for _, p := range m.ManualApprovals {
		props := p
		props.Tags = merged(m.Tags, p.Tags)
		jitna.NewManualApprovalPolicy(member, manualPolicyID(p.Name), &props)
	}
	if p := m.SessionPreferences; p != nil {
		props := *p
		props.Tags = merged(m.Tags, p.Tags)
		jitna.NewSessionPreferences(member, "SessionPreferences", &jitna.SessionPreferencesProps{SessionPreferencesProps: props})
	}
	if r := m.RDPRecording; r != nil {
		props := *r
		props.Tags = merged(m.Tags, r.Tags)
		jitna.NewRDPRecording(member, "RDPRecording", &jitna.RDPRecordingProps{RDPRecording: props})
	}
}

// manualPolicyID is the construct id of a manual approval policy: its name
// (so logical ids follow the names), unless the name is an id this app
// gives another construct of the member template; a valid policy name such
// as AutoApproval would otherwise collide with it.
func manualPolicyID(name string) string {
	switch name {
	case "AutoApproval", "SessionPreferences", "ForwardToHub", "RDPRecording":
		return "ManualApprovalPolicy-" + name
	}
	return name
}

func newStack(app awscdk.App, id string, env *awscdk.Environment, description string) awscdk.Stack {
	return awscdk.NewStack(app, jsii.String(id), &awscdk.StackProps{
		Env: env, Description: jsii.String(description), AnalyticsReporting: jsii.Bool(false),
	})
}

func env(account, region string) *awscdk.Environment {
	return &awscdk.Environment{Account: jsii.String(account), Region: jsii.String(region)}
}

// merged returns base overlaid with over.
func merged(base, over map[string]string) map[string]string {
	out := map[string]string{}
	maps.Copy(out, base)
	maps.Copy(out, over)
	return out
}
