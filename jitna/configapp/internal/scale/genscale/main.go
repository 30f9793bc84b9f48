// Command genscale writes the scale config to standard output:
//
//	go run ./jitna/configapp/internal/scale/genscale > jitna/configapp/scale.yaml
package main

import (
	"os"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/configapp/internal/scale"
)

func main() { scale.Write(os.Stdout) }
