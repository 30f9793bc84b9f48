package quicksetup

import "github.com/cdk-jitna/cdk-jitna-go/jitna/check"

// Enablement is the whole first half of the AWS sample: the unified console and
// JITNA for one target. Field paths in its problems mirror the props of
// jitna.JitnaOrganization ("UnifiedConsole.TargetRegions[1]", "Target.HomeRegion").
type Enablement struct {
	Target         Target
	UnifiedConsole UnifiedConsole
	Jitna          Jitna
}

// WithDefaults returns a copy with every unset field at its default.
func (e Enablement) WithDefaults() Enablement {
	e.UnifiedConsole = e.UnifiedConsole.WithDefaults()
	e.Jitna = e.Jitna.WithDefaults(e.Target, e.UnifiedConsole)
	return e
}

// Validate returns every problem with e, the value WithDefaults returns, or
// nil.
func (e Enablement) Validate() error {
	c := check.New()
	e.Target.validate(c.Field("Target"))
	e.UnifiedConsole.validate(c.Field("UnifiedConsole"), e.Target)
	e.Jitna.validate(c.Field("Jitna"), e.Target, e.UnifiedConsole.TargetRegions)
	return c.Err()
}

// ValidateUnifiedConsole returns every problem with a unified console deployed
// on its own, u being the value WithDefaults returns, or nil, with the same
// field paths as Enablement.
func ValidateUnifiedConsole(t Target, u UnifiedConsole) error {
	c := check.New()
	t.validate(c.Field("Target"))
	u.validate(c.Field("UnifiedConsole"), t)
	return c.Err()
}
