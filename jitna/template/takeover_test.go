package template

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// The preferences a Custom::JitnaSessionPreferences resource applies are
// read as the document they become: from its JSON text, or from the Fn::Join
// the CDK writes when a value in it is known only at deployment.
func TestSessionTakeOverIsReadAsTheDocument(t *testing.T) {
	tmpl, err := Parse("t.yaml", []byte(`
Resources:
  Joined:
    Type: Custom::JitnaSessionPreferences
    Properties:
      ServiceToken: {"Fn::GetAtt": [Handler, Arn]}
      DocumentName: SSM-SessionManagerRunShell
      OnDelete: restore
      Content:
        Fn::Join:
          - ""
          - - '{"schemaVersion":"1.0","sessionType":"Standard_Stream","inputs":{"idleSessionTimeout":"15","cloudWatchLogGroupName":"'
            - {"Fn::Sub": "session-manager-${AWS::Region}"}
            - '"}}'
`))
	require.NoError(t, err)
	require.Len(t, tmpl.Documents, 1)
	d := tmpl.Documents[0]
	assert.Equal(t, Document{LogicalID: "Joined", Name: policy.SessionPreferencesName, Type: policy.TypeSession, Policy: d.Policy}, d)
	require.NoError(t, d.Err)
	s, ok := d.Policy.(*policy.SessionSettings)
	require.True(t, ok)
	assert.Equal(t, 15*time.Minute, s.IdleSessionTimeout)
	assert.Equal(t, "${Unresolved[Fn::Sub]}", s.CloudWatchLogGroupName)
	assert.Empty(t, tmpl.Check())
}

func TestSessionTakeOverMistakes(t *testing.T) {
	tmpl, err := Parse("t.yaml", []byte(`
Resources:
  OtherName:
    Type: Custom::JitnaSessionPreferences
    Properties: {DocumentName: My-Prefs, Content: '{"schemaVersion":"1.0","sessionType":"Standard_Stream","inputs":{}}'}
  Mapping:
    Type: Custom::JitnaSessionPreferences
    Properties: {DocumentName: SSM-SessionManagerRunShell, Content: {schemaVersion: "1.0"}}
`))
	require.NoError(t, err)
	var got []string
	for _, f := range tmpl.Check() {
		got = append(got, f.String())
	}
	assert.Contains(t, got, `t.yaml: OtherName: DocumentName: "My-Prefs" is not SSM-SessionManagerRunShell: the custom resource takes over the Session Manager preferences only`)
	assert.Contains(t, got, "t.yaml: Mapping: Content: is a mapping: the custom resource takes the document's JSON text as a string")
	require.Len(t, tmpl.Documents, 2)
	assert.Equal(t, policy.SessionPreferencesName, tmpl.Documents[1].Name, "read as the preferences it would apply")
}

func TestJoinedText(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{"plain", "plain"},
		{map[string]any{"Fn::Join": []any{"-", []any{"a", map[string]any{"Ref": "P"}, "c"}}}, "a-${Unresolved[Ref]}-c"},
		{map[string]any{"Fn::Join": []any{"-"}}, "${Unresolved[Fn::Join]}"},
		{map[string]any{"Ref": "P"}, "${Unresolved[Ref]}"},
	} {
		assert.Equal(t, tc.want, joinedText(tc.in), "%v", tc.in)
	}
}
