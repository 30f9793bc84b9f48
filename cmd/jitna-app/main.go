// Command jitna-app is the bundled CDK app: just-in-time node access across
// an AWS Organization from one YAML config file (package configapp says
// which stacks, docs/config.md every key).
//
//	cdk synth -c config=jitna.yaml   # with "app": "go run ./cmd/jitna-app" (this repository) or "go tool jitna-app" (your module)
package main

import "github.com/cdk-jitna/cdk-jitna-go/jitna/configapp"

func main() { configapp.Main() }
