// Package cfn reads CloudFormation templates, JSON or YAML with the short-form
// intrinsic function tags (!Ref, !Sub, !GetAtt…), into plain Go values in the
// long form CloudFormation and the CDK use ({"Fn::Sub": …}), so that
// synthesized and hand-written templates compare and check alike.
//
// It is pure Go: the `jitna` command and the tests use it without jsii.
package cfn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/cdk-jitna/cdk-jitna-go/internal/strictjson"
)

// MaxDepth bounds the nesting of a template, so that hostile input cannot
// exhaust the stack. The number of values read (YAML aliases expanded) is
// bounded by the input's size: a document without aliases holds fewer values
// than bytes, so len(data)+MinNodes admits every real template while an alias
// "bomb" stops early.
const (
	MaxDepth = 200
	MinNodes = 10_000
)

// Parse reads a template, JSON or YAML, into maps, slices, strings, float64,
// bools and nils. Short-form tags become their long form: `!Ref X` becomes
// {"Ref": "X"}, `!GetAtt A.B` becomes {"Fn::GetAtt": ["A", "B"]}, any other
// `!Name v` becomes {"Fn::Name": v}. Errors carry the line where YAML gives one.
func Parse(data []byte) (map[string]any, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("empty template")
	}
	var jsonErr error
	if trimmed[0] == '{' {
		var out map[string]any
		if jsonErr = json.Unmarshal(trimmed, &out); jsonErr == nil {
			if err := strictjson.RepeatedKeys(trimmed); err != nil {
				return nil, err
			}
			return out, nil
		}
		// Not JSON after all: YAML flow mappings start with '{' too.
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		if jsonErr != nil { // neither: a JSON template, broken (say, truncated)
			return nil, jsonProblem(data, jsonErr)
		}
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, fmt.Errorf("empty template")
	}
	r := &reader{budget: len(data) + MinNodes}
	v, err := r.convert(doc.Content[0], 0)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("line %d: a template must be a mapping, not %s", doc.Content[0].Line, KindName(doc.Content[0]))
	}
	return m, nil
}

// jsonProblem words a JSON error with its line, as a YAML error has one.
func jsonProblem(data []byte, err error) error {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		lead := len(data) - len(bytes.TrimLeftFunc(data, unicode.IsSpace)) // Parse trims before decoding
		offset := min(lead+int(syntax.Offset), len(data))
		return fmt.Errorf("line %d: not valid JSON: %w", 1+bytes.Count(data[:offset], []byte("\n")), err)
	}
	return fmt.Errorf("not valid JSON: %w", err)
}

// reader converts YAML nodes within a budget of values.
type reader struct{ budget int }

func (r *reader) convert(n *yaml.Node, depth int) (any, error) {
	if depth > MaxDepth {
		return nil, fmt.Errorf("line %d: nested more than %d levels deep", n.Line, MaxDepth)
	}
	if r.budget--; r.budget < 0 {
		return nil, fmt.Errorf("line %d: too many values for the input's size (YAML aliases expanded): not read", n.Line)
	}
	var v any
	var err error
	switch n.Kind {
	case yaml.AliasNode:
		return r.convert(n.Alias, depth+1)
	case yaml.MappingNode:
		v, err = r.convertMapping(n, depth)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			e, err := r.convert(c, depth+1)
			if err != nil {
				return nil, err
			}
			list = append(list, e)
		}
		v = list
	case yaml.ScalarNode:
		v, err = scalar(n)
	default:
		return nil, fmt.Errorf("line %d: unexpected YAML node", n.Line)
	}
	if err != nil {
		return nil, err
	}
	return intrinsic(n, v)
}

func (r *reader) convertMapping(n *yaml.Node, depth int) (map[string]any, error) {
	m := make(map[string]any, len(n.Content)/2)
	for pair := range slices.Chunk(n.Content, 2) { // a mapping's content is key, value, …
		k, val := pair[0], pair[1]
		if k.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("line %d: a mapping key must be a plain value", k.Line)
		}
		if k.Value == "<<" {
			return nil, fmt.Errorf("line %d: YAML merge keys (<<) are not supported in templates", k.Line)
		}
		if _, dup := m[k.Value]; dup {
			return nil, fmt.Errorf("line %d: key %q is repeated", k.Line, k.Value)
		}
		e, err := r.convert(val, depth+1)
		if err != nil {
			return nil, err
		}
		m[k.Value] = e
	}
	return m, nil
}

// scalar decodes a plain YAML value the way encoding/json would: numbers as
// float64.
func scalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!str", "!!binary":
		return n.Value, nil
	case "!!null":
		return nil, nil
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, fmt.Errorf("line %d: %v", n.Line, err)
		}
		switch x := v.(type) {
		case int:
			return float64(x), nil
		case int64:
			return float64(x), nil
		case uint64:
			return float64(x), nil
		case float64:
			if math.IsInf(x, 0) || math.IsNaN(x) {
				return n.Value, nil
			}
			return x, nil
		}
		return v, nil
	default:
		// Custom tags (!Ref…) on scalars: the value is a string.
		return n.Value, nil
	}
}

// intrinsic turns a short-form tag into the long form.
func intrinsic(n *yaml.Node, v any) (any, error) {
	tag := n.Tag
	if !strings.HasPrefix(tag, "!") || strings.HasPrefix(tag, "!!") {
		return v, nil
	}
	name := tag[1:]
	switch name {
	case "Ref", "Condition":
		return map[string]any{name: v}, nil
	case "GetAtt":
		if s, ok := v.(string); ok {
			res, attr, found := strings.Cut(s, ".")
			if !found {
				return nil, fmt.Errorf("line %d: !GetAtt %q must be Resource.Attribute", n.Line, s)
			}
			return map[string]any{"Fn::GetAtt": []any{res, attr}}, nil
		}
	}
	if name == "" {
		return nil, fmt.Errorf("line %d: empty tag", n.Line)
	}
	return map[string]any{"Fn::" + name: v}, nil
}

// KindName names a YAML node's kind for a message: "a mapping", "a list" or
// "a single value".
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "another kind of value"
}
