package awssamples

import (
	"os"
	"strings"
	"testing"
)

func TestSamples(t *testing.T) {
	if !strings.Contains(ApprovalPolicies, "SSM-JustInTimeAccessAutoApprovalPolicy") || !strings.Contains(QuickSetup, "AWSQuickSetupType-JITNA") {
		t.Fatal("the embedded samples are not the AWS templates")
	}
	a, q, err := WriteTo(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{a: ApprovalPolicies, q: QuickSetup} {
		got, err := os.ReadFile(path)
		if err != nil || string(got) != want {
			t.Errorf("%s: %v", path, err)
		}
	}
}
