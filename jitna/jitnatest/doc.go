// Package jitnatest helps test CDK stacks, the ones of this library and your
// own: synthesis that fails the test with the jsii error instead of crashing
// the test binary, and golden-file snapshots of templates.
//
//	func TestEnablement(t *testing.T) {
//		stack := awscdk.NewStack(awscdk.NewApp(nil), jsii.String("S"), nil)
//		jitna.NewJitnaOrganization(stack, "Jitna", props)
//		jitnatest.Snapshot(t, stack) // compares with testdata/TestEnablement.json
//	}
//
// Run `go test ./... -update` to write or refresh the golden files. Do not call
// t.Parallel in a test that uses jsii: the jsii runtime is one Node.js process
// per test binary and is not goroutine-safe.
package jitnatest
