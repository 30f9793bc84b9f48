package config

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cfn"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// decoder fills Go values from YAML nodes by the fields' names in lowerCamel
// ("AccessDuration" is accessDuration, "KMSKeyID" kmsKeyID), records the line
// of every key it reads, and collects every problem.
type decoder struct {
	file  string
	lines map[string]int
	// textLines are the lines where the text of a string value starts, for
	// values whose lines are the file's: a literal block (|) or a
	// single-line scalar. Problems inside the text (Cedar's) are reported
	// at the file's line.
	textLines map[string]int
	problems  []problem
	// budget bounds the values read, YAML aliases expanded (see
	// cfn.MinNodes): a config without aliases holds fewer values than bytes.
	budget int
	// exhausted says the budget ran out: the config was not read whole.
	exhausted bool
	// misspelt are the keys an unknown key most likely meant (not given
	// themselves): their problems are that key's.
	misspelt []string
	// warnings are the risks found (overlapping targets, for one), at
	// their lines: shown with the problems, or returned with the config.
	warnings []problem
}

// problem is a check.Problem whose Path is "file:line" and whose Field is the
// config key (member.manualApprovals[1].accessDuration), with its line for
// sorting.
type problem struct {
	line int
	check.Problem
}

func (d *decoder) addAt(line int, key, value, message string) {
	p := problem{line: line, Problem: check.Problem{Path: fmt.Sprintf("%s:%d", d.file, line), Field: key, Value: value, Message: message}}
	for _, q := range d.problems {
		if q == p {
			return
		}
	}
	d.problems = append(d.problems, p)
}

func (d *decoder) add(n *yaml.Node, key, value, format string, args ...any) {
	d.addAt(n.Line, key, value, fmt.Sprintf(format, args...))
}

var durationType = reflect.TypeOf(time.Duration(0))

// decode fills v (addressable) from n at path.
func (d *decoder) decode(n *yaml.Node, path string, v reflect.Value) {
	if d.budget--; d.budget < 0 {
		if !d.exhausted {
			d.add(n, path, "", "makes the config expand to more values than its size allows (YAML aliases): not read further")
		}
		d.exhausted = true
		return
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	d.lines[path] = n.Line
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return
	}
	switch {
	case v.Type() == durationType:
		d.duration(n, path, v)
		return
	case v.Kind() == reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, path, v.Elem())
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.object(n, path, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.add(n, path, scalarValue(n), "must be a list (- item lines, or [a, b])")
			return
		}
		list := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, e := range n.Content {
			d.decode(e, fmt.Sprintf("%s[%d]", path, i), list.Index(i))
		}
		v.Set(list)
	case reflect.Map:
		d.stringMap(n, path, v)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.add(n, path, "", "must be a single value, not %s", cfn.KindName(n))
			return
		}
		if d.tokenLiteral(n, path) {
			return
		}
		switch {
		case n.Style&yaml.LiteralStyle != 0:
			d.textLines[path] = n.Line + 1 // the text starts below the |
		case !strings.Contains(n.Value, "\n") && n.Style&yaml.FoldedStyle == 0:
			d.textLines[path] = n.Line
		}
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.add(n, path, scalarValue(n), "must be true or false")
			return
		}
		v.SetBool(b)
	case reflect.Int:
		i, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.add(n, path, scalarValue(n), "must be a whole number")
			return
		}
		v.SetInt(int64(i))
	default:
		d.add(n, path, "", "cannot be set from a config file")
	}
}

// object fills a struct, embedded structs flattened, and reports keys that
// are not fields.
func (d *decoder) object(n *yaml.Node, path string, v reflect.Value) {
	fields := map[string]field{}
	collectFields(v, fields)
	if n.Kind != yaml.MappingNode {
		d.add(n, path, scalarValue(n), "must be a mapping with the keys %s", keyList(fields))
		return
	}
	given := map[string]bool{}
	for pair := range slices.Chunk(n.Content, 2) {
		given[pair[0].Value] = true
	}
	seen := map[string]int{}
	for pair := range slices.Chunk(n.Content, 2) { // a mapping's content is key, value, …
		k, val := pair[0], pair[1]
		if !d.firstKey(seen, k, path) {
			continue
		}
		f, ok := fields[k.Value]
		if !ok {
			d.unknownKey(k, path, fields, given)
			continue
		}
		before := len(d.problems)
		d.decode(val, join(path, k.Value), f.v)
		d.lines[join(path, k.Value)] = k.Line
		if len(d.problems) == before && !f.zero && zeroNumber(f.v, val) {
			d.add(val, join(path, k.Value), val.Value, "is zero, which a config does not take: leave the key out for the default, or give a value in range")
		}
	}
}

// field is a settable struct field; zero says an explicit 0 is a value of
// it (tag `config:"zero"`), not the same as leaving it out.
type field struct {
	v    reflect.Value
	zero bool
}

// zeroNumber reports whether a number or duration v was set to zero from
// the scalar n: in the props, a zero means "the default", so a 0 written
// out would be silently replaced.
func zeroNumber(v reflect.Value, n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		return false
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	return (v.Type() == durationType || v.Kind() == reflect.Int) && v.Int() == 0
}

// unknownKey reports a key that is not a field, suggesting the field it
// most likely misspells. Such a field, when not given too, counts as
// reported: its value is the misspelt key's, so the rules that a missing
// or zero value breaks say nothing more about it (one problem per mistake).
func (d *decoder) unknownKey(k *yaml.Node, path string, fields map[string]field, given map[string]bool) {
	keys := slices.Sorted(maps.Keys(fields))
	near := check.Suggest(k.Value, keys)
	if near == "" || given[near] {
		d.add(k, join(path, k.Value), "", "is not a key here: the keys%s are %s", under(path), strings.Join(keys, ", "))
		return
	}
	d.add(k, join(path, k.Value), "", "is not a key here (did you mean %s?): the keys%s are %s", near, under(path), strings.Join(keys, ", "))
	d.misspelt = append(d.misspelt, join(path, near))
}

func under(path string) string {
	if path == "" {
		return ""
	}
	return " of " + path
}

// collectFields maps the settable fields of a struct by key, flattening
// embedded structs. Function and interface fields cannot come from a file,
// nor fields tagged `config:"-"` (Go-only values such as Cedar rule
// builders).
func collectFields(v reflect.Value, out map[string]field) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Type.Kind() == reflect.Func || f.Type.Kind() == reflect.Interface || f.Tag.Get("config") == "-" {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			collectFields(v.Field(i), out)
			continue
		}
		out[KeyName(f.Name)] = field{v: v.Field(i), zero: f.Tag.Get("config") == "zero"}
	}
}

func (d *decoder) stringMap(n *yaml.Node, path string, v reflect.Value) {
	if n.Kind != yaml.MappingNode || v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() != reflect.String {
		d.add(n, path, scalarValue(n), "must be a mapping of names to values")
		return
	}
	m := reflect.MakeMap(v.Type())
	seen := map[string]int{}
	for pair := range slices.Chunk(n.Content, 2) { // a mapping's content is key, value, …
		k, val := pair[0], pair[1]
		if !d.firstKey(seen, k, path) {
			continue
		}
		key := fmt.Sprintf("%s[%s]", path, k.Value)
		d.lines[key] = k.Line
		if val.Kind != yaml.ScalarNode {
			d.add(val, key, "", "must be a single value, not %s", cfn.KindName(val))
			continue
		}
		if d.tokenLiteral(val, key) {
			continue
		}
		m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), reflect.ValueOf(val.Value).Convert(v.Type().Elem()))
	}
	v.Set(m)
}

// firstKey reports whether k is the first of its name in a mapping at path
// (seen records the keys read, by line), and reports it otherwise: a key
// given twice, or a YAML merge key ("<<"), whose keys would be read from
// elsewhere. A problem at a merge key is reported at path itself, so that
// the keys it would have given are not reported again as missing.
func (d *decoder) firstKey(seen map[string]int, k *yaml.Node, path string) bool {
	if k.Tag == "!!merge" {
		d.add(k, path, "", "uses a YAML merge key (<<), which a config does not take: write the keys out")
		return false
	}
	if first, dup := seen[k.Value]; dup {
		d.add(k, join(path, k.Value), "", "is given twice (first on line %d): a key appears once in a mapping", first)
		return false
	}
	seen[k.Value] = k.Line
	return true
}

// tokenLiteral reports (and records a problem for) a value that holds an AWS
// CDK token or a template reader's placeholder: only Go code makes those, and
// the CDK fails on a forged one with no line to show. A whole dynamic
// reference ({{resolve:…}}) is a plain value CloudFormation resolves.
func (d *decoder) tokenLiteral(n *yaml.Node, path string) bool {
	if !check.IsToken(n.Value) || strings.HasPrefix(n.Value, "{{resolve:") {
		return false
	}
	d.add(n, path, n.Value, "holds an AWS CDK token, which only Go code makes: a config file holds plain values")
	return true
}

// maxDays is the longest duration in days that time.Duration holds.
const maxDays = int64(math.MaxInt64 / (24 * time.Hour))

// duration reads "8h", "30m", "90s" or "7d".
func (d *decoder) duration(n *yaml.Node, path string, v reflect.Value) {
	s := strings.TrimSpace(n.Value)
	var dur time.Duration
	var err error
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var k int64
		k, err = strconv.ParseInt(days, 10, 64)
		if err == nil && (k > maxDays || k < -maxDays) {
			d.add(n, path, s, "is too long: a duration is at most %dd", maxDays)
			return
		}
		dur = time.Duration(k) * 24 * time.Hour
	} else {
		dur, err = time.ParseDuration(s)
	}
	if n.Kind != yaml.ScalarNode || err != nil {
		d.add(n, path, scalarValue(n), `is not a duration: write a number and a unit, such as "8h", "30m", "90s" or "7d"`)
		return
	}
	v.SetInt(int64(dur))
}

// KeyName is the config key of a Go field: its name in lowerCamel, a
// leading initialism lowered whole ("ID" id, "KMSKeyID" kmsKeyID,
// "S3BucketName" s3BucketName).
func KeyName(field string) string {
	r := []rune(field)
	i := 0
	for i < len(r) && (unicode.IsUpper(r[i]) || unicode.IsDigit(r[i])) {
		i++
	}
	if i == 0 {
		return field
	}
	if i > 1 && i < len(r) {
		i-- // the last capital starts the next word
	}
	return strings.ToLower(string(r[:i])) + string(r[i:])
}

func keyList(fields map[string]field) string {
	return strings.Join(slices.Sorted(maps.Keys(fields)), ", ")
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func scalarValue(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return ""
}
