// Command genscale writes the scale config to standard output:
//
//	go run ./examples/app/internal/scale/genscale > examples/app/scale.yaml
package main

import (
	"os"

	"github.com/cdk-jitna/cdk-jitna-go/examples/app/internal/scale"
)

func main() { scale.Write(os.Stdout) }
