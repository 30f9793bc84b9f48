package quicksetup

import (
	"time"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// DeploymentWait makes a stack wait, during its deployment, until Quick
// Setup reports a configuration manager deployed: the Deployment status of
// GetConfigurationManager's StatusSummaries is SUCCEEDED
// (https://docs.aws.amazon.com/quick-setup/latest/APIReference/API_StatusSummary.html).
// A failed deployment fails the waiting stack at once; one still under way
// when the wait ends fails it with the state last seen, and deploying the
// stack again waits again. The wait is one Lambda invocation: it ends a few
// seconds before Lambda's 15-minute limit.
type DeploymentWait struct {
	// PollInterval is how often Quick Setup is asked: 10 seconds to 5
	// minutes, in whole seconds. Default 30 seconds.
	PollInterval time.Duration
}

// Limits of a DeploymentWait.
const (
	DefaultPollInterval = 30 * time.Second
	MinPollInterval     = 10 * time.Second
	MaxPollInterval     = 5 * time.Minute
)

// WithDefaults returns w with PollInterval set.
func (w DeploymentWait) WithDefaults() DeploymentWait {
	if w.PollInterval == 0 {
		w.PollInterval = DefaultPollInterval
	}
	return w
}

// Validate returns a problem for a PollInterval out of range or not in
// whole seconds (after defaults).
func (w DeploymentWait) Validate() error {
	c := check.New()
	if p := w.PollInterval; p < MinPollInterval || p > MaxPollInterval || p%time.Second != 0 {
		c.Add("PollInterval", p.String(), "must be 10s to 5m0s, in whole seconds")
	}
	return c.Err()
}
