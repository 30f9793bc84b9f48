package template

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cdk-jitna/cdk-jitna-go/internal/safeio"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cfn"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/rollout"
)

// Template is what a template holds for JITNA.
type Template struct {
	// File is where the template came from, as given.
	File string
	// Documents are the JITNA SSM documents, in logical id order.
	Documents []Document
	// Managers are the Quick Setup configuration managers of the unified
	// console and JITNA, in logical id order.
	Managers []Manager
	// StackSets are the member templates of AWS::CloudFormation::StackSet
	// resources with an inline TemplateBody; their logical ids are qualified
	// with the StackSet's ("MemberStackSet/AutoApprovalPolicy").
	StackSets []*Template
	// Notes say what could not be read (a StackSet with a TemplateURL), not
	// problems with the template.
	Notes []string
	// Name is the template's name in what it reports: the file, or for a
	// StackSet's member template, the StackSet's logical id.
	Name string
	// Raw is the template as read.
	Raw map[string]any
	// NewRegions are AWS Regions opened after the region package's list,
	// which Check accepts as Region names here and in the StackSets' member
	// templates (quicksetup.Target.NewRegions). Set it before the first
	// Check. Default: none.
	NewRegions []string
	// Regions are where the template deploys, when the reader knows: a
	// StackSet's member template, its StackInstancesGroup's Regions (those
	// written as names). Empty for a stack's template (its Region is
	// chosen at deployment). Set it before the first Check (the
	// MemberStackSet construct sets its Regions).
	Regions []string

	// readProblems are what the reader found wrong in the template's own
	// shape (a value that must be a string), reported by Check.
	readProblems []Finding
	checkOnce    sync.Once
	findings     []Finding
}

// MaxFileSize bounds a template file and each member template asset it
// reads: CloudFormation's own limit for a template in S3 is 1 MB.
const MaxFileSize = 16 << 20

// MaxNesting bounds how deep member templates nest (a StackSet in a member
// template of a StackSet …): a TemplateURL that points back at its own
// template would nest without end.
const MaxNesting = 4

// Document is one JITNA SSM document.
type Document struct {
	LogicalID string
	Name      string
	Type      string
	// Policy is the parsed model, nil when the content could not be read.
	Policy policy.Policy
	// Err holds the problems reading the content.
	Err error
}

// Manager is one Quick Setup configuration manager and its definition.
type Manager struct {
	LogicalID  string
	Type       string
	Definition quicksetup.Definition
}

// ReadFile reads a template file, a regular file of at most MaxFileSize
// bytes.
func ReadFile(path string) (*Template, error) {
	data, err := safeio.ReadFile(path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// problem records a problem with the template's own shape.
func (t *Template) problem(id, field, value, message string) {
	t.readProblems = append(t.readProblems, Finding{File: t.File, LogicalID: id, Severity: "error", Field: field, Value: value, Message: message})
}

// Files expands the paths given to the command: a directory stands for the
// *.template.json and *.template.yaml files in it (a cdk.out folder).
func Files(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		for _, pattern := range []string{"*.template.json", "*.template.yaml", "*.template.yml"} {
			m, _ := filepath.Glob(filepath.Join(p, pattern))
			found = append(found, m...)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no *.template.json or *.template.yaml files in the folder", p)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// Parse reads a template's text; file names it in what it reports.
func Parse(file string, data []byte) (*Template, error) {
	return parse(file, "", data, nil)
}

// FromValue reads a template already decoded into maps (as cfn.Parse or a
// CDK assertions template's ToJSON give it); name names it in what it reports.
func FromValue(name string, raw map[string]any) (*Template, error) {
	return fromMap(name, "", raw, nil)
}

// parse reads a template's text; given are the parameter values it is
// deployed with (a StackSet's Parameters), nil for a stack's template.
func parse(file, prefix string, data []byte, given map[string]any) (*Template, error) {
	raw, err := cfn.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %s%w", file, prefix, err)
	}
	t, err := fromMap(file, prefix, raw, given)
	if err == nil && len(data) > rollout.MaxTemplateURL {
		t.problem(t.Name, "", "", fmt.Sprintf("is a template of %d bytes: CloudFormation reads a template of at most %d bytes (from S3)", len(data), rollout.MaxTemplateURL))
	}
	return t, err
}

func fromMap(file, prefix string, raw map[string]any, given map[string]any) (*Template, error) {
	t := &Template{File: file, Name: strings.TrimSuffix(prefix, "/"), Raw: raw}
	resources, ok := raw["Resources"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: %sno Resources section: not a CloudFormation template", file, prefix)
	}
	r := newResolver(raw["Parameters"], given)
	ids := make([]string, 0, len(resources))
	for id := range resources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		res, _ := resources[id].(map[string]any)
		if !logicalID.MatchString(id) {
			t.problem(prefix+id, "", "", "is not a logical id CloudFormation takes: letters and digits only, 1 to 255 of them")
			continue
		}
		if jitnaTypes[fmt.Sprint(res["Type"])] {
			t.tokensIn(prefix+id, "", res["Properties"])
		}
		props, _ := r.resolve(res["Properties"]).(map[string]any)
		switch res["Type"] {
		case "AWS::SSM::Document":
			if d, ok := readDocument(prefix+id, res, props); ok {
				t.Documents = append(t.Documents, d)
			}
		case policy.SessionTakeOverType:
			t.Documents = append(t.Documents, t.readTakeOver(prefix+id, props))
		case "AWS::SSMQuickSetup::ConfigurationManager":
			t.Managers = append(t.Managers, t.readManagers(prefix+id, props)...)
		case "AWS::CloudFormation::StackSet":
			if err := t.readStackSet(prefix+id, props); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// logicalID is a resource's logical id as CloudFormation takes it
// ("Logical ID": alphanumeric, A-Za-z0-9), at most 255 characters.
var logicalID = regexp.MustCompile(`^[A-Za-z0-9]{1,255}$`)

// jitnaTypes are the resource types the reader reads for JITNA.
var jitnaTypes = map[string]bool{
	"AWS::SSM::Document": true, policy.SessionTakeOverType: true, "AWS::SSMQuickSetup::ConfigurationManager": true,
	policy.GuiConnectPreferencesType: true, "AWS::CloudFormation::StackSet": true,
}

// tokensIn records a problem for each string under v (a resource's
// Properties, at field) that holds an AWS CDK token: a synthesized
// template never does, CloudFormation would deploy the text as it is, and
// the checks skip a value that holds one.
func (t *Template) tokensIn(id, field string, v any) {
	if field == "TemplateBody" {
		return // a member template: read, and checked, on its own
	}
	switch v := v.(type) {
	case string:
		if check.HasCDKToken(v) {
			t.problem(id, field, check.Shorten(v), "holds an AWS CDK token (${Token[…]}), which a synthesized template never does: CloudFormation deploys it as text, and no check can read the value; synthesize the app again, or write the value")
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			t.tokensIn(id, strings.TrimPrefix(field+"."+k, "."), v[k])
		}
	case []any:
		for i, e := range v {
			t.tokensIn(id, fmt.Sprintf("%s[%d]", field, i), e)
		}
	}
}

func readDocument(id string, resource, props map[string]any) (Document, bool) {
	name, _ := props["Name"].(string)
	typ, _ := props["DocumentType"].(string)
	p, err := policy.ParseDocument(name, typ, props["Content"])
	if p == nil && err == nil {
		return Document{}, false
	}
	if m, ok := p.(*policy.ManualApproval); ok {
		err = check.Join(err, policy.CheckAllNodesTarget(m, declaredAllNodesTarget(resource)))
		m.ExtraApproverTypes = declaredApproverTypes(resource)
	}
	if p != nil {
		format, _ := props["DocumentFormat"].(string)
		c := check.New()
		policy.CheckDocumentFormat(c, format, p)
		err = check.Join(err, c.Err())
	}
	return Document{LogicalID: id, Name: name, Type: typ, Policy: p, Err: err}, true
}

// readTakeOver reads the preferences a policy.SessionTakeOverType custom
// resource applies: its Content is the document's JSON text, which the CDK
// writes as an Fn::Join when a value in it is known only at deployment.
func (t *Template) readTakeOver(id string, props map[string]any) Document {
	name, _ := props["DocumentName"].(string)
	if name != policy.SessionPreferencesName {
		t.problem(id, "DocumentName", name, "is not "+policy.SessionPreferencesName+": the custom resource takes over the Session Manager preferences only")
		name = policy.SessionPreferencesName
	}
	if m, ok := props["Content"].(map[string]any); ok && !isIntrinsic(m) {
		t.problem(id, "Content", "", "is a mapping: the custom resource takes the document's JSON text as a string")
	}
	p, err := policy.ParseDocument(name, policy.TypeSession, joinedText(props["Content"]))
	return Document{LogicalID: id, Name: name, Type: policy.TypeSession, Policy: p, Err: err}
}

// joinedText renders a string property: a string as it is, an Fn::Join with
// each part known only at deployment as a placeholder (check.Unresolved).
func joinedText(v any) string {
	m, _ := v.(map[string]any)
	join, _ := m["Fn::Join"].([]any)
	if len(join) != 2 {
		return stringValue(v)
	}
	sep, _ := join[0].(string)
	parts, _ := join[1].([]any)
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = stringValue(p)
	}
	return strings.Join(out, sep)
}

// declaredApproverTypes reads a resource's
// policy.ExtraApproverTypesMetadata: its strings, or nil. A value that is not
// a string is kept as empty, which validation reports.
func declaredApproverTypes(resource map[string]any) []policy.ApproverType {
	meta, _ := resource["Metadata"].(map[string]any)
	list, _ := meta[policy.ExtraApproverTypesMetadata].([]any)
	var out []policy.ApproverType
	for _, v := range list {
		s, _ := v.(string)
		out = append(out, policy.ApproverType(s))
	}
	return out
}

// declaredAllNodesTarget reads a resource's policy.AllNodesTargetMetadata,
// or nil.
func declaredAllNodesTarget(resource map[string]any) *policy.RawTarget {
	meta, _ := resource["Metadata"].(map[string]any)
	t, _ := meta[policy.AllNodesTargetMetadata].(map[string]any)
	key, isString := t["Key"].(string)
	list, isList := t["Values"].([]any)
	if !isString || !isList {
		return nil
	}
	out := &policy.RawTarget{Key: key}
	for _, v := range list {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		out.Values = append(out.Values, s)
	}
	return out
}

func (t *Template) readManagers(id string, props map[string]any) []Manager {
	var out []Manager
	name, _ := props["Name"].(string)
	desc, _ := props["Description"].(string)
	defs, _ := props["ConfigurationDefinitions"].([]any)
	for _, d := range defs {
		dm, _ := d.(map[string]any)
		typ, _ := dm["Type"].(string)
		if typ != quicksetup.TypeUnifiedConsole && typ != quicksetup.TypeJITNA {
			continue
		}
		params := map[string]string{}
		pm, _ := dm["Parameters"].(map[string]any)
		for k, v := range pm {
			switch v.(type) {
			case []any:
				t.problem(id, "ConfigurationDefinitions.Parameters."+k, stringValue(v), "is a list: a Quick Setup parameter is a string (join the values with commas)")
			case map[string]any:
				if !isIntrinsic(v) {
					t.problem(id, "ConfigurationDefinitions.Parameters."+k, "", "is a mapping: a Quick Setup parameter is a string")
				}
			}
			params[k] = stringValue(v)
		}
		out = append(out, Manager{LogicalID: id, Type: typ, Definition: quicksetup.Definition{Name: name, Description: desc, Parameters: params}})
	}
	return out
}

func (t *Template) readStackSet(id string, props map[string]any) error {
	if depth := strings.Count(id, "/"); depth >= MaxNesting {
		return fmt.Errorf("%s: %s: member templates nest %d deep, more than %d: does a TemplateURL point back at its own template?", t.File, id, depth+1, MaxNesting)
	}
	given := t.stackSetParameters(id, props)
	member, err := t.readMember(id, props, given)
	if err != nil || member == nil {
		return err
	}
	t.checkMemberParameters(id, member, given)
	member.Regions = stackSetRegions(props)
	t.StackSets = append(t.StackSets, member)
	return nil
}

// stackSetRegions returns the Regions a StackSet's stack instances are in,
// those written as names, each once.
func stackSetRegions(props map[string]any) []string {
	var out []string
	groups, _ := props["StackInstancesGroup"].([]any)
	for _, g := range groups {
		gm, _ := g.(map[string]any)
		regions, _ := gm["Regions"].([]any)
		for _, r := range regions {
			if name, ok := r.(string); ok && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// readMember reads a StackSet's member template, nil when it is not at
// hand (computed, or at a URL outside the cloud assembly).
func (t *Template) readMember(id string, props map[string]any, given map[string]any) (*Template, error) {
	switch body := props["TemplateBody"].(type) {
	case string:
		return parse(t.File, id+"/", []byte(body), given)
	case map[string]any:
		if _, isTemplate := body["Resources"]; isTemplate {
			t.problem(id, "TemplateBody", "", "is a mapping: CloudFormation takes a StackSet's TemplateBody as a string (the template's JSON or YAML text)")
			return fromMap(t.File, id+"/", body, given)
		}
		t.Notes = append(t.Notes, fmt.Sprintf("%s: its TemplateBody is computed at deployment: not checked", id))
	case nil:
		if props["TemplateURL"] == nil {
			return nil, nil
		}
		if path, ok := localAsset(t.File, props["TemplateURL"]); ok {
			data, err := safeio.ReadFile(path, MaxFileSize)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: TemplateURL: %w", t.File, id, err)
			}
			return parse(t.File, id+"/", data, given)
		}
		t.Notes = append(t.Notes, fmt.Sprintf("%s: its member template is at a TemplateURL: check that file itself", id))
	}
	return nil, nil
}

// stackSetParameters are the values a StackSet gives its member
// template's parameters (Parameters: [{ParameterKey, ParameterValue}]):
// a string, or what the value computes at deployment. A value that stack
// instances override (StackInstancesGroup ParameterOverrides) differs by
// account: it is taken as unknown.
func (t *Template) stackSetParameters(id string, props map[string]any) map[string]any {
	given := map[string]any{}
	list, _ := props["Parameters"].([]any)
	for i, e := range list {
		m, _ := e.(map[string]any)
		key, ok := m["ParameterKey"].(string)
		if !ok {
			t.problem(id, fmt.Sprintf("Parameters[%d].ParameterKey", i), stringValue(m["ParameterKey"]), "is not a string: CloudFormation needs a parameter's name")
			continue
		}
		if _, twice := given[key]; twice {
			t.problem(id, fmt.Sprintf("Parameters[%d].ParameterKey", i), key, "is given twice")
		}
		given[key] = m["ParameterValue"]
	}
	groups, _ := props["StackInstancesGroup"].([]any)
	for _, g := range groups {
		gm, _ := g.(map[string]any)
		overrides, _ := gm["ParameterOverrides"].([]any)
		for _, o := range overrides {
			om, _ := o.(map[string]any)
			if key, ok := om["ParameterKey"].(string); ok {
				given[key] = om // computed per stack instance: unknown here
				t.Notes = append(t.Notes, fmt.Sprintf("%s: stack instances override the parameter %s: what it sets is not checked", id, key))
			}
		}
	}
	return given
}

// checkMemberParameters reports what CloudFormation refuses when it
// creates the StackSet's stack instances: a value for a parameter the
// member template does not declare, and a parameter with neither a value
// nor a Default.
func (t *Template) checkMemberParameters(id string, member *Template, given map[string]any) {
	declared, _ := member.Raw["Parameters"].(map[string]any)
	for _, k := range slices.Sorted(maps.Keys(given)) {
		if _, ok := declared[k]; !ok {
			t.problem(id, "Parameters", k, "is not a parameter of the member template: CloudFormation refuses the StackSet")
		}
	}
	for _, k := range slices.Sorted(maps.Keys(declared)) {
		pm, _ := declared[k].(map[string]any)
		if _, ok := given[k]; ok {
			continue
		}
		if _, ok := pm["Default"]; !ok {
			t.problem(id, "Parameters", k, "has no value: the member template declares it without a Default, and the StackSet gives none (its stack instances fail)")
		}
	}
}

// assetKey finds a CDK file asset's object key (its content hash) in a
// TemplateURL.
var assetKey = regexp.MustCompile(`([0-9a-f]{64})\.json`)

// localAsset returns the file a TemplateURL points at when the template sits
// in a cloud assembly (cdk.out) that holds it as asset.<hash>.json.
func localAsset(file string, url any) (string, bool) {
	data, _ := json.Marshal(url)
	m := assetKey.FindStringSubmatch(string(data))
	if m == nil {
		return "", false
	}
	path := filepath.Join(filepath.Dir(file), "asset."+m[1]+".json")
	if _, err := os.Stat(path); err != nil {
		return "", false
	}
	return path, true
}

// isIntrinsic reports whether v is an intrinsic function ({"Ref": …},
// {"Fn::…": …}), a value CloudFormation computes.
func isIntrinsic(v any) bool {
	m, _ := v.(map[string]any)
	for k := range m {
		return len(m) == 1 && (k == "Ref" || strings.HasPrefix(k, "Fn::"))
	}
	return false
}

// stringValue renders a resolved parameter value as Quick Setup takes it.
func stringValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = stringValue(e)
		}
		return strings.Join(parts, ",")
	case map[string]any:
		for k := range x {
			return check.Unresolved(k)
		}
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
