package policy

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// jsonValue returns v as encoding/json would read it back (numbers as
// float64), the form templates are read in.
func jsonValue(t testing.TB, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(data, &out))
	return out
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

// checked validates p as the constructs, the config loader and the template
// check do: after its defaults.
func checked(p Policy) error { return p.Defaults().Validate() }
