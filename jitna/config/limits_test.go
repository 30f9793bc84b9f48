package config

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// problemLines are a load's problems, one line each.
func problemLines(t *testing.T, err error) []string {
	t.Helper()
	var e *check.Error
	require.True(t, errors.As(err, &e), "%v", err)
	var out []string
	for _, p := range e.Problems {
		out = append(out, p.Error())
	}
	return out
}

// A config of exactly MaxFileSize bytes is read; one byte more is not.
func TestConfigSizeLimit(t *testing.T) {
	sized := func(n int) []byte {
		return []byte(minimal + "#" + strings.Repeat("x", n-len(minimal)-2) + "\n")
	}
	_, err := Parse(files(nil), "c.yaml", sized(MaxFileSize))
	assert.NoError(t, err)
	_, err = Parse(files(nil), "c.yaml", sized(MaxFileSize+1))
	assert.Equal(t, []string{"c.yaml:1: is 1048577 bytes long: a config file is at most 1048576"}, problemLines(t, err))
}

// A cedarFile of up to policy.MaxCedarFileSize bytes is read (and then
// checked as Cedar); a larger one is not read at all.
func TestCedarFileSizeLimit(t *testing.T) {
	cfg := strings.Replace(minimal, "    cedar: |\n      permit", "    cedarFile: big.cedar\n    x: |\n      permit", 1)
	cfg = cfg[:strings.Index(cfg, "    x: |")] + cfg[strings.Index(cfg, "  manualApprovals:"):]
	for size, want := range map[int]string{
		policy.MaxCedarFileSize:     "is 1048576 bytes long: an SSM document's content is at most 65536",
		policy.MaxCedarFileSize + 1: `member.autoApproval.cedarFile: "big.cedar" cannot be read: too large: 1048577 bytes or more, the limit is 1048576`,
	} {
		fs := files(map[string]string{"c.yaml": cfg})
		fs["big.cedar"] = &fstest.MapFile{Data: []byte(strings.Repeat("/", size))}
		_, err := Load(fs, "c.yaml")
		require.Error(t, err, size)
		assert.Contains(t, err.Error(), want, size)
	}
	fs := files(map[string]string{"c.yaml": cfg})
	_, err := Load(fs, "c.yaml")
	assert.ErrorContains(t, err, `member.autoApproval.cedarFile: "big.cedar" cannot be read: no such file next to the config`)
}

// Problems come in line order, and by key on one line.
func TestProblemsInLineOrder(t *testing.T) {
	cfg := strings.Replace(minimal, `delegatedAdminAccountId: "123456789012"`, `delegatedAdminAccountId: "1"`, 1)
	cfg = strings.Replace(cfg, "targets: [{key: Workload, values: [Finance]}]", "targets: [{key: '', values: [Finance], valeus: [x]}]", 1)
	cfg = strings.Replace(cfg, "homeRegion: us-east-1", "homeRegion: mars", 1)
	_, err := Parse(files(nil), "c.yaml", []byte(cfg))
	lines := problemLines(t, err)
	require.Len(t, lines, 4, "%v", lines)
	assert.True(t, strings.HasPrefix(lines[0], "c.yaml:3: enablement.target.delegatedAdminAccountId:"), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "c.yaml:4: enablement.target.homeRegion:"), lines[1])
	assert.True(t, strings.HasPrefix(lines[2], "c.yaml:19: member.manualApprovals[0].targets[0].key:"), lines[2])
	assert.True(t, strings.HasPrefix(lines[3], "c.yaml:19: member.manualApprovals[0].targets[0].valeus:"), lines[3])
}

// LoadFile names the file as the user gave it.
func TestLoadFileNamesThePathGiven(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(minimal, "homeRegion: us-east-1", "homeRegion: mars", 1)), 0o600))
	_, err := LoadFile(path)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(problemLines(t, err)[0], path+":4: enablement.target.homeRegion:"), err.Error())
	missing := filepath.Join(dir, "missing.yaml")
	_, err = LoadFile(missing)
	assert.ErrorContains(t, err, missing+": no such file", "the directory the user gave is in the message")
}

// A key set to null (~) is the same as a key left out.
func TestNullIsUnset(t *testing.T) {
	cfg, err := Parse(files(nil), "c.yaml", []byte(minimal+"notifications: ~\nguardrails:\n"))
	require.NoError(t, err)
	assert.Nil(t, cfg.Notifications)
	assert.Nil(t, cfg.Guardrails)
}

// An alias bomb stops at the budget with one problem, not one per alias: a
// thousand targets, each an alias of a target with a thousand values.
func TestAliasBudgetReportsOnce(t *testing.T) {
	bomb := strings.Replace(minimal, "targets: [{key: Workload, values: [Finance]}]",
		"targets: [&t {key: Workload, values: ["+strings.Repeat("v,", 150)+"]}, "+strings.Repeat("*t,", 150)+"]", 1)
	_, err := Parse(files(nil), "c.yaml", []byte(bomb))
	var budget []string
	for _, l := range problemLines(t, err) {
		if strings.Contains(l, "more values than its size allows") {
			budget = append(budget, l)
		}
	}
	assert.Len(t, budget, 1)
}

// Overlapping manual policies are a warning of the constructs, not a config
// error; a manual policy's tags are checked at load.
func TestOverlapIsNoErrorAndManualTagsAreChecked(t *testing.T) {
	overlap := minimal + `    - name: Payments
      accessDuration: 2h
      targets: [{key: Workload, values: [Finance]}]
      approvalLevels:
        - approvers: [{type: IamRole, id: PaymentsLead}]
`
	_, err := Parse(files(nil), "c.yaml", []byte(overlap))
	assert.NoError(t, err)
	tagged := strings.Replace(minimal, "      accessDuration: 8h\n", "      accessDuration: 8h\n      tags: {'aws:x': y}\n", 1)
	_, err = Parse(files(nil), "c.yaml", []byte(tagged))
	assert.Equal(t, []string{`c.yaml:19: member.manualApprovals[0].tags[aws:x]: "aws:x" is reserved: tag keys must not start with "aws:"`}, problemLines(t, err))
}

type opaqueHandle struct{ state int }

type withHandles struct {
	Name   string
	Handle *opaqueHandle `config:"-"` // a Go-only value such as *cedar.Validator: not a key
	Empty  *struct{}     // no fields at all: a key
	Nested *struct{ Value string }
	hidden string
	Hook   func()
	Any    any
}

// The keys of a struct are its exported fields that a file can set: not
// functions or interfaces, not fields tagged config:"-".
func TestCollectFields(t *testing.T) {
	var v withHandles
	fields := map[string]field{}
	collectFields(reflect.ValueOf(&v).Elem(), fields)
	assert.ElementsMatch(t, []string{"name", "empty", "nested"}, slices.Collect(maps.Keys(fields)))
	_ = v.hidden
}

// The value budget is exact: a list of three values is four values read.
func TestDecodeBudgetIsExact(t *testing.T) {
	var node yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte("[a, b, c]"), &node))
	for budget, ok := range map[int]bool{4: true, 3: false} {
		d := &decoder{file: "f.yaml", lines: map[string]int{}, textLines: map[string]int{}, budget: budget}
		var list []string
		d.decode(node.Content[0], "regions", reflect.ValueOf(&list).Elem())
		if ok {
			assert.Empty(t, d.problems, "budget %d", budget)
			assert.Equal(t, []string{"a", "b", "c"}, list)
		} else {
			require.Len(t, d.problems, 1, "budget %d", budget)
			assert.Contains(t, d.problems[0].Message, "more values than its size allows")
		}
	}
}
