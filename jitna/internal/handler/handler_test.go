package handler

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// TestHandler runs the handler's own tests (node --test) against index.js and
// against the inline form the templates hold. make test puts the pinned
// Node.js on PATH; elsewhere the test is skipped, except under CI=true.
func TestHandler(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is not on PATH: the handler's tests need it (make test installs the pinned Node.js)")
		}
		t.Skip("node is not on PATH: run make test for the handler's tests")
	}
	inline := filepath.Join(t.TempDir(), "index.js")
	require.NoError(t, os.WriteFile(inline, []byte(Source()), 0o600))
	for name, module := range map[string]string{"index.js": "index.js", "inline": inline} {
		cmd := exec.Command(node, "--test", "--test-reporter=dot", "index.test.js", "failures.test.js", "lifecycle.test.js")
		cmd.Env = append(os.Environ(), "HANDLER="+module)
		out, err := cmd.CombinedOutput()
		assert.NoError(t, err, "%s:\n%s", name, out)
	}
}

func TestSourceDropsCommentsAndIndentation(t *testing.T) {
	s := Source()
	assert.NotContains(t, s, "\n//")
	assert.NotContains(t, s, "\n ")
	assert.Contains(t, s, "exports.handler = makeHandler({\n")
	assert.Less(t, len(s), len(source)*3/4, "the inline form is smaller")
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		assert.NotEmpty(t, line)
	}
}

// TestNamesMatchTheGoSide pins the strings the Go constructs write and the
// handler reads.
func TestNamesMatchTheGoSide(t *testing.T) {
	for _, s := range []string{
		"'" + TypePrerequisite + "'",
		"'" + policy.SessionTakeOverType + "'",
		"p.OnDelete === '" + policy.TakeOverRestore + "'",
		"DocumentType: '" + policy.TypeSession + "'",
		"'" + TypeDeployed + "': deployed",
		"p.ManagerName", "p.DefinitionType", "p.Region", "Number(p.PollSeconds)",
		"p.Step", "case 'TrustedAccess':", "case 'DelegatedAdmin':", "case 'RAMSharing':", "p.DeregisterOnDelete === 'true'",
		"\n" + AllowedLine + "\n", "process.env." + StackIDVariable,
	} {
		assert.Contains(t, source, s)
	}
}
