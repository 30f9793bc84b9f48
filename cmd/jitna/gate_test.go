package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// autoTemplate writes a template whose auto-approval policy holds cedar.
func autoTemplate(t *testing.T, name, cedar string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("Resources:\n  Auto:\n    Type: AWS::SSM::Document\n    Properties:\n      Name: SSM-JustInTimeAccessAutoApprovalPolicy\n" +
		"      DocumentType: AutoApprovalPolicy\n      Content:\n        schemaVersion: '0.3'\n        accessTokenRole: SSM-JustInTimeAccessTokenRole\n" +
		"        accessDuration: 3600\n        AutoApprovalPolicyDocuments:\n          - type: Cedar\n            content: |\n")
	for _, line := range strings.Split(cedar, "\n") {
		b.WriteString("              " + line + "\n")
	}
	path := filepath.Join(t.TempDir(), name+".template.yaml")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	return path
}

const devGroup = `permit (principal in AWS::IdentityStore::Group::"dev", action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag("env") && resource.getTag("env") == "dev" };`

// The README's CI recipe (no inventory, no requesters) fails on a widening
// scoped to a group, and its Markdown gives a witness.
func TestGateFailsOnAGroupWidening(t *testing.T) {
	before := autoTemplate(t, "before", devGroup)
	after := autoTemplate(t, "after", strings.Replace(devGroup, `resource.getTag("env") == "dev"`, `(resource.getTag("env") == "dev" || resource.getTag("env") == "staging")`, 1))
	code, stdout, stderr := runJitna("diff", "--before", before, "--after", after, "--output", "markdown", "--fail-on", "widen")
	assert.Equal(t, exitProblems, code, stderr)
	assert.Contains(t, stdout, `| **widens** | no applicable policy → auto-approved: more access | in group "dev"; node tag env = "staging" | user witness-user; groups dev; requesting EC2 node i-00000000000000000, tags env="staging" |`, stdout)
	code, _, _ = runJitna("diff", "--before", before, "--after", before, "--fail-on", "widen")
	assert.Equal(t, exitOK, code, "no change")

	// Other requester scopes: an attribute, a principal tag.
	for _, widened := range []string{
		devGroup + "\npermit (principal, action, resource) when { principal has costCenter };",
		devGroup + "\npermit (principal, action, resource) when { context.iam.principalTags.hasTag(\"oncall\") };",
	} {
		code, stdout, _ := runJitna("diff", "--before", before, "--after", autoTemplate(t, "widened", widened))
		assert.Equal(t, exitProblems, code, stdout)
		assert.Contains(t, stdout, "WIDENS: no applicable policy → auto-approved")
	}
}

// No value of a template reaches the terminal or the Markdown raw: control
// characters are escaped, HTML and table syntax too.
func TestDiffOutputIsEscaped(t *testing.T) {
	before := autoTemplate(t, "before", devGroup)
	after := autoTemplate(t, "after", `permit (principal, action, resource) when { resource.hasTag("env") && resource.getTag("env") == "x\r<!--\u{1b}[31m|**ALL CLEAR**" };`)
	code, stdout, _ := runJitna("diff", "--before", before, "--after", after, "--output", "markdown")
	assert.Equal(t, exitProblems, code)
	table, _, _ := strings.Cut(stdout, "#### Policy documents") // a fenced block renders no HTML
	assert.NotContains(t, stdout, "\r")
	assert.NotContains(t, table, "<!--")
	assert.NotContains(t, stdout, "\x1b")
	assert.Contains(t, table, `node tag env = "x\\r&lt;!--\\x1b\[31m\|\*\*ALL CLEAR\*\*"`)
	_, stdout, _ = runJitna("diff", "--before", before, "--after", after)
	assert.NotContains(t, stdout, "\x1b")
	assert.NotContains(t, stdout, "\r")
}

// Output that cannot be written is a failure, not a success.
func TestFailedWritesExit2(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	require.NoError(t, err)
	defer full.Close()
	before := autoTemplate(t, "before", devGroup)
	for _, output := range []string{"text", "json", "markdown"} {
		var stderr strings.Builder
		code := run([]string{"diff", "--before", before, "--after", before, "--output", output, "--fail-on", "none"}, full, &stderr)
		assert.Equal(t, exitUsage, code, output)
		assert.Contains(t, stderr.String(), "the output could not be written", output)
	}
}

// Every command's text escapes what it did not write itself: a requester's
// name, a tag, a template's text cannot move the cursor, clear the
// terminal or forge a line.
func TestTextOutputIsEscaped(t *testing.T) {
	evil := "evil\x1b[2J\r\n**ALL CLEAR**"
	templ := autoTemplate(t, "policies", `permit (principal, action, resource) when { resource.hasTag("env") && resource.getTag("env") == "dev" };`)
	dir := t.TempDir()
	people := filepath.Join(dir, "people.json")
	require.NoError(t, os.WriteFile(people, []byte(`[{"name": "evil\u001b[2J\r\n**ALL CLEAR**", "user": "u-1"}]`), 0o644))
	nodes := filepath.Join(dir, "nodes.json")
	require.NoError(t, os.WriteFile(nodes, []byte(`[{"id": "i-0000000000000000a", "tags": {"env": "dev"}}]`), 0o644))
	_, stdout, stderr := runJitna("coverage", "--template", templ, "--inventory", nodes, "--requesters", people)
	assert.NotContains(t, stdout, "\x1b", stderr)
	assert.NotContains(t, stdout, "\n**ALL CLEAR**")
	assert.Contains(t, stdout, `evil\u001b[2J\u000d\u000a**ALL CLEAR**`)

	_, stdout, stderr = runJitna("simulate", "--template", templ, "--node-tags", "env="+evil)
	assert.Contains(t, stdout, `with tags env=evil\u001b[2J`, stderr)
	assert.NotContains(t, stdout, "\x1b")
	assert.NotContains(t, stdout, "\n**ALL CLEAR**")

	bad := autoTemplate(t, "bad", "permit (principal, action, resource) when { "+evil+" };")
	_, stdout, stderr = runJitna("validate", bad)
	assert.NotContains(t, stdout+stderr, "\x1b")
	assert.NotContains(t, stdout+stderr, "\r")
}
