package quicksetup

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// sample is the AWS sample's example values.
func sample() Enablement {
	return Enablement{
		Target: Target{DelegatedAdminAccountId: "123456789012", HomeRegion: "us-east-1"},
		UnifiedConsole: UnifiedConsole{
			RootOrganizationalUnitId: "r-abcd",
			TargetRegions:            []string{"us-east-1", "us-east-2", "us-west-2"},
		},
		Jitna: Jitna{
			TargetOrganizationalUnits: []string{"ou-a1b2-abcd1234", "ou-a1b2-efgh1234", "ou-a1b2-hijk1234"},
		},
	}
}

func TestSampleIsValidAndRendersTheSampleParameters(t *testing.T) {
	e := sample()
	require.NoError(t, e.WithDefaults().Validate())
	e = e.WithDefaults()
	assert.Equal(t, map[string]string{
		"AgentUpdateSchedule":         "rate(14 days)",
		"EnableDHMCSchedule":          "rate(1 day)",
		"InventoryCollectionSchedule": "rate(24 hours)",
		"DelegatedAccountId":          "123456789012",
		"HomeRegion":                  "us-east-1",
		"TargetOrganizationalUnits":   "r-abcd",
		"TargetRegions":               "us-east-1,us-east-2,us-west-2",
	}, e.UnifiedConsole.Parameters(e.Target))
	assert.Equal(t, map[string]string{
		"DelegatedAccountId":        "123456789012",
		"HomeRegion":                "us-east-1",
		"IdentityProviderSetting":   "IAM",
		"TargetOrganizationalUnits": "ou-a1b2-abcd1234,ou-a1b2-efgh1234,ou-a1b2-hijk1234",
		"TargetRegions":             "us-east-1,us-east-2,us-west-2",
	}, e.Jitna.Parameters(e.Target))
	assert.Equal(t, "ssm-console", e.UnifiedConsole.Name)
	assert.Equal(t, "jitna", e.Jitna.Name)
	assert.Equal(t, DefaultJITNADescription, e.Jitna.Description)
}

func TestJitnaDefaultsToTheWholeOrganizationInTheConsoleRegions(t *testing.T) {
	e := sample()
	e.Jitna = Jitna{}
	e = e.WithDefaults()
	assert.Equal(t, []string{"r-abcd"}, e.Jitna.TargetOrganizationalUnits)
	assert.Equal(t, e.UnifiedConsole.TargetRegions, e.Jitna.TargetRegions)
	assert.Equal(t, IdentityProviderIAM, e.Jitna.IdentityProvider)
	require.NoError(t, e.WithDefaults().Validate())
}

// Extra keys no field covers pass, and are listed; valid overrides pass.
func TestUnknownExtraParametersPass(t *testing.T) {
	e := sample()
	e.UnifiedConsole.ExtraParameters = map[string]string{"NewKnob": "on", "TargetRegions": "us-east-1,us-east-2,us-west-2"}
	e.Jitna.ExtraParameters = map[string]string{"NewKnob": "off", "Another": "x", "IdentityProviderSetting": "SSO"}
	require.NoError(t, e.WithDefaults().Validate())
	assert.Equal(t, []string{"Another", "NewKnob"}, e.UnknownExtraParameters())
	require.NoError(t, ValidateUnifiedConsole(e.Target, e.UnifiedConsole.WithDefaults()))
	e.UnifiedConsole.ExtraParameters["HomeRegion"] = "mars"
	assert.ErrorContains(t, ValidateUnifiedConsole(e.Target, e.UnifiedConsole.WithDefaults()), `UnifiedConsole.ExtraParameters[HomeRegion]: "mars" is not allowed`)
}

func TestExtraParametersWinOverComputedOnes(t *testing.T) {
	e := sample()
	e.Jitna.ExtraParameters = map[string]string{"IdentityProviderSetting": "SSO", "NewKnob": "on"}
	e = e.WithDefaults()
	p := e.Jitna.Parameters(e.Target)
	assert.Equal(t, "SSO", p["IdentityProviderSetting"])
	assert.Equal(t, "on", p["NewKnob"])
}

func TestLocalModeTargetsAccounts(t *testing.T) {
	e := Enablement{
		Target:         Target{Mode: ModeLocal, HomeRegion: "eu-west-1", TargetAccounts: []string{"111122223333", "444455556666"}},
		UnifiedConsole: UnifiedConsole{TargetRegions: []string{"eu-west-1"}},
	}
	require.NoError(t, e.WithDefaults().Validate())
	e = e.WithDefaults()
	p := e.Jitna.Parameters(e.Target)
	assert.Equal(t, "111122223333,444455556666", p["TargetAccounts"])
	assert.NotContains(t, p, "TargetOrganizationalUnits")
	assert.NotContains(t, p, "DelegatedAccountId")
	assert.NotContains(t, e.UnifiedConsole.Parameters(e.Target), "TargetOrganizationalUnits")
}

func TestTokensAreNotChecked(t *testing.T) {
	tok := "${Token[TOKEN.42]}"
	e := Enablement{
		Target:         Target{DelegatedAdminAccountId: tok, HomeRegion: tok},
		UnifiedConsole: UnifiedConsole{RootOrganizationalUnitId: tok, TargetRegions: []string{tok}, AgentUpdateSchedule: Schedule(tok), EnableDHMCSchedule: Schedule(tok), InventoryCollectionSchedule: Schedule(tok)},
		Jitna:          Jitna{TargetOrganizationalUnits: []string{tok}, TargetRegions: []string{"eu-west-1"}, IdentityProvider: IdentityProvider(tok)},
	}
	assert.NoError(t, e.WithDefaults().Validate(), "a token hides the console's regions, so the subset check is skipped too")
}

func TestScheduleConstructors(t *testing.T) {
	assert.Equal(t, Schedule("rate(1 day)"), RateDays(1))
	assert.Equal(t, Schedule("rate(14 days)"), RateDays(14))
	assert.Equal(t, Schedule("rate(24 hours)"), RateHours(24))
	assert.Equal(t, Schedule("rate(30 minutes)"), RateMinutes(30))
	assert.Equal(t, "none", ScheduleNone().String())
}

// TestBadInputs: one row per mistake; the message must name the field and the value.
func TestBadInputs(t *testing.T) {
	long := strings.Repeat("x", 513)
	cases := []struct {
		name   string
		mutate func(*Enablement)
		field  string
		value  string
		says   string
	}{
		{"account id too short", func(e *Enablement) { e.Target.DelegatedAdminAccountId = "12345" }, "Target.DelegatedAdminAccountId", "12345", "12-digit"},
		{"account id with letters", func(e *Enablement) { e.Target.DelegatedAdminAccountId = "12345678901a" }, "Target.DelegatedAdminAccountId", "12345678901a", "12-digit"},
		{"account id missing", func(e *Enablement) { e.Target.DelegatedAdminAccountId = "" }, "Target.DelegatedAdminAccountId", "", "is required"},
		{"home region missing", func(e *Enablement) { e.Target.HomeRegion = "" }, "Target.HomeRegion", "", "is required"},
		{"home region not offered", func(e *Enablement) { e.Target.HomeRegion = "af-south-1" }, "Target.HomeRegion", "af-south-1", "must be one of us-east-1"},
		{"home region typo", func(e *Enablement) { e.Target.HomeRegion = "us-east1" }, "Target.HomeRegion", "us-east1", "must be one of"},
		{"unknown mode", func(e *Enablement) { e.Target.Mode = "global" }, "Target.Mode", "global", "organization, local"},
		{"accounts in organization mode", func(e *Enablement) { e.Target.TargetAccounts = []string{"111122223333"} }, "Target.TargetAccounts", "111122223333", "only for local mode"},
		{"bad supported home region", func(e *Enablement) { e.Target.SupportedHomeRegions = []string{"mars-1"} }, "Target.SupportedHomeRegions[0]", "mars-1", "is not an AWS Region"},
		{"root id missing", func(e *Enablement) { e.UnifiedConsole.RootOrganizationalUnitId = "" }, "UnifiedConsole.RootOrganizationalUnitId", "", "is required"},
		{"root id is an OU", func(e *Enablement) { e.UnifiedConsole.RootOrganizationalUnitId = "ou-a1b2-abcd1234" }, "UnifiedConsole.RootOrganizationalUnitId", "ou-a1b2-abcd1234", "root id"},
		{"root id upper case", func(e *Enablement) { e.UnifiedConsole.RootOrganizationalUnitId = "r-ABCD" }, "UnifiedConsole.RootOrganizationalUnitId", "r-ABCD", "lowercase"},
		{"console regions empty", func(e *Enablement) { e.UnifiedConsole.TargetRegions = nil }, "UnifiedConsole.TargetRegions", "", "at least one"},
		{"console region malformed", func(e *Enablement) { e.UnifiedConsole.TargetRegions = []string{"us-east-1", "US-WEST-2"} }, "UnifiedConsole.TargetRegions[1]", "US-WEST-2", "is not an AWS Region"},
		{"console region twice", func(e *Enablement) { e.UnifiedConsole.TargetRegions = []string{"us-east-1", "us-east-1"} }, "UnifiedConsole.TargetRegions[1]", "us-east-1", "listed twice"},
		{"agent schedule in hours", func(e *Enablement) { e.UnifiedConsole.AgentUpdateSchedule = RateHours(12) }, "UnifiedConsole.AgentUpdateSchedule", "rate(12 hours)", "1 to 31"},
		{"agent schedule 32 days", func(e *Enablement) { e.UnifiedConsole.AgentUpdateSchedule = RateDays(32) }, "UnifiedConsole.AgentUpdateSchedule", "rate(32 days)", "1 to 31"},
		{"DHMC schedule zero", func(e *Enablement) { e.UnifiedConsole.EnableDHMCSchedule = RateDays(0) }, "UnifiedConsole.EnableDHMCSchedule", "rate(0 days)", "1 to 31"},
		{"DHMC schedule cron", func(e *Enablement) { e.UnifiedConsole.EnableDHMCSchedule = "cron(0 2 * * ? *)" }, "UnifiedConsole.EnableDHMCSchedule", "cron(0 2 * * ? *)", "ScheduleNone"},
		{"inventory too frequent", func(e *Enablement) { e.UnifiedConsole.InventoryCollectionSchedule = RateMinutes(5) }, "UnifiedConsole.InventoryCollectionSchedule", "rate(5 minutes)", "30 minutes"},
		{"inventory in weeks", func(e *Enablement) { e.UnifiedConsole.InventoryCollectionSchedule = "rate(1 week)" }, "UnifiedConsole.InventoryCollectionSchedule", "rate(1 week)", "minutes|hours|days"},
		{"console name with dots", func(e *Enablement) { e.UnifiedConsole.Name = "ssm.console" }, "UnifiedConsole.Name", "ssm.console", "1 to 50"},
		{"console name too long", func(e *Enablement) { e.UnifiedConsole.Name = strings.Repeat("a", 51) }, "UnifiedConsole.Name", strings.Repeat("a", 51), "1 to 50"},
		{"console description too long", func(e *Enablement) { e.UnifiedConsole.Description = long }, "UnifiedConsole.Description", "xxxxxxxxxx", "513 characters long"},
		{"console tag key reserved", func(e *Enablement) { e.UnifiedConsole.Tags = map[string]string{"aws:team": "x"} }, "UnifiedConsole.Tags[aws:team]", "aws:team", "reserved"},
		{"console tag value too long", func(e *Enablement) { e.UnifiedConsole.Tags = map[string]string{"team": strings.Repeat("v", 257)} }, "UnifiedConsole.Tags[team]", "vvvvvvvv", "must be 0 to 256"},
		{"jitna OU malformed", func(e *Enablement) { e.Jitna.TargetOrganizationalUnits = []string{"ou-a1b2"} }, "Jitna.TargetOrganizationalUnits[0]", "ou-a1b2", "organizational unit id"},
		{"jitna OU twice", func(e *Enablement) {
			e.Jitna.TargetOrganizationalUnits = []string{"ou-a1b2-abcd1234", "ou-a1b2-abcd1234"}
		}, "Jitna.TargetOrganizationalUnits[1]", "ou-a1b2-abcd1234", "listed twice"},
		{"jitna region outside console", func(e *Enablement) { e.Jitna.TargetRegions = []string{"eu-west-1"} }, "Jitna.TargetRegions[0]", "eu-west-1", "unified console's target Regions"},
		{"jitna region malformed", func(e *Enablement) { e.Jitna.TargetRegions = []string{"useast1"} }, "Jitna.TargetRegions[0]", "useast1", "is not an AWS Region"},
		{"identity provider", func(e *Enablement) { e.Jitna.IdentityProvider = "OIDC" }, "Jitna.IdentityProvider", "OIDC", "IAM, SSO"},
		{"jitna name with an emoji", func(e *Enablement) { e.Jitna.Name = "jitna🙂" }, "Jitna.Name", "jitna🙂", "letters, digits"},
		{"extra parameter too long", func(e *Enablement) {
			e.Jitna.ExtraParameters = map[string]string{"Big": strings.Repeat("p", MaxParameterValueLength+1)}
		}, "Jitna.ExtraParameters[Big]", "pppp", "40960"},
		{"extra parameter unnamed", func(e *Enablement) { e.Jitna.ExtraParameters = map[string]string{" ": "x"} }, "Jitna.ExtraParameters", " ", "empty parameter name"},
		{"local mode without accounts", func(e *Enablement) {
			e.Target = Target{Mode: ModeLocal, HomeRegion: "us-east-1"}
			e.UnifiedConsole.RootOrganizationalUnitId = ""
			e.Jitna.TargetOrganizationalUnits = nil
		}, "Target.TargetAccounts", "", "at least one"},
		{"local mode with a bad account", func(e *Enablement) {
			e.Target = Target{Mode: ModeLocal, HomeRegion: "us-east-1", TargetAccounts: []string{"1111"}}
			e.UnifiedConsole.RootOrganizationalUnitId = ""
			e.Jitna.TargetOrganizationalUnits = nil
		}, "Target.TargetAccounts[0]", "1111", "12-digit"},
		{"local mode with OUs", func(e *Enablement) {
			e.Target = Target{Mode: ModeLocal, HomeRegion: "us-east-1", TargetAccounts: []string{"111122223333"}}
			e.UnifiedConsole.RootOrganizationalUnitId = ""
		}, "Jitna.TargetOrganizationalUnits", "ou-a1b2-abcd1234", "only for organization mode"},
		{"local mode with Identity Center", func(e *Enablement) {
			e.Target = Target{Mode: ModeLocal, HomeRegion: "us-east-1", TargetAccounts: []string{"111122223333"}}
			e.UnifiedConsole.RootOrganizationalUnitId = ""
			e.Jitna.TargetOrganizationalUnits = nil
			e.Jitna.IdentityProvider = IdentityProviderSSO
		}, "Jitna.IdentityProvider", "SSO", "is not supported in local mode"},
		{"local mode with a root id", func(e *Enablement) {
			e.Target = Target{Mode: ModeLocal, HomeRegion: "us-east-1", TargetAccounts: []string{"111122223333"}}
			e.Jitna.TargetOrganizationalUnits = nil
		}, "UnifiedConsole.RootOrganizationalUnitId", "r-abcd", "only for organization mode"},
	}
	extra := func(m *map[string]string, k, v string) { *m = map[string]string{k: v} }
	cases = append(cases, []struct {
		name   string
		mutate func(*Enablement)
		field  string
		value  string
		says   string
	}{
		// A second root: an organization has one.
		{"JITNA root other than the console's", func(e *Enablement) { e.Jitna.TargetOrganizationalUnits = []string{"r-wxyz"} }, "Jitna.TargetOrganizationalUnits[0]", "r-wxyz", "is a root other than the unified console's RootOrganizationalUnitId (r-abcd): an organization has one root"},
		// ExtraParameters that override a parameter are held to its rule.
		{"extra console Regions", func(e *Enablement) { extra(&e.UnifiedConsole.ExtraParameters, "TargetRegions", "us-east-1,US-EAST-2") }, "UnifiedConsole.ExtraParameters[TargetRegions][1]", "US-EAST-2", "is not an AWS Region"},
		{"extra delegated account", func(e *Enablement) { extra(&e.UnifiedConsole.ExtraParameters, "DelegatedAccountId", "12") }, "UnifiedConsole.ExtraParameters[DelegatedAccountId]", "12", "12-digit"},
		{"extra identity provider", func(e *Enablement) { extra(&e.Jitna.ExtraParameters, "IdentityProviderSetting", "OKTA") }, "Jitna.ExtraParameters[IdentityProviderSetting]", "OKTA", "must be one of IAM, SSO"},
		{"extra JITNA Regions outside the console's", func(e *Enablement) { extra(&e.Jitna.ExtraParameters, "TargetRegions", "us-east-1,eu-west-1") }, "Jitna.ExtraParameters[TargetRegions][1]", "eu-west-1", "is not one of the unified console's target Regions"},
		{"extra console Regions leave JITNA's outside", func(e *Enablement) { extra(&e.UnifiedConsole.ExtraParameters, "TargetRegions", "us-east-1") }, "Jitna.TargetRegions[1]", "us-east-2", "is not one of the unified console's target Regions"},
		{"extra JITNA root", func(e *Enablement) { extra(&e.Jitna.ExtraParameters, "TargetOrganizationalUnits", "r-wxyz") }, "Jitna.ExtraParameters[TargetOrganizationalUnits][0]", "r-wxyz", "is a root other than"},
		// Regions are checked against the list, not a pattern.
		{"console Region misspelt", func(e *Enablement) { e.UnifiedConsole.TargetRegions = []string{"us-east-1", "us-est-2"} }, "UnifiedConsole.TargetRegions[1]", "us-est-2", "is not an AWS Region (did you mean us-east-2?)"},
		{"JITNA Region misspelt", func(e *Enablement) { e.Jitna.TargetRegions = []string{"eu-wset-1"} }, "Jitna.TargetRegions[0]", "eu-wset-1", "did you mean eu-west-1?"},
		{"Region that does not exist", func(e *Enablement) { e.UnifiedConsole.TargetRegions = []string{"us-east-1", "us-east-9"} }, "UnifiedConsole.TargetRegions[1]", "us-east-9", "or a Region opened since, declared in NewRegions"},
		{"Regions of two partitions", func(e *Enablement) { e.UnifiedConsole.TargetRegions = []string{"us-east-1", "cn-north-1"} }, "UnifiedConsole.TargetRegions[1]", "cn-north-1", "is in partition aws-cn, but TargetRegions[0] (us-east-1) is in aws"},
		{"new Region of no partition", func(e *Enablement) { e.Target.NewRegions = []string{"mars-north-1"} }, "Target.NewRegions[0]", "mars-north-1", "not a Region name of any AWS partition"},
		{"new Region not declared", func(e *Enablement) {
			e.Target.NewRegions = []string{"us-east-7"}
			e.UnifiedConsole.TargetRegions = []string{"us-east-1", "us-east-8"}
		}, "UnifiedConsole.TargetRegions[1]", "us-east-8", "is not an AWS Region"},
		{"extra schedule", func(e *Enablement) { extra(&e.UnifiedConsole.ExtraParameters, "AgentUpdateSchedule", "rate(2 hours)") }, "UnifiedConsole.ExtraParameters[AgentUpdateSchedule]", "rate(2 hours)", "1 to 31"},
	}...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := sample()
			tc.mutate(&e)
			err := e.WithDefaults().Validate()
			require.Error(t, err)
			var found bool
			for _, p := range check.Problems(err) {
				if p.Field == tc.field && strings.Contains(p.Value, tc.value) {
					found = true
					assert.Contains(t, p.Error(), tc.says)
					assert.NotContains(t, p.Error(), "\n", "one line per problem")
				}
			}
			assert.True(t, found, "no problem names field %s with value %q; got:\n%v", tc.field, tc.value, err)
		})
	}
}

// Values at each limit are accepted: the rows of TestBadInputs just past
// them are not.
func TestLimitsAreInclusive(t *testing.T) {
	tags := func(n int) map[string]string {
		m := map[string]string{}
		for i := range n {
			m[fmt.Sprintf("k%02d", i)] = "v"
		}
		return m
	}
	for name, mutate := range map[string]func(*Enablement){
		"50 tags": func(e *Enablement) { e.UnifiedConsole.Tags = tags(MaxTags) },
		"tag key of 128, value 256": func(e *Enablement) {
			e.Jitna.Tags = map[string]string{strings.Repeat("k", 128): strings.Repeat("v", 256)}
		},
		"name of 50":             func(e *Enablement) { e.UnifiedConsole.Name = strings.Repeat("a", 50) },
		"description of 512":     func(e *Enablement) { e.Jitna.Description = strings.Repeat("d", 512) },
		"agent schedule 1 day":   func(e *Enablement) { e.UnifiedConsole.AgentUpdateSchedule = RateDays(1) },
		"agent schedule 31 days": func(e *Enablement) { e.UnifiedConsole.AgentUpdateSchedule = RateDays(31) },
		"inventory every 30 min": func(e *Enablement) { e.UnifiedConsole.InventoryCollectionSchedule = RateMinutes(30) },
		"extra parameter at limit": func(e *Enablement) {
			e.Jitna.ExtraParameters = map[string]string{"Big": strings.Repeat("p", MaxParameterValueLength)}
		},
		"organization mode with Identity Center": func(e *Enablement) { e.Jitna.IdentityProvider = IdentityProviderSSO },
		"local mode with IAM": func(e *Enablement) {
			e.Target = Target{Mode: ModeLocal, HomeRegion: "us-east-1", TargetAccounts: []string{"111122223333"}}
			e.UnifiedConsole.RootOrganizationalUnitId = ""
			e.Jitna.TargetOrganizationalUnits = nil
			e.Jitna.IdentityProvider = IdentityProviderIAM
		},
		"local mode with its own account as administrator": func(e *Enablement) {
			e.Target = Target{Mode: ModeLocal, HomeRegion: "us-east-1", DelegatedAdminAccountId: "111122223333", TargetAccounts: []string{"111122223333"}}
			e.UnifiedConsole.RootOrganizationalUnitId = ""
			e.Jitna.TargetOrganizationalUnits = nil
		},
	} {
		e := sample()
		mutate(&e)
		assert.NoError(t, e.WithDefaults().Validate(), name)
	}
}

// Values just past each limit, with the whole message.
func TestJustPastTheLimits(t *testing.T) {
	tags := map[string]string{}
	for i := range MaxTags + 1 {
		tags[fmt.Sprintf("k%02d", i)] = "v"
	}
	for name, tc := range map[string]struct {
		mutate func(*Enablement)
		want   string
	}{
		"51 tags": {func(e *Enablement) { e.UnifiedConsole.Tags = tags }, "UnifiedConsole.Tags: has 51 tags: at most 50 are allowed"},
		"tag key of 129": {func(e *Enablement) { e.Jitna.Tags = map[string]string{strings.Repeat("k", 129): "v"} },
			"Jitna.Tags[" + strings.Repeat("k", 129) + "]: \"" + strings.Repeat("k", 60) + "… (129 characters)\" is 129 characters long: must be 1 to 128"},
		"inventory every 29 min": {func(e *Enablement) { e.UnifiedConsole.InventoryCollectionSchedule = RateMinutes(29) },
			"UnifiedConsole.InventoryCollectionSchedule: \"rate(29 minutes)\" is too frequent: State Manager runs associations at most every 30 minutes"},
		"local mode with a bad administrator": {func(e *Enablement) {
			e.Target = Target{Mode: ModeLocal, HomeRegion: "us-east-1", DelegatedAdminAccountId: "11112222333", TargetAccounts: []string{"111122223333"}}
			e.UnifiedConsole.RootOrganizationalUnitId = ""
			e.Jitna.TargetOrganizationalUnits = nil
		}, "Target.DelegatedAdminAccountId: \"11112222333\" is not valid: must be a 12-digit AWS account id"},
	} {
		e := sample()
		tc.mutate(&e)
		err := e.WithDefaults().Validate()
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), tc.want, name)
	}
}

func TestAllProblemsAreReportedAtOnce(t *testing.T) {
	e := sample()
	e.Target.DelegatedAdminAccountId = "1"
	e.Target.HomeRegion = "xx"
	e.UnifiedConsole.RootOrganizationalUnitId = "root"
	e.Jitna.IdentityProvider = "LDAP"
	assert.Len(t, check.Problems(e.WithDefaults().Validate()), 4)
}

func TestUnifiedConsoleAlone(t *testing.T) {
	err := ValidateUnifiedConsole(Target{DelegatedAdminAccountId: "123456789012", HomeRegion: "us-east-1"},
		UnifiedConsole{RootOrganizationalUnitId: "r-abcd"}.WithDefaults())
	require.Error(t, err)
	assert.Equal(t, "UnifiedConsole.TargetRegions: is empty: list at least one AWS Region", err.Error())
}

// Defaults are applied by WithDefaults only: Validate checks the value it is
// given (a console without its name and schedules is not the one deployed).
func TestValidateTakesTheDefaultedValue(t *testing.T) {
	e := sample()
	assert.Error(t, e.Validate())
	assert.NoError(t, e.WithDefaults().Validate())
}

func TestSupportedHomeRegionsOverride(t *testing.T) {
	e := sample()
	e.Target.HomeRegion = "ap-southeast-7"
	e.Target.SupportedHomeRegions = []string{"ap-southeast-7"}
	e.UnifiedConsole.TargetRegions = []string{"ap-southeast-7"}
	e.Jitna.TargetRegions = nil
	assert.NoError(t, e.WithDefaults().Validate())
}

// A console with no Regions is one problem, not one more per JITNA Region.
func TestNoCascadeFromAnEmptyConsole(t *testing.T) {
	e := sample()
	e.UnifiedConsole.TargetRegions = nil
	e.Jitna.TargetRegions = []string{"us-east-1", "eu-west-1"}
	var got []string
	for _, p := range check.Problems(e.WithDefaults().Validate()) {
		got = append(got, p.Field)
	}
	assert.Equal(t, []string{"UnifiedConsole.TargetRegions"}, got)
}

// An account given again must be the one given first; what is unknown
// (empty, a token) passes.
func TestCheckSameAccount(t *testing.T) {
	for _, tc := range []struct{ given, want string }{
		{"", "123456789012"}, {"123456789012", ""}, {"123456789012", "123456789012"},
		{"${Token[AWS.AccountId.1]}", "123456789012"}, {"123456789012", "${Token[AWS.AccountId.1]}"},
	} {
		c := check.New()
		CheckSameAccount(c, "Account", tc.given, tc.want, "the target")
		assert.NoError(t, c.Err(), "%+v", tc)
	}
	c := check.New()
	CheckSameAccount(c, "Account", "999999999999", "123456789012", "the target")
	assert.EqualError(t, c.Err(), `Account: "999999999999" differs from the target (123456789012): give one of them`)
}

func TestNewRegionsAreAcceptedEverywhereInTheEnablement(t *testing.T) {
	e := sample()
	e.Target.NewRegions = []string{"us-east-7"}
	e.UnifiedConsole.TargetRegions = []string{"us-east-1", "us-east-7"}
	e.Jitna.TargetRegions = []string{"us-east-7"}
	require.NoError(t, e.WithDefaults().Validate())

	// The same Regions, read back from the template the managers write.
	en := e.WithDefaults()
	console := &Definition{Name: en.UnifiedConsole.Name, Parameters: en.UnifiedConsole.Parameters(en.Target)}
	jitna := &Definition{Name: en.Jitna.Name, Parameters: en.Jitna.Parameters(en.Target)}
	ce, je := ValidateDefinitions(console, jitna, []string{"us-east-7"})
	require.NoError(t, ce)
	require.NoError(t, je)
	ce, je = ValidateDefinitions(console, jitna, nil)
	assert.ErrorContains(t, ce, `Parameters.TargetRegions[1]: "us-east-7" is not an AWS Region`)
	assert.ErrorContains(t, je, `Parameters.TargetRegions[0]: "us-east-7" is not an AWS Region`)
}

func TestJitnaRegionsCopiedFromTheConsoleAreReportedOnce(t *testing.T) {
	e := sample()
	e.UnifiedConsole.TargetRegions = []string{"us-east-1", "us-est-2"}
	e.Jitna.TargetRegions = nil
	problems := check.Problems(e.WithDefaults().Validate())
	require.Len(t, problems, 1, "%v", problems)
	assert.Equal(t, "UnifiedConsole.TargetRegions[1]", problems[0].Field)
}

// Tag keys and values take letters, digits and spaces of any script and
// _ . : / = + - @; a newline, a tab or an invisible character is refused.
func TestTagCharacters(t *testing.T) {
	for tags, want := range map[*map[string]string]string{
		{"Team": "Platform Ops", "Kostenstelle": "Zürich-1", "a_.:/=+-@": "日本 ١٢"}: "",
		{"Team": "ops\n"}:             `T[Team]: "ops\n" holds U+000A, which AWS tags do not take`,
		{"Team": "ops\u200b"}:         `T[Team]: "ops\u200b" holds U+200B, which AWS tags do not take`,
		{"Te\tam": "ops"}:             `T[Te	am]: "Te\tam" holds U+0009, which AWS tags do not take`,
		{"Team": "ops!"}:              `T[Team]: "ops!" holds U+0021, which AWS tags do not take`,
		{"Team": "${Token[TOKEN.1]}"}: "",
	} {
		c := check.New()
		CheckTags(c, "T", *tags)
		if want == "" {
			assert.NoError(t, c.Err(), *tags)
			continue
		}
		assert.ErrorContains(t, c.Err(), want)
	}
}
