package quicksetup

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

func sampleDefinitions() (console, jitna *Definition) {
	e := Enablement{
		Target:         Target{DelegatedAdminAccountId: "123456789012", HomeRegion: "us-east-1"},
		UnifiedConsole: UnifiedConsole{RootOrganizationalUnitId: "r-abcd", TargetRegions: []string{"us-east-1", "us-east-2"}},
		Jitna:          Jitna{TargetOrganizationalUnits: []string{"ou-a1b2-abcd1234"}},
	}.WithDefaults()
	return &Definition{Name: e.UnifiedConsole.Name, Parameters: e.UnifiedConsole.Parameters(e.Target)},
		&Definition{Name: e.Jitna.Name, Parameters: e.Jitna.Parameters(e.Target)}
}

// What the models render, read back as definitions, passes the same checks.
func TestRenderedDefinitionsPass(t *testing.T) {
	console, jitna := sampleDefinitions()
	ce, je := ValidateDefinitions(console, jitna, nil)
	assert.NoError(t, ce)
	assert.NoError(t, je)
	ce, je = ValidateDefinitions(nil, jitna, nil)
	assert.NoError(t, ce)
	assert.NoError(t, je, "without a console the Regions are not compared")
	ce, je = ValidateDefinitions(nil, nil, nil)
	assert.NoError(t, ce)
	assert.NoError(t, je)
}

func TestDefinitionProblemsNameTheParameters(t *testing.T) {
	console, jitna := sampleDefinitions()
	console.Parameters["InventoryCollectionSchedule"] = "rate(10 minutes)"
	jitna.Parameters["TargetRegions"] = "us-east-1,us-west-2"
	jitna.Parameters["TargetAccounts"] = "123456789012"
	ce, je := ValidateDefinitions(console, jitna, nil)
	var fields []string
	for _, p := range append(check.Problems(ce), check.Problems(je)...) {
		fields = append(fields, p.Field+"="+p.Value)
	}
	// Each definition is read with its own target: TargetAccounts makes the
	// JITNA one local, not the console.
	assert.Equal(t, []string{
		"Parameters.InventoryCollectionSchedule=rate(10 minutes)",
		"Parameters.TargetOrganizationalUnits=ou-a1b2-abcd1234",
		"Parameters.TargetRegions[1]=us-west-2",
	}, fields, "TargetAccounts makes the target local, where OUs are not allowed")
}

// The target (account, home Region) is checked once: with the console's
// problems when there is a console, with the JITNA manager's when it is
// alone.
func TestTargetProblemsAreReportedOnce(t *testing.T) {
	fields := func(err error) []string {
		var out []string
		for _, p := range check.Problems(err) {
			out = append(out, p.Field+"="+p.Value)
		}
		return out
	}
	console, jitna := sampleDefinitions()
	console.Parameters["DelegatedAccountId"] = "42"
	jitna.Parameters["DelegatedAccountId"] = "42"
	ce, je := ValidateDefinitions(console, jitna, nil)
	assert.Equal(t, []string{"Parameters.DelegatedAccountId=42"}, fields(ce))
	assert.Empty(t, fields(je))

	_, je = ValidateDefinitions(nil, jitna, nil)
	assert.Equal(t, []string{"Parameters.DelegatedAccountId=42"}, fields(je))
}

// A parameter no model field covers is checked as an extra parameter and
// named as the Quick Setup parameter it is.
func TestUnknownParameterProblemsNameTheParameter(t *testing.T) {
	console, jitna := sampleDefinitions()
	console.Parameters["FutureSetting"] = strings.Repeat("x", MaxParameterValueLength+1)
	ce, je := ValidateDefinitions(console, jitna, nil)
	require.Len(t, check.Problems(ce), 1)
	assert.Equal(t, "Parameters[FutureSetting]", check.Problems(ce)[0].Field)
	assert.NoError(t, je)
}
