package rollout

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

func deploymentProblems(d Deployment, jitnaRegions, jitnaOUs []string) []string {
	d = d.WithDefaults()
	var out []string
	for _, p := range check.Problems(check.Join(d.Validate(), d.WithinJitna(jitnaRegions, jitnaOUs))) {
		out = append(out, p.Error())
	}
	return out
}

// The deployment's rules, each at and past its bound, in the package that
// owns them.
func TestDeploymentRules(t *testing.T) {
	base := func(edit func(*Deployment)) Deployment {
		d := Deployment{OrganizationalUnits: []string{"ou-a1b2-abcd1234"}, Regions: []string{"us-east-1", "eu-west-1"}}
		edit(&d)
		return d
	}
	for name, d := range map[string]Deployment{
		"defaults":                base(func(*Deployment) {}),
		"count of one":            base(func(d *Deployment) { d.MaxConcurrent = Count(1) }),
		"100 percent":             base(func(d *Deployment) { d.MaxConcurrent = Percent(100); d.FailureTolerance = Percent(100) }),
		"no failure tolerated":    base(func(d *Deployment) { d.FailureTolerance = Count(0) }),
		"0 percent tolerated":     base(func(d *Deployment) { d.FailureTolerance = Percent(0) }),
		"region order":            base(func(d *Deployment) { d.RegionOrder = []string{"eu-west-1", "us-east-1"} }),
		"token in the order":      base(func(d *Deployment) { d.RegionOrder = []string{"${Token[TOKEN.1]}"} }),
		"accounts with a filter":  base(func(d *Deployment) { d.Accounts = []string{"111122223333"}; d.AccountFilter = FilterUnion }),
		"name of 128":             base(func(d *Deployment) { d.StackSetName = "a" + strings.Repeat("b", 127) }),
		"description of 1024":     base(func(d *Deployment) { d.Description = strings.Repeat("d", 1024) }),
		"call as self":            base(func(d *Deployment) { d.CallAs = CallAsSelf }),
		"amount given as a token": base(func(d *Deployment) { d.MaxConcurrent = "${Token[TOKEN.2]}" }),
		"accounts without filter": base(func(d *Deployment) { d.Accounts = []string{"111122223333"} }),
		"50 tags":                 base(func(d *Deployment) { d.Tags = tags(50) }),
	} {
		assert.Empty(t, deploymentProblems(d, []string{"us-east-1", "eu-west-1", "ap-south-1"}, []string{"ou-a1b2-abcd1234", "ou-a1b2-efgh5678"}), name)
	}
	for name, tc := range map[string]struct {
		d    Deployment
		want string
	}{
		"zero accounts at once":  {base(func(d *Deployment) { d.MaxConcurrent = Count(0) }), `MaxConcurrent: "0" is out of range: a count must be at least 1`},
		"0 percent at once":      {base(func(d *Deployment) { d.MaxConcurrent = Percent(0) }), `MaxConcurrent: "0%" is out of range: a percentage must be 1 to 100`},
		"101 percent at once":    {base(func(d *Deployment) { d.MaxConcurrent = Percent(101) }), `MaxConcurrent: "101%" is out of range: a percentage must be 1 to 100`},
		"negative tolerance":     {base(func(d *Deployment) { d.FailureTolerance = Count(-1) }), `FailureTolerance: "-1" is out of range: a count must be at least 0`},
		"101 percent tolerated":  {base(func(d *Deployment) { d.FailureTolerance = Percent(101) }), `FailureTolerance: "101%" is out of range: a percentage must be 0 to 100`},
		"amount not a number":    {base(func(d *Deployment) { d.MaxConcurrent = "all" }), `MaxConcurrent: "all" is not valid: must be a count such as "3" or a percentage such as "25%"`},
		"order outside regions":  {base(func(d *Deployment) { d.RegionOrder = []string{"us-east-1", "ap-south-1"} }), `RegionOrder[1]: "ap-south-1" is not one of Regions (us-east-1, eu-west-1)`},
		"filter without account": {base(func(d *Deployment) { d.AccountFilter = FilterDifference }), `AccountFilter: "DIFFERENCE" is set without Accounts to filter with`},
		"unknown filter":         {base(func(d *Deployment) { d.Accounts = []string{"111122223333"}; d.AccountFilter = "ALL" }), `AccountFilter: "ALL" is not allowed: must be one of INTERSECTION, DIFFERENCE, UNION`},
		"name of 129":            {base(func(d *Deployment) { d.StackSetName = "a" + strings.Repeat("b", 128) }), `is not valid: must be a letter, then letters, digits and -, at most 128 characters`},
		"description of 1025":    {base(func(d *Deployment) { d.Description = strings.Repeat("d", 1025) }), "is 1025 characters long: must be 0 to 1024"},
		"unknown call as":        {base(func(d *Deployment) { d.CallAs = "ROOT" }), `CallAs: "ROOT" is not allowed: must be one of DELEGATED_ADMIN, SELF`},
		"51 tags":                {base(func(d *Deployment) { d.Tags = tags(51) }), "Tags: has 51 tags: at most 50 are allowed"},
		"region outside JITNA's": {base(func(d *Deployment) { d.Regions = []string{"us-east-1", "eu-north-1"} }),
			`Regions[1]: "eu-north-1" is not one of JITNA's target Regions (us-east-1, eu-west-1, ap-south-1): JITNA is not enabled there, so the policies would do nothing`},
		"misspelt Region": {base(func(d *Deployment) { d.Regions = []string{"us-east-1", "eu-wset-1"} }),
			`Regions[1]: "eu-wset-1" is not an AWS Region (did you mean eu-west-1?)`},
		"Region newer than the list": {base(func(d *Deployment) { d.Regions = []string{"us-east-1", "us-east-9"} }),
			`Regions[1]: "us-east-9" is not an AWS Region`},
		"new Region declared, outside JITNA's": {base(func(d *Deployment) {
			d.Regions = []string{"us-east-1", "us-east-9"}
			d.NewRegions = []string{"us-east-9"}
		}),
			`Regions[1]: "us-east-9" is not one of JITNA's target Regions`},
		"new Region of no partition": {base(func(d *Deployment) { d.NewRegions = []string{"moon-1"} }),
			`NewRegions[0]: "moon-1" is not a Region name of any AWS partition`},
		"OU outside JITNA's": {base(func(d *Deployment) { d.OrganizationalUnits = []string{"ou-a1b2-zzzz9999"} }),
			`OrganizationalUnits[0]: "ou-a1b2-zzzz9999" is not one of JITNA's target organizational units (ou-a1b2-abcd1234, ou-a1b2-efgh5678)`},
	} {
		got := deploymentProblems(tc.d, []string{"us-east-1", "eu-west-1", "ap-south-1"}, []string{"ou-a1b2-abcd1234", "ou-a1b2-efgh5678"})
		if assert.Len(t, got, 1, name) {
			assert.Contains(t, got[0], tc.want, name)
		}
	}
	// JITNA's root admits every OU; unknown (or token) JITNA targets check nothing.
	assert.Empty(t, deploymentProblems(base(func(d *Deployment) { d.OrganizationalUnits = []string{"ou-a1b2-zzzz9999"} }), nil, []string{"r-abcd"}))
	assert.Empty(t, deploymentProblems(base(func(d *Deployment) { d.Regions = []string{"eu-north-1"} }), nil, nil))
	assert.Equal(t, []string{`Regions[1]: "us-gov-west-1" is in partition aws-us-gov, but Regions[0] (us-east-1) is in aws: one deployment stays within one partition`},
		deploymentProblems(base(func(d *Deployment) { d.Regions = []string{"us-east-1", "us-gov-west-1"} }), nil, nil))
	assert.Empty(t, deploymentProblems(base(func(d *Deployment) { d.Regions = []string{"eu-north-1"} }), []string{"${Token[TOKEN.3]}"}, nil))
}

// An organization's new Regions hold for its member StackSets.
func TestWithNewRegions(t *testing.T) {
	d := Deployment{OrganizationalUnits: []string{"ou-a1b2-abcd1234"}, Regions: []string{"us-east-1", "us-east-9"}, NewRegions: []string{"us-west-8"}}
	assert.Len(t, deploymentProblems(d, nil, nil), 1)
	shared := d.WithNewRegions([]string{"us-east-9", "us-west-8"})
	assert.Equal(t, []string{"us-west-8", "us-east-9"}, shared.NewRegions, "each once, the deployment's first")
	assert.Equal(t, []string{"us-west-8"}, d.NewRegions, "d is not changed")
	assert.Empty(t, deploymentProblems(shared, []string{"us-east-1", "us-east-9"}, nil))
	assert.Nil(t, Deployment{}.WithNewRegions(nil).NewRegions)
}

func tags(n int) map[string]string {
	m := map[string]string{}
	for i := range n {
		m[strings.Repeat("k", i+1)] = "v"
	}
	return m
}

// Percentages and counts land in their own OperationPreferences fields.
func TestOperationPreferencesAmounts(t *testing.T) {
	p := Deployment{MaxConcurrent: Percent(25), FailureTolerance: Count(2)}.OperationPreferences()
	assert.Equal(t, 25, *p.MaxConcurrentPercentage)
	assert.Nil(t, p.MaxConcurrentCount)
	assert.Equal(t, 2, *p.FailureToleranceCount)
	assert.Nil(t, p.FailureTolerancePercentage)
	assert.Equal(t, "", Deployment{RegionOrder: []string{"a"}}.OperationPreferences().RegionConcurrencyType, "sequential: CloudFormation's default")
	assert.Equal(t, "PARALLEL", Deployment{ParallelRegions: true}.OperationPreferences().RegionConcurrencyType)
	assert.Equal(t, []string{"a"}, Deployment{RegionOrder: []string{"a"}}.OperationPreferences().RegionOrder)
}

// Inlining a template is refused above MaxTemplateBody only when forced; a
// mode that is not one is refused (not taken as automatic); an empty
// template is refused.
func TestCheckMemberTemplate(t *testing.T) {
	doc := map[string]any{"Resources": map[string]any{"Doc": map[string]any{"Type": "AWS::SSM::Document"}}}
	for _, tc := range []struct {
		tmpl map[string]any
		size int
		mode TemplateMode
		want string
	}{
		{doc, MaxTemplateBody, TemplateInline, ""},
		{doc, MaxTemplateBody + 1, TemplateInline, "TemplateMode: \"inline\" inlines a member template of 51201 bytes: TemplateBody holds at most 51200; use TemplateAuto or TemplateAsset"},
		{doc, MaxTemplateBody + 1, TemplateAuto, ""},
		{doc, MaxTemplateBody + 1, TemplateAsset, ""},
		{doc, MaxTemplateURL, TemplateAsset, ""},
		{doc, MaxTemplateURL + 1, TemplateAsset, "Build: makes a member template of 1048577 bytes: CloudFormation reads a template of at most 1048576 bytes from S3; split the documents over two StackSets"},
		{doc, MaxTemplateURL + 1, TemplateAuto, "Build: makes a member template of 1048577 bytes"},
		{doc, 10, "Inline", `TemplateMode: "Inline" is not a template mode: must be inline, asset, or empty for automatic`},
		{doc, 10, "auto", `TemplateMode: "auto" is not a template mode`},
		{map[string]any{}, 2, TemplateAuto, "Build: adds no resources: the member template is empty, which CloudFormation refuses; add the documents the StackSet deploys"},
		{map[string]any{"Resources": map[string]any{}}, 20, TemplateAsset, "Build: adds no resources"},
		{nil, 2, TemplateAuto, ""},
	} {
		c := check.New()
		CheckMemberTemplate(c, tc.tmpl, tc.size, tc.mode)
		if tc.want == "" {
			assert.NoError(t, c.Err(), "%d %q", tc.size, tc.mode)
		} else {
			assert.ErrorContains(t, c.Err(), tc.want, "%d %q", tc.size, tc.mode)
		}
	}
}

func TestPrerequisitesRules(t *testing.T) {
	assert.NoError(t, Prerequisites{DelegatedAdminAccountId: "123456789012"}.WithDefaults().Validate())
	assert.NoError(t, Prerequisites{DelegatedAdminAccountId: "123456789012", SkipTrustedAccess: true, SkipDelegatedAdmin: true}.WithDefaults().Validate())
	err := Prerequisites{
		DelegatedAdminAccountId: "12345",
		TrustedAccess:           []string{ServiceSSM, ServiceSSM},
		DelegatedAdminFor:       []string{"ssm"},
	}.WithDefaults().Validate()
	var got []string
	for _, p := range check.Problems(err) {
		got = append(got, p.Error())
	}
	assert.Equal(t, []string{
		`DelegatedAdminAccountId: "12345" is not valid: must be a 12-digit AWS account id such as 111122223333`,
		`TrustedAccess[1]: "ssm.amazonaws.com" is listed twice (first at TrustedAccess[0]): list each value once`,
		`DelegatedAdminFor[0]: "ssm" is not valid: must be a service principal such as ssm.amazonaws.com`,
	}, got)
	assert.ErrorContains(t, Prerequisites{}.WithDefaults().Validate(), "DelegatedAdminAccountId: is required")
}

// Defaults are applied by WithDefaults only: Validate checks the value it is
// given.
func TestValidateTakesTheDefaultedValue(t *testing.T) {
	d := Deployment{OrganizationalUnits: []string{"ou-a1b2-abcd1234"}, Regions: []string{"us-east-1"}}
	assert.Error(t, d.Validate(), "no StackSet name and no CallAs until the defaults are in")
	assert.NoError(t, d.WithDefaults().Validate())
	p := Prerequisites{DelegatedAdminAccountId: "123456789012", TrustedAccess: []string{"ssm"}}
	assert.Error(t, p.Validate())
	p.SkipTrustedAccess = true
	assert.NoError(t, p.WithDefaults().Validate(), "skipping trusted access drops the list")
}

// The root and an OU under it, both targeted: a note (every OU is under
// the root); the root alone, OUs alone, or tokens: none.
func TestOverlappingTargets(t *testing.T) {
	for ous, want := range map[*[]string]string{
		{"r-abcd", "ou-abcd-11111111"}:           "OrganizationalUnits names the root r-abcd and ou-abcd-11111111, which are under it: the StackSet reaches every account through the root alone; give the root, or the OUs",
		{"r-abcd"}:                               "",
		{"ou-abcd-11111111", "ou-abcd-22222222"}: "",
		{"r-abcd", "${Token[TOKEN.1]}"}:          "",
	} {
		assert.Equal(t, want, Deployment{OrganizationalUnits: *ous}.OverlappingTargets(), *ous)
	}
}
