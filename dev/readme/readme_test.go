package readme

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// enable is the variable `make readme` sets.
const enable = "JITNA_README"

// block is a fenced code block of the README: its info string, its lines
// and the line of the README it starts on.
type block struct {
	info  string
	lines []string
	at    int
}

// root is the repository's root.
const root = "../.."

// blocks returns the code blocks of a Markdown file of the repository.
func blocks(t *testing.T, name string) []block {
	t.Helper()
	f, err := os.Open(filepath.Join(root, name))
	require.NoError(t, err)
	defer f.Close()
	var out []block
	var cur *block
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &block{info: strings.TrimPrefix(line, "```"), at: n}
		case cur != nil && line == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, line)
		}
	}
	require.NoError(t, sc.Err())
	require.Nil(t, cur, "an unclosed code block")
	return out
}

func enabled(t *testing.T) {
	if os.Getenv(enable) == "" {
		t.Skip("run by make readme (" + enable + "=1), after synthesis, with the pinned Node.js on PATH")
	}
}

func bash(t *testing.T, dir, script string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// Every ```sh block runs and succeeds.
func TestShellBlocks(t *testing.T) {
	enabled(t)
	ran := 0
	for _, b := range blocks(t, "README.md") {
		if b.info != "sh" {
			continue
		}
		var script []string
		for _, l := range b.lines {
			if !strings.HasPrefix(l, "make ") {
				script = append(script, l)
			}
		}
		out, err := bash(t, root, strings.Join(script, "\n"))
		assert.NoError(t, err, "README.md:%d:\n%s\n%s", b.at, strings.Join(b.lines, "\n"), out)
		ran++
	}
	assert.Greater(t, ran, 3)
}

// Every "$ COMMAND" block, in the README and in docs/, prints what it shows.
func TestCommandOutputs(t *testing.T) {
	enabled(t)
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	require.NoError(t, err)
	ran := 0
	for _, file := range append([]string{filepath.Join(root, "README.md")}, docs...) {
		name, err := filepath.Rel(root, file)
		require.NoError(t, err)
		for _, b := range blocks(t, name) {
			if b.info != "" || len(b.lines) == 0 || !strings.HasPrefix(b.lines[0], "$ ") {
				continue
			}
			out, _ := bash(t, root, strings.TrimPrefix(b.lines[0], "$ ")) // some show a failure
			for _, want := range b.lines[1:] {
				if strings.TrimSpace(want) == "…" {
					continue
				}
				assert.Contains(t, out, want, "%s:%d: %s", name, b.at, b.lines[0])
			}
			ran++
		}
	}
	assert.Greater(t, ran, 4)
}

// prerelease is the README's command that stands for go get until a
// release is tagged.
var prerelease = regexp.MustCompile("`(go mod edit -replace=[^`]+)`")

// offline is the environment of the README's module commands here: this
// machine reaches the Go module proxy but not the checksum database, which
// the versions cdk init writes need (their hashes are not in this
// repository's go.sum).
const offline = "export GOSUMDB=off GOFLAGS=-mod=mod"

// The first app, as the README tells it: its shell steps in a new module
// made by cdk init (pointed at this clone with the README's command for
// that), its program in place of cdk init's, then cdk synth.
func TestFirstApp(t *testing.T) {
	enabled(t)
	repo, err := filepath.Abs(root)
	require.NoError(t, err)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	m := prerelease.FindSubmatch(readme)
	require.NotNil(t, m, "the README says how to point a module at a clone")
	var steps, program []string
	for _, b := range blocks(t, "README.md") {
		switch {
		case b.info == "sh user":
			steps = append(steps, b.lines...)
		case b.info == "go" && program == nil && strings.Contains(strings.Join(b.lines, "\n"), "jitna.Main("):
			program = b.lines
		}
	}
	require.NotNil(t, program, "the README's first Go program")
	dir := t.TempDir()
	script := []string{offline}
	for _, s := range steps {
		s = strings.ReplaceAll(s, "/path/to/cdk-jitna-go", repo)
		switch {
		case strings.HasPrefix(s, "export "):
			script = append([]string{s}, script...) // the environment, first
			continue
		case strings.HasPrefix(s, "go get "):
			s = strings.ReplaceAll(string(m[1]), "/path/to/cdk-jitna-go", repo)
		case strings.HasPrefix(s, "cdk synth"):
			script = append(script, "cat > jitna-admin.go <<'GO'\n"+strings.Join(program, "\n")+"\nGO", "go mod tidy")
		}
		script = append(script, s)
	}
	out, err := bash(t, dir, strings.Join(script, "\n"))
	require.NoError(t, err, "%s\n%s", strings.Join(script, "\n"), out)
	for _, stack := range regexp.MustCompile(`cdk\.out/(\w+)\.template\.json`).FindAllStringSubmatch(strings.Join(steps, "\n"), -1) {
		assert.FileExists(t, filepath.Join(dir, "jitna-admin", "cdk.out", stack[1]+".template.json"))
	}
}

// The YAML route from a module of one's own, as the README tells it: the
// ```sh yaml block in a new folder (pointed at this clone), which must
// synthesize the four stacks without a feature-flag notice.
func TestYAMLRoute(t *testing.T) {
	enabled(t)
	repo, err := filepath.Abs(root)
	require.NoError(t, err)
	var lines []string
	for _, b := range blocks(t, "README.md") {
		if b.info == "sh yaml" {
			lines = append(lines, b.lines...)
		}
	}
	require.NotEmpty(t, lines, "the README's YAML route")
	dir := t.TempDir()
	script := offline + "\n" + strings.ReplaceAll(strings.Join(lines, "\n"), "/path/to/cdk-jitna-go", repo)
	out, err := bash(t, dir, script)
	require.NoError(t, err, "%s\n%s", script, out)
	assert.NotContains(t, out, "feature flags are not configured")
	for _, stack := range []string{"JitnaPrerequisites", "JitnaEnablement", "JitnaDenyAccess", "JitnaMemberPolicies"} {
		assert.FileExists(t, filepath.Join(dir, "jitna-config", "cdk.out", stack+".template.json"))
	}
}
