package quicksetup

import (
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// Definition is a configuration manager as a template writes it: its name,
// description and the parameters of its configuration definition.
type Definition struct {
	Name, Description string
	Parameters        map[string]string
}

// parameterOf names, for each field of the models, the Quick Setup parameter
// it is written to (see Parameters), so that problems found in a template
// name what the template says.
var parameterOf = map[string]string{
	"DelegatedAdminAccountId":     "DelegatedAccountId",
	"RootOrganizationalUnitId":    "TargetOrganizationalUnits",
	"IdentityProvider":            "IdentityProviderSetting",
	"TargetOrganizationalUnits":   "TargetOrganizationalUnits",
	"HomeRegion":                  "HomeRegion",
	"TargetAccounts":              "TargetAccounts",
	"TargetRegions":               "TargetRegions",
	"AgentUpdateSchedule":         "AgentUpdateSchedule",
	"EnableDHMCSchedule":          "EnableDHMCSchedule",
	"InventoryCollectionSchedule": "InventoryCollectionSchedule",
}

// ValidateDefinitions checks configuration managers read from a template
// (either may be nil) with the rules the constructs use, and returns the
// problems of each, their fields naming the Quick Setup parameters
// ("Parameters.TargetRegions[1]"). Without a console in the template, the
// JITNA Regions are not compared with the console's. newRegions are Regions
// opened after the region package's list, accepted as Target.NewRegions are.
func ValidateDefinitions(console, jitna *Definition, newRegions []string) (consoleErr, jitnaErr error) {
	first := jitna
	if first == nil {
		first = console
	}
	if first == nil {
		return nil, nil
	}
	t := targetOf(first, newRegions)
	var u UnifiedConsole
	if console != nil {
		p := console.Parameters
		u = UnifiedConsole{
			Name: console.Name, Description: console.Description,
			RootOrganizationalUnitId:    p["TargetOrganizationalUnits"],
			TargetRegions:               SplitList(p["TargetRegions"]),
			AgentUpdateSchedule:         Schedule(p["AgentUpdateSchedule"]),
			EnableDHMCSchedule:          Schedule(p["EnableDHMCSchedule"]),
			InventoryCollectionSchedule: Schedule(p["InventoryCollectionSchedule"]),
			ExtraParameters:             unknownParameters(p, "AgentUpdateSchedule", "EnableDHMCSchedule", "InventoryCollectionSchedule"),
		}.WithDefaults()
		c := check.New()
		ct := targetOf(console, newRegions) // its own parameters, which may differ from JITNA's
		ct.validate(c)
		u.validate(c, ct)
		consoleErr = toParameters(c.Err())
	}
	if jitna != nil {
		p := jitna.Parameters
		j := Jitna{
			Name: jitna.Name, Description: jitna.Description,
			TargetOrganizationalUnits: SplitList(p["TargetOrganizationalUnits"]),
			TargetRegions:             SplitList(p["TargetRegions"]),
			IdentityProvider:          IdentityProvider(p["IdentityProviderSetting"]),
			ExtraParameters:           unknownParameters(p, "IdentityProviderSetting"),
		}.WithDefaults(t, u)
		beside := &u
		c := check.New()
		if console == nil { // nothing to compare with
			beside = nil
			t.validate(c)
		}
		j.validate(c, t, beside)
		jitnaErr = toParameters(c.Err())
	}
	return consoleErr, jitnaErr
}

// targetOf reads the target a definition's parameters name.
func targetOf(d *Definition, newRegions []string) Target {
	t := Target{
		DelegatedAdminAccountId: d.Parameters["DelegatedAccountId"],
		HomeRegion:              d.Parameters["HomeRegion"],
		TargetAccounts:          SplitList(d.Parameters["TargetAccounts"]),
		NewRegions:              newRegions,
	}
	if _, local := d.Parameters["TargetAccounts"]; local {
		t.Mode = ModeLocal
	}
	return t
}

// unknownParameters returns the parameters no model field covers, to be
// checked as ExtraParameters are.
func unknownParameters(p map[string]string, own ...string) map[string]string {
	known := map[string]bool{"DelegatedAccountId": true, "HomeRegion": true, "TargetAccounts": true, "TargetOrganizationalUnits": true, "TargetRegions": true}
	for _, k := range own {
		known[k] = true
	}
	out := map[string]string{}
	for k, v := range p {
		if !known[k] {
			out[k] = v
		}
	}
	return out
}

// toParameters renames the model's fields to the Quick Setup parameters.
func toParameters(err error) error {
	ps := check.Problems(err)
	if ps == nil {
		return nil
	}
	for i, p := range ps {
		head, rest := cutIndex(p.Field)
		switch {
		case parameterOf[head] != "":
			ps[i].Field = "Parameters." + parameterOf[head] + rest
		case head == "ExtraParameters":
			ps[i].Field = "Parameters" + rest
		}
	}
	return &check.Error{Problems: ps}
}

// cutIndex splits a field into its name and its index part
// ("TargetRegions[1]" gives "TargetRegions", "[1]").
func cutIndex(field string) (name, index string) {
	name, rest, indexed := strings.Cut(field, "[")
	if indexed {
		return name, "[" + rest
	}
	return name, ""
}

// splitList splits a comma-separated parameter; "" gives nil.
func SplitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
