package jitnatest

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"

	"github.com/cdk-jitna/cdk-jitna-go/internal/safeio"
)

func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files under testdata/ instead of comparing with them")
	}
}

// updating reports whether the test binary runs with -update.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// maxGolden bounds a golden file.
const maxGolden = 64 << 20

// Snapshot compares stack's synthesized template, normalized (see Normalize),
// with the golden file testdata/<test name>.json. With -update it writes the
// file instead. On a mismatch it reports each difference with its path
// ("Resources.Role.Properties.RoleName: got …, want …").
func Snapshot(t testing.TB, stack awscdk.Stack) {
	t.Helper()
	SnapshotValue(t, strings.ReplaceAll(t.Name(), "/", "__"), TemplateMap(t, stack))
}

// SnapshotValue compares a template (or any JSON-like value), normalized, with
// the golden file testdata/<name>.json, or writes it with -update.
func SnapshotValue(t testing.TB, name string, value any) {
	t.Helper()
	got := Normalize(value)
	path := filepath.Join("testdata", name+".json")
	if updating() {
		data, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatalf("snapshot %s: %v", name, err)
		}
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := safeio.WriteFile(path, append(data, '\n'), true); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := safeio.ReadFile(path, maxGolden)
	if errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("snapshot %s: no golden file; run `go test -run '%s' -update` to write it", path, t.Name())
	}
	if err != nil {
		t.Fatal(err)
	}
	var want any
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("snapshot %s: %v", path, err)
	}
	if diffs := Diff(want, got); len(diffs) > 0 {
		t.Errorf("template differs from %s (run with -update if the change is intended):\n  %s", path, strings.Join(diffs, "\n  "))
	}
}

// assetHash matches the content hashes the CDK puts into asset names and keys.
var assetHash = regexp.MustCompile(`[0-9a-f]{64}`)

// Normalize returns a copy of a template without what changes between runs for
// no reason of yours: the CDK analytics resource and its condition, the
// bootstrap version parameter and rule, and asset hashes (replaced by
// "<asset-hash>"). Empty sections it leaves behind are dropped. A StackSet's
// inline member template (a TemplateBody string of JSON) is parsed and
// normalized in turn, so that a golden file holds it as the template it is
// and a difference in it is reported by its path
// ("Resources.Members.Properties.TemplateBody.Resources.…: got 28800, want
// 86400"); the golden file is then not a deployable template.
func Normalize(v any) any {
	v = normalizeStrings(roundTrip(v))
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	parseTemplateBodies(m)
	drop := func(section, key string) {
		if s, ok := m[section].(map[string]any); ok {
			delete(s, key)
			if len(s) == 0 {
				delete(m, section)
			}
		}
	}
	if res, ok := m["Resources"].(map[string]any); ok {
		for id, r := range res {
			if rm, ok := r.(map[string]any); ok && rm["Type"] == "AWS::CDK::Metadata" {
				delete(res, id)
			}
		}
	}
	drop("Conditions", "CDKMetadataAvailable")
	drop("Parameters", "BootstrapVersion")
	drop("Rules", "CheckBootstrapVersion")
	return m
}

// parseTemplateBodies replaces each StackSet's TemplateBody string of a
// JSON object with the normalized object.
func parseTemplateBodies(tmpl map[string]any) {
	res, _ := tmpl["Resources"].(map[string]any)
	for _, r := range res {
		rm, _ := r.(map[string]any)
		props, _ := rm["Properties"].(map[string]any)
		body, isString := props["TemplateBody"].(string)
		if rm["Type"] != "AWS::CloudFormation::StackSet" || !isString {
			continue
		}
		var parsed map[string]any
		if json.Unmarshal([]byte(body), &parsed) == nil {
			props["TemplateBody"] = Normalize(parsed)
		}
	}
}

// roundTrip gives a deep copy in plain JSON types (so float64 for numbers).
func roundTrip(v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if json.Unmarshal(data, &out) != nil {
		return v
	}
	return out
}

func normalizeStrings(v any) any {
	switch x := v.(type) {
	case string:
		return assetHash.ReplaceAllString(x, "<asset-hash>")
	case []any:
		for i := range x {
			x[i] = normalizeStrings(x[i])
		}
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[assetHash.ReplaceAllString(k, "<asset-hash>")] = normalizeStrings(e)
		}
		return out
	}
	return v
}
