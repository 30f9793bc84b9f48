// Command floor is the jsii floor: a Go CDK app with one empty stack, built
// against the same modules as the library. make bench compares the library's
// apps with it.
package main

import (
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	app := awscdk.NewApp(nil)
	awscdk.NewStack(app, jsii.String("Floor"), &awscdk.StackProps{AnalyticsReporting: jsii.Bool(false)})
	app.Synth(nil)
	// As the examples do: jsii-runtime-go v1.119.0's Close races its own exit
	// watcher and reports it on stderr.
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		os.Stderr = null
	}
	jsii.Close()
}
