package policy

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// contentProblems are the problems Validate reports on Content itself.
func contentProblems(p Policy) []string {
	var out []string
	for _, pr := range check.Problems(checked(p)) {
		if pr.Field == "Content" {
			out = append(out, pr.Message)
		}
	}
	return out
}

// padded returns Cedar whose policy renders to content of exactly size
// bytes, as measured for the limit (JSON, or the text itself).
func padded(t *testing.T, size int, render func(cedarText string) Policy) Policy {
	t.Helper()
	measure := func(p Policy) int {
		if s, ok := p.Document().Content.(string); ok {
			return len(s)
		}
		data, err := json.Marshal(p.Document().Content)
		require.NoError(t, err)
		return len(data)
	}
	base := measure(render(validCedar + "\n//"))
	p := render(validCedar + "\n//" + strings.Repeat("x", size-base))
	require.Equal(t, size, measure(p))
	return p
}

// The 64 KB content limit: content of exactly MaxContentBytes is accepted,
// one byte more is not, for documents measured as JSON and as raw text.
func TestContentSizeLimit(t *testing.T) {
	auto := func(text string) Policy { return AutoApproval{Documents: []CedarDocument{{Cedar: text}}} }
	deny := func(text string) Policy {
		return DenyAccess{Format: DenyAccessCedarText, Documents: []CedarDocument{{Cedar: strings.ReplaceAll(text, "permit", "forbid")}}}
	}
	for name, render := range map[string]func(string) Policy{"JSON content": auto, "raw Cedar content": deny} {
		assert.Empty(t, contentProblems(padded(t, MaxContentBytes-1, render)), name)
		assert.Empty(t, contentProblems(padded(t, MaxContentBytes, render)), name)
		assert.Equal(t, []string{"is 65537 bytes long: an SSM document's content is at most 65536 bytes (64 KB)"},
			contentProblems(padded(t, MaxContentBytes+1, render)), name)
	}
}
