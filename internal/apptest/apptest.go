// Package apptest runs a built app (an example, the bundled app) the way the CDK CLI does (CDK_OUTDIR,
// CDK_CONTEXT_JSON), for tests of what a user sees on bad input: problems on
// stderr, an exit status, no template.
package apptest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// Build compiles the command in pkg (a directory, "." for the current one)
// and returns the binary.
func Build(t *testing.T, pkg string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "app")
	out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// Result is what one run of the app left behind.
type Result struct {
	Stderr string
	Code   int
	// Templates are the template files written to the output folder.
	Templates []string
}

// Lines returns stderr's lines, without the trailing newline.
func (r Result) Lines() []string { return strings.Split(strings.TrimSpace(r.Stderr), "\n") }

// Run runs bin with the CDK context given, in a new output folder.
func Run(t *testing.T, bin string, context map[string]string) Result {
	t.Helper()
	outdir := t.TempDir()
	ctx, _ := json.Marshal(context)
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "CDK_OUTDIR="+outdir, "CDK_CONTEXT_JSON="+string(ctx),
		"JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	r := Result{Stderr: stderr.String()}
	if exit, ok := err.(*exec.ExitError); ok {
		r.Code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	r.Templates, _ = filepath.Glob(filepath.Join(outdir, "*.template.json"))
	return r
}

// NormalizeCedar strips the white space of the Cedar in an SSM document's
// auto-approval content (props are the resource's Properties), so that Cedar
// written differently (the AWS sample's CRLF lines and ours) compares equal.
func NormalizeCedar(props map[string]any) {
	content, _ := props["Content"].(map[string]any)
	docs, _ := content["AutoApprovalPolicyDocuments"].([]any)
	for _, d := range docs {
		m, _ := d.(map[string]any)
		text, _ := m["content"].(string)
		m["content"] = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, text)
	}
}
