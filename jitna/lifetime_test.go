package jitna_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// heap is the live heap after GC, split by who allocated each object: the
// innermost caller outside the standard library decides.
type heap struct{ library, jsii, other int64 }

func liveHeap() heap {
	runtime.GC()
	runtime.GC() // the profile is that of the last completed cycle
	n, _ := runtime.MemProfile(nil, true)
	records := make([]runtime.MemProfileRecord, n+100)
	n, _ = runtime.MemProfile(records, true)
	var h heap
	for _, r := range records[:n] {
		switch owner(r.Stack()) {
		case "library":
			h.library += r.InUseBytes()
		case "jsii":
			h.jsii += r.InUseBytes()
		default:
			h.other += r.InUseBytes()
		}
	}
	return h
}

// maxShell bounds what a synthesized app's state keeps: its shell (96
// bytes), its stacks' validation hooks (24 bytes each) and their paths,
// which jsii holds.
const maxShell = 256

const module = "github.com/cdk-jitna/cdk-jitna-go/"

// standard reports whether fn is in the runtime or the standard library,
// whose import paths have no dot in their first element.
func standard(fn string) bool {
	slash := strings.LastIndex(fn, "/")
	pkg := fn
	if dot := strings.Index(fn[slash+1:], "."); dot >= 0 {
		pkg = fn[:slash+1+dot]
	}
	first, _, _ := strings.Cut(pkg, "/")
	return !strings.Contains(first, ".")
}

func owner(stack []uintptr) string {
	frames := runtime.CallersFrames(stack)
	for {
		f, more := frames.Next()
		switch {
		case standard(f.Function):
			// the runtime or the standard library: its caller decides
		case strings.HasPrefix(f.Function, module) && !strings.HasSuffix(f.File, "_test.go"):
			return "library"
		case strings.HasPrefix(f.Function, "github.com/aws/"):
			return "jsii"
		default:
			return "other"
		}
		if !more {
			return "other"
		}
	}
}

// Nothing the library allocates for an app outlives it: 300 apps, each with
// an organization, a member StackSet with documents, a deny-access policy
// and guardrails, validated and synthesized in one process, leave no growth
// of the library's live heap. jsii keeps every object it has seen (its own
// registry, and the Go objects handed to it: the validation hooks and the
// app's state shell), which is reported beside.
func TestAppsLeaveNothingBehind(t *testing.T) {
	defer jitnatest.Recover(t)
	rate := runtime.MemProfileRate
	runtime.MemProfileRate = 1
	defer func() { runtime.MemProfileRate = rate }()
	dir := t.TempDir()
	build := func(i int) {
		app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(filepath.Join(dir, fmt.Sprint(i)))})
		stack := awscdk.NewStack(app, jsii.String("Admin"), nil)
		org := jitna.NewJitnaOrganization(stack, "Jitna", sampleProps())
		jitna.NewDenyAccessPolicy(stack, "Deny", &jitna.DenyAccessPolicyProps{DenyAccessProps: policy.DenyAccessProps{CedarSource: jitna.CedarSource{CedarFile: "testdata/deny.cedar"}}, Organization: org})
		jitna.NewMemberStackSet(stack, "Members", &jitna.MemberStackSetProps{StackSetDeployment: deployment(), Build: memberPolicies, Organization: org})
		awscdk.Aspects_Of(app).Add(jitna.NewGuardrails(nil), nil)
		require.NoError(t, jitna.Validate(app))
		app.Synth(nil)
	}
	const warm, apps = 20, 300
	for i := range warm {
		build(i)
	}
	before := liveHeap()
	for i := warm; i < apps; i++ {
		build(i)
	}
	after := liveHeap()
	per := func(a, b int64) int64 { return (b - a) / (apps - warm) }
	library, jsiiGrowth := per(before.library, after.library), per(before.jsii, after.jsii)
	t.Logf("live heap growth per app: library %d B, jsii-runtime-go and aws-cdk-go %d B, other %d B",
		library, jsiiGrowth, per(before.other, after.other))
	// What remains per app are the two objects of each of its two apps (the
	// parent and the member template's) that were handed to jsii and that
	// its registry keeps: the state's shell and the stack's validation hook,
	// about 180 bytes per app. Anything the constructs collect is gone: it
	// was tens of kilobytes per app.
	assert.LessOrEqual(t, library, int64(2*maxShell), "the library's live heap grows with the number of apps")
}
