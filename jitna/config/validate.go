package config

import (
	"fmt"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/events"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/region"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

// validate checks the decoded config with the core rules, each value once:
// the delegated administrator account is the enablement's target, and the
// other parts that name it may only repeat it.
func (l *loader) validate(cfg *Config) {
	en := cfg.Enablement.WithDefaults()
	l.merge("enablement", en.Validate())
	admin := en.Target.DelegatedAdminAccountId
	for i, r := range cfg.Enablement.Target.NewRegions {
		if region.Known(r) {
			l.warn(fmt.Sprintf("enablement.target.newRegions[%d]", i), fmt.Sprintf("%s is in the library's list of Regions already (%s): declaring it new changes nothing; leave it out", r, region.Source))
		}
	}

	if m := cfg.Management; m != nil {
		c := check.New()
		if c.Required("Account", m.Account, "the 12-digit management account") {
			quicksetup.CheckAccountID(c, "Account", m.Account)
		}
		if c.Required("Region", m.Region, "a Region for the prerequisites stack") {
			region.Check(c, "Region", m.Region, en.Target.NewRegions)
		}
		l.merge("management", c.Err())
		l.sameAdmin("management.prerequisites.delegatedAdminAccountId", m.Prerequisites.DelegatedAdminAccountId, admin)
		pre := m.Prerequisites
		pre.DelegatedAdminAccountId = admin // checked as the enablement's target
		l.merge("management.prerequisites", withoutField(pre.WithDefaults().Validate(), "DelegatedAdminAccountId"))
	}

	if d := cfg.DenyAccess; d != nil {
		l.sameAdmin("denyAccess.delegatedAdminAccountId", d.DelegatedAdminAccountId, admin)
		_, validate := d.Resolve(l.readCedarFile)
		l.merge("denyAccess", validate())
		l.tags("denyAccess.tags", d.Tags)
	}
	l.member(cfg, en.Jitna)
	if n := cfg.Notifications; n != nil {
		l.merge("notifications", events.ValidateHub(n.Hub, n.Delivery))
	}
	if g := cfg.Guardrails; g != nil {
		l.merge("guardrails", g.Validate())
	}
	if w := cfg.WaitForDeployment; w != nil {
		l.merge("waitForDeployment", w.WithDefaults().Validate())
	}
}

// sameAdmin reports a delegated administrator account given again under key
// that differs from the enablement's target (unless the target itself has a
// problem already).
func (l *loader) sameAdmin(key, value, admin string) {
	if l.isBroken("enablement.target.delegatedAdminAccountId") {
		return
	}
	c := check.New()
	quicksetup.CheckSameAccount(c, "", value, admin, "enablement.target.delegatedAdminAccountId")
	l.merge(key, c.Err())
}

// shareNewRegions makes the Regions declared new under
// enablement.target.newRegions hold for the whole config: the member
// StackSet accepts them too, as it does beside a JitnaOrganization.
func shareNewRegions(cfg *Config) {
	cfg.Member.StackSet = cfg.Member.StackSet.WithNewRegions(cfg.Enablement.Target.NewRegions)
}

// withoutField drops the problems of one field (checked elsewhere).
func withoutField(err error, field string) error {
	c := check.New()
	for _, p := range check.Problems(err) {
		if p.Field != field && !strings.HasPrefix(p.Field, field+".") && !strings.HasPrefix(p.Field, field+"[") {
			c.Add(p.Field, p.Value, p.Message)
		}
	}
	return c.Err()
}

func (l *loader) member(cfg *Config, jitna quicksetup.Jitna) {
	m := cfg.Member
	d := m.StackSet.WithDefaults()
	l.merge("member.stackSet", check.Join(d.Validate(), d.WithinJitna(jitna.TargetRegions, jitna.TargetOrganizationalUnits)))
	l.tags("member.tags", m.Tags)
	mode := check.New()
	rollout.CheckTemplateMode(mode, "TemplateMode", m.TemplateMode)
	l.merge("member", mode.Err())
	if m.AutoApproval == nil && len(m.ManualApprovals) == 0 && m.SessionPreferences == nil && m.RDPRecording == nil && cfg.Notifications == nil && !l.isBroken("member") {
		l.report("member", "", "deploys nothing: give autoApproval, manualApprovals, sessionPreferences or rdpRecording (CloudFormation refuses an empty member template)")
	}

	var entries []policy.Entry
	if a := m.AutoApproval; a != nil {
		model, validate := a.Resolve(l.readCedarFile)
		l.merge("member.autoApproval", validate())
		l.tags("member.autoApproval.tags", a.Tags)
		entries = append(entries, policy.Entry{Where: "member.autoApproval", Policy: model})
	}
	for i, p := range m.ManualApprovals {
		key := fmt.Sprintf("member.manualApprovals[%d]", i)
		model := p.ManualApproval.WithDefaults()
		l.merge(key, model.Validate())
		l.tags(key+".tags", p.Tags)
		entries = append(entries, policy.Entry{Where: key, Policy: model})
	}
	if s := m.SessionPreferences; s != nil {
		model := s.Settings.WithDefaults()
		keys := check.New()
		policy.CheckKeyRegions(keys, "KMSKeyID", model.KMSKeyID, d.Regions)
		l.merge("member.sessionPreferences.settings", check.Join(model.Validate(), keys.Err()))
		l.tags("member.sessionPreferences.tags", s.Tags)
		entries = append(entries, policy.Entry{Where: "member.sessionPreferences", Policy: model})
	}
	if r := m.RDPRecording; r != nil {
		keys := check.New()
		policy.CheckKeyRegions(keys, "KMSKeyArn", r.KMSKeyArn, d.Regions)
		l.merge("member.rdpRecording", check.Join(r.Validate(), keys.Err()))
		l.tags("member.rdpRecording.tags", r.Tags)
	}
	for _, f := range policy.CheckSet(entries) {
		if f.Warning {
			l.warn(f.Where, f.Message+acceptInConfig(f.ID))
			continue
		}
		l.report(f.Where, "", f.Message)
	}
	for _, note := range []string{d.OverlappingTargets(), d.CappedConcurrency()} {
		if note != "" {
			l.warn("member.stackSet", note)
		}
	}
}

// acceptInConfig says how a config accepts a warning of id, where the
// message's own advice names a Go field.
func acceptInConfig(id string) string {
	if id == policy.WarnOverlappingTargets {
		return " (in a config: intendedOverlap: {with: [NAME], reason: …} on one of the two)"
	}
	return ""
}

func (l *loader) tags(key string, tags map[string]string) {
	c := check.New()
	quicksetup.CheckTags(c, "", tags)
	for _, p := range check.Problems(c.Err()) {
		l.report(key+p.Field, p.Value, p.Message)
	}
}
