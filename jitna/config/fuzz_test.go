package config

import (
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// A key repeated in a mapping is always a problem, and a mapping of distinct
// keys is read whole: every key with its own value.
func FuzzDuplicateKeys(f *testing.F) {
	f.Add("Team", "Team")
	f.Add("Team", "team")
	f.Add("a", "a ")
	f.Add("<<", "x")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, k1, k2 string) {
		text := strings.Replace(minimal, "member:\n", "member:\n  tags:\n    "+strconv.Quote(k1)+": one\n    "+strconv.Quote(k2)+": two\n", 1)
		var node yaml.Node
		if !utf8.ValidString(k1) || !utf8.ValidString(k2) || yaml.Unmarshal([]byte(text), &node) != nil {
			t.Skip("not YAML") // strconv.Quote escapes YAML does not read
		}
		cfg, err := Parse(files(nil), "f.yaml", []byte(text))
		twice := err != nil && strings.Contains(err.Error(), "member.tags."+k2+": is given twice (first on line 10)")
		if k1 == k2 && !twice {
			t.Fatalf("%q twice: not reported: %v", k1, err)
		}
		if k1 != k2 && twice {
			t.Fatalf("%q and %q reported as one key", k1, k2)
		}
		if err == nil && (cfg.Member.Tags[k1] != "one" || cfg.Member.Tags[k2] != "two") {
			t.Fatalf("tags read as %v", cfg.Member.Tags)
		}
	})
}

// A config followed by a second document with content is refused, whatever
// that document holds; an empty one (a trailing ---) is not a document.
func FuzzSecondDocument(f *testing.F) {
	f.Add("member: {}\n")
	f.Add("")
	f.Add("# only a comment\n")
	f.Add("~\n")
	f.Add("- a\n")
	f.Add("enablement: x\n---\nmore: 1\n")
	// A misspelt key, explicit zeros, a cedarFile that climbs out.
	f.Add("member:\n  manualApprovals:\n    - acessDuration: 8h\n      approvalLevels: [{minRequiredApprovals: 0}]\n")
	f.Add("waitForDeployment: {pollInterval: 0s}\ndenyAccess: {cedarFile: ../x.cedar}\n")
	f.Fuzz(func(t *testing.T, doc string) {
		var node yaml.Node
		if !utf8.ValidString(doc) || strings.Contains(doc, "...") || strings.HasPrefix(doc, "%") {
			t.Skip("not UTF-8, or directives and document ends")
		}
		empty := true // every document in doc is empty
		dec := yaml.NewDecoder(strings.NewReader(doc))
		for {
			err := dec.Decode(&node)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Skip("not YAML")
			}
			empty = empty && (len(node.Content) == 0 || node.Content[0].ShortTag() == "!!null")
		}
		cfg, err := Parse(files(nil), "f.yaml", []byte(minimal+"---\n"+doc))
		if !empty && err == nil {
			t.Fatalf("a second document %q was ignored", doc)
		}
		if empty && (err != nil || cfg == nil) {
			t.Fatalf("an empty second document %q: %v", doc, err)
		}
	})
}
