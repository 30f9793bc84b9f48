package quicksetup

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestDeploymentWait(t *testing.T) {
	assert.Equal(t, 30*time.Second, DeploymentWait{}.WithDefaults().PollInterval)
	assert.Equal(t, time.Minute, DeploymentWait{PollInterval: time.Minute}.WithDefaults().PollInterval)
	for p, ok := range map[time.Duration]bool{
		10 * time.Second: true, 9 * time.Second: false, 11 * time.Second: true,
		5 * time.Minute: true, 5*time.Minute + time.Second: false, 5*time.Minute - time.Second: true,
		30*time.Second + time.Millisecond: false, 0: false,
	} {
		err := DeploymentWait{PollInterval: p}.Validate()
		if ok {
			assert.NoError(t, err, p)
		} else {
			assert.EqualError(t, err, "PollInterval: \""+p.String()+"\" must be 10s to 5m0s, in whole seconds", p)
		}
	}
}
