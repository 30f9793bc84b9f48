// Package awssamples holds, once, the two CloudFormation templates AWS
// publishes for just-in-time node access (MIT-0): every test that compares
// the library with them reads them from here.
package awssamples

import (
	_ "embed"
	"os"
	"path/filepath"
)

// Names of the sample files, as AWS publishes them.
const (
	ApprovalPoliciesFile = "just-in-time-cfn-approval-policies.yaml"
	QuickSetupFile       = "just-in-time-quick-setup-cfn-template.yaml"
)

// ApprovalPolicies is just-in-time-cfn-approval-policies.yaml: the
// auto-approval and manual approval policies and the session preferences,
// deployed to member accounts with a StackSet.
//
//go:embed just-in-time-cfn-approval-policies.yaml
var ApprovalPolicies string

// QuickSetup is just-in-time-quick-setup-cfn-template.yaml: the Quick Setup
// roles and the two configuration managers that enable the unified console
// and JITNA.
//
//go:embed just-in-time-quick-setup-cfn-template.yaml
var QuickSetup string

// WriteTo writes both samples into dir under their published names and
// returns their paths (approval policies, Quick Setup), for code that reads
// files.
func WriteTo(dir string) (approvalPolicies, quickSetup string, err error) {
	approvalPolicies = filepath.Join(dir, ApprovalPoliciesFile)
	quickSetup = filepath.Join(dir, QuickSetupFile)
	if err = os.WriteFile(approvalPolicies, []byte(ApprovalPolicies), 0o644); err == nil {
		err = os.WriteFile(quickSetup, []byte(QuickSetup), 0o644)
	}
	return approvalPolicies, quickSetup, err
}
