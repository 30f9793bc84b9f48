package cfn

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/internal/awssamples"
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
	tmpl, err := Parse([]byte(awssamples.QuickSetup))
	require.NoError(t, err)
	res := tmpl["Resources"].(map[string]any)
	assert.Len(t, res, 5)
	jitna := res["JITNAQuickSetupConfigurationManager"].(map[string]any)
	assert.Equal(t, "SSMUnifiedConsoleQuickSetupConfigurationManager", jitna["DependsOn"])
}

func TestBadTemplatesAreErrors(t *testing.T) {
	for name, tc := range map[string]struct{ src, want string }{
		"empty":                 {"  \n", "empty template"},
		"only a comment":        {"# nothing\n", "empty template"},
		"list":                  {"- a\n- b\n", "line 1: a template must be a mapping, not a list"},
		"scalar":                {"hello", "line 1: a template must be a mapping, not a single value"},
		"repeated key":          {"A: 1\nA: 2\n", `line 2: key "A" is repeated`},
		"repeated nested key":   {"A:\n  B: 1\n  C: 2\n  B: 3\n", `line 4: key "B" is repeated`},
		"repeated JSON key":     {"{\"A\": {\"B\": 1,\n \"B\": 2}}", `line 2: key "B" is repeated`},
		"repeated top JSON key": {`{"Resources": {}, "Resources": {"R": {}}}`, `line 1: key "Resources" is repeated`},
		"bad getatt":            {"A: !GetAtt NoDot\n", `line 1: !GetAtt "NoDot" must be Resource.Attribute`},
		"merge key":             {"A: &x {b: 1}\nC:\n  <<: *x\n", "line 3: YAML merge keys (<<) are not supported in templates"},
		"broken yaml":           {"A: [1, 2\n", "did not find expected ',' or ']'"},
		"complex key":           {"? [a]\n: 1\n", "line 1: a mapping key must be a plain value"},
		"alias bomb":            {aliasBomb(), "too many values for the input's size (YAML aliases expanded): not read"},
		"too deep":              {nested(MaxDepth + 1), "nested more than 200 levels deep"},
		// A broken JSON template is reported as JSON, at its line, not with
		// the YAML parser's words.
		"truncated JSON":                {"\n{\n  \"Resources\": {\n    \"A\": {\"Type\": ", "line 4: not valid JSON: unexpected end of JSON input"},
		"broken JSON after blank lines": {"\n\n{\"A\": 1,\n\"B\" 2,\n\"C\": 3}", "line 4: not valid JSON: invalid character '2' after object key"},
		"broken YAML not JSON":          {"A: [1, 2\n", "yaml: line 1: did not find expected ',' or ']'"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// A JSON array or object may hold repeated values, only not repeated keys.
func TestJSONValuesMayRepeat(t *testing.T) {
	tmpl, err := Parse([]byte(`{"A": ["x", "x", {"k": 1}, {"k": 1}], "B": {"A": {"A": 1}}, "C": "A"}`))
	require.NoError(t, err)
	assert.Equal(t, []any{"x", "x", map[string]any{"k": 1.0}, map[string]any{"k": 1.0}}, tmpl["A"])
}

// nested is a template whose innermost value is depth mappings down.
func nested(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	b.WriteString(strings.Repeat(" ", depth) + "1\n")
	return b.String()
}

// The depth limit is inclusive: MaxDepth levels read, one more does not.
func TestDepthLimit(t *testing.T) {
	_, err := Parse([]byte(nested(MaxDepth)))
	assert.NoError(t, err)
	_, err = Parse([]byte(nested(MaxDepth + 1)))
	// The innermost value, on line MaxDepth+2, is the first too deep.
	assert.EqualError(t, err, fmt.Sprintf("line %d: nested more than %d levels deep", MaxDepth+2, MaxDepth))
}

// The alias budget admits as many values as the input has bytes, plus
// MinNodes: a document that expands to exactly that many reads, one byte less
// of input (a shorter comment) and it does not.
func TestAliasBudget(t *testing.T) {
	const k, m = 98, 200 // a list of k values, aliased m times
	body := "a: &a [" + strings.Repeat("x,", k) + "]\nb: [" + strings.Repeat("*a,", m) + "]\n"
	// Values read: the root, list a and its k values, list b, and per alias
	// the alias itself, the list and its k values.
	values := 3 + k + m*(k+2)
	pad := values - MinNodes - len(body) - len("#\n")
	require.Positive(t, pad)
	doc := func(pad int) []byte { return []byte(body + "#" + strings.Repeat("p", pad) + "\n") }
	_, err := Parse(doc(pad))
	assert.NoError(t, err)
	_, err = Parse(doc(pad - 1))
	assert.ErrorContains(t, err, "too many values for the input's size")
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
	f.Add([]byte("{\"A\": 1, \"A\": 2}"))
	f.Add([]byte(nested(MaxDepth)))
	// Property: what Parse returns is plain JSON-able data that reads back to
	// itself (read → marshal → read is the identity).
	f.Fuzz(func(t *testing.T, data []byte) {
		tmpl, err := Parse(data)
		if err != nil {
			return
		}
		if tmpl == nil {
			t.Fatal("nil template without an error")
		}
		out, err := json.Marshal(tmpl)
		if err != nil {
			t.Fatalf("a template that read cannot be written as JSON: %v", err)
		}
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("the JSON of a template that read does not read: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(tmpl, back) {
			t.Fatalf("read → marshal → read changed the template:\n%#v\n%#v", tmpl, back)
		}
	})
}

// Lists count toward the depth like mappings, and so do aliases: a value
// reached through an alias is as deep as the alias plus its own depth.
func TestDepthLimitOfListsAndAliases(t *testing.T) {
	list := func(levels int) string {
		return strings.Repeat("[", levels) + "x" + strings.Repeat("]", levels)
	}
	_, err := Parse([]byte("a: " + list(MaxDepth-1) + "\n"))
	assert.NoError(t, err)
	_, err = Parse([]byte("a: " + list(MaxDepth) + "\n"))
	assert.EqualError(t, err, fmt.Sprintf("line 1: nested more than %d levels deep", MaxDepth))

	// The anchored list sits at depth 1; through the alias, at depth 2.
	anchored := func(levels int) string {
		return "a: &a " + list(levels) + "\nb: [*a]\n"
	}
	_, err = Parse([]byte(anchored(MaxDepth - 3)))
	assert.NoError(t, err)
	_, err = Parse([]byte(anchored(MaxDepth - 2)))
	assert.ErrorContains(t, err, fmt.Sprintf("nested more than %d levels deep", MaxDepth))
}

// A YAML flow mapping starts with "{" like JSON but is not JSON: it is read
// as YAML.
func TestFlowMappingIsYAML(t *testing.T) {
	got, err := Parse([]byte("{Resources: {B: {Type: AWS::S3::Bucket}}}"))
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"Resources": map[string]any{"B": map[string]any{"Type": "AWS::S3::Bucket"}}}, got)
}
