package simulate

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

func TestCoverage(t *testing.T) {
	p, err := FromTemplateFiles(sampleFile(t))
	require.NoError(t, err)
	p.Manual = append(p.Manual, manualPolicy("Production", policy.TagTarget{Key: "Environment", Values: []string{"Production"}}))
	sim, err := New(p)
	require.NoError(t, err)
	inv, err := ReadInventoryFile("testdata/inventory.csv")
	require.NoError(t, err)
	nodes := inv.Nodes
	r := sim.Coverage(nodes, []NamedRequester{{Name: "anyone"}})
	var got []string
	for _, c := range r.Nodes {
		got = append(got, fmt.Sprintf("%s %s %s %v %v", c.Node.ID, c.Status, c.ManualPolicy, c.Conflicting, c.AutoApprovedFor))
	}
	assert.Equal(t, []string{
		"i-0a1b2c3d4e5f60001 auto-only  [] [anyone]",
		"i-0a1b2c3d4e5f60002 manual E-commerce-Manual-Approval-Policy [] []",
		"i-0a1b2c3d4e5f60003 conflict  [FinanceApplication-Manual-Approval-Policy Production] []",
		"mi-0a1b2c3d4e5f60004 manual Production [] []",
		"i-0a1b2c3d4e5f60005 unreachable  [] []",
	}, got)
	assert.Equal(t, Totals{Nodes: 5, Manual: 2, Conflicts: 1, AutoOnly: 1, Unreachable: 1, AutoApproved: 1}, r.Totals)

	// Without requesters, auto-approval is not considered.
	r = sim.Coverage(nodes, nil)
	assert.Equal(t, StatusUnreachable, r.Nodes[0].Status)
}

func TestReadInventory(t *testing.T) {
	inv, err := ReadInventory([]byte(`[{"id": "i-1", "tags": {"Env": "DEV"}}, {"id": "mi-2", "type": "managed"}]`))
	require.NoError(t, err)
	assert.Equal(t, []Node{{ID: "i-1", Tags: map[string]string{"Env": "DEV"}}, {ID: "mi-2", Type: Managed}}, inv.Nodes)

	inv, err = ReadInventory([]byte("id,tag:Env,tag:Team\ni-1,DEV,\ni-2,,ops\n"))
	require.NoError(t, err)
	assert.Equal(t, []Node{{ID: "i-1", Tags: map[string]string{"Env": "DEV"}}, {ID: "i-2", Tags: map[string]string{"Team": "ops"}}}, inv.Nodes)

	for input, want := range map[string]string{
		"":                                   "no header row",
		"name,tags\nx,\n":                    "line 1: no id column",
		"id,tags\ni-1,Env\n":                 `line 2: tags: "Env": write KEY=VALUE`,
		"id,type\ni-1,lambda\n":              `line 2: node i-1: type "lambda": must be ec2 or managed`,
		"id,tags\n,Env=DEV\n":                "line 2: the id is empty",
		"id,tags\ni-1,\"unclosed\n":          "CSV inventory",
		`[{"id": "i-1", "tag": {}}]`:         `JSON inventory: json: unknown field "tag"`,
		`[{"id": ""}]`:                       "JSON inventory: node 1: the id is empty",
		"id,tag:Env,tag:Env\ni-1,DEV,PROD\n": `line 1: column "tag:Env" is given twice`,
		"id,tags\ni-1,Env=DEV;Env=PROD\n":    `line 2: tags: "Env=PROD": the tag Env is given twice`,
		`[{"id": "i-1", "type": "lambda"}]`:  `JSON inventory: node 1: node i-1: type "lambda": must be ec2 or managed`,
		// Silently accepted before.
		"id,tags,tag:Env\ni-1,Env=DEV,PROD\n": `CSV inventory: line 2: tag Env is "DEV" in the tags column and "PROD" in column tag:Env: give it once`,
		"id,tag:,tag:Env\ni-1,x,DEV\n":        `CSV inventory: line 1: column "tag:" names no tag key: write tag:KEY`,
		`[{"id": "i-1", "tags": {"": "x"}}]`:  `JSON inventory: node 1: node i-1: a tag has an empty key`,
		"id,tags\ni-1,=x\n":                   `line 2: tags: "=x": write KEY=VALUE`,
		// A key given twice kept the last value; a second array was ignored.
		"[{\"id\": \"i-1\",\n \"tags\": {\"Env\": \"DEV\", \"Env\": \"PROD\"}}]": `JSON inventory: line 2: key "Env" is repeated`,
		`[{"id": "i-1", "id": "i-2"}]`:                                           `JSON inventory: line 1: key "id" is repeated`,
		"[{\"id\": \"i-1\"}]\n[{\"id\": \"i-2\"}]":                               "JSON inventory: line 2: more after the JSON value",
	} {
		_, err := ReadInventory([]byte(input))
		assert.ErrorContains(t, err, want, input)
	}
	inv, err = ReadInventory([]byte("id,tags,tag:Env\ni-1,Env=DEV,DEV\n"))
	require.NoError(t, err, "the same value in both columns")
	assert.Equal(t, map[string]string{"Env": "DEV"}, inv.Nodes[0].Tags)

	_, err = ReadInventoryFile("testdata/missing.csv")
	assert.Error(t, err)

	// A spreadsheet's byte-order mark, and a type in capitals, read the same
	// in CSV and JSON.
	for _, input := range []string{"\xef\xbb\xbfid,type\ni-1,EC2\n", `[{"id": "i-1", "type": "EC2"}]`, "\xef\xbb\xbf" + `[{"id": "i-1", "type": "ec2"}]`} {
		inv, err := ReadInventory([]byte(input))
		require.NoError(t, err, input)
		assert.Equal(t, []Node{{ID: "i-1", Type: EC2, Tags: inv.Nodes[0].Tags}}, inv.Nodes, input)
	}
}

func FuzzReadInventory(f *testing.F) {
	if data, err := os.ReadFile("testdata/inventory.csv"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`[{"id": "i-1", "type": "managed", "tags": {"a": "b"}}]`))
	f.Add([]byte("id,tag:A\nx,1\n"))
	f.Add([]byte("\xef\xbb\xbfid,type\ni-1,EC2\n"))
	f.Add([]byte("id,tag:A,tag:A\nx,1,2\n"))
	f.Add([]byte("id,tags,tag:Env\ni-1,Env=DEV,PROD\n"))
	f.Add([]byte("id,tag:,tag:Env\ni-1,x,DEV\n"))
	f.Add([]byte(`[{"id": "i-1", "tags": {"": "x"}}, {"id": "i-1", "type": "managed"}]`))
	if data, err := os.ReadFile("testdata/describe-instances.json"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := ReadInventory(data)
		if err != nil {
			return
		}
		for _, n := range inv.Nodes {
			if n.ID == "" {
				t.Fatal("a node without an id was accepted")
			}
			if _, empty := n.Tags[""]; empty {
				t.Fatal("a tag without a key was accepted")
			}
		}
		// An inventory of distinct ids joined with itself is itself: no
		// conflict with its own entries, no node added.
		ids := map[string]bool{}
		for _, n := range inv.Nodes {
			ids[n.ID] = true
		}
		if len(ids) == len(inv.Nodes) {
			joined, err := Join(inv, inv)
			if err != nil || len(joined.Nodes) != len(inv.Nodes) {
				t.Fatalf("Join(inv, inv): %d nodes of %d, %v", len(joined.Nodes), len(inv.Nodes), err)
			}
		}
	})
}

// largeEstate is 50 manual policies (one for all nodes) and 10,000 nodes, a
// fifth of them tagged for two policies (conflicts), some for none.
func largeEstate() (Policies, []Node, []NamedRequester) {
	p := Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: `
permit (principal in AWS::IdentityStore::Group::"oncall", action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag("Environment") && resource.getTag("Environment") == "PROD" };
permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.hasTag("Environment") && resource.getTag("Environment") == "DEV" };`}}}}
	for i := range 49 {
		p.Manual = append(p.Manual, manualPolicy(fmt.Sprintf("Workload-%d", i), policy.TagTarget{Key: "Workload", Values: []string{fmt.Sprint("w", i)}}))
	}
	p.Manual = append(p.Manual, manualPolicy("Team-ops", policy.TagTarget{Key: "Team", Values: []string{"ops"}}))
	nodes := make([]Node, 10_000)
	for i := range nodes {
		tags := map[string]string{"Workload": fmt.Sprint("w", i%60), "Environment": []string{"DEV", "PROD", "TEST"}[i%3]}
		if i%5 == 0 {
			tags["Team"] = "ops"
		}
		nodes[i] = Node{ID: fmt.Sprintf("i-%017x", i), Tags: tags}
	}
	return p, nodes, []NamedRequester{{Name: "on-call", Requester: Requester{Groups: []string{"oncall"}}}, {Name: "developer"}}
}

func TestLargeEstateCoverage(t *testing.T) {
	p, nodes, requesters := largeEstate()
	sim, err := New(p)
	require.NoError(t, err)
	r := sim.Coverage(nodes, requesters)
	// Every node's status, worked out from how largeEstate tags it: 49
	// Workload policies (w0…w48 of w0…w59), Team-ops on every fifth node,
	// DEV auto-approved for both requesters, PROD for on-call only.
	var want Totals
	for i, c := range r.Nodes {
		workload, team := i%60 < 49, i%5 == 0
		var status Status
		var auto []string
		switch []string{"DEV", "PROD", "TEST"}[i%3] {
		case "DEV":
			auto = []string{"on-call", "developer"}
		case "PROD":
			auto = []string{"on-call"}
		}
		switch {
		case workload && team:
			status = StatusConflict
		case workload || team:
			status = StatusManual
		case len(auto) > 0:
			status = StatusAutoOnly
		default:
			status = StatusUnreachable
		}
		if c.Status != status || strings.Join(c.AutoApprovedFor, ",") != strings.Join(auto, ",") {
			t.Fatalf("node %d (%v): got %s auto %v, want %s auto %v", i, c.Node.Tags, c.Status, c.AutoApprovedFor, status, auto)
		}
		want.count(NodeCoverage{Status: status, AutoApprovedFor: auto})
	}
	assert.Equal(t, want, r.Totals)
	assert.Equal(t, Totals{Nodes: 10_000, Manual: 6_838, Conflicts: 1_668, AutoOnly: 996, Unreachable: 498, AutoApproved: 6_667}, r.Totals)
}

// BenchmarkCoverage: 10,000 nodes × 50 manual policies, with two requesters
// (auto-approval evaluated for each), and without requesters.
func BenchmarkCoverage(b *testing.B) {
	p, nodes, requesters := largeEstate()
	sim, err := New(p)
	require.NoError(b, err)
	b.Run("with-requesters", func(b *testing.B) {
		for b.Loop() {
			sim.Coverage(nodes, requesters)
		}
	})
	b.Run("manual-only", func(b *testing.B) {
		for b.Loop() {
			sim.Coverage(nodes, nil)
		}
	})
}

// What `aws ec2 describe-instances` prints is an inventory: running and
// stopped instances with their tags (none: no tags), terminated ones left
// out with why.
func TestReadDescribeInstances(t *testing.T) {
	inv, err := ReadInventoryFile("testdata/describe-instances.json")
	require.NoError(t, err)
	assert.Equal(t, []Node{
		{ID: "i-0a1b2c3d4e5f60001", Type: EC2, Tags: map[string]string{"Name": "web-1", "Workload": "E-commerce", "Environment": "Production"}},
		{ID: "i-0a1b2c3d4e5f60002", Type: EC2, Tags: map[string]string{"ENV": "DEV"}},
		{ID: "i-0a1b2c3d4e5f60003", Type: EC2},
	}, inv.Nodes)
	assert.Equal(t, []string{"i-0a1b2c3d4e5f60004: terminated"}, inv.Skipped)

	for input, want := range map[string]string{
		`{"Reservations": [{"Instances": [{"State": {"Name": "running"}}]}]}`: "",
		`{"Instances": []}`:                        "not the output of aws ec2 describe-instances (Reservations), aws ssm describe-instance-information (InstanceInformationList)",
		`{"Reservations": [], "Reservations": []}`: `key "Reservations" is repeated`,
		`{"Reservations": 3}`:                      "describe-instances inventory: json: cannot unmarshal",
	} {
		inv, err := ReadInventory([]byte(input))
		if want == "" {
			require.NoError(t, err, input)
			assert.Empty(t, inv.Nodes)
			assert.Equal(t, []string{"an instance without InstanceId"}, inv.Skipped)
			continue
		}
		assert.ErrorContains(t, err, want, input)
	}
	inv, err = ReadInventory([]byte(`{"Reservations": [{"Instances": [{"InstanceId": "i-1", "State": {"Name": "shutting-down"}}]}]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"i-1: shutting-down"}, inv.Skipped)
}

// The managed nodes `aws ssm describe-instance-information` lists (EC2 and
// hybrid mi- nodes), joined with the tags `aws resourcegroupstaggingapi
// get-resources` prints: a node without a tag record has no tags, tags of
// a node the inventory does not list and of other resources are noted.
func TestReadInstanceInformationJoinedWithTags(t *testing.T) {
	info, err := ReadInventoryFile("testdata/describe-instance-information.json")
	require.NoError(t, err)
	assert.Equal(t, []Node{{ID: "i-0a1b2c3d4e5f60001", Type: EC2}, {ID: "mi-0123456789abcdef0", Type: Managed}, {ID: "mi-0fedcba9876543210", Type: Managed}}, info.Nodes)
	tags, err := ReadInventoryFile("testdata/get-resources.json")
	require.NoError(t, err)
	assert.Empty(t, tags.Nodes)
	assert.Equal(t, []string{"1 tagged resources that are not nodes"}, tags.Skipped)
	inv, err := Join(info, tags)
	require.NoError(t, err)
	assert.Equal(t, []Node{
		{ID: "i-0a1b2c3d4e5f60001", Type: EC2, Tags: map[string]string{"Name": "web-1", "Environment": "Production", "Workload": "E-commerce"}},
		{ID: "mi-0123456789abcdef0", Type: Managed, Tags: map[string]string{"Environment": "Production", "Site": "branch-office"}},
		{ID: "mi-0fedcba9876543210", Type: Managed},
	}, inv.Nodes)
	assert.Equal(t, []string{"1 tagged resources that are not nodes", "i-0a1b2c3d4e5f69999: tags for a node no inventory file lists"}, inv.Skipped)

	// describe-instances and the tag export agree on web-1; a node listed in
	// two files is one node.
	ec2, err := ReadInventoryFile("testdata/describe-instances.json")
	require.NoError(t, err)
	both, err := Join(ec2, info, tags)
	require.NoError(t, err)
	assert.Len(t, both.Nodes, 5)
	assert.Equal(t, "web-1", both.Nodes[0].Tags["Name"])

	_, err = Join(Inventory{Nodes: []Node{{ID: "i-1", Tags: map[string]string{"Env": "a"}}}}, Inventory{TagsByID: map[string]map[string]string{"i-1": {"Env": "b"}}})
	assert.EqualError(t, err, `node i-1: tag Env is "a" in one entry and "b" in another: give a node's tags one value each`)
	_, err = ReadInventory([]byte(`{"InstanceInformationList": [{"InstanceId": ""}], "InstanceInformationList": []}`))
	assert.ErrorContains(t, err, "repeated")
	inv, err = ReadInventory([]byte(`{"InstanceInformationList": [{"PingStatus": "Online"}]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"a managed node without InstanceId"}, inv.Skipped)
	inv, err = ReadInventory([]byte(`{"ResourceTagMappingList": [{"ResourceARN": "arn:aws:ec2:us-east-1:111122223333:instance/i-1", "Tags": []}]}`))
	require.NoError(t, err)
	assert.Empty(t, inv.Skipped, "only nodes: nothing to note")
	assert.Equal(t, map[string]map[string]string{"i-1": {}}, inv.TagsByID)
	_, err = ReadInventory([]byte(`{"ResourceTagMappingList": {}}`))
	assert.ErrorContains(t, err, "get-resources inventory")
}

// Coverage sees a requester as Decide does: its own user id, or when it has
// none an id no statement names (not the empty id a statement could name).
func TestCoverageOfRequestersWithAndWithoutAnID(t *testing.T) {
	s := sim(t, Policies{AutoApproval: &policy.AutoApproval{Documents: []policy.CedarDocument{{Cedar: `
permit (principal == AWS::IdentityStore::User::"u-1", action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);
permit (principal == AWS::IdentityStore::User::"", action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);`}}}})
	r := s.Coverage([]Node{{ID: "i-1"}}, []NamedRequester{{Name: "one", Requester: Requester{UserID: "u-1"}}, {Name: "nobody in particular"}})
	assert.Equal(t, []string{"one"}, r.Nodes[0].AutoApprovedFor)
}

// A node listed twice with two types is refused; listed once without a
// type and once with one, it takes that type.
func TestJoinTypes(t *testing.T) {
	_, err := Join(Inventory{Nodes: []Node{{ID: "i-1", Type: EC2}}}, Inventory{Nodes: []Node{{ID: "i-1", Type: Managed}}})
	assert.EqualError(t, err, "node i-1 is listed as ec2 and as managed: a node has one type")
	inv, err := Join(Inventory{Nodes: []Node{{ID: "mi-1"}}}, Inventory{Nodes: []Node{{ID: "mi-1", Type: Managed}}})
	require.NoError(t, err)
	assert.Equal(t, []Node{{ID: "mi-1", Type: Managed}}, inv.Nodes)
}
