// Package hazard finds, in a change from one set of templates to another,
// what a deployment would destroy that others share: a named resource
// deleted or replaced (a JITNA document name, SSM-SessionManagerRunShell, a
// fixed IAM role name, a StackSet name), in a stack or in every account and
// Region a StackSet reaches; a resource that keeps its name under another
// logical id (CloudFormation creates the new one before it deletes the old:
// the names collide); and an export removed while another template imports
// it. `cdk diff` shows "destroy", but not that the name is shared by every
// member account. It is pure Go.
package hazard

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// Hazard is one thing a deployment of the change would destroy or break.
type Hazard struct {
	// Template is the stack's template file name (its base name), and
	// Resource the logical id ("Members/SessionPreferencesDocument…" for a
	// resource of a StackSet's member template).
	Template string `json:"template"`
	Resource string `json:"resource"`
	// Type is the resource type, Name the shared name.
	Type string `json:"type"`
	Name string `json:"name"`
	// Change is "deleted", "replaced", "collides" or "export removed".
	Change string `json:"change"`
	// Reaches says where: "this stack's account and Region", or the
	// StackSet's targets.
	Reaches string `json:"reaches"`
	// Why says what it matters.
	Why string `json:"why"`
}

// String is the hazard on one line.
func (h Hazard) String() string {
	return fmt.Sprintf("%s: %s (%s %s) is %s, in %s: %s", h.Template, h.Resource, h.Type, h.Name, h.Change, h.Reaches, h.Why)
}

// named says which resources carry a name that others share, and the
// property that holds it.
var named = map[string]string{
	"AWS::SSM::Document":                       "Name",
	"AWS::IAM::Role":                           "RoleName",
	"AWS::CloudFormation::StackSet":            "StackSetName",
	"AWS::SSMQuickSetup::ConfigurationManager": "Name",
}

// createOnly are the properties whose change replaces the resource
// (CloudFormation resource reference: "Update requires: Replacement").
var createOnly = map[string][]string{
	"AWS::SSM::Document":            {"Name", "DocumentType"},
	"AWS::IAM::Role":                {"RoleName", "Path"},
	"AWS::CloudFormation::StackSet": {"StackSetName", "PermissionModel"},
}

// shared says why a name matters, or "" when it does not: the fixed JITNA
// and Session Manager document names, the Quick Setup roles, and any name in
// a member template or of a StackSet (every target account has it).
func shared(typ, name string, member bool) string {
	switch {
	case typ == "AWS::SSM::Document" && name == policy.SessionPreferencesName:
		return "the account's Session Manager preferences: logging, encryption, Run As and timeouts revert to Session Manager's defaults"
	case typ == "AWS::SSM::Document" && (name == policy.AutoApprovalName || name == policy.DenyAccessName):
		return "JITNA reads its policy under this fixed name"
	case typ == "AWS::IAM::Role" && (name == quicksetup.AdministrationRoleName || name == quicksetup.ExecutionRoleName):
		return "every Quick Setup configuration of the account uses this role"
	case typ == "AWS::CloudFormation::StackSet":
		return "a new StackSet's instances create the fixed-name documents again in every target account while the old StackSet's still hold them: they collide"
	case member && name != "":
		return "the name is shared by every account and Region the StackSet reaches"
	}
	return ""
}

// Compare returns the hazards of deploying after over before. Templates are
// matched by file base name (a cdk.out folder before and after); member
// templates by their StackSet's logical id.
func Compare(before, after []*template.Template) []Hazard {
	var out []Hazard
	afterByName := map[string]*template.Template{}
	for _, t := range after {
		afterByName[filepath.Base(t.File)] = t
	}
	for _, b := range before {
		name := filepath.Base(b.File)
		a := afterByName[name]
		if a == nil {
			continue // a stack no longer synthesized: cdk deploy does not delete it
		}
		out = append(out, compareTemplate(name, "", "this stack's account and Region", b.Raw, a.Raw, false)...)
		members := map[string]*template.Template{}
		for _, m := range a.StackSets {
			members[m.Name] = m
		}
		for _, m := range b.StackSets {
			if am := members[m.Name]; am != nil {
				out = append(out, compareTemplate(name, m.Name+"/", reach(a.Raw, m.Name), m.Raw, am.Raw, true)...)
			}
		}
	}
	out = append(out, removedExports(before, after)...)
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Template+out[i].Resource < out[j].Template+out[j].Resource
	})
	return out
}

func resources(raw map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	rs, _ := raw["Resources"].(map[string]any)
	for id, r := range rs {
		if m, ok := r.(map[string]any); ok {
			out[id] = m
		}
	}
	return out
}

func props(r map[string]any) map[string]any {
	p, _ := r["Properties"].(map[string]any)
	return p
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// retained says whether CloudFormation leaves the resource when it deletes
// it (DeletionPolicy Retain or RetainExceptOnCreate).
func retained(r map[string]any, policyKey string) bool {
	p := str(r[policyKey])
	return p == "Retain" || p == "RetainExceptOnCreate"
}

func compareTemplate(file, prefix, reaches string, before, after map[string]any, member bool) []Hazard {
	var out []Hazard
	b, a := resources(before), resources(after)
	afterNames := map[string]string{} // type + name -> logical id
	for id, r := range a {
		typ := str(r["Type"])
		if key := named[typ]; key != "" {
			if n := str(props(r)[key]); n != "" {
				afterNames[typ+"\x00"+n] = id
			}
		}
	}
	for id, r := range b {
		typ := str(r["Type"])
		key := named[typ]
		if key == "" {
			continue
		}
		name := str(props(r)[key])
		why := shared(typ, name, member)
		if why == "" {
			continue
		}
		h := Hazard{Template: file, Resource: prefix + id, Type: typ, Name: name, Reaches: reaches, Why: why}
		ar, kept := a[id]
		switch {
		case !kept && afterNames[typ+"\x00"+name] != "":
			h.Change = "collides"
			h.Why = "it moves to " + prefix + afterNames[typ+"\x00"+name] + ": CloudFormation creates the new resource before it deletes the old, and the name is taken; " + why
		case !kept && !retained(r, "DeletionPolicy"):
			h.Change = "deleted"
		case kept && str(ar["Type"]) == typ && replaced(typ, props(r), props(ar)) && !retained(r, "UpdateReplacePolicy"):
			h.Change = "replaced"
		default:
			continue
		}
		out = append(out, h)
	}
	return out
}

// replaced says whether a create-only property changed.
func replaced(typ string, before, after map[string]any) bool {
	for _, k := range createOnly[typ] {
		if fmt.Sprint(before[k]) != fmt.Sprint(after[k]) {
			return true
		}
	}
	return false
}

// reach describes the targets of the StackSet id of a template.
func reach(raw map[string]any, id string) string {
	r := resources(raw)[id]
	groups, _ := props(r)["StackInstancesGroup"].([]any)
	var ous, regions []string
	for _, g := range groups {
		gm, _ := g.(map[string]any)
		targets, _ := gm["DeploymentTargets"].(map[string]any)
		ous = append(ous, list(targets["OrganizationalUnitIds"])...)
		ous = append(ous, list(targets["Accounts"])...)
		regions = append(regions, list(gm["Regions"])...)
	}
	if len(ous) == 0 {
		return "every account and Region the StackSet " + id + " reaches"
	}
	return fmt.Sprintf("every account of %s in %s (StackSet %s)", strings.Join(ous, ", "), strings.Join(regions, ", "), id)
}

func list(v any) []string {
	var out []string
	items, _ := v.([]any)
	for _, i := range items {
		if s, ok := i.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// removedExports finds exports of before that after no longer has while a
// template of after imports them.
func removedExports(before, after []*template.Template) []Hazard {
	exported := map[string]bool{}
	for _, t := range after {
		for name := range exports(t.Raw) {
			exported[name] = true
		}
	}
	imported := map[string]string{}
	for _, t := range after {
		for _, name := range imports(t.Raw) {
			imported[name] = filepath.Base(t.File)
		}
	}
	var out []Hazard
	for _, t := range before {
		for name, output := range exports(t.Raw) {
			if by := imported[name]; by != "" && !exported[name] {
				out = append(out, Hazard{Template: filepath.Base(t.File), Resource: "Outputs." + output, Type: "Export", Name: name, Change: "export removed",
					Reaches: "this stack", Why: by + " imports it: CloudFormation refuses to update a stack whose export another stack imports"})
			}
		}
	}
	return out
}

// exports returns a template's export names (literal ones) and their
// outputs.
func exports(raw map[string]any) map[string]string {
	out := map[string]string{}
	outputs, _ := raw["Outputs"].(map[string]any)
	for id, o := range outputs {
		om, _ := o.(map[string]any)
		export, _ := om["Export"].(map[string]any)
		if name := str(export["Name"]); name != "" {
			out[name] = id
		}
	}
	return out
}

// imports returns the literal names a template imports with Fn::ImportValue.
func imports(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s := str(e); k == "Fn::ImportValue" && s != "" {
				out = append(out, s)
				continue
			}
			out = append(out, imports(e)...)
		}
	case []any:
		for _, e := range x {
			out = append(out, imports(e)...)
		}
	}
	return out
}
