package cedar

import (
	"fmt"
	"testing"
)

// policy100 is an auto-approval policy of 100 statements, as in the scale
// configuration.
func policy100() string {
	rules := make([]Rule, 100)
	for i := range rules {
		rules[i] = PermitRule(fmt.Sprint("statement ", i),
			PrincipalInGroup(fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i)),
			NodeTagEquals("Team", fmt.Sprint("team-", i)), NodeTagEquals("Environment", "DEV"))
	}
	return Render(rules...)
}

func BenchmarkCheck100Statements(b *testing.B) {
	text := policy100()
	if issues := Check(text, Permit); len(issues) > 0 {
		b.Fatal(issues)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Check(text, Permit)
	}
}
