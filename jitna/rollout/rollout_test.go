package rollout

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOperationPreferences(t *testing.T) {
	assert.Nil(t, Deployment{}.OperationPreferences())
	p := Deployment{ParallelRegions: true, MaxConcurrent: Count(3), FailureTolerance: Percent(10), RegionOrder: []string{"a"}}.OperationPreferences()
	require.NotNil(t, p)
	assert.Equal(t, "PARALLEL", p.RegionConcurrencyType)
	assert.Equal(t, 3, *p.MaxConcurrentCount)
	assert.Nil(t, p.MaxConcurrentPercentage)
	assert.Equal(t, 10, *p.FailureTolerancePercentage)
}

func TestDeploymentDefaultsAndTargets(t *testing.T) {
	d := Deployment{Accounts: []string{"111122223333"}}.WithDefaults()
	assert.Equal(t, DefaultStackSetName, d.StackSetName)
	assert.Equal(t, CallAsDelegatedAdmin, d.CallAs)
	assert.Equal(t, FilterIntersection, d.AccountFilter)

	assert.NoError(t, Deployment{OrganizationalUnits: []string{"ou-a1b2-abcd1234"}, Regions: []string{"us-east-1"}}.WithinJitna([]string{"us-east-1"}, []string{"r-abcd"}),
		"the root admits every OU")
}

func TestRequiredCapabilities(t *testing.T) {
	assert.Nil(t, RequiredCapabilities(map[string]any{"Resources": map[string]any{"D": map[string]any{"Type": "AWS::SSM::Document"}}}))
	assert.Equal(t, []string{"CAPABILITY_IAM"}, RequiredCapabilities(map[string]any{"Resources": map[string]any{"R": map[string]any{"Type": "AWS::IAM::Role"}}}))
	assert.Equal(t, []string{"CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"}, RequiredCapabilities(map[string]any{
		"Transform": "AWS::Serverless-2016-10-31",
		"Resources": map[string]any{"R": map[string]any{"Type": "AWS::IAM::Role", "Properties": map[string]any{"RoleName": "x"}}},
	}))
}

func TestInline(t *testing.T) {
	assert.True(t, Inline(MaxTemplateBody, TemplateAuto))
	assert.False(t, Inline(MaxTemplateBody+1, TemplateAuto))
	assert.True(t, Inline(MaxTemplateBody+1, TemplateInline))
	assert.False(t, Inline(10, TemplateAsset))
}

func TestPrerequisiteSteps(t *testing.T) {
	steps := Prerequisites{DelegatedAdminAccountId: "123456789012", TrustedAccess: []string{ServiceSSM, ServiceSSM}, DelegatedAdminFor: []string{ServiceSSM}}.WithDefaults().Steps()
	var ids []string
	for _, s := range steps {
		ids = append(ids, s.ID)
	}
	assert.Equal(t, []string{"TrustedAccess-ssm", "DelegatedAdmin-ssm", "RAMSharing"}, ids)
	assert.Equal(t, []string{"TrustedAccess-ssm"}, steps[1].After)
	assert.Equal(t, map[string]string{"Step": "TrustedAccess", "ServicePrincipal": ServiceSSM}, steps[0].Properties)
	assert.Equal(t, map[string]string{"Step": "DelegatedAdmin", "ServicePrincipal": ServiceSSM, "AccountId": "123456789012", "DeregisterOnDelete": "false"},
		steps[1].Properties, "registrations stay by default")
	assert.Equal(t, map[string]string{"Step": "RAMSharing"}, steps[2].Properties)
	deregister := Prerequisites{DelegatedAdminAccountId: "123456789012", DeregisterOnDelete: true}.WithDefaults().Steps()
	assert.Equal(t, "true", deregister[4].Properties["DeregisterOnDelete"])
	// Every grant but the RAM call's own and DescribeOrganization is
	// limited by a condition.
	for _, st := range steps {
		for _, g := range st.Grants {
			if g.ConditionKey == "" {
				assert.Equal(t, []string{"ram:EnableSharingWithAwsOrganization", "organizations:DescribeOrganization"}, g.Actions)
			} else {
				assert.NotEmpty(t, g.Values, "%s: %v", st.ID, g.Actions)
			}
		}
	}
	assert.Equal(t, Grant{Actions: []string{"iam:CreateServiceLinkedRole"}, ConditionKey: "iam:AWSServiceName", Values: []string{ServiceRAM}}, steps[2].Grants[2])
	assert.Equal(t, []string{ServiceSSM}, steps[1].Grants[0].Values)
}

// The StackSet's values: defaults in, the account filter only with accounts,
// capabilities from the template unless given, parameters sorted.
func TestStackSetValues(t *testing.T) {
	iam := map[string]any{"Resources": map[string]any{"R": map[string]any{"Type": "AWS::IAM::Role"}}}
	d := Deployment{
		OrganizationalUnits: []string{"ou-a1b2-abcd1234"}, Regions: []string{"us-east-1"},
		DisableAutoDeployment: true, Parameters: map[string]string{"b": "2", "a": "1"}, MaxConcurrent: Percent(25),
	}.WithDefaults()
	s := d.StackSet(iam)
	assert.Equal(t, StackSet{
		Name: DefaultStackSetName, CallAs: CallAsDelegatedAdmin, AutoDeployment: false,
		OrganizationalUnits: []string{"ou-a1b2-abcd1234"}, Regions: []string{"us-east-1"},
		Capabilities: []string{"CAPABILITY_IAM"},
		Parameters:   []Parameter{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}},
		Operation:    &OperationPreferences{MaxConcurrentPercentage: intPtr(25)},
	}, s)

	d.Accounts, d.AccountFilter, d.Capabilities = []string{"111122223333"}, FilterUnion, []string{"CAPABILITY_AUTO_EXPAND"}
	s = d.StackSet(nil)
	assert.Equal(t, []string{"111122223333"}, s.Accounts)
	assert.Equal(t, FilterUnion, s.AccountFilter)
	assert.Equal(t, []string{"CAPABILITY_AUTO_EXPAND"}, s.Capabilities)
	assert.True(t, Deployment{}.WithDefaults().StackSet(nil).AutoDeployment)
	assert.Empty(t, Deployment{AccountFilter: FilterUnion}.StackSet(nil).AccountFilter, "no filter without accounts")
}

func intPtr(n int) *int { return &n }

// The strict concurrency mode, CloudFormation's default, caps MaxConcurrent
// at FailureTolerance + 1 accounts: said, unless the soft mode is set.
func TestConcurrencyMode(t *testing.T) {
	base := Deployment{OrganizationalUnits: []string{"ou-a1b2-abcd1234"}, Regions: []string{"us-east-1"}}
	for _, tc := range []struct {
		max, tolerance Amount
		mode           ConcurrencyMode
		capped         bool
	}{
		{Percent(20), Count(1), "", true},               // secure.yaml before: 2 accounts at a time
		{Percent(20), Count(1), ConcurrencySoft, false}, // as it says
		{Percent(20), Count(1), ConcurrencyStrict, true},
		{Count(3), Count(1), "", true}, // above tolerance + 1
		{Count(2), Count(1), "", false},
		{Count(1), "", "", false}, // at tolerance (0) + 1
		{Count(2), "", "", true},  // above it
		{Count(5), Percent(10), "", false},
		{"", Count(1), "", false},
	} {
		d := base
		d.MaxConcurrent, d.FailureTolerance, d.ConcurrencyMode = tc.max, tc.tolerance, tc.mode
		got := d.CappedConcurrency()
		assert.Equal(t, tc.capped, got != "", "%+v: %s", tc, got)
		require.NoError(t, d.WithDefaults().Validate())
	}
	d := base
	d.MaxConcurrent, d.FailureTolerance = Percent(20), Count(1)
	assert.Equal(t, `MaxConcurrent 20% is capped at 2 accounts at a time: in the strict concurrency mode (CloudFormation's default) a StackSet runs at most FailureTolerance + 1; set ConcurrencyMode SOFT_FAILURE_TOLERANCE for 20% at a time`, d.CappedConcurrency())
	d.ConcurrencyMode = ConcurrencySoft
	assert.Equal(t, "SOFT_FAILURE_TOLERANCE", d.OperationPreferences().ConcurrencyMode)
	d.ConcurrencyMode = "soft"
	assert.ErrorContains(t, d.WithDefaults().Validate(), `ConcurrencyMode: "soft"`)
	assert.Nil(t, base.OperationPreferences(), "nothing set: CloudFormation's defaults")
	base.ConcurrencyMode = ConcurrencyStrict
	assert.Equal(t, &OperationPreferences{ConcurrencyMode: "STRICT_FAILURE_TOLERANCE"}, base.OperationPreferences())
}
