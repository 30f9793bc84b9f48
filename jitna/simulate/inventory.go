package simulate

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/internal/safeio"
	"github.com/cdk-jitna/cdk-jitna-go/internal/strictjson"
)

// MaxInventorySize bounds an inventory file.
const MaxInventorySize = 64 << 20

// Inventory is what an inventory holds: its nodes, and the records left
// out, each with why ("i-0abc…: terminated"). A tags-only export (`aws
// resourcegroupstaggingapi get-resources`) holds TagsByID instead of nodes:
// Join applies them to the nodes of the other files.
type Inventory struct {
	Nodes   []Node
	Skipped []string
	// TagsByID are the tags of nodes by id, from a tags-only export.
	TagsByID map[string]map[string]string
}

// Join merges inventories read from several files (the nodes of `aws ssm
// describe-instance-information` and the tags of `aws
// resourcegroupstaggingapi get-resources`, say): a node listed twice keeps
// one entry with the tags of both, and each file's TagsByID are applied to
// the nodes of that id. A tag given two values for one node, or a node
// given two types, is an error;
// tags for an id no file lists as a node are skipped, with a note.
func Join(inventories ...Inventory) (Inventory, error) {
	var out Inventory
	index := map[string]int{}
	tags := map[string]map[string]string{}
	var order []string
	for _, inv := range inventories {
		out.Skipped = append(out.Skipped, inv.Skipped...)
		for _, n := range inv.Nodes {
			i, ok := index[n.ID]
			switch {
			case !ok:
				index[n.ID] = len(out.Nodes)
				out.Nodes = append(out.Nodes, Node{ID: n.ID, Type: n.Type})
			case out.Nodes[i].Type == "":
				out.Nodes[i].Type = n.Type
			case n.Type != "" && n.Type != out.Nodes[i].Type:
				return Inventory{}, fmt.Errorf("node %s is listed as %s and as %s: a node has one type", n.ID, out.Nodes[i].Type, n.Type)
			}
			if err := addTags(tags, n.ID, n.Tags); err != nil {
				return Inventory{}, err
			}
		}
		for id, t := range inv.TagsByID {
			if _, ok := tags[id]; !ok {
				order = append(order, id)
			}
			if err := addTags(tags, id, t); err != nil {
				return Inventory{}, err
			}
		}
	}
	for i := range out.Nodes {
		if t := tags[out.Nodes[i].ID]; len(t) > 0 {
			out.Nodes[i].Tags = t
		}
	}
	for _, id := range order {
		if _, ok := index[id]; !ok {
			out.Skipped = append(out.Skipped, id+": tags for a node no inventory file lists")
		}
	}
	return out, nil
}

// addTags adds t to the tags of id in all.
func addTags(all map[string]map[string]string, id string, t map[string]string) error {
	have := all[id]
	if have == nil {
		have = map[string]string{}
		all[id] = have
	}
	for k, v := range t {
		if old, ok := have[k]; ok && old != v {
			return fmt.Errorf("node %s: tag %s is %q in one entry and %q in another: give a node's tags one value each", id, k, old, v)
		}
		have[k] = v
	}
	return nil
}

// ReadInventoryFile reads an inventory of nodes from a file (see
// ReadInventory), a regular file of at most MaxInventorySize bytes.
func ReadInventoryFile(path string) (Inventory, error) {
	data, err := safeio.ReadFile(path, MaxInventorySize)
	if err != nil {
		return Inventory{}, err
	}
	inv, err := ReadInventory(data)
	if err != nil {
		return Inventory{}, fmt.Errorf("%s: %w", path, err)
	}
	return inv, nil
}

// ReadInventory reads nodes from JSON (an array of {"id", "type", "tags"})
// or CSV with a header row: an id column, an optional type column (ec2 or
// managed), and the tags either in a tags column ("Env=PROD;Team=ops") or in
// one column per tag key named tag:KEY (an empty cell: no such tag).
// A byte-order mark (as spreadsheets save CSV) is skipped; a type is read in
// any case ("EC2" is ec2) in both formats. It also reads what AWS exports,
// as JSON:
//   - `aws ec2 describe-instances` (an object with Reservations): EC2 nodes
//     with their tags, leaving out terminated instances (see
//     Inventory.Skipped);
//   - `aws ssm describe-instance-information` (InstanceInformationList): the
//     managed nodes, EC2 instances and hybrid (mi-…) nodes alike, without
//     tags;
//   - `aws resourcegroupstaggingapi get-resources` (ResourceTagMappingList):
//     the tags of EC2 instances and managed instances, by id
//     (Inventory.TagsByID; other resources are skipped).
//
// Join the last two (or any of them) with Join. The format is told from the
// content.
func ReadInventory(data []byte) (Inventory, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	t := bytes.TrimSpace(data)
	switch {
	case len(t) > 0 && t[0] == '[':
		var nodes []Node
		if err := strictjson.Decode(t, &nodes); err != nil {
			return Inventory{}, fmt.Errorf("JSON inventory: %w", err)
		}
		for i, n := range nodes {
			nodes[i].Type = NodeType(strings.ToLower(string(n.Type)))
			if err := checkNode(nodes[i]); err != nil {
				return Inventory{}, fmt.Errorf("JSON inventory: node %d: %w", i+1, err)
			}
		}
		return Inventory{Nodes: nodes}, nil
	case len(t) > 0 && t[0] == '{':
		return readAWSExport(t)
	}
	nodes, err := readCSV(data)
	return Inventory{Nodes: nodes}, err
}

// describeInstances is the part of `aws ec2 describe-instances` output an
// inventory reads.
type describeInstances struct {
	Reservations []struct {
		Instances []struct {
			InstanceId string
			State      struct{ Name string }
			Tags       []struct{ Key, Value string }
		}
	}
}

// readAWSExport reads the JSON object an AWS CLI command prints, told by its
// top-level key.
func readAWSExport(data []byte) (Inventory, error) {
	if err := strictjson.RepeatedKeys(data); err != nil {
		return Inventory{}, fmt.Errorf("JSON inventory: %w", err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return Inventory{}, fmt.Errorf("JSON inventory: %w", err)
	}
	switch {
	case top["Reservations"] != nil:
		return readDescribeInstances(data)
	case top["InstanceInformationList"] != nil:
		return readInstanceInformation(data)
	case top["ResourceTagMappingList"] != nil:
		return readTagMappings(data)
	}
	return Inventory{}, fmt.Errorf("JSON inventory: an object, but not the output of aws ec2 describe-instances (Reservations), aws ssm describe-instance-information (InstanceInformationList) or aws resourcegroupstaggingapi get-resources (ResourceTagMappingList): give an array of {id, type, tags}, or one of those")
}

// readInstanceInformation reads `aws ssm describe-instance-information`:
// each managed node, of type Managed for a hybrid (ManagedInstance) node and
// EC2 otherwise, without tags (the command prints none).
func readInstanceInformation(data []byte) (Inventory, error) {
	var out struct {
		InstanceInformationList []struct{ InstanceId, ResourceType string }
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return Inventory{}, fmt.Errorf("describe-instance-information inventory: %w", err)
	}
	var inv Inventory
	for _, in := range out.InstanceInformationList {
		switch {
		case in.InstanceId == "":
			inv.Skipped = append(inv.Skipped, "a managed node without InstanceId")
		case in.ResourceType == "ManagedInstance" || strings.HasPrefix(in.InstanceId, "mi-"):
			inv.Nodes = append(inv.Nodes, Node{ID: in.InstanceId, Type: Managed})
		default:
			inv.Nodes = append(inv.Nodes, Node{ID: in.InstanceId, Type: EC2})
		}
	}
	return inv, nil
}

// readTagMappings reads `aws resourcegroupstaggingapi get-resources`: the
// tags of each EC2 instance (…:instance/i-…) and managed instance
// (…:managed-instance/mi-…) by id. Other resources are counted in one note.
func readTagMappings(data []byte) (Inventory, error) {
	var out struct {
		ResourceTagMappingList []struct {
			ResourceARN string
			Tags        []struct{ Key, Value string }
		}
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return Inventory{}, fmt.Errorf("get-resources inventory: %w", err)
	}
	inv := Inventory{TagsByID: map[string]map[string]string{}}
	others := 0
	for _, r := range out.ResourceTagMappingList {
		_, id, _ := strings.Cut(r.ResourceARN, ":instance/")
		if id == "" {
			_, id, _ = strings.Cut(r.ResourceARN, ":managed-instance/")
		}
		if id == "" || !strings.HasPrefix(r.ResourceARN, "arn:") {
			others++
			continue
		}
		tags := map[string]string{}
		for _, t := range r.Tags {
			tags[t.Key] = t.Value
		}
		inv.TagsByID[id] = tags
	}
	if others > 0 {
		inv.Skipped = append(inv.Skipped, fmt.Sprintf("%d tagged resources that are not nodes", others))
	}
	return inv, nil
}

// readDescribeInstances reads the JSON `aws ec2 describe-instances`
// prints: every instance an EC2 node with its tags, but for those
// terminated or being terminated, which no one can reach.
func readDescribeInstances(data []byte) (Inventory, error) {
	var out describeInstances
	if err := json.Unmarshal(data, &out); err != nil {
		return Inventory{}, fmt.Errorf("describe-instances inventory: %w", err)
	}
	var inv Inventory
	for _, r := range out.Reservations {
		for _, in := range r.Instances {
			switch state := in.State.Name; {
			case in.InstanceId == "":
				inv.Skipped = append(inv.Skipped, "an instance without InstanceId")
				continue
			case state == "terminated" || state == "shutting-down":
				inv.Skipped = append(inv.Skipped, in.InstanceId+": "+state)
				continue
			}
			n := Node{ID: in.InstanceId, Type: EC2}
			for _, tag := range in.Tags {
				if n.Tags == nil {
					n.Tags = map[string]string{}
				}
				n.Tags[tag.Key] = tag.Value
			}
			inv.Nodes = append(inv.Nodes, n)
		}
	}
	return inv, nil
}

func readCSV(data []byte) ([]Node, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("CSV inventory: no header row (id,type,tags or id,tag:KEY,…): %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("CSV inventory: line 1: column %q is given twice", h)
		}
		col[h] = i
	}
	if _, ok := col["id"]; !ok {
		return nil, fmt.Errorf("CSV inventory: line 1: no id column (the header is %s)", strings.Join(header, ","))
	}
	var tagColumns []string // tag:KEY headers, in the header's order
	for _, h := range header {
		h = strings.TrimSpace(h)
		if key, ok := strings.CutPrefix(h, "tag:"); ok {
			if strings.TrimSpace(key) == "" {
				return nil, fmt.Errorf("CSV inventory: line 1: column %q names no tag key: write tag:KEY", h)
			}
			tagColumns = append(tagColumns, h)
		}
	}
	var nodes []Node
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nodes, nil
		}
		if err != nil {
			return nil, fmt.Errorf("CSV inventory: %w", err)
		}
		line, _ := r.FieldPos(0)
		n := Node{ID: rec[col["id"]], Tags: map[string]string{}}
		if i, ok := col["type"]; ok {
			n.Type = NodeType(strings.ToLower(strings.TrimSpace(rec[i])))
		}
		if i, ok := col["tags"]; ok && strings.TrimSpace(rec[i]) != "" {
			tags, err := ParseTags(rec[i], ";")
			if err != nil {
				return nil, fmt.Errorf("CSV inventory: line %d: tags: %w", line, err)
			}
			n.Tags = tags
		}
		for _, h := range tagColumns {
			key, v := strings.TrimPrefix(h, "tag:"), rec[col[h]]
			if v == "" {
				continue
			}
			if old, both := n.Tags[key]; both && old != v {
				return nil, fmt.Errorf("CSV inventory: line %d: tag %s is %q in the tags column and %q in column %s: give it once", line, key, old, v, h)
			}
			n.Tags[key] = v
		}
		if err := checkNode(n); err != nil {
			return nil, fmt.Errorf("CSV inventory: line %d: %w", line, err)
		}
		nodes = append(nodes, n)
	}
}

func checkNode(n Node) error {
	if strings.TrimSpace(n.ID) == "" {
		return fmt.Errorf("the id is empty")
	}
	if n.Type != "" && n.Type != EC2 && n.Type != Managed {
		return fmt.Errorf("node %s: type %q: must be ec2 or managed", n.ID, n.Type)
	}
	if _, empty := n.Tags[""]; empty {
		return fmt.Errorf("node %s: a tag has an empty key: AWS tag keys have 1 to 128 characters", n.ID)
	}
	return nil
}

// ParseTags reads "K=V" pairs separated by sep ("Env=PROD,Team=ops").
func ParseTags(s, sep string) (map[string]string, error) {
	tags := map[string]string{}
	for _, pair := range strings.Split(s, sep) {
		if pair = strings.TrimSpace(pair); pair == "" {
			continue
		}
		k, v, ok := strings.Cut(pair, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("%q: write KEY=VALUE", pair)
		}
		k = strings.TrimSpace(k)
		if _, dup := tags[k]; dup {
			return nil, fmt.Errorf("%q: the tag %s is given twice", pair, k)
		}
		tags[k] = v
	}
	return tags, nil
}
