package config

import (
	"fmt"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/guardrails"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// validate checks the decoded config with the core rules.
func (l *loader) validate(cfg *Config) {
	// The delegated administrator's account and Region are checked as the
	// enablement's target, below.
	if m := cfg.Management; m != nil {
		c := check.New()
		if c.Required("Account", m.Account, "the 12-digit management account") {
			quicksetup.CheckAccountID(c, "Account", m.Account)
		}
		if c.Required("Region", m.Region, "a Region for the prerequisites stack") {
			quicksetup.CheckRegion(c, "Region", m.Region)
		}
		l.merge("management", c.Err(), nil)
		pre := m.Prerequisites
		pre.DelegatedAdminAccountId = cfg.DelegatedAdmin.Account
		l.merge("management.prerequisites", pre.WithDefaults().Validate(), map[string]string{"DelegatedAdminAccountId": "delegatedAdmin.account"})
	}

	e := cfg.Enablement
	en := quicksetup.Enablement{
		Target:         quicksetup.Target{DelegatedAdminAccountId: cfg.DelegatedAdmin.Account, HomeRegion: cfg.DelegatedAdmin.Region},
		UnifiedConsole: e.UnifiedConsole,
		Jitna:          e.Jitna,
	}
	en = en.WithDefaults()
	l.merge("enablement", en.Validate(), map[string]string{
		"Target.DelegatedAdminAccountId": "delegatedAdmin.account", "Target.HomeRegion": "delegatedAdmin.region",
	})
	l.tags("enablement.tags", e.Tags)

	if cfg.DenyAccess != nil {
		l.cedarPolicy("denyAccess", *cfg.DenyAccess, cedar.Forbid)
	}
	l.member(cfg, en.Jitna)
	if n := cfg.Notifications; n != nil {
		l.merge("notifications", check.Join(n.Settings().WithDefaults().Validate(), n.Hub().Validate()), nil)
	}
	if g := cfg.Guardrails; g != nil {
		for _, msg := range guardrails.CheckLevels(g.Levels) {
			l.report("guardrails.levels", "", msg)
		}
	}
}

func (l *loader) member(cfg *Config, jitna quicksetup.Jitna) {
	m := cfg.Member
	d := m.StackSet.WithDefaults()
	l.merge("member.stackSet", check.Join(d.Validate(), d.WithinJitna(jitna.TargetRegions, jitna.TargetOrganizationalUnits)), nil)
	l.tags("member.tags", m.Tags)

	var entries []policy.Entry
	if m.AutoApproval != nil {
		l.cedarPolicy("member.autoApproval", *m.AutoApproval, cedar.Permit)
		entries = append(entries, policy.Entry{Where: "member.autoApproval", Policy: policy.AutoApproval{Documents: m.AutoApproval.Sources()}})
	}
	for i, p := range m.ManualApprovals {
		key := fmt.Sprintf("member.manualApprovals[%d]", i)
		l.merge(key, p.ManualApproval.WithDefaults().Validate(), nil)
		l.tags(key+".tags", p.Tags)
		entries = append(entries, policy.Entry{Where: key, Policy: p.ManualApproval.WithDefaults()})
	}
	if s := m.SessionPreferences; s != nil {
		l.merge("member.sessionPreferences", s.SessionSettings.WithDefaults().Validate(), nil)
		l.tags("member.sessionPreferences.tags", s.Tags)
		entries = append(entries, policy.Entry{Where: "member.sessionPreferences", Policy: s.SessionSettings})
	}
	for _, f := range policy.CheckSet(entries) {
		if !f.Warning {
			l.report(f.Where, "", f.Message)
		}
	}
}

// cedarPolicy checks each Cedar source on its own (policy.CheckCedarSources),
// so that a problem names the source's key (and, for cedarFile, the .cedar
// file's own line), then the rendered policy's remaining rules.
func (l *loader) cedarPolicy(key string, p CedarPolicy, effect cedar.Effect) {
	var sources []policy.CedarSource
	if p.Cedar != "" {
		sources = append(sources, policy.CedarSource{Field: key + ".cedar", Text: p.Cedar})
	}
	if p.fileText != "" {
		sources = append(sources, policy.CedarSource{Field: key + ".cedarFile", File: p.CedarFile, Text: p.fileText})
	}
	for i, d := range p.Documents {
		sources = append(sources, policy.CedarSource{Field: fmt.Sprintf("%s.documents[%d].cedar", key, i), Text: d.Cedar})
	}
	l.tags(key+".tags", p.Tags)
	if len(sources) == 0 {
		if !l.isBroken(key + ".cedarFile") {
			l.report(key, "", "has no Cedar: give cedar, cedarFile or documents")
		}
		return
	}
	if err := policy.CheckCedarSources(sources, effect, nil); err != nil {
		for _, pr := range check.Problems(err) {
			l.report(pr.Field, pr.Value, pr.Message)
		}
		return
	}
	rendered := policy.Policy(policy.AutoApproval{Description: p.Description, Documents: p.Sources()})
	if effect == cedar.Forbid {
		rendered = policy.DenyAccess{Description: p.Description, Documents: p.Sources(), Format: p.Format}
	} else if p.Format != "" {
		l.report(key+".format", string(p.Format), "is only for the deny-access policy")
	}
	l.merge(key, rendered.Validate(), nil)
}

func (l *loader) tags(key string, tags map[string]string) {
	c := check.New()
	quicksetup.CheckTags(c, "", tags)
	for _, p := range check.Problems(c.Err()) {
		l.report(key+p.Field, p.Value, p.Message)
	}
}
