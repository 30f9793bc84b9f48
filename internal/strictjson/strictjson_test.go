package strictjson

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type item struct {
	Name string            `json:"name"`
	Tags map[string]string `json:"tags"`
}

func TestDecode(t *testing.T) {
	var got []item
	require.NoError(t, Decode([]byte("[{\"name\": \"a\", \"tags\": {\"K\": \"1\"}}, {\"name\": \"a\"}]\n\n"), &got))
	assert.Equal(t, []item{{Name: "a", Tags: map[string]string{"K": "1"}}, {Name: "a"}}, got, "repeated values are fine, and trailing space")

	for input, want := range map[string]string{
		`[{"name": "a", "name": "b"}]`:                `line 1: key "name" is repeated`,
		"[{\"tags\": {\"K\": \"1\",\n\"K\": \"2\"}}]": `line 2: key "K" is repeated`,
		`[{"nme": "a"}]`:                              `json: unknown field "nme"`,
		"[]\n[]":                                      "line 2: more after the JSON value: give one value",
		"[] x":                                        "line 1: more after the JSON value",
		`[{"name": 1}]`:                               "cannot unmarshal number",
		`[`:                                           "unexpected EOF",
	} {
		var v []item
		assert.ErrorContains(t, Decode([]byte(input), &v), want, input)
	}
}

func TestRepeatedKeys(t *testing.T) {
	for input, want := range map[string]string{
		`{"A": 1, "B": {"A": 2}, "C": [{"A": 1}, {"A": 1}]}`: "",
		`{"A": [1, {"B": 1}], "A": 2}`:                       `line 1: key "A" is repeated`,
		"{\"A\": {\"B\": 1,\n \"B\": 2}}":                    `line 2: key "B" is repeated`,
		`{"A": {"B": {}, "C": "B", "B": 1}}`:                 `line 1: key "B" is repeated`,
		`{"A": ["x", "A"]}`:                                  "",
	} {
		err := RepeatedKeys([]byte(input))
		if want == "" {
			assert.NoError(t, err, input)
			continue
		}
		assert.EqualError(t, err, want, input)
	}
}
