// Command jitna checks AWS Systems Manager just-in-time node access (JITNA)
// templates without deploying them and without Node.js.
//
//	jitna validate [--output text|json] FILE|DIR...
//
// validate reads CloudFormation templates (JSON or YAML with short-form tags:
// hand-written ones, the AWS samples, or a cdk.out folder), finds every JITNA
// SSM document (also inside a StackSet's inline TemplateBody) and every Quick
// Setup configuration manager of type AWSQuickSetupType-SSM or
// AWSQuickSetupType-JITNA, and checks them with the rules the library's
// constructs use. It prints one line per problem, FILE: LOGICAL_ID: message,
// and exits 0 when there are none (warnings aside), 1 when there are, and 2
// when a file cannot be read or parsed.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit codes.
const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// commands are the subcommands, by name.
var commands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"validate": validate,
}

const usage = `usage: jitna COMMAND [ARGS]

commands:
  validate [--output text|json] FILE|DIR...   check JITNA documents and Quick Setup managers in templates
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "jitna: unknown command %q\n%s", args[0], usage)
		return exitUsage
	}
	return cmd(args[1:], stdout, stderr)
}
