package config

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

// minimal is the smallest valid config; each bad config below changes it.
const minimal = `enablement:
  target:
    delegatedAdminAccountId: "123456789012"
    homeRegion: us-east-1
  unifiedConsole:
    rootOrganizationalUnitId: r-abcd
    targetRegions: [us-east-1, us-east-2]
member:
  stackSet:
    organizationalUnits: [r-abcd]
    regions: [us-east-1]
  autoApproval:
    cedar: |
      permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
      when { resource.hasTag("ENV") && resource.getTag("ENV") == "DEV" };
  manualApprovals:
    - name: Finance
      accessDuration: 8h
      targets: [{key: Workload, values: [Finance]}]
      approvalLevels:
        - approvers: [{type: IamRole, id: FinanceLead}]
`

func files(configs map[string]string) fstest.MapFS {
	fs := fstest.MapFS{}
	for name, text := range configs {
		fs[name] = &fstest.MapFile{Data: []byte(text)}
	}
	for _, f := range []string{"deny-access.cedar", "bad.cedar"} {
		data, _ := os.ReadFile("testdata/" + f)
		fs[f] = &fstest.MapFile{Data: data}
	}
	return fs
}

func TestTheCompleteExample(t *testing.T) {
	cfg, err := Load(os.DirFS("../configapp"), "jitna.yaml")
	require.NoError(t, err)
	assert.Equal(t, "123456789012", cfg.Enablement.Target.DelegatedAdminAccountId)
	assert.Equal(t, "111111111111", cfg.Management.Account)
	assert.Equal(t, []string{"ou-a1b2-abcd1234", "ou-a1b2-efgh1234", "ou-a1b2-hijk1234"}, cfg.Enablement.Jitna.TargetOrganizationalUnits)
	assert.Equal(t, rollout.Percent(25), cfg.Member.StackSet.MaxConcurrent)
	require.Len(t, cfg.Member.ManualApprovals, 2)
	m := cfg.Member.ManualApprovals[0]
	assert.Equal(t, 24*time.Hour, m.AccessDuration)
	assert.Equal(t, []policy.Approver{policy.SSOGroupApprover("ec4df598-7071-70a6-0de4-12345example")}, m.ApprovalLevels[0].Approvers)
	assert.Equal(t, 20*time.Minute, cfg.Member.SessionPreferences.Settings.IdleSessionTimeout)
	assert.Contains(t, cfg.DenyAccess.Cedar, `principal.employeeNumber like "TEMP-*"`, "the .cedar file next to the config is read")
	assert.Empty(t, cfg.DenyAccess.CedarFile, "and inlined: the props read no file")
	assert.Equal(t, "optional field", cfg.Member.AutoApproval.Documents[0].ID)
}

// Whole numbers and booleans are read from plain YAML values.
func TestNumbersAndBools(t *testing.T) {
	text := strings.Replace(minimal, "approvers: [{type: IamRole, id: FinanceLead}]",
		"approvers: [{type: IamRole, id: FinanceLead}, {type: IamRole, id: Deputy}]\n          minRequiredApprovals: 2", 1)
	text = strings.Replace(text, "  manualApprovals:", "  sessionPreferences: {settings: {runAsEnabled: false}}\n  manualApprovals:", 1)
	cfg, err := Parse(files(nil), "jitna.yaml", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, 2, cfg.Member.ManualApprovals[0].ApprovalLevels[0].MinRequiredApprovals)
	require.NotNil(t, cfg.Member.SessionPreferences.Settings.RunAsEnabled)
	assert.False(t, *cfg.Member.SessionPreferences.Settings.RunAsEnabled)
}

func TestMinimal(t *testing.T) {
	cfg, err := Parse(files(nil), "jitna.yaml", []byte(minimal))
	require.NoError(t, err)
	assert.Nil(t, cfg.Management)
	assert.Nil(t, cfg.DenyAccess)
}

// Each bad config is minimal with one change; the problem must name the file,
// the line and the key.
func TestBadConfigs(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		want     []string
	}{
		{"unknown top-level key", "member:", "membr:\n  x: 1\nmember:",
			[]string{`jitna.yaml:8: membr: is not a key here: the keys are denyAccess, enablement, guardrails, management, member, notifications`}},
		{"unknown nested key", "    regions: [us-east-1]", "    regions: [us-east-1]\n    regionz: [us-west-2]",
			[]string{`jitna.yaml:12: member.stackSet.regionz: is not a key here: the keys of member.stackSet are accountFilter, accounts,`}},
		{"unknown key in a policy: its keys, and no internal field among them", "  autoApproval:\n", "  autoApproval:\n    validatr: x\n",
			[]string{`jitna.yaml:13: member.autoApproval.validatr: is not a key here: the keys of member.autoApproval are cedar, cedarFile, description, documents, tags`}},
		{"list given a value", "    regions: [us-east-1]", "    regions: us-east-1",
			[]string{`jitna.yaml:11: member.stackSet.regions: "us-east-1" must be a list`}},
		{"mapping given a value", "  stackSet:\n    organizationalUnits: [r-abcd]\n    regions: [us-east-1]", "  stackSet: everywhere",
			[]string{`jitna.yaml:9: member.stackSet: "everywhere" must be a mapping with the keys`}},
		{"bad duration", "accessDuration: 8h", "accessDuration: eight hours",
			[]string{`jitna.yaml:18: member.manualApprovals[0].accessDuration: "eight hours" is not a duration`}},
		{"duration out of range", "accessDuration: 8h", "accessDuration: 15d",
			[]string{`jitna.yaml:18: member.manualApprovals[0].accessDuration: "360h0m0s" is out of range: must be 1 to 336 hours`}},
		{"bad bool", "  manualApprovals:", "  sessionPreferences: {settings: {runAsEnabled: sometimes}}\n  manualApprovals:",
			[]string{`jitna.yaml:16: member.sessionPreferences.settings.runAsEnabled: "sometimes" must be true or false`}},
		{"bad number", "approvers: [{type: IamRole, id: FinanceLead}]", "approvers: [{type: IamRole, id: FinanceLead}]\n          minRequiredApprovals: two",
			[]string{`jitna.yaml:22: member.manualApprovals[0].approvalLevels[0].minRequiredApprovals: "two" must be a whole number`}},
		{"StackSet Region outside the JITNA Regions", "    regions: [us-east-1]", "    regions: [us-east-1, eu-west-1]",
			[]string{`jitna.yaml:11: member.stackSet.regions[1]: "eu-west-1" is not one of JITNA's target Regions (us-east-1, us-east-2)`}},
		{"StackSet OU outside the JITNA OUs", "targetRegions: [us-east-1, us-east-2]\n", "targetRegions: [us-east-1, us-east-2]\n  jitna: {targetOrganizationalUnits: [ou-a1b2-abcd1234]}\n",
			[]string{`jitna.yaml:11: member.stackSet.organizationalUnits[0]: "r-abcd" is not one of JITNA's target organizational units (ou-a1b2-abcd1234)`}},
		{"invalid Cedar file", "member:", "denyAccess:\n  cedarFile: bad.cedar\nmember:",
			[]string{
				`(85 characters)" bad.cedar: line 2, column 1: statement 1 is a permit statement`,
				`jitna.yaml:9: denyAccess.cedarFile: "permit (principal,`, `bad.cedar: line 2, column 1: statement 1 does not match the JITNA schema: getTag("Environment") is not guarded by hasTag`,
			}},
		{"missing Cedar file", "member:", "denyAccess:\n  cedarFile: missing.cedar\nmember:",
			[]string{`jitna.yaml:9: denyAccess.cedarFile: "missing.cedar" cannot be read: no such file next to the config`}},
		{"invalid inline Cedar", `resource.getTag("ENV") == "DEV" };`, `resource.getTag("ENV") == "DEV" ;`,
			[]string{`jitna.yaml:15: member.autoApproval.cedar: "…ource.getTag(\"ENV\") == \"DEV\" ;‸" Cedar line 2, column 67: is not valid Cedar: the text ends too early: expected ` + "`}`"}},
		// Reported at the config's own line, with the Cedar line and a mark
		// at the column, and the unknown name said.
		{"misspelt name in inline Cedar", `when { resource.hasTag("ENV")`, `when { resouce.hasTag("ENV")`,
			[]string{`jitna.yaml:15: member.autoApproval.cedar: "when { resouce‸.hasTag(\"ENV\") && resource.getTag(\"ENV\")…" Cedar line 2, column 15: is not valid Cedar: "resouce" is not a name Cedar knows (did you mean resource?)`}},
		{"Cedar on one line", "    cedar: |\n      permit (principal, action == AWS::SSM::Action::\"getTokenForInstanceAccess\", resource)\n      when { resource.hasTag(\"ENV\") && resource.getTag(\"ENV\") == \"DEV\" };",
			`    cedar: 'permit (principal, action, resource) when { resource.hasTag("ENV") && resource.getTag("ENV") == DEV };'`,
			[]string{`jitna.yaml:13: member.autoApproval.cedar: "…resource.getTag(\"ENV\") == DEV ‸};" Cedar line 1, column 101: is not valid Cedar: "DEV" is not a name Cedar knows`}},
		{"no Cedar", "  autoApproval:\n    cedar: |", "  autoApproval:\n    description: x\n    notes: |",
			[]string{`jitna.yaml:14: member.autoApproval.notes: is not a key here`, `jitna.yaml:12: member.autoApproval.cedar: is empty: give the policy's statements as Cedar, CedarFile, Rules or Documents`}},
		{"bad account", `    delegatedAdminAccountId: "123456789012"`, `    delegatedAdminAccountId: "1234"`,
			[]string{`jitna.yaml:3: enablement.target.delegatedAdminAccountId: "1234" is not valid: must be a 12-digit AWS account id`}},
		{"missing Region", "    homeRegion: us-east-1\n", "",
			[]string{`jitna.yaml:2: enablement.target.homeRegion: is required: the Region where the unified console aggregates data, such as us-east-1`}},
		{"another delegated administrator for the prerequisites", "member:", "management: {account: \"111111111111\", region: us-east-1, prerequisites: {delegatedAdminAccountId: \"999999999999\"}}\nmember:",
			[]string{`jitna.yaml:8: management.prerequisites.delegatedAdminAccountId: "999999999999" differs from enablement.target.delegatedAdminAccountId (123456789012): give one of them`}},
		{"another delegated administrator for the deny-access policy", "member:", "denyAccess: {cedarFile: deny-access.cedar, delegatedAdminAccountId: \"999999999999\"}\nmember:",
			[]string{`jitna.yaml:8: denyAccess.delegatedAdminAccountId: "999999999999" differs from enablement.target.delegatedAdminAccountId (123456789012)`}},
		{"Cedar file outside the config's folder", "member:", "denyAccess: {cedarFile: ../deny-access.cedar}\nmember:",
			[]string{`jitna.yaml:8: denyAccess.cedarFile: "../deny-access.cedar" cannot be read: must be a path relative to the config file, inside its folder (no leading /, no ..)`}},
		{"absolute Cedar file", "member:", "denyAccess: {cedarFile: /etc/deny-access.cedar}\nmember:",
			[]string{`jitna.yaml:8: denyAccess.cedarFile: "/etc/deny-access.cedar" cannot be read: must be a path relative to the config file`}},
		{"Cedar rules are Go only", "  autoApproval:\n", "  autoApproval:\n    rules: []\n",
			[]string{`jitna.yaml:13: member.autoApproval.rules: is not a key here`}},
		{"bad console Region", "targetRegions: [us-east-1, us-east-2]", "targetRegions: [us-east-1, mars-1]",
			[]string{`jitna.yaml:7: enablement.unifiedConsole.targetRegions[1]: "mars-1" is not an AWS Region: must be one of the AWS Regions of `}},
		{"bad root id", "rootOrganizationalUnitId: r-abcd", "rootOrganizationalUnitId: root",
			[]string{`jitna.yaml:6: enablement.unifiedConsole.rootOrganizationalUnitId: "root" is not valid`}},
		{"bad identity provider", "targetRegions: [us-east-1, us-east-2]\n", "targetRegions: [us-east-1, us-east-2]\n  jitna: {identityProvider: OKTA}\n",
			[]string{`jitna.yaml:8: enablement.jitna.identityProvider: "OKTA" is not allowed: must be one of IAM, SSO`}},
		{"bad approver", "{type: IamRole, id: FinanceLead}", "{type: SSOGroup, id: Finance Leads}",
			[]string{`jitna.yaml:21: member.manualApprovals[0].approvalLevels[0].approvers[0].id: "Finance Leads" is not valid`}},
		{"missing key, at its parent's line", "{type: IamRole, id: FinanceLead}", "{type: IamRole}",
			[]string{`jitna.yaml:21: member.manualApprovals[0].approvalLevels[0].approvers[0].id: `}},
		{"reserved document name", "- name: Finance", "- name: aws-finance",
			[]string{`jitna.yaml:17: member.manualApprovals[0].name: "aws-finance" starts with "aws"`}},
		{"too many levels", "        - approvers: [{type: IamRole, id: FinanceLead}]", strings.Repeat("        - approvers: [{type: IamRole, id: FinanceLead}]\n", 6),
			[]string{`jitna.yaml:20: member.manualApprovals[0].approvalLevels: has 6 levels: a manual approval policy has at most 5`}},
		{"two all-nodes policies", "      targets: [{key: Workload, values: [Finance]}]", "      allNodes: true\n    - name: Other\n      accessDuration: 1h\n      allNodes: true\n      approvalLevels: [{approvers: [{type: IamRole, id: Ops}]}]",
			[]string{`jitna.yaml:20: member.manualApprovals[1]: targets all nodes, as member.manualApprovals[0] already does`}},
		{"bad StackSet amount", "    regions: [us-east-1]", "    regions: [us-east-1]\n    maxConcurrent: lots",
			[]string{`jitna.yaml:12: member.stackSet.maxConcurrent: "lots" is not valid: must be a count such as "3" or a percentage such as "25%"`}},
		{"bad tag", "member:", "member:\n  tags: {\"aws:owner\": me}",
			[]string{`jitna.yaml:9: member.tags[aws:owner]: "aws:owner" is reserved: tag keys must not start with "aws:"`}},
		{"bad management account", "member:", "management: {account: x, region: us-east-1, prerequisites: {trustedAccess: [ssm]}}\nmember:",
			[]string{
				`jitna.yaml:8: management.account: "x" is not valid: must be a 12-digit AWS account id`,
				`jitna.yaml:8: management.prerequisites.trustedAccess[0]: "ssm" is not valid: must be a service principal`,
			}},
		{"session timeout", "  manualApprovals:", "  sessionPreferences: {settings: {maxSessionDuration: 2d}}\n  manualApprovals:",
			[]string{`jitna.yaml:16: member.sessionPreferences.settings.maxSessionDuration: "48h0m0s" is out of range: must be 1 to 1440 minutes`}},
		{"bad notifications", "member:", "notifications:\n  hub: {organizationId: org-1}\n  delivery: {emails: [nobody], forwardTo: x}\nmember:",
			[]string{
				`jitna.yaml:9: notifications.hub.organizationId: "org-1" is not valid: must be an organization id such as o-a1b2c3d4e5`,
				`jitna.yaml:10: notifications.delivery.emails[0]: "nobody" is not valid: must be an email address alone, such as ops@example.com (no name, <…> or punctuation around it)`,
				`jitna.yaml:10: notifications.delivery.forwardTo: "x" is not used by a hub`,
			}},
		{"bad guardrail level", "member:", "guardrails:\n  levels: {JITNA-IAM-1: loud}\nmember:",
			[]string{`jitna.yaml:9: guardrails.levels[JITNA-IAM-1]: "loud" is not allowed: must be one of error, warning, info, off`}},
		// Silently accepted before: each is now an error at its line.
		{"top-level key given twice", "member:", "enablement:\n  unifiedConsole: {rootOrganizationalUnitId: r-wxyz}\nmember:",
			[]string{`jitna.yaml:8: enablement: is given twice (first on line 1): a key appears once in a mapping`}},
		{"nested key given twice", `    delegatedAdminAccountId: "123456789012"`, `    delegatedAdminAccountId: "123456789012"` + "\n" + `    delegatedAdminAccountId: "210987654321"`,
			[]string{`jitna.yaml:4: enablement.target.delegatedAdminAccountId: is given twice (first on line 3)`}},
		{"tag given twice", "member:", "member:\n  tags: {Team: a, Team: b}",
			[]string{`jitna.yaml:9: member.tags.Team: is given twice (first on line 9)`}},
		{"YAML merge key", "  stackSet:\n", "  stackSet:\n    <<: {regions: [us-east-2]}\n",
			[]string{`jitna.yaml:10: member.stackSet: uses a YAML merge key (<<), which a config does not take: write the keys out`}},
		{"second document", "id: FinanceLead}]\n", "id: FinanceLead}]\n---\nmember: {}\n",
			[]string{`jitna.yaml:22: holds a second YAML document (after ---): a config is one document`}},
		{"duration that overflows", "accessDuration: 8h", "accessDuration: 281474976710657d",
			[]string{`jitna.yaml:18: member.manualApprovals[0].accessDuration: "281474976710657d" is too long: a duration is at most 106751d`}},
		{"duration in days at the limit is read, then out of range", "accessDuration: 8h", "accessDuration: 106751d",
			[]string{`jitna.yaml:18: member.manualApprovals[0].accessDuration: "2562024h0m0s" is out of range: must be 1 to 336 hours`}},
		{"negative duration in days at the limit is read, then out of range", "accessDuration: 8h", "accessDuration: -106751d",
			[]string{`jitna.yaml:18: member.manualApprovals[0].accessDuration: "-2562024h0m0s" is out of range`}},
		{"negative duration that overflows", "accessDuration: 8h", "accessDuration: -106752d",
			[]string{`jitna.yaml:18: member.manualApprovals[0].accessDuration: "-106752d" is too long: a duration is at most 106751d`}},
		{"Cedar file in a subfolder path with ..", "member:", "denyAccess: {cedarFile: sub/../deny-access.cedar}\nmember:",
			[]string{`jitna.yaml:8: denyAccess.cedarFile: "sub/../deny-access.cedar" cannot be read: must be a path relative to the config file, inside its folder (no leading /, no ..)`}},
		{"template mode typo", "  stackSet:\n", "  templateMode: Inline\n  stackSet:\n",
			[]string{`jitna.yaml:9: member.templateMode: "Inline" is not a template mode: must be inline, asset, or empty for automatic`}},
		{"CDK token in a value", "rootOrganizationalUnitId: r-abcd", "rootOrganizationalUnitId: ${Token[TOKEN.1]}",
			[]string{`jitna.yaml:6: enablement.unifiedConsole.rootOrganizationalUnitId: "${Token[TOKEN.1]}" holds an AWS CDK token, which only Go code makes: a config file holds plain values`}},
		{"misspelt StackSet Region, reported once", "    regions: [us-east-1]", "    regions: [us-est-2]",
			[]string{`jitna.yaml:11: member.stackSet.regions[0]: "us-est-2" is not an AWS Region (did you mean us-east-2?)`}},
		{"management Region that does not exist", "member:", "management: {account: \"111111111111\", region: us-east-9}\nmember:",
			[]string{`jitna.yaml:8: management.region: "us-east-9" is not an AWS Region`}},
		{"RDP recording key by alias", "  manualApprovals:", "  rdpRecording: {kmsKeyArn: alias/recordings}\n  manualApprovals:",
			[]string{`jitna.yaml:16: member.rdpRecording.kmsKeyArn: "alias/recordings" is not valid: must be the ARN of a customer managed KMS key`}},
		{"RDP recording Object Lock beyond S3's limit", "  manualApprovals:", "  rdpRecording: {objectLockDays: 36501, objectLockMode: COMPLIANCE}\n  manualApprovals:",
			[]string{`jitna.yaml:16: member.rdpRecording.objectLockDays: "36501" is out of range: must be 1 to 36500 days (0: no Object Lock)`}},
		{"RDP recording owner without a bucket", "  manualApprovals:", "  rdpRecording:\n    bucketOwner: \"111122223333\"\n  manualApprovals:",
			[]string{`jitna.yaml:17: member.rdpRecording.bucketOwner: "111122223333" is given without BucketName`}},
		{"session key of another Region than the StackSet's", "  manualApprovals:", "  sessionPreferences: {settings: {kmsKeyID: \"arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}}\n  manualApprovals:",
			[]string{`jitna.yaml:16: member.sessionPreferences.settings.kmsKeyID: "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" is a key of us-east-2, but it is used in us-east-1 too: KMS keys are regional`}},
		{"AWS managed session key", "  manualApprovals:", "  sessionPreferences: {settings: {kmsKeyID: alias/aws/ssm}}\n  manualApprovals:",
			[]string{`jitna.yaml:16: member.sessionPreferences.settings.kmsKeyID: "alias/aws/ssm" names an AWS managed key`}},
		{"RDP recording key of another Region", "  manualApprovals:", "  rdpRecording: {kmsKeyArn: \"arn:aws:kms:eu-west-1:111122223333:key/abc\"}\n  manualApprovals:",
			[]string{`jitna.yaml:16: member.rdpRecording.kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/abc" is a key of eu-west-1, but it is used in us-east-1 too`}},
		{"format on an auto-approval policy", "  autoApproval:\n", "  autoApproval:\n    format: cedar\n",
			[]string{`jitna.yaml:13: member.autoApproval.format: is not a key here`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(minimal, tc.old, tc.new, 1)
			require.NotEqual(t, minimal, text, "the change must apply")
			_, err := Parse(files(nil), "jitna.yaml", []byte(text))
			require.Error(t, err)
			got := err.Error()
			for _, want := range tc.want {
				assert.Contains(t, got, want)
			}
			for _, line := range strings.Split(got, "\n") {
				assert.Regexp(t, `^jitna\.yaml:\d+: `, line, "every problem names the file and the line")
			}
		})
	}
}

// Regions declared new under the enablement's target hold for the whole
// config: the member StackSet accepts them, and so do the constructs built
// from the props.
func TestNewRegionsHoldForTheWholeConfig(t *testing.T) {
	text := strings.Replace(minimal, "    homeRegion: us-east-1\n", "    homeRegion: us-east-1\n    newRegions: [us-east-7]\n", 1)
	text = strings.Replace(text, "targetRegions: [us-east-1, us-east-2]", "targetRegions: [us-east-1, us-east-7]", 1)
	text = strings.Replace(text, "    regions: [us-east-1]", "    regions: [us-east-7]", 1)
	cfg, err := Parse(files(nil), "jitna.yaml", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, []string{"us-east-7"}, cfg.Member.StackSet.NewRegions)

	_, err = Parse(files(nil), "jitna.yaml", []byte(strings.Replace(text, "    newRegions: [us-east-7]\n", "", 1)))
	require.Error(t, err)
	assert.Equal(t, 2, strings.Count(err.Error(), `"us-east-7" is not an AWS Region`), "the console's and the StackSet's, once each:\n%v", err)
}

// Each policy's cedarFile is read once and inlined into cedar after its
// inline text, so that the props Load returns read no file.
func TestCedarFilesAreInlined(t *testing.T) {
	text := strings.Replace(minimal, "  autoApproval:\n", "  autoApproval:\n    cedarFile: permit.cedar\n", 1)
	fs := files(nil)
	fs["permit.cedar"] = &fstest.MapFile{Data: []byte(`permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("ENV") && resource.getTag("ENV") == "TEST" };`)}
	cfg, err := Parse(fs, "jitna.yaml", []byte(text+"denyAccess: {cedarFile: deny-access.cedar}\n"))
	require.NoError(t, err)
	a := cfg.Member.AutoApproval
	assert.Empty(t, a.CedarFile)
	assert.True(t, strings.HasPrefix(a.Cedar, "permit (principal, action == AWS::SSM::Action::\"getTokenForInstanceAccess\", resource)\n"), a.Cedar)
	assert.True(t, strings.HasSuffix(a.Cedar, "\n\n"+string(fs["permit.cedar"].Data)), "the file's text follows the inline text, a blank line apart")
	assert.Empty(t, cfg.DenyAccess.CedarFile)
	assert.Equal(t, string(fs["deny-access.cedar"].Data), cfg.DenyAccess.Cedar, "a file alone is the whole text")
}

func TestEmptyMember(t *testing.T) {
	text := minimal[:strings.Index(minimal, "  autoApproval:")]
	_, err := Parse(files(nil), "jitna.yaml", []byte(text))
	assert.EqualError(t, err, `jitna.yaml:8: member: deploys nothing: give autoApproval, manualApprovals, sessionPreferences or rdpRecording (CloudFormation refuses an empty member template)`)
}

func TestEveryProblemAtOnce(t *testing.T) {
	text := strings.NewReplacer(`delegatedAdminAccountId: "123456789012"`, `delegatedAdminAccountId: "1"`, "regions: [us-east-1]", "regions: [eu-west-1]", "accessDuration: 8h", "accessDuration: 1m").Replace(minimal)
	_, err := Parse(files(nil), "jitna.yaml", []byte(text))
	require.Error(t, err)
	assert.Len(t, check.Problems(err), 3, err.Error())
}

func TestNotYAML(t *testing.T) {
	for text, want := range map[string]string{
		"a: [b":   "jitna.yaml:1: is not valid YAML",
		"":        "jitna.yaml:1: is empty",
		"- a\n":   "jitna.yaml:1: must be a mapping with the keys denyAccess, enablement",
		"a:\n\tb": "jitna.yaml:2: is not valid YAML: found character that cannot start any token",
		strings.Repeat("# comment\n", 20) + "member: caf\xe9\n": "jitna.yaml:21: is not UTF-8 text: byte 212 (0xe9, on this line) is not UTF-8; save the file as UTF-8",
		"\xffmember: {}\n": "jitna.yaml:1: is not UTF-8 text: byte 1 (0xff, on this line)",
	} {
		_, err := Parse(files(nil), "jitna.yaml", []byte(text))
		assert.ErrorContains(t, err, want, text)
	}
	_, err := Load(files(nil), "missing.yaml")
	assert.Error(t, err)
}

func TestKeyName(t *testing.T) {
	for field, key := range map[string]string{
		"ID": "id", "KMSKeyID": "kmsKeyID", "S3BucketName": "s3BucketName", "AccessDuration": "accessDuration",
		"IAMRole": "iamRole", "EnableDHMCSchedule": "enableDHMCSchedule", "DelegatedAdminAccountId": "delegatedAdminAccountId", "a": "a",
	} {
		assert.Equal(t, key, KeyName(field), field)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	if data, err := os.ReadFile("../configapp/jitna.yaml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("member: {stackSet: {regions: &a [x], organizationalUnits: *a}}"))
	// Inputs that were accepted silently once.
	f.Add([]byte(minimal + "enablement: {}\n"))
	f.Add([]byte(minimal + "---\nmember: {}\n"))
	f.Add([]byte("member:\n  stackSet:\n    <<: {regions: [us-east-2]}\n"))
	f.Add([]byte(strings.Replace(minimal, "accessDuration: 8h", "accessDuration: 281474976710657d", 1)))
	f.Add([]byte("member: {templateMode: Inline}\n"))
	f.Add([]byte("member: caf\xe9\n"))
	f.Add([]byte("enablement: {unifiedConsole: {rootOrganizationalUnitId: '${Token[TOKEN.1]}'}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse(files(nil), "fuzz.yaml", data)
		if err == nil && cfg == nil {
			t.Fatal("no config and no error")
		}
		for _, p := range check.Problems(err) {
			if p.Message == "" || !strings.HasPrefix(p.Path, "fuzz.yaml:") || strings.HasPrefix(p.Path, "fuzz.yaml:0") {
				t.Fatalf("a problem without a message or line: %+v", p)
			}
		}
	})
}

// An alias "bomb" aimed at the nested types (policies, levels, approvers)
// stops at a budget instead of expanding.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("x: &a {type: IamRole, id: a}\n")
	b.WriteString("y: &l {approvers: [" + strings.TrimSuffix(strings.Repeat("*a, ", 300), ", ") + "]}\n")
	b.WriteString("z: &p {name: p, accessDuration: 1h, allNodes: true, approvalLevels: [" + strings.TrimSuffix(strings.Repeat("*l, ", 300), ", ") + "]}\n")
	b.WriteString("member:\n  manualApprovals: [" + strings.TrimSuffix(strings.Repeat("*p, ", 300), ", ") + "]\n")
	start := time.Now()
	_, err := Parse(files(nil), "bomb.yaml", []byte(b.String()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "makes the config expand to more values than its size allows (YAML aliases)")
	assert.Len(t, check.Problems(err), 4, "x, y and z are not keys, and the budget: a config not read whole is not validated, no cascade")
	assert.Less(t, time.Since(start), 5*time.Second)
}

// A manual approval policy may list approver type spellings beyond the
// library's; an approver of an unlisted one is refused with its line.
func TestExtraApproverTypes(t *testing.T) {
	text := strings.Replace(minimal, "approvers: [{type: IamRole, id: FinanceLead}]",
		"approvers: [{type: IdentityCenterGroup, id: Leads}]", 1)
	_, err := Parse(files(nil), "jitna.yaml", []byte(text))
	assert.ErrorContains(t, err, `"IdentityCenterGroup" is not allowed: must be one of SSOGroup, SSOUser, IamRole, IamUser, IamGroup`)

	text = strings.Replace(text, "  manualApprovals:\n    - ", "  manualApprovals:\n    - extraApproverTypes: [IdentityCenterGroup]\n      ", 1)
	cfg, err := Parse(files(nil), "jitna.yaml", []byte(text))
	require.NoError(t, err)
	assert.Equal(t, []policy.ApproverType{"IdentityCenterGroup"}, cfg.Member.ManualApprovals[0].ExtraApproverTypes)
}

// waitForDeployment: {} asks for the wait with its defaults; a bad interval
// is refused with its line.
func TestWaitForDeployment(t *testing.T) {
	cfg, err := Parse(files(nil), "jitna.yaml", []byte(minimal+"waitForDeployment: {}\n"))
	require.NoError(t, err)
	require.NotNil(t, cfg.WaitForDeployment)
	assert.Zero(t, cfg.WaitForDeployment.PollInterval)
	cfg, err = Parse(files(nil), "jitna.yaml", []byte(minimal+"waitForDeployment: {pollInterval: 1m}\n"))
	require.NoError(t, err)
	assert.Equal(t, time.Minute, cfg.WaitForDeployment.PollInterval)
	cfg, err = Parse(files(nil), "jitna.yaml", []byte(minimal))
	require.NoError(t, err)
	assert.Nil(t, cfg.WaitForDeployment)
	_, err = Parse(files(nil), "jitna.yaml", []byte(minimal+"waitForDeployment: {pollInterval: 5s}\n"))
	assert.ErrorContains(t, err, `waitForDeployment.pollInterval: "5s" must be 10s to 5m0s, in whole seconds`)
}

// One mistake is one problem: a misspelt key says what it meant, and the
// key it meant is not reported again as missing; an explicit zero, which
// the props would read as "the default", is refused at its line.
func TestOneProblemPerMistake(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           string // the only problem; "" for none
	}{
		{"misspelt key", "accessDuration: 8h", "acessDuration: 8h",
			`jitna.yaml:18: member.manualApprovals[0].acessDuration: is not a key here (did you mean accessDuration?): the keys of member.manualApprovals[0] are accessDuration, allNodes,`},
		{"misspelt key in another case", "accessDuration: 8h", "AccessDuration: 8h",
			`jitna.yaml:18: member.manualApprovals[0].AccessDuration: is not a key here (did you mean accessDuration?)`},
		{"key too far from any other: no suggestion", "    regions: [us-east-1]", "    regions: [us-east-1]\n    zones: [a]",
			`jitna.yaml:12: member.stackSet.zones: is not a key here: the keys of member.stackSet are`},
		{"explicit zero approvals", "approvers: [{type: IamRole, id: FinanceLead}]", "approvers: [{type: IamRole, id: FinanceLead}]\n          minRequiredApprovals: 0",
			`jitna.yaml:22: member.manualApprovals[0].approvalLevels[0].minRequiredApprovals: "0" is zero, which a config does not take: leave the key out for the default, or give a value in range`},
		{"explicit zero timeout", "approvers: [{type: IamRole, id: FinanceLead}]", "approvers: [{type: IamRole, id: FinanceLead}]\n          timeout: 0s",
			`jitna.yaml:22: member.manualApprovals[0].approvalLevels[0].timeout: "0s" is zero`},
		{"explicit zero access duration: not also out of range", "accessDuration: 8h", "accessDuration: 0h",
			`jitna.yaml:18: member.manualApprovals[0].accessDuration: "0h" is zero`},
		{"explicit zero poll interval", "member:", "waitForDeployment: {pollInterval: 0s}\nmember:",
			`jitna.yaml:8: waitForDeployment.pollInterval: "0s" is zero`},
		{"explicit zero session timeout", "  manualApprovals:", "  sessionPreferences: {settings: {idleSessionTimeout: 0m}}\n  manualApprovals:",
			`jitna.yaml:16: member.sessionPreferences.settings.idleSessionTimeout: "0m" is zero`},
		{"one at the lower limit is a value", "accessDuration: 8h", "accessDuration: 1h", ""},
		{"zero Object Lock days is a value (no Object Lock)", "  manualApprovals:", "  rdpRecording: {objectLockDays: 0}\n  manualApprovals:", ""},
		{"approver type in another case", "{type: IamRole, id: FinanceLead}", "{type: iamrole, id: FinanceLead}",
			`jitna.yaml:21: member.manualApprovals[0].approvalLevels[0].approvers[0].type: "iamrole" is not allowed (did you mean IamRole?): must be one of SSOGroup, SSOUser, IamRole, IamUser, IamGroup`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(minimal, tc.old, tc.new, 1)
			require.NotEqual(t, minimal, text, "the change must apply")
			_, err := Parse(files(nil), "jitna.yaml", []byte(text))
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			lines := check.Lines(err)
			require.Len(t, lines, 1, "one problem: %q", lines)
			assert.True(t, strings.HasPrefix(lines[0], tc.want), "got  %s\nwant %s…", lines[0], tc.want)
		})
	}
}

// A cedarFile that is a symbolic link, or goes through one, leading outside
// the config's folder is refused and not read; a link inside it is read.
// A file that is not Cedar is shown up to where it stops parsing, not
// beyond (a secret after it stays unsaid).
func TestCedarFileStaysInTheFolder(t *testing.T) {
	outside := t.TempDir()
	const secret = "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	require.NoError(t, os.WriteFile(outside+"/credentials", []byte("[default]\n"+secret+"\n"), 0o600))
	require.NoError(t, os.WriteFile(outside+"/deny.cedar", []byte(`forbid (principal, action, resource);`), 0o600))
	dir := t.TempDir()
	deny, err := os.ReadFile("testdata/deny-access.cedar")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(dir+"/deny-access.cedar", deny, 0o600))
	require.NoError(t, os.Symlink(outside+"/deny.cedar", dir+"/linked.cedar"))
	require.NoError(t, os.Symlink(outside, dir+"/shared"))
	require.NoError(t, os.Symlink("deny-access.cedar", dir+"/inside.cedar"))
	require.NoError(t, os.WriteFile(dir+"/creds.cedar", []byte(secret+"\n"), 0o600))
	for file, want := range map[string]string{
		"inside.cedar":      "",
		"linked.cedar":      `denyAccess.cedarFile: "linked.cedar" cannot be read: path escapes from parent`,
		"shared/deny.cedar": `denyAccess.cedarFile: "shared/deny.cedar" cannot be read: path escapes from parent`,
		"creds.cedar":       `denyAccess.cedarFile: "aws_secret_access_key ‸" creds.cedar: line 1, column 23: is not valid Cedar`,
	} {
		require.NoError(t, os.WriteFile(dir+"/jitna.yaml", []byte(strings.Replace(minimal, "member:", "denyAccess: {cedarFile: "+file+"}\nmember:", 1)), 0o600))
		_, err := LoadFile(dir + "/jitna.yaml")
		if want == "" {
			assert.NoError(t, err, file)
			continue
		}
		require.Error(t, err, file)
		assert.Contains(t, err.Error(), want, file)
		assert.NotContains(t, err.Error(), "wJalrXUtnFEMI", file)
		assert.NotContains(t, err.Error(), "[default]", file)
	}
}

// A config's warnings name the file and line, say how a config accepts
// them, and are shown with its problems when it has some.
func TestWarningsAtTheirLines(t *testing.T) {
	overlapping := strings.Replace(minimal, "  manualApprovals:\n", `  manualApprovals:
    - name: Payments
      accessDuration: 2h
      targets: [{key: Workload, values: [Finance]}]
      approvalLevels:
        - approvers: [{type: IamRole, id: Lead}]
        - approvers: [{type: IamRole, id: lead}]
`, 1)
	cfg, err := Parse(files(nil), "jitna.yaml", []byte(overlapping))
	require.NoError(t, err)
	var got []string
	for _, w := range cfg.Warnings() {
		got = append(got, check.WarningLine(w))
	}
	assert.Equal(t, []string{
		`jitna.yaml:17: warning: member.manualApprovals[0]: approver IamRole:lead is on levels 1 (ManualApproval) and 2 (ManualApproval2) of "Payments": they can pass both alone, so the levels do not add a second approver; give each level its own approvers`,
		`jitna.yaml:23: warning: member.manualApprovals[1]: manual approval policies "Payments" and "Finance" can apply to the same node (both target tag Workload=Finance): requests to such a node fail; if no node carries both targets, state it with IntendedOverlap (in a config: intendedOverlap: {with: [NAME], reason: …} on one of the two)`,
	}, got)

	_, err = Parse(files(nil), "jitna.yaml", []byte(strings.Replace(overlapping, "accessDuration: 2h", "accessDuration: 2y", 1)))
	require.Error(t, err)
	lines := check.Lines(err)
	require.Len(t, lines, 3, "%q", lines)
	assert.Contains(t, lines[0], `jitna.yaml:18: member.manualApprovals[0].accessDuration: "2y" is not a duration`)
	assert.Contains(t, lines[1], "jitna.yaml:17: warning: member.manualApprovals[0]: approver IamRole:lead")
	assert.Contains(t, lines[2], "jitna.yaml:23: warning: member.manualApprovals[1]: manual approval policies")

	roots := strings.Replace(minimal, "organizationalUnits: [r-abcd]", "organizationalUnits: [r-abcd, ou-abcd-11111111]", 1)
	cfg, err = Parse(files(nil), "jitna.yaml", []byte(strings.Replace(roots, "targetRegions: [us-east-1, us-east-2]\n", "targetRegions: [us-east-1, us-east-2]\n  jitna: {targetOrganizationalUnits: [r-abcd, ou-abcd-11111111]}\n", 1)))
	require.NoError(t, err)
	require.Len(t, cfg.Warnings(), 1)
	assert.Equal(t, "jitna.yaml:10: warning: member.stackSet: OrganizationalUnits names the root r-abcd and ou-abcd-11111111, which are under it: the StackSet reaches every account through the root alone; give the root, or the OUs", check.WarningLine(cfg.Warnings()[0]))
}

// A Region declared new that the list holds already is a note, at its line.
func TestNewRegionAlreadyListed(t *testing.T) {
	text := strings.Replace(minimal, "    homeRegion: us-east-1\n", "    homeRegion: us-east-1\n    newRegions: [us-east-7, us-west-2]\n", 1)
	cfg, err := Parse(files(nil), "jitna.yaml", []byte(text))
	require.NoError(t, err)
	require.Len(t, cfg.Warnings(), 1)
	assert.Equal(t, "jitna.yaml:5: warning: enablement.target.newRegions[1]: us-west-2 is in the library's list of Regions already (github.com/aws/aws-sdk-go-v2 v1.48.0): declaring it new changes nothing; leave it out", check.WarningLine(cfg.Warnings()[0]))
}
