package template

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

const withParameters = `
Parameters:
  Env: {Type: String, Default: DEV}
  Group: {Type: String}
Resources:
  Manual:
    Type: AWS::SSM::Document
    Properties:
      Name: !Sub 'policy-${Env}'
      DocumentType: ManualApprovalPolicy
      Content:
        schemaVersion: '0.3'
        accessDuration: 3600
        accessTokenRole: SSM-JustInTimeAccessTokenRole
        targets: [{Key: !Sub 'tag:${Env}-Workload', Values: [!Ref Env, !Sub '${AWS::Region}']}]
        mainSteps:
          - name: ManualApproval
            action: aws:approve
            inputs:
              Message: !Sub 'Approve ${Env} for $${!Literal}'
              MinRequiredApprovals: 1
              EnhancedApprovals: {Approvers: [{approver: !Ref Group, type: SSOGroup}]}
  Bucket:
    Type: AWS::S3::Bucket
  Other:
    Type: AWS::SSM::Document
    Properties: {Name: runbook, DocumentType: Automation, Content: {}}
`

func TestParametersResolveToTheirDefaults(t *testing.T) {
	tmpl, err := Parse("t.yaml", []byte(withParameters))
	require.NoError(t, err)
	require.Len(t, tmpl.Documents, 1, "only JITNA documents are kept")
	d := tmpl.Documents[0]
	assert.Equal(t, "policy-DEV", d.Name)
	require.NoError(t, d.Err)
	m := d.Policy.(*policy.ManualApproval)
	assert.Equal(t, "DEV-Workload", m.Targets[0].Key)
	assert.Equal(t, "DEV", m.Targets[0].Values[0])
	assert.True(t, check.IsToken(m.Targets[0].Values[1]), "pseudo parameters stay unresolved")
	assert.True(t, check.IsToken(m.ApprovalLevels[0].Approvers[0].ID), "a parameter without a default stays unresolved")
	assert.Equal(t, "Approve DEV for $${Literal}", m.ApprovalLevels[0].Message)
	assert.Empty(t, tmpl.Check(), "unresolved values are skipped, not flagged")
	assert.False(t, tmpl.Empty())
}

func TestStackSetMemberTemplates(t *testing.T) {
	tmpl, err := Parse("s.json", []byte(`{"Resources": {
		"Inline": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateBody": "{\"Resources\": {\"Auto\": {\"Type\": \"AWS::SSM::Document\", \"Properties\": {\"Name\": \"SSM-JustInTimeAccessAutoApprovalPolicy\", \"DocumentType\": \"AutoApprovalPolicy\", \"Content\": {\"schemaVersion\": \"0.3\", \"accessTokenRole\": \"SSM-JustInTimeAccessTokenRole\", \"accessDuration\": 3600, \"AutoApprovalPolicyDocuments\": [{\"type\": \"Cedar\", \"content\": \"permit(principal, action, resource);\"}]}}}}}"}},
		"Computed": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateBody": {"Fn::Join": ["", ["a"]]}}}
	}}`))
	require.NoError(t, err)
	require.Len(t, tmpl.StackSets, 1)
	assert.Equal(t, "Inline/Auto", tmpl.StackSets[0].Documents[0].LogicalID)
	assert.Equal(t, []string{"Computed: its TemplateBody is computed at deployment: not checked"}, tmpl.Notes)
	assert.Empty(t, tmpl.Check())

	_, err = Parse("s.json", []byte(`{"Resources": {"Bad": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateBody": "Resources: [x"}}}}`))
	assert.ErrorContains(t, err, "s.json: Bad/")
}

func TestManagersAreReadPerDefinition(t *testing.T) {
	tmpl, err := Parse("m.yaml", []byte(`
Resources:
  Both:
    Type: AWS::SSMQuickSetup::ConfigurationManager
    Properties:
      Name: both
      ConfigurationDefinitions:
        - {Type: AWSQuickSetupType-JITNA, Parameters: {DelegatedAccountId: '123456789012', HomeRegion: us-east-1, TargetOrganizationalUnits: r-abcd, TargetRegions: [us-east-1, us-west-2]}}
        - {Type: AWSQuickSetupType-Patch, Parameters: {}}
  Again:
    Type: AWS::SSMQuickSetup::ConfigurationManager
    Properties:
      Name: again
      ConfigurationDefinitions: [{Type: AWSQuickSetupType-JITNA, Parameters: {}}]
`))
	require.NoError(t, err)
	require.Len(t, tmpl.Managers, 2)
	assert.Equal(t, quicksetup.TypeJITNA, tmpl.Managers[1].Type)
	assert.Equal(t, "us-east-1,us-west-2", tmpl.Managers[1].Definition.Parameters["TargetRegions"], "a list renders comma-separated")
	findings := tmpl.Check()
	require.Len(t, findings, 6, "the list, the second manager, then the empty one's four required parameters")
	assert.Equal(t, `m.yaml: Both: ConfigurationDefinitions.Parameters.TargetRegions: "us-east-1,us-west-2" is a list: a Quick Setup parameter is a string (join the values with commas)`, findings[0].String(),
		"CloudFormation wants a string: the list is an error, though it is read on for the other checks")
	assert.Equal(t, "m.yaml: Both: is a second AWSQuickSetupType-JITNA configuration manager in the template: Quick Setup deploys one of each", findings[1].String())
	assert.Equal(t, "m.yaml: Again: Parameters.DelegatedAccountId: is required: the 12-digit Systems Manager delegated administrator account id", findings[2].String())
}

// Values of the wrong CloudFormation type are errors: a StackSet's
// TemplateBody as a mapping, a Quick Setup parameter as a mapping. An
// intrinsic function is a value CloudFormation computes, not an error.
func TestValuesThatMustBeStrings(t *testing.T) {
	tmpl, err := Parse("s.yaml", []byte(`
Resources:
  Members:
    Type: AWS::CloudFormation::StackSet
    Properties:
      TemplateBody: {Resources: {Auto: {Type: AWS::SSM::Document, Properties: {Name: x, DocumentType: Command, Content: {}}}}}
  Manager:
    Type: AWS::SSMQuickSetup::ConfigurationManager
    Properties:
      ConfigurationDefinitions:
        - {Type: AWSQuickSetupType-SSM, Parameters: {DelegatedAccountId: {Ref: AWS::AccountId}, HomeRegion: {Region: us-east-1}}}
`))
	require.NoError(t, err)
	var got []string
	for _, f := range tmpl.Check() {
		got = append(got, f.String())
	}
	assert.Contains(t, got, "s.yaml: Members: TemplateBody: is a mapping: CloudFormation takes a StackSet's TemplateBody as a string (the template's JSON or YAML text)")
	assert.Contains(t, got, "s.yaml: Manager: ConfigurationDefinitions.Parameters.HomeRegion: is a mapping: a Quick Setup parameter is a string")
	for _, g := range got {
		assert.NotContains(t, g, "Parameters.DelegatedAccountId: is a mapping", "Ref is computed")
	}
}

// A member template that nests without end (a TemplateURL pointing back at
// its own template) stops at MaxNesting with an error.
func TestSelfReferencingAssetStops(t *testing.T) {
	dir := t.TempDir()
	hash := strings.Repeat("ab", 32)
	self := `{"Resources": {"Again": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateURL": "https://s3.amazonaws.com/b/` + hash + `.json"}}}}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "asset."+hash+".json"), []byte(self), 0o600))
	root := filepath.Join(dir, "Root.template.json")
	require.NoError(t, os.WriteFile(root, []byte(self), 0o600))
	_, err := ReadFile(root)
	assert.ErrorContains(t, err, "Again/Again/Again/Again: member templates nest 5 deep, more than 4: does a TemplateURL point back at its own template?")
}

func TestNotATemplate(t *testing.T) {
	_, err := Parse("x.yaml", []byte("a: b\n"))
	assert.ErrorContains(t, err, "x.yaml: no Resources section: not a CloudFormation template")
}

// A StackSet's member template published as a file asset is read from the
// cloud assembly the parent template sits in.
func TestMemberTemplateAsAnAsset(t *testing.T) {
	tmpl, err := ReadFile("testdata/assembly/Parent.template.json")
	require.NoError(t, err)
	require.Len(t, tmpl.StackSets, 1)
	assert.Empty(t, tmpl.Notes)
	findings := tmpl.Check()
	require.Len(t, findings, 1)
	assert.Equal(t, "Members/S", findings[0].LogicalID)
	assert.Contains(t, findings[0].Message, "1 to 1440 minutes")
}

// A second unified-console manager is refused like a second JITNA one.
func TestSecondUnifiedConsoleManager(t *testing.T) {
	console := `{Type: AWSQuickSetupType-SSM, Parameters: {DelegatedAccountId: '123456789012', HomeRegion: us-east-1, TargetOrganizationalUnits: r-abcd, TargetRegions: us-east-1}}`
	tmpl, err := Parse("c.yaml", []byte("Resources:\n  A:\n    Type: AWS::SSMQuickSetup::ConfigurationManager\n    Properties: {Name: a, ConfigurationDefinitions: ["+console+"]}\n"+
		"  B:\n    Type: AWS::SSMQuickSetup::ConfigurationManager\n    Properties: {Name: b, ConfigurationDefinitions: ["+console+"]}\n"))
	require.NoError(t, err)
	var got []string
	for _, f := range tmpl.Check() {
		if strings.Contains(f.Message, "configuration manager in the template") {
			got = append(got, f.String())
		}
	}
	assert.Equal(t, []string{"c.yaml: B: is a second AWSQuickSetupType-SSM configuration manager in the template: Quick Setup deploys one of each"}, got)
}

// A StackSet's TemplateBody given as an object (as YAML templates may write
// it) is read and checked like the string form.
func TestObjectFormTemplateBody(t *testing.T) {
	tmpl, err := Parse("s.yaml", []byte(`
Resources:
  Members:
    Type: AWS::CloudFormation::StackSet
    Properties:
      TemplateBody:
        Resources:
          Auto:
            Type: AWS::SSM::Document
            Properties:
              Name: SSM-JustInTimeAccessAutoApprovalPolicy
              DocumentType: AutoApprovalPolicy
              Content: {schemaVersion: '0.3', accessTokenRole: SSM-JustInTimeAccessTokenRole, accessDuration: 3600,
                AutoApprovalPolicyDocuments: [{type: Cedar, content: 'forbid(principal, action, resource);'}]}
`))
	require.NoError(t, err)
	require.Len(t, tmpl.StackSets, 1)
	assert.Equal(t, "Members/Auto", tmpl.StackSets[0].Documents[0].LogicalID)
	assert.NotEmpty(t, tmpl.Check(), "the forbid in the auto-approval policy is found in the object-form member")
	assert.Empty(t, tmpl.Notes)
}

// A document that cannot be read is an error of the template, on its
// logical id.
func TestUnreadableDocumentIsAnError(t *testing.T) {
	tmpl, err := Parse("d.yaml", []byte(`
Resources:
  Auto:
    Type: AWS::SSM::Document
    Properties:
      Name: SSM-JustInTimeAccessAutoApprovalPolicy
      DocumentType: AutoApprovalPolicy
      Content: {schemaVersion: '0.3', accessDuration: soon}
`))
	require.NoError(t, err)
	var errors []string
	for _, f := range tmpl.Check() {
		if f.Severity == "error" {
			errors = append(errors, f.String())
		}
	}
	assert.Equal(t, []string{
		`d.yaml: Auto: Content.accessTokenRole: is missing: must be "SSM-JustInTimeAccessTokenRole"`,
		`d.yaml: Auto: Content.accessDuration: "soon" must be a whole number`,
		`d.yaml: Auto: Documents: is empty: give the policy's Cedar text`,
	}, errors)
}

// A template is empty for JITNA only when it holds no document, no manager
// and no StackSet member that does: one of any is enough.
func TestEmpty(t *testing.T) {
	for _, tc := range []struct {
		name  string
		yaml  string
		empty bool
	}{
		{"nothing", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", true},
		{"one document", "Resources:\n  S:\n    Type: AWS::SSM::Document\n    Properties: {Name: SSM-SessionManagerRunShell, DocumentType: Session, Content: {schemaVersion: '1.0', sessionType: Standard_Stream, inputs: {}}}\n", false},
		{"one manager", "Resources:\n  A:\n    Type: AWS::SSMQuickSetup::ConfigurationManager\n    Properties: {Name: a, ConfigurationDefinitions: [{Type: AWSQuickSetupType-SSM, Parameters: {}}]}\n", false},
	} {
		tmpl, err := Parse("e.yaml", []byte(tc.yaml))
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.empty, tmpl.Empty(), tc.name)
	}
}

// Files expands folders to their templates, sorted, and names what it cannot
// use: a path that does not exist, a folder without templates.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"B.template.yaml", "A.template.json", "C.template.yml", "notes.txt"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644))
	}
	single := filepath.Join(t.TempDir(), "x.yaml")
	require.NoError(t, os.WriteFile(single, []byte("{}"), 0o644))
	got, err := Files([]string{dir, single})
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join(dir, "A.template.json"), filepath.Join(dir, "B.template.yaml"), filepath.Join(dir, "C.template.yml"), single}, got)

	_, err = Files([]string{filepath.Join(dir, "missing")})
	assert.ErrorContains(t, err, "no such file or directory")
	empty := t.TempDir()
	_, err = Files([]string{empty})
	assert.EqualError(t, err, empty+": no *.template.json or *.template.yaml files in the folder")
}

// manualTemplate is a template of one manual approval policy, with the
// resource's metadata (a YAML line, or ""), one target and one approver of
// approverType.
func manualTemplate(metadata, target, approverType string) string {
	return `
Resources:
  Policy:
    Type: AWS::SSM::Document` + metadata + `
    Properties:
      Name: Prod-Policy
      DocumentType: ManualApprovalPolicy
      Content:
        schemaVersion: '0.3'
        accessDuration: 3600
        accessTokenRole: SSM-JustInTimeAccessTokenRole
        targets: [` + target + `]
        mainSteps:
          - name: ManualApproval
            action: aws:approve
            inputs:
              Message: Please approve this request
              MinRequiredApprovals: 1
              EnhancedApprovals: {Approvers: [{approver: Lead, type: ` + approverType + `}]}
`
}

// A target that is neither tag:KEY nor the all-nodes form is refused (it
// was read as "all nodes"), unless the resource declares that form.
func TestAllNodesTargets(t *testing.T) {
	doc := func(target, metadata string) string { return manualTemplate(metadata, target, "IamRole") }
	for _, tc := range []struct {
		name, target, metadata, want string
		allNodes                     bool
	}{
		{"tag target", `{Key: 'tag:Env', Values: [PROD]}`, "", "", false},
		{"the all-nodes form", `{Key: InstanceIds, Values: ['*']}`, "", "", true},
		{"a typo", `{Key: 'Tag:Env', Values: [PROD]}`, "", `Content.targets: "Tag:Env" is not a target JITNA reads as this library knows it`, true},
		{"instance ids", `{Key: InstanceIds, Values: [i-0123456789abcdef0]}`, "", `Content.targets: "InstanceIds" is not a target`, true},
		{"a declared form", `{Key: ResourceGroup, Values: [all]}`, "\n    Metadata: {'cdk-jitna:allNodesTarget': {Key: ResourceGroup, Values: [all]}}", "", true},
		{"declared otherwise", `{Key: ResourceGroup, Values: [all]}`, "\n    Metadata: {'cdk-jitna:allNodesTarget': {Key: ResourceGroup, Values: [some]}}", `"ResourceGroup" is not a target`, true},
	} {
		tmpl, err := Parse("t.yaml", []byte(doc(tc.target, tc.metadata)))
		require.NoError(t, err, tc.name)
		require.Len(t, tmpl.Documents, 1, tc.name)
		d := tmpl.Documents[0]
		if tc.want == "" {
			assert.NoError(t, d.Err, tc.name)
		} else {
			assert.ErrorContains(t, d.Err, tc.want, tc.name)
		}
		m, ok := d.Policy.(*policy.ManualApproval)
		require.True(t, ok, tc.name)
		assert.Equal(t, tc.allNodes, m.AllNodes, tc.name)
	}
}

// An approver type spelling the library does not know is accepted where the
// resource declares it (as the constructs do for ExtraApproverTypes), and
// only there.
func TestDeclaredApproverTypes(t *testing.T) {
	doc := func(metadata string) string {
		return manualTemplate(metadata, `{Key: 'tag:Env', Values: [PROD]}`, "IdentityCenterGroup")
	}
	for metadata, want := range map[string]string{
		"": `ApprovalLevels[0].Approvers[0].Type: "IdentityCenterGroup" is not allowed: must be one of SSOGroup, SSOUser, IamRole, IamUser, IamGroup`,
		"\n    Metadata: {'cdk-jitna:extraApproverTypes': [IdentityCenterGroup]}": "",
		"\n    Metadata: {'cdk-jitna:extraApproverTypes': [IamPrincipal]}":        `"IdentityCenterGroup" is not allowed: must be one of SSOGroup, SSOUser, IamRole, IamUser, IamGroup, IamPrincipal`,
		"\n    Metadata: {'cdk-jitna:extraApproverTypes': [{a: b}]}":              `ExtraApproverTypes[0]: is required`,
	} {
		tmpl, err := Parse("t.yaml", []byte(doc(metadata)))
		require.NoError(t, err, metadata)
		require.Len(t, tmpl.Documents, 1)
		require.NoError(t, tmpl.Documents[0].Err)
		err = tmpl.Documents[0].Policy.Defaults().Validate()
		if want == "" {
			assert.NoError(t, err, metadata)
		} else {
			assert.ErrorContains(t, err, want, metadata)
		}
	}
}

// RDP recording preferences: one per template, with a tagged key.
func TestRecordingPreferences(t *testing.T) {
	prefs := func(key string) map[string]any {
		return map[string]any{"Type": "AWS::SSMGuiConnect::Preferences", "Properties": map[string]any{"ConnectionRecordingPreferences": map[string]any{
			"KMSKeyArn": map[string]any{"Fn::GetAtt": []any{key, "Arn"}},
		}}}
	}
	tagged := map[string]any{"Key": "SystemsManagerJustInTimeNodeAccessManaged", "Value": "true"}
	tmpl, err := FromValue("r.json", map[string]any{"Resources": map[string]any{
		"Tagged":   map[string]any{"Type": "AWS::KMS::Key", "Properties": map[string]any{"Tags": []any{tagged}}},
		"Untagged": map[string]any{"Type": "AWS::KMS::Key", "Properties": map[string]any{}},
		"A":        prefs("Tagged"),
		"B":        prefs("Untagged"),
		"C":        prefs("Elsewhere"),
	}})
	require.NoError(t, err)
	var got []string
	for _, f := range tmpl.Check() {
		got = append(got, f.String())
	}
	assert.Equal(t, []string{
		`r.json: B: warning: ConnectionRecordingPreferences.KMSKeyArn: "Untagged" names a KMS key without the tag SystemsManagerJustInTimeNodeAccessManaged=true: JITNA cannot record RDP connections with it`,
		"r.json: B: is a second RDP recording (AWS::SSMGuiConnect::Preferences; the first is A): an account and Region hold one",
		"r.json: C: is a second RDP recording (AWS::SSMGuiConnect::Preferences; the first is A): an account and Region hold one",
	}, got)

	tags, ok := KeyTags(tmpl.Raw["Resources"].(map[string]any), "Tagged")
	assert.True(t, ok)
	assert.Equal(t, map[string]string{"SystemsManagerJustInTimeNodeAccessManaged": "true"}, tags)
	_, ok = KeyTags(tmpl.Raw["Resources"].(map[string]any), "A")
	assert.False(t, ok, "not a key")
	_, ok = KeyTags(tmpl.Raw["Resources"].(map[string]any), "Elsewhere")
	assert.False(t, ok, "not in the template")
}

// The rules across documents see the documents that could be read: an
// overlap between two is found beside one whose content is not.
func TestSetFindings(t *testing.T) {
	manual := func(name string) map[string]any {
		p := policy.ManualApproval{Name: name, AccessDuration: time.Hour, Targets: []policy.TagTarget{{Key: "Workload", Values: []string{"Finance"}}},
			ApprovalLevels: []policy.ApprovalLevel{{Approvers: []policy.Approver{policy.IamRoleApprover("Lead")}}}}
		d := p.Document()
		return map[string]any{"Type": "AWS::SSM::Document", "Properties": map[string]any{"Name": d.Name, "DocumentType": d.Type, "Content": d.Content}}
	}
	tmpl, err := FromValue("s.json", map[string]any{"Resources": map[string]any{
		"A": manual("A-Policy"), "B": manual("B-Policy"),
		"Broken": map[string]any{"Type": "AWS::SSM::Document", "Properties": map[string]any{"Name": "C-Policy", "DocumentType": "ManualApprovalPolicy", "Content": "{not json"}},
	}})
	require.NoError(t, err)
	var broken bool
	for _, d := range tmpl.Documents {
		broken = broken || d.LogicalID == "Broken" && d.Policy == nil && d.Err != nil
	}
	require.True(t, broken, "a document whose content cannot be read")
	findings := tmpl.SetFindings()
	require.Len(t, findings, 1)
	assert.Equal(t, Finding{File: "s.json", LogicalID: "B", Severity: "warning", Message: findings[0].Message}, findings[0])
	assert.Contains(t, findings[0].Message, `manual approval policies "A-Policy" and "B-Policy" can apply to the same node`)
}

// stackSetWith is a template whose StackSet gives its member template the
// parameters given (YAML flow list items), the member reading Duration and
// Env in a manual approval policy.
func stackSetWith(parameters string) string {
	member := `Parameters:
  Duration: {Type: Number, Default: 3600}
  Env: {Type: String, Default: DEV}
Resources:
  Manual:
    Type: AWS::SSM::Document
    Properties:
      Name: Env-Policy
      DocumentType: ManualApprovalPolicy
      Content:
        schemaVersion: '0.3'
        accessDuration: {Ref: Duration}
        description: by environment
        accessTokenRole: SSM-JustInTimeAccessTokenRole
        targets: [{Key: tag:Env, Values: [{Ref: Env}]}]
        mainSteps:
          - name: ManualApproval
            action: aws:approve
            timeoutSeconds: 3600
            inputs: {Message: m, MinRequiredApprovals: 1, EnhancedApprovals: {Approvers: [{approver: lead, type: IamUser}]}}
`
	body, _ := json.Marshal(member)
	return `{"Resources": {"Members": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateBody": ` + string(body) + `, "Parameters": [` + parameters + `]}}}}`
}

// The member template is read with the values the StackSet gives its
// parameters, over their defaults, as CloudFormation deploys it: a value
// out of range is found, and the policy targets the value given.
func TestStackSetParametersOverDefaults(t *testing.T) {
	tmpl, err := Parse("s.json", []byte(stackSetWith(`{"ParameterKey": "Env", "ParameterValue": "PROD"}, {"ParameterKey": "Duration", "ParameterValue": "99999999"}`)))
	require.NoError(t, err)
	require.Len(t, tmpl.StackSets, 1)
	doc := tmpl.StackSets[0].Documents[0]
	m, ok := doc.Policy.(*policy.ManualApproval)
	require.True(t, ok, "%v", doc.Err)
	assert.Equal(t, []string{"PROD"}, m.Targets[0].Values)
	var got []string
	for _, f := range tmpl.Check() {
		got = append(got, f.String())
	}
	assert.True(t, slices.ContainsFunc(got, func(s string) bool {
		return strings.Contains(s, "Members/Manual: AccessDuration") && strings.Contains(s, "out of range")
	}), "%v", got)

	// Without Parameters, the defaults.
	tmpl, err = Parse("s.json", []byte(stackSetWith(``)))
	require.NoError(t, err)
	assert.Equal(t, []string{"DEV"}, tmpl.StackSets[0].Documents[0].Policy.(*policy.ManualApproval).Targets[0].Values)
	assert.Empty(t, tmpl.Check())

	// A value computed at deployment: the parameter is unknown, not its
	// default.
	tmpl, err = Parse("s.json", []byte(stackSetWith(`{"ParameterKey": "Env", "ParameterValue": {"Ref": "AWS::AccountId"}}`)))
	require.NoError(t, err)
	assert.NotEqual(t, []string{"DEV"}, targetValues(tmpl.StackSets[0].Documents[0]))
}

func targetValues(d Document) []string {
	if m, ok := d.Policy.(*policy.ManualApproval); ok && len(m.Targets) > 0 {
		return m.Targets[0].Values
	}
	return nil
}

// What CloudFormation refuses of a StackSet's parameters: a name the
// member template does not declare, one given twice, and a parameter with
// no value and no Default.
func TestStackSetParameterMistakes(t *testing.T) {
	tmpl, err := Parse("s.json", []byte(stackSetWith(`{"ParameterKey": "Envv", "ParameterValue": "PROD"}, {"ParameterKey": "Env", "ParameterValue": "A"}, {"ParameterKey": "Env", "ParameterValue": "B"}`)))
	require.NoError(t, err)
	var got []string
	for _, f := range tmpl.Check() {
		got = append(got, f.String())
	}
	assert.Contains(t, got, `s.json: Members: Parameters: "Envv" is not a parameter of the member template: CloudFormation refuses the StackSet`)
	assert.Contains(t, got, `s.json: Members: Parameters[2].ParameterKey: "Env" is given twice`)
	noDefault := strings.Replace(stackSetWith(``), `Default: DEV`, `MinLength: 1`, 1)
	tmpl, err = Parse("s.json", []byte(noDefault))
	require.NoError(t, err)
	got = nil
	for _, f := range tmpl.Check() {
		got = append(got, f.String())
	}
	assert.Contains(t, got, `s.json: Members: Parameters: "Env" has no value: the member template declares it without a Default, and the StackSet gives none (its stack instances fail)`)
}

// A member template's KMS key ARN serves the StackSet's Regions only if it
// is theirs: a session key of us-east-1 deployed to us-east-2 too is an
// error, as is an RDP recording key; an alias name passes.
func TestKeyRegionsOfAStackSet(t *testing.T) {
	const key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	member := func(sessionKey string) string {
		body, _ := json.Marshal(`{"Resources": {
  "Session": {"Type": "AWS::SSM::Document", "Properties": {"Name": "SSM-SessionManagerRunShell", "DocumentType": "Session", "DocumentFormat": "JSON",
    "Content": {"schemaVersion": "1.0", "sessionType": "Standard_Stream", "inputs": {"kmsKeyId": "` + sessionKey + `", "s3EncryptionEnabled": true, "cloudWatchEncryptionEnabled": true, "cloudWatchStreamingEnabled": false, "runAsEnabled": false, "idleSessionTimeout": "20", "maxSessionDuration": "60"}}}},
  "Recording": {"Type": "AWS::SSMGuiConnect::Preferences", "Properties": {"ConnectionRecordingPreferences": {"KMSKeyArn": "` + key + `", "RecordingDestinations": {"S3Buckets": [{"BucketName": "recordings", "BucketOwner": "111122223333"}]}}}}}}`)
		return `{"Resources": {"Members": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateBody": ` + string(body) +
			`, "StackInstancesGroup": [{"Regions": ["us-east-1", "us-east-2"], "DeploymentTargets": {"OrganizationalUnitIds": ["r-abcd"]}}]}}}}`
	}
	tmpl, err := Parse("s.json", []byte(member(key)))
	require.NoError(t, err)
	assert.Equal(t, []string{"us-east-1", "us-east-2"}, tmpl.StackSets[0].Regions)
	var got []string
	for _, f := range tmpl.Check() {
		got = append(got, f.String())
	}
	assert.Equal(t, []string{
		`s.json: Members/Session: KMSKeyID: "` + key + `" is a key of us-east-1, but it is used in us-east-2 too: KMS keys are regional; give an alias name (alias/…) that a key of each Region carries, or a key per Region`,
		`s.json: Members/Recording: ConnectionRecordingPreferences.KMSKeyArn: "` + key + `" is a key of us-east-1, but it is used in us-east-2 too: KMS keys are regional; give an alias name (alias/…) that a key of each Region carries, or a key per Region`,
	}, got)

	tmpl, err = Parse("s.json", []byte(member("alias/sessions")))
	require.NoError(t, err)
	assert.Len(t, tmpl.Check(), 1, "the recording's key alone")
}

// A template over CloudFormation's 1 MB is refused; at the limit it is read.
func TestTemplateSizeLimit(t *testing.T) {
	base := `{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}, "Description": ""}`
	for size, ok := range map[int]bool{rollout.MaxTemplateURL: true, rollout.MaxTemplateURL + 1: false} {
		text := strings.Replace(base, `""`, `"`+strings.Repeat("d", size-len(base))+`"`, 1)
		require.Len(t, text, size)
		tmpl, err := Parse("big.json", []byte(text))
		require.NoError(t, err)
		if ok {
			assert.Empty(t, tmpl.Check(), size)
			continue
		}
		require.Len(t, tmpl.Check(), 1)
		assert.Equal(t, "big.json: is a template of 1048577 bytes: CloudFormation reads a template of at most 1048576 bytes (from S3)", tmpl.Check()[0].String())
	}
}

// What jitna validate must not let through in a template's values: an AWS
// CDK token anywhere (a synthesized template never holds one, and a check
// skips such a value), and a DocumentFormat the content cannot be read as.
func TestTokensAndDocumentFormats(t *testing.T) {
	deny := func(format, content string) string {
		return `{"Resources": {"Deny": {"Type": "AWS::SSM::Document", "Properties": {"Name": "SSM-JustInTimeAccessDenyAccessOrgPolicy", "DocumentType": "AutoApprovalPolicy"` +
			format + `, "Content": ` + content + `}}}}`
	}
	const rawCedar = `"forbid (principal, action, resource) when { resource.hasTag(\"Env\") && resource.getTag(\"Env\") == \"PROD\" };"`
	const tokenInComment = `"// owner: ${Token[TOKEN.12]}\npermit (principal, action, resource);"`
	manual := `{"Resources": {"M": {"Type": "AWS::SSM::Document", "Properties": {"Name": "Finance", "DocumentType": "ManualApprovalPolicy", "DocumentFormat": "TEXT", "Content": ` +
		`{"schemaVersion": "0.3", "accessDuration": "PT8H", "targets": [{"Key": "tag:Workload", "Values": ["Finance"]}], "mainSteps": [{"name": "ManualApproval", "action": "aws:approve", "timeoutSeconds": 604800, "inputs": {"Approvers": [{"Type": "IamRole", "Id": "Lead"}], "MinRequiredApprovals": 1, "Message": "Please approve this request"}}]}}}}}`
	for name, tc := range map[string]struct {
		text string
		want []string
	}{
		"raw Cedar as TEXT":          {deny(`, "DocumentFormat": "TEXT"`, rawCedar), nil},
		"raw Cedar marked JSON":      {deny(`, "DocumentFormat": "JSON"`, rawCedar), []string{`t.json: Deny: DocumentFormat: "JSON" does not fit the content, which is Cedar text: SSM reads it as JSON and fails; write DocumentFormat TEXT`}},
		"raw Cedar with no format":   {deny(``, rawCedar), []string{`t.json: Deny: DocumentFormat: "JSON" does not fit the content, which is Cedar text`}},
		"manual approval as TEXT":    {manual, []string{`t.json: M: DocumentFormat: "TEXT" does not fit the content, which is a document of keys: TEXT holds Cedar text only; write DocumentFormat YAML`}},
		"a format that is not one":   {deny(`, "DocumentFormat": "CEDAR"`, rawCedar), []string{`t.json: Deny: DocumentFormat: "CEDAR" is not allowed: must be one of JSON, YAML, TEXT`}},
		"a token in a Cedar comment": {deny(`, "DocumentFormat": "TEXT"`, tokenInComment), []string{`t.json: Deny: Content: "// owner: ${Token[TOKEN.12]}\npermit (principal, action, reso… (66 characters)" holds an AWS CDK token (${Token[…]}), which a synthesized template never does`}},
	} {
		tmpl, err := Parse("t.json", []byte(tc.text))
		require.NoError(t, err, name)
		var got []string
		for _, f := range tmpl.Check() {
			got = append(got, f.String())
		}
		if tc.want == nil {
			assert.Empty(t, got, name)
			continue
		}
		for _, w := range tc.want {
			assert.True(t, slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, w) }), "%s: want %s\ngot %q", name, w, got)
		}
	}
}

// Logical ids as CloudFormation takes them: letters and digits, 1 to 255;
// another id is reported (not read as nesting, not used in a file name).
func TestLogicalIDs(t *testing.T) {
	for id, ok := range map[string]bool{
		"Doc1": true, strings.Repeat("a", 255): true, strings.Repeat("a", 256): false,
		"Members/Doc": false, "../../x": false, "my-doc": false, "Doc_1": false,
	} {
		data, _ := json.Marshal(map[string]any{"Resources": map[string]any{id: map[string]any{"Type": "AWS::SQS::Queue"}}})
		tmpl, err := Parse("t.json", data)
		require.NoError(t, err)
		findings := tmpl.Check()
		if ok {
			assert.Empty(t, findings, id)
			continue
		}
		require.Len(t, findings, 1, id)
		assert.Equal(t, "t.json: "+id+": is not a logical id CloudFormation takes: letters and digits only, 1 to 255 of them", findings[0].String())
	}
}
