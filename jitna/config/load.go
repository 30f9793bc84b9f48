package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/cdk-jitna/cdk-jitna-go/internal/safeio"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cfn"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// MaxFileSize bounds a config file and each .cedar file it names.
const MaxFileSize = 1 << 20

// Load reads the config file name from fsys (its .cedar files are read next
// to it) and checks it. It returns the config, or a *check.Error with every
// problem, each with Path "file:line" and Field the config key.
func Load(fsys fs.FS, name string) (*Config, error) {
	data, err := safeio.ReadFS(fsys, name, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return Parse(fsys, name, data)
}

// LoadFile reads a config file from disk (its .cedar files next to it);
// problems name it as path.
//
// The folder is opened as an os.Root: a cedarFile that is a symbolic link
// (or goes through one) leading outside the folder is refused, not read.
func LoadFile(path string) (*Config, error) {
	root, err := os.OpenRoot(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	defer root.Close()
	cfg, err := Load(root.FS(), filepath.Base(path))
	var e *check.Error
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) && pe.Path == filepath.Base(path) {
		pe.Path = path // as the user gave it, directory included
	}
	if errors.As(err, &e) {
		for i, p := range e.Problems {
			e.Problems[i].Path = path + strings.TrimPrefix(p.Path, filepath.Base(path))
		}
	}
	return cfg, err
}

// yamlLine finds the line in yaml.v3's messages ("yaml: line 3: …").
var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// Parse checks a config's text; name is the file (in fsys, which .cedar
// files are read from) its problems name.
func Parse(fsys fs.FS, name string, data []byte) (*Config, error) {
	d := &decoder{file: name, lines: map[string]int{}, textLines: map[string]int{}, budget: len(data) + cfn.MinNodes}
	if len(data) > MaxFileSize {
		d.addAt(1, "", "", fmt.Sprintf("is %d bytes long: a config file is at most %d", len(data), MaxFileSize))
		return nil, d.err()
	}
	if i := invalidUTF8(data); i >= 0 {
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		d.addAt(line, "", "", fmt.Sprintf("is not UTF-8 text: byte %d (0x%02x, on this line) is not UTF-8; save the file as UTF-8", i+1, data[i]))
		return nil, d.err()
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	err := dec.Decode(&root)
	for err == nil { // the documents after the first: empty ones (a trailing ---) only
		var more yaml.Node
		if err = dec.Decode(&more); err == nil && len(more.Content) > 0 && more.Content[0].ShortTag() != "!!null" {
			d.addAt(more.Line, "", "", "holds a second YAML document (after ---): a config is one document; merge them or remove the separator")
			return nil, d.err()
		}
	}
	if err != nil && !errors.Is(err, io.EOF) {
		line, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		d.addAt(line, "", "", "is not valid YAML: "+msg)
		return nil, d.err()
	}
	if len(root.Content) == 0 {
		d.addAt(1, "", "", "is empty: see jitna/configapp/jitna.yaml for a complete config")
		return nil, d.err()
	}
	cfg := &Config{}
	d.decode(root.Content[0], "", reflect.ValueOf(cfg).Elem())
	if d.exhausted {
		// Not read whole: every rule would report what is missing or
		// repeated in the part that was read.
		return nil, d.err()
	}
	l := &loader{fsys: fsys, dir: path.Dir(name), decoder: d, cedarFiles: map[string][]byte{}}
	for _, p := range d.problems {
		l.broken = append(l.broken, p.Field)
	}
	l.broken = append(l.broken, d.misspelt...)
	shareNewRegions(cfg)
	l.validate(cfg)
	if len(d.problems) > 0 {
		return nil, d.err()
	}
	l.inlineCedarFiles(cfg)
	cfg.warnings = sorted(d.warnings)
	return cfg, nil
}

// invalidUTF8 returns the offset of the first byte of data that is not
// UTF-8, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// err returns the problems, by line then key, as a *check.Error, with the
// warnings found.
func (d *decoder) err() error {
	return &check.Error{Problems: sorted(d.problems), Warnings: sorted(d.warnings)}
}

// sorted returns the problems by line then key.
func sorted(problems []problem) []check.Problem {
	slices.SortStableFunc(problems, func(a, b problem) int {
		return cmp.Or(cmp.Compare(a.line, b.line), strings.Compare(a.Field, b.Field))
	})
	out := make([]check.Problem, len(problems))
	for i, p := range problems {
		out[i] = p.Problem
	}
	return out
}

// warn records a warning at a key, on the line the key is on (or its
// nearest parent's).
func (l *loader) warn(key, message string) {
	line := l.lineOf(key)
	l.warnings = append(l.warnings, problem{line: line, Problem: check.Problem{Path: fmt.Sprintf("%s:%d", l.file, line), Field: key, Message: message}})
}

type loader struct {
	fsys fs.FS
	dir  string
	*decoder
	// broken are keys a decoding problem was reported for; validation
	// problems at or under them would only repeat it.
	broken []string
	// cedarFiles are the cedarFiles read, by name.
	cedarFiles map[string][]byte
}

// readCedarFile reads a cedarFile next to the config: a relative path that
// stays in the config's folder, a regular file of at most
// policy.MaxCedarFileSize bytes. A file is read once: the text checked is
// the text inlined.
func (l *loader) readCedarFile(name string) ([]byte, error) {
	if data, ok := l.cedarFiles[name]; ok {
		return data, nil
	}
	p := path.Join(l.dir, name)
	if !fs.ValidPath(name) { // no leading "/", no "." or ".." element
		return nil, errors.New("must be a path relative to the config file, inside its folder (no leading /, no ..)")
	}
	data, err := safeio.ReadFS(l.fsys, p, policy.MaxCedarFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("no such file next to the config")
	}
	if err == nil {
		l.cedarFiles[name] = data
	}
	return data, err
}

// inlineCedarFiles moves each cedarFile's text into cedar, joined as the
// construct joins them, so that the props Load returns read no file.
func (l *loader) inlineCedarFiles(cfg *Config) {
	var sources []*policy.CedarSource
	if d := cfg.DenyAccess; d != nil {
		sources = append(sources, &d.CedarSource)
	}
	if a := cfg.Member.AutoApproval; a != nil {
		sources = append(sources, &a.CedarSource)
	}
	for _, src := range sources {
		if src.CedarFile == "" {
			continue
		}
		text := string(l.cedarFiles[src.CedarFile]) // read by validate, which found no problem
		src.Cedar = strings.Join(slices.DeleteFunc([]string{src.Cedar, text}, func(s string) bool { return s == "" }), "\n\n")
		src.CedarFile = ""
	}
}

// report adds a problem at a key, on the line the key is on (or its nearest
// parent's), unless the same problem is there already.
func (l *loader) report(key, value, message string) {
	l.addAt(l.lineOf(key), key, value, message)
}

// merge reports the problems of a core check, their fields turned into keys
// under prefix. A problem at a line of a value's text (Cedar's "line 3,
// column 9: …") is reported at that line of the file.
func (l *loader) merge(prefix string, err error) {
	for _, p := range check.Problems(err) {
		key := fieldKey(prefix, p.Field)
		if l.isBroken(key) {
			continue
		}
		if start, ok := l.textLines[key]; ok {
			if m := textLine.FindStringSubmatch(p.Message); m != nil {
				n, _ := strconv.Atoi(m[1])
				l.addAt(start+n-1, key, p.Value, "Cedar line "+m[1]+m[2])
				continue
			}
		}
		l.report(key, p.Value, p.Message)
	}
}

// textLine matches a problem message that starts at a line of the text.
var textLine = regexp.MustCompile(`^line (\d+)((?:, column \d+)?: .*)$`)

func (l *loader) isBroken(key string) bool {
	for _, b := range l.broken {
		if key == b || strings.HasPrefix(key, b+".") || strings.HasPrefix(key, b+"[") {
			return true
		}
	}
	return false
}

// fieldSegment splits "ApprovalLevels[0]" into its name and index part.
var fieldSegment = regexp.MustCompile(`^([^\[]*)(\[.*\])?$`)

// fieldKey turns a core problem's field ("ApprovalLevels[0].Approvers[1].ID")
// into a config key under prefix ("….approvalLevels[0].approvers[1].id").
func fieldKey(prefix, field string) string {
	key := prefix
	for _, seg := range strings.Split(strings.TrimPrefix(field, "."), ".") {
		if seg == "" {
			continue
		}
		m := fieldSegment.FindStringSubmatch(seg)
		name, index := m[1], m[2]
		if name == "" {
			key += index
			continue
		}
		key = join(key, KeyName(name)+index)
	}
	return key
}

// lineOf returns the line of key, or of its nearest parent that has one.
func (l *loader) lineOf(key string) int {
	for k := key; k != ""; k = parentKey(k) {
		if line, ok := l.lines[k]; ok {
			return line
		}
	}
	return 1
}

func parentKey(key string) string {
	i := strings.LastIndexAny(key, ".[")
	if i < 0 {
		return ""
	}
	return key[:i]
}
