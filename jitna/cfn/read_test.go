package cfn

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShortFormTagsBecomeLongForm(t *testing.T) {
	tmpl, err := Parse([]byte(`
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      A: !Ref Param
      B: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x
      C: !GetAtt Role.Arn
      D: !Join [",", [a, !Ref B]]
      E: !Sub
        - "${X}-y"
        - X: !Ref Z
      F: 3600
      G: 'false'
      H: true
      I: ~
`))
	require.NoError(t, err)
	p := tmpl["Resources"].(map[string]any)["R"].(map[string]any)["Properties"].(map[string]any)
	assert.Equal(t, map[string]any{"Ref": "Param"}, p["A"])
	assert.Equal(t, map[string]any{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x"}, p["B"])
	assert.Equal(t, map[string]any{"Fn::GetAtt": []any{"Role", "Arn"}}, p["C"])
	assert.Equal(t, map[string]any{"Fn::Join": []any{",", []any{"a", map[string]any{"Ref": "B"}}}}, p["D"])
	assert.Equal(t, map[string]any{"Fn::Sub": []any{"${X}-y", map[string]any{"X": map[string]any{"Ref": "Z"}}}}, p["E"])
	assert.Equal(t, 3600.0, p["F"])
	assert.Equal(t, "false", p["G"])
	assert.Equal(t, true, p["H"])
	assert.Nil(t, p["I"])
}

func TestJSONTemplates(t *testing.T) {
	tmpl, err := Parse([]byte(`{"Resources": {"R": {"Type": "T", "Properties": {"N": 1}}}}`))
	require.NoError(t, err)
	assert.Equal(t, 1.0, tmpl["Resources"].(map[string]any)["R"].(map[string]any)["Properties"].(map[string]any)["N"])
}

func TestTheAWSSampleReads(t *testing.T) {
	data, err := os.ReadFile("testdata/just-in-time-quick-setup-cfn-template.yaml")
	require.NoError(t, err)
	tmpl, err := Parse(data)
	require.NoError(t, err)
	res := tmpl["Resources"].(map[string]any)
	assert.Len(t, res, 5)
	jitna := res["JITNAQuickSetupConfigurationManager"].(map[string]any)
	assert.Equal(t, "SSMUnifiedConsoleQuickSetupConfigurationManager", jitna["DependsOn"])
}

func TestBadTemplatesAreErrors(t *testing.T) {
	for name, src := range map[string]string{
		"empty":        "  \n",
		"list":         "- a\n- b\n",
		"scalar":       "hello",
		"repeated key": "A: 1\nA: 2\n",
		"bad getatt":   "A: !GetAtt NoDot\n",
		"merge key":    "A: &x {b: 1}\nC:\n  <<: *x\n",
		"broken yaml":  "A: [1, 2\n",
		"complex key":  "? [a]\n: 1\n",
		"alias bomb":   aliasBomb(),
		"too deep":     strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(src))
			assert.Error(t, err)
		})
	}
}

// aliasBomb is the "billion laughs" document: each level doubles ten times.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for i := 0; i < 8; i++ {
		name := string(rune('b' + i))
		b.WriteString(name + ": &" + name + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	return b.String()
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("Resources:\n  R:\n    Type: T\n    Properties: {A: !Ref B}\n"))
	f.Add([]byte(`{"Resources": {}}`))
	f.Add([]byte("A: !GetAtt X.Y\nB: !Sub [a, {b: c}]\n"))
	f.Add([]byte(aliasBomb()))
	f.Fuzz(func(t *testing.T, data []byte) {
		tmpl, err := Parse(data)
		if err == nil && tmpl == nil {
			t.Fatal("nil template without an error")
		}
	})
}
