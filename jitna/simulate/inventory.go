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
// out, each with why ("i-0abc…: terminated").
type Inventory struct {
	Nodes   []Node
	Skipped []string
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
// any case ("EC2" is ec2) in both formats. It also reads what AWS exports:
// the JSON of `aws ec2 describe-instances` (an object with Reservations),
// leaving out terminated instances (see Inventory.Skipped). The format is
// told from the content.
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
		return readDescribeInstances(t)
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

// readDescribeInstances reads the JSON `aws ec2 describe-instances`
// prints: every instance an EC2 node with its tags, but for those
// terminated or being terminated, which no one can reach.
func readDescribeInstances(data []byte) (Inventory, error) {
	if err := strictjson.RepeatedKeys(data); err != nil {
		return Inventory{}, fmt.Errorf("describe-instances inventory: %w", err)
	}
	var out describeInstances
	if err := json.Unmarshal(data, &out); err != nil {
		return Inventory{}, fmt.Errorf("describe-instances inventory: %w", err)
	}
	if out.Reservations == nil {
		return Inventory{}, fmt.Errorf("JSON inventory: an object, but not the output of aws ec2 describe-instances (no Reservations): give an array of {id, type, tags}, or that output")
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
		for h, i := range col {
			if key, ok := strings.CutPrefix(h, "tag:"); ok && rec[i] != "" {
				n.Tags[key] = rec[i]
			}
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
