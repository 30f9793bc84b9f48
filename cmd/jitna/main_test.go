package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/internal/awssamples"
	"github.com/cdk-jitna/cdk-jitna-go/internal/version"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// sample and quickSetupSample are the AWS samples, written for the test run
// to files the command reads.
var sample, quickSetupSample string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "jitna-samples-")
	if err == nil {
		sample, quickSetupSample, err = awssamples.WriteTo(dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func runJitna(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cmd/jitna -update to write %s", path)
	assert.Equal(t, string(want), got)
}

func TestTheAWSSamplesPass(t *testing.T) {
	code, stdout, stderr := runJitna("validate", sample, quickSetupSample)
	assert.Equal(t, exitOK, code, stdout+stderr)
	assert.Empty(t, stdout)
	assert.Equal(t, "jitna validate: 2 files, 0 StackSet member templates, 4 JITNA documents, 2 Quick Setup managers: no errors, no warnings\n", stderr,
		"what was checked, on stderr")
}

// Every command's --help exits 0 with its usage, what it does and an example.
func TestEveryCommandHasHelp(t *testing.T) {
	for name := range commands {
		for _, flag := range []string{"--help", "-h"} {
			code, stdout, stderr := runJitna(name, flag)
			assert.Equal(t, exitOK, code, name)
			assert.Empty(t, stdout, name)
			assert.True(t, strings.HasPrefix(stderr, "usage: jitna "+name), "%s: %s", name, stderr)
			assert.Contains(t, stderr, "\nflags:\n", name)
			assert.Contains(t, stderr, "\nexample:\n  jitna "+name, name)
		}
		assert.Contains(t, usage, "\n  "+name, "the top-level usage lists "+name)
	}
	code, _, stderr := runJitna("--help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stderr, "jitna COMMAND --help")
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, _ := runJitna(args...)
		assert.Equal(t, exitOK, code)
		assert.Equal(t, "jitna "+version.Version+"\n", stdout)
	}
	code, _, stderr := runJitna("version", "extra")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `unexpected argument "extra"`)
}

func TestEachKindOfBadDocumentIsFlagged(t *testing.T) {
	code, stdout, _ := runJitna("validate", "testdata/bad-documents.yaml", "testdata/bad-managers.yaml", "testdata/stackset.json")
	assert.Equal(t, exitProblems, code)
	golden(t, "bad.golden", stdout)
	for _, want := range []string{
		"AutoApproval: Documents[0].Cedar:",                                     // Cedar syntax: the misspelled action
		"SecondAutoApproval: is a second auto-approval policy",                  // one per account and Region
		"DenyAccess: Documents[0].Cedar:",                                       // permit in a deny-access policy
		"WronglyNamedAuto: Name:",                                               // fixed names
		"FinancePolicy: Name: \"aws-finance-approvals\"",                        // reserved prefix
		"FinancePolicy: AccessDuration:",                                        // duration, resolved from a parameter default
		"FinancePolicy: ApprovalLevels[0].Approvers[0].ID: \"Platform Admins\"", // approver id, from a Ref
		"PaymentsPolicy: ApprovalLevels[0].Approvers[1].Type:",                  // approver type
		"PaymentsPolicy: Content.unexpected:",                                   // unknown key
		"PaymentsPolicy: warning: manual approval policies \"aws-finance-approvals\" and \"Payments-Manual-Approval-Policy\" can apply to the same node", // overlap
		"SessionPreferences: IdleSessionTimeout:",           // session timeout
		"Jitna: Parameters.TargetRegions[1]: \"eu-west-1\"", // manager parameters
		"Members/Session: MaxSessionDuration:",              // inside a StackSet's TemplateBody
	} {
		assert.Contains(t, stdout, want)
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		assert.Regexp(t, `^testdata/[a-z-]+\.(yaml|json): [A-Za-z/]+: `, line, "FILE: LOGICAL_ID: message")
	}
}

func TestJSONOutput(t *testing.T) {
	code, stdout, _ := runJitna("validate", "--output", "json", "testdata/bad-managers.yaml")
	assert.Equal(t, exitProblems, code)
	var findings []template.Finding
	require.NoError(t, json.Unmarshal([]byte(stdout), &findings))
	require.NotEmpty(t, findings)
	assert.Contains(t, findings, template.Finding{
		File: "testdata/bad-managers.yaml", LogicalID: "Jitna", Severity: "error",
		Field: "Parameters.IdentityProviderSetting", Value: "OKTA", Message: "is not allowed: must be one of IAM, SSO",
	})
	code, stdout, _ = runJitna("validate", "--output", "json", sample)
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "[]\n", stdout, "a clean template gives an empty array")
}

func TestUnreadableInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "testdata/broken.yaml"}, "testdata/broken.yaml: yaml:"},
		{[]string{"validate", "testdata/missing.yaml"}, "no such file or directory"},
		{[]string{"validate", "--output", "xml", "x"}, `--output "xml": must be text or json`},
		{[]string{"validate"}, "usage: jitna validate"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{nil, "usage: jitna COMMAND"},
	} {
		code, _, stderr := runJitna(tc.args...)
		assert.Equal(t, exitUsage, code, tc.args)
		assert.Contains(t, stderr, tc.want, tc.args)
	}
}

func TestNotes(t *testing.T) {
	_, _, stderr := runJitna("validate", "testdata/stackset.json")
	assert.Contains(t, stderr, "testdata/stackset.json: note: External: its member template is at a TemplateURL")
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "S.template.json"), []byte(`{"Resources":{"B":{"Type":"AWS::S3::Bucket"}}}`), 0o644))
	code, _, stderr := runJitna("validate", dir)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stderr, "no JITNA documents or Quick Setup managers found")
	code, _, stderr = runJitna("validate", t.TempDir())
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "no *.template.json or *.template.yaml files in the folder")
}

func TestMembers(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runJitna("members", "--out", dir, "testdata/stackset.json")
	require.Equal(t, exitOK, code, stderr)
	path := filepath.Join(dir, "stackset-Members.template.json")
	assert.Equal(t, path+"\n", stdout)
	tmpl, err := template.ReadFile(path)
	require.NoError(t, err)
	require.Len(t, tmpl.Documents, 1)
	assert.Equal(t, "Session", tmpl.Documents[0].LogicalID)

	code, _, stderr = runJitna("members", "testdata/stackset.json")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "usage: jitna members --out DIR")
}

// members writes nothing unless every input reads and every output is new:
// a file already there (or a link, never followed) needs --force; two
// inputs with one output name are refused; a hostile logical id stays a
// plain file name in the folder.
func TestMembersWritesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	other := t.TempDir()
	out := filepath.Join(dir, "stackset-Members.template.json")

	// A parse error on the second input: the first's output is not written.
	code, _, stderr := runJitna("members", "--out", dir, "testdata/stackset.json", "testdata/broken.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "testdata/broken.yaml")
	assert.NoFileExists(t, out)

	// A file already there.
	require.NoError(t, os.WriteFile(out, []byte("mine"), 0o600))
	code, _, stderr = runJitna("members", "--out", dir, "testdata/stackset.json")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, out+": already exists: nothing was written (pass --force to replace what is there)")
	data, _ := os.ReadFile(out)
	assert.Equal(t, "mine", string(data))
	code, _, stderr = runJitna("members", "--out", dir, "--force", "testdata/stackset.json")
	require.Equal(t, exitOK, code, stderr)
	data, _ = os.ReadFile(out)
	assert.Contains(t, string(data), "Resources")

	// A symbolic link: refused, and with --force the link is replaced, its
	// target untouched.
	target := filepath.Join(other, "precious.txt")
	require.NoError(t, os.WriteFile(target, []byte("precious"), 0o600))
	require.NoError(t, os.Remove(out))
	require.NoError(t, os.Symlink(target, out))
	code, _, stderr = runJitna("members", "--out", dir, "testdata/stackset.json")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "already exists as a symbolic link, which is not followed")
	code, _, stderr = runJitna("members", "--out", dir, "--force", "testdata/stackset.json")
	require.Equal(t, exitOK, code, stderr)
	data, _ = os.ReadFile(target)
	assert.Equal(t, "precious", string(data), "the link's target is never written")
	info, err := os.Lstat(out)
	require.NoError(t, err)
	assert.True(t, info.Mode().IsRegular())

	// Two inputs with the same file name.
	sub := filepath.Join(t.TempDir(), "stackset.json")
	copyFile(t, "testdata/stackset.json", sub)
	code, _, stderr = runJitna("members", "--out", t.TempDir(), "testdata/stackset.json", sub)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "would both be written to stackset-Members.template.json")

	// A logical id that would climb out of the folder is no logical id
	// CloudFormation takes: not read, nothing written, and validate says why.
	hostile := filepath.Join(t.TempDir(), "evil.json")
	require.NoError(t, os.WriteFile(hostile, []byte(`{"Resources": {"../../x": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"TemplateBody": "{\"Resources\": {}}"}}}}`), 0o600))
	outDir := t.TempDir()
	code, stdout, stderr := runJitna("members", "--out", outDir, hostile)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "no StackSet with a member template at hand in "+hostile+": nothing written")
	entries, _ := os.ReadDir(outDir)
	assert.Empty(t, entries)
	code, stdout, _ = runJitna("validate", hostile)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stdout, "../../x: is not a logical id CloudFormation takes: letters and digits only, 1 to 255 of them")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, data, 0o600))
}

// A member template's file name is a plain name in the folder, whatever the
// logical id holds.
func FuzzMemberFileName(f *testing.F) {
	for _, id := range []string{"Members", "../../x", "a/b", "..", "/", ".hidden", "x\x00y", "Ω"} {
		f.Add("stackset", id)
	}
	f.Fuzz(func(t *testing.T, base, id string) {
		name := memberFileName(base, id)
		dir := filepath.Join("out", "members")
		path := filepath.Join(dir, name)
		if filepath.Dir(path) != dir || filepath.Base(path) != name || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".template.json") {
			t.Fatalf("%q + %q gives %q, not a plain file name in the folder", base, id, name)
		}
		if unsafeInName.MatchString(strings.TrimSuffix(name, ".template.json")) {
			t.Fatalf("%q holds characters outside [A-Za-z0-9._-]", name)
		}
	})
}

// A Region newer than the list is an error until declared with --new-region.
func TestNewRegion(t *testing.T) {
	code, stdout, _ := runJitna("validate", "testdata/new-region.yaml")
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, stdout, `testdata/new-region.yaml: Console: Parameters.TargetRegions[1]: "us-east-7" is not an AWS Region`)
	assert.Contains(t, stdout, `testdata/new-region.yaml: Jitna: Parameters.TargetRegions[0]: "us-east-7" is not an AWS Region`)

	code, stdout, _ = runJitna("validate", "--new-region", "us-east-7", "testdata/new-region.yaml")
	assert.Equal(t, exitOK, code, stdout)
	code, _, _ = runJitna("validate", "--new-region", "us-west-9,us-east-7", "testdata/new-region.yaml")
	assert.Equal(t, exitOK, code, "a comma-separated list")

	code, _, stderr := runJitna("validate", "--new-region", "mars-1", "testdata/new-region.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `invalid value "mars-1" for flag -new-region: "mars-1" is not a Region name of any AWS partition`)
	code, _, stderr = runJitna("validate", "--new-region", "mars-1,us-east-7,moon-2", "testdata/new-region.yaml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, `"mars-1" is not a Region name of any AWS partition (such as us-east-1, cn-north-1, us-gov-west-1); "moon-2" is not a Region name`, "every bad name")
}

// jitna validate checks a config of the bundled app and .cedar files too,
// offline, and never says "no errors" of a file it could not read.
func TestValidateConfigsAndCedarFiles(t *testing.T) {
	code, stdout, stderr := runJitna("validate", "../../jitna/configapp/jitna.yaml", "../../jitna/configapp/deny-access.cedar")
	assert.Equal(t, exitOK, code, stdout+stderr)
	assert.Contains(t, stderr, "jitna validate: 0 files, 0 StackSet member templates, 0 JITNA documents, 0 Quick Setup managers, 1 config, 1 Cedar file: no errors, no warnings")

	dir := t.TempDir()
	copyFile(t, "../../jitna/configapp/testdata/bad.cedar", filepath.Join(dir, "bad.cedar"))
	copyFile(t, "../../jitna/configapp/testdata/bad.yaml", filepath.Join(dir, "bad.yaml"))
	code, stdout, stderr = runJitna("validate", filepath.Join(dir, "bad.yaml"), filepath.Join(dir, "bad.cedar"))
	assert.Equal(t, exitProblems, code, stderr)
	assert.Contains(t, stdout, filepath.Join(dir, "bad.yaml")+`:11: member.stackSet.regions[1]: "eu-west-1" is not one of JITNA's target Regions`)
	assert.Contains(t, stdout, filepath.Join(dir, "bad.yaml")+`:13: member.sessionPreferences.idleTimeout: is not a key here`)
	assert.Contains(t, stdout, filepath.Join(dir, "bad.cedar")+`:1: line 1, column 30: names the action AWS::SSM::getTokenForInstanceAccess`)

	missing := filepath.Join(dir, "missing.template.json")
	require.NoError(t, os.WriteFile(missing, []byte("{}"), 0o000))
	if os.Getuid() == 0 {
		require.NoError(t, os.WriteFile(missing, []byte("not json {"), 0o600)) // root reads anything: an unparsable file instead
	}
	code, _, stderr = runJitna("validate", missing, "../../jitna/configapp/deny-access.cedar")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "jitna validate: 1 file could not be read (see above); in what was read,")
}

// jitna --help shows every command with every flag it takes and every
// output it writes, as the command's own --help does.
func TestHelpListsEveryFlagAndOutput(t *testing.T) {
	_, _, top := runJitna("--help")
	flagLine := regexp.MustCompile(`(?m)^  -([a-z-]+) `)
	nextCommand := regexp.MustCompile(`\n  [a-z]`)
	outputs := regexp.MustCompile(`--output ([a-z|]+)`)
	for _, cmd := range []string{"validate", "simulate", "coverage", "diff", "members"} {
		_, _, help := runJitna(cmd, "--help")
		synopsis := help[:strings.Index(help, "\n\n")]
		i := strings.Index(top, "  "+cmd+" ")
		require.GreaterOrEqual(t, i, 0, cmd)
		entry := top[i:]
		if j := nextCommand.FindStringIndex(entry); j != nil {
			entry = entry[:j[0]] // up to the next command
		}
		for _, m := range flagLine.FindAllStringSubmatch(help, -1) {
			if m[1] == "output" && !strings.Contains(synopsis, "--output") {
				continue // a command that writes files, not a report
			}
			assert.Contains(t, synopsis, "--"+m[1], "%s --help: its synopsis names --%s", cmd, m[1])
			assert.Contains(t, entry, "--"+m[1], "jitna --help: %s names --%s", cmd, m[1])
		}
		if m := outputs.FindStringSubmatch(synopsis); m != nil {
			assert.Contains(t, entry, "--output "+m[1], "jitna --help: %s lists its outputs", cmd)
		}
	}
}
