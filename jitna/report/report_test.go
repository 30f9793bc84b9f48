package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./jitna/report -update")
	assert.Equal(t, string(want), string(got), "the report changed: review it and run go test ./jitna/report -update")
}

var totalAttr = regexp.MustCompile(`data-total="(\w+)">(\d+)<`)

// totals reads the numbers the page marks with data-total.
func totals(t *testing.T, page []byte) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, m := range totalAttr.FindAllSubmatch(page, -1) {
		n, err := strconv.Atoi(string(m[2]))
		require.NoError(t, err)
		out[string(m[1])] = n
	}
	return out
}

// jsonNumbers are the numbers of v's JSON form, by field.
func jsonNumbers(t *testing.T, v any) map[string]int {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var out map[string]int
	require.NoError(t, json.Unmarshal(data, &out))
	return out
}

// selfContained fails when the page could load anything: no script, no
// address, no import, and a policy that forbids them.
func selfContained(t *testing.T, page string) {
	t.Helper()
	for _, bad := range []string{"<script", "url(", "@import", "http://", "https://"} {
		assert.NotContains(t, page, bad)
	}
	assert.NotRegexp(t, `<[a-z]+[^>]*\s(src|href|action)=`, page, "an element that loads or sends")
	assert.Contains(t, page, `content="default-src 'none'; style-src 'unsafe-inline'"`)
}

func TestCoverage(t *testing.T) {
	sim, nodes, requesters := estate(t)
	var b bytes.Buffer
	require.NoError(t, Coverage(&b, sim, nodes, requesters, Options{Sources: []string{"policies: cdk.out"}}))
	page := b.String()
	selfContained(t, page)
	assert.Equal(t, jsonNumbers(t, sim.Coverage(nodes, requesters).Totals), totals(t, b.Bytes()), "the numbers of jitna coverage --output json")
	assert.Equal(t, map[string]int{"nodes": 6, "manual": 2, "conflicts": 1, "autoOnly": 2, "unreachable": 1, "autoApprovable": 2}, totals(t, b.Bytes()))
	assert.Equal(t, len(sim.Matrix(nodes, requesters).Groups), strings.Count(page, "<tr data-group>"))
	assert.Contains(t, page, "<title>JITNA access report</title>")
	assert.Contains(t, page, "<li>policies: cdk.out</li>")
	assert.Contains(t, page, `<b data-policy-nodes="Finance">1</b> node decided by this policy; <b class="removed">1</b> in conflict with another.`)
	assert.Contains(t, page, `<b data-policy-nodes="Prod">1</b> node decided by this policy; <b class="removed">1</b>`)
	assert.Contains(t, page, "<li>1 of: SSOGroup:Finance-approvers-a</li><li>1 of: SSOGroup:Finance-approvers-b</li>")
	assert.Contains(t, page, `<td class="conflict">conflict: Finance &#43; Prod</td>`)
	assert.Contains(t, page, `<td class="auto">auto</td><td class="none">none</td>`, "DEV nodes: auto for the developer, not for the contractor")
	assert.Contains(t, page, "Auto-approval checked for 2 requesters: developer, contractor.")
	assert.Contains(t, page, "2 requests (node × requester) auto-approved.")
	assert.Contains(t, page, "1 node nobody can request")
	golden(t, "coverage.html", b.Bytes())
}

func TestCoverageWithoutRequesters(t *testing.T) {
	sim, nodes, _ := estate(t)
	var b bytes.Buffer
	require.NoError(t, Coverage(&b, sim, nodes, nil, Options{Title: "Production access"}))
	page := b.String()
	assert.Contains(t, page, "<title>Production access</title>")
	assert.Contains(t, page, "No requesters given: the totals do not count auto-approval; the matrix shows it for a user in no group")
	assert.Contains(t, page, "<th>a user in no group</th>")
	assert.NotContains(t, page, `class="sources"`)
	assert.Equal(t, 0, totals(t, b.Bytes())["autoApprovable"])
}

// Whatever a template or an inventory holds is text on the page, never markup.
func TestCoverageEscapes(t *testing.T) {
	sim, _, _ := estate(t)
	nodes := []simulate.Node{{ID: `i-"><script>alert(1)</script>`, Tags: map[string]string{"Team": "<b>data</b>"}}}
	var b bytes.Buffer
	require.NoError(t, Coverage(&b, sim, nodes, []simulate.NamedRequester{{Name: "<img src=x>"}}, Options{Sources: []string{"<i>cdk.out</i>"}}))
	page := b.String()
	selfContained(t, page)
	assert.Contains(t, page, "i-&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
	assert.Contains(t, page, "&lt;img src=x&gt;")
	assert.Contains(t, page, "Team=&lt;b&gt;data&lt;/b&gt;")
	assert.Contains(t, page, "&lt;i&gt;cdk.out&lt;/i&gt;")
}

func TestDiff(t *testing.T) {
	before, after, nodes := change(t)
	r := simulate.Diff(before, after, nodes, nil)
	var b bytes.Buffer
	require.NoError(t, Diff(&b, r, Options{Sources: []string{"before: main", "after: change"}}))
	page := b.String()
	selfContained(t, page)
	assert.Equal(t, jsonNumbers(t, r.Summary), totals(t, b.Bytes()), "the numbers of jitna diff --output json")
	assert.Equal(t, map[string]int{"widens": 3, "narrows": 1, "breaks": 0, "changes": 0, "unchanged": 3}, totals(t, b.Bytes()))
	assert.Equal(t, len(r.Groups()), strings.Count(page, `<div class="alert `))
	assert.Contains(t, page, `<div class="alert widens"><h3>widens: 1 node, for a user in no group</h3>`)
	assert.Contains(t, page, "<p>no applicable policy becomes auto-approved</p>")
	assert.Contains(t, page, `<span class="removed">- level 2 requires 1 approval(s)</span>`)
	assert.Contains(t, page, "<h3>Prod <span class=\"muted\">(manual-approval, removed)</span></h3>")
	golden(t, "diff.html", b.Bytes())

	b.Reset()
	require.NoError(t, Diff(&b, simulate.Diff(before, before, nodes, nil), Options{}))
	assert.Contains(t, b.String(), "<title>JITNA access change</title>")
	assert.Contains(t, b.String(), "<p>No decision changes.</p>")
	assert.Contains(t, b.String(), "<p>No policy document changes.</p>")
}

func TestCellText(t *testing.T) {
	for want, c := range map[string]simulate.Cell{
		"auto":                    {Outcome: simulate.AutoApproved},
		"manual: P":               {Outcome: simulate.NeedsManualApproval, Policy: "P"},
		"manual: P (deny-access)": {Outcome: simulate.NeedsManualApproval, Policy: "P", AutoApprovalDenied: true},
		"conflict: A + B":         {Outcome: simulate.Conflict, Conflicting: []string{"A", "B"}},
		"none":                    {Outcome: simulate.NoApplicablePolicy},
	} {
		assert.Equal(t, want, cellText(c))
	}
	assert.Equal(t, "1 node", plural(1, "node", "nodes"))
	assert.Equal(t, "0 nodes", plural(0, "node", "nodes"))
}
