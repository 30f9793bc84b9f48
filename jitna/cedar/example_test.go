package cedar_test

import (
	"fmt"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
)

// Check Cedar before it is deployed: syntax, the JITNA schema and the effect
// an auto-approval policy allows.
func ExampleCheck() {
	text := `permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource)
when { resource.getTag("Environment") == "DEV" };

forbid (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource);`
	for _, issue := range cedar.Check(text, cedar.Permit) {
		fmt.Println(issue)
	}
	// Output:
	// line 1, column 1: statement 1 does not match the JITNA schema: getTag("Environment") is not guarded by hasTag: write resource.hasTag("Environment") && resource.getTag("Environment") …
	// line 4, column 1: statement 2 is a forbid statement: an auto-approval policy holds only permit statements (deny automatic access in the organization's deny-access policy)
}

// Build common statements from typed parts; they render as readable Cedar.
func ExampleRender() {
	fmt.Println(cedar.Render(
		cedar.ForbidRule("Temporary staff need approval for critical nodes",
			cedar.PrincipalAttributeLike("employeeNumber", "TEMP-*"),
			cedar.NodeTagIn("Criticality", "High", "Critical")),
	))
	// Output:
	// // Temporary staff need approval for critical nodes
	// forbid (
	//     principal,
	//     action == AWS::SSM::Action::"getTokenForInstanceAccess",
	//     resource
	// )
	// when {
	//     principal has employeeNumber && principal.employeeNumber like "TEMP-*" &&
	//     resource.hasTag("Criticality") && ["High", "Critical"].contains(resource.getTag("Criticality"))
	// };
}
