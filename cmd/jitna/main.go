// Command jitna checks AWS Systems Manager just-in-time node access (JITNA)
// templates without deploying them and without Node.js.
//
//	jitna validate [--output text|json] [--new-region R] FILE|DIR...
//	jitna simulate --template FILE|DIR... [--node-tags K=V,...] [--user ID] [--groups G1,G2] …
//	jitna coverage --template FILE|DIR... --inventory nodes.csv [--requesters FILE]
//	jitna diff --before FILE|DIR... --after FILE|DIR... --inventory NODES
//	jitna members --out DIR FILE|DIR...
//	jitna version
//
// Each command's --help says what it does, its flags, and an example.
//
// validate reads CloudFormation templates (JSON or YAML with short-form tags:
// hand-written ones, the AWS samples, or a cdk.out folder), finds every JITNA
// SSM document (also inside a StackSet's inline TemplateBody) and every Quick
// Setup configuration manager of type AWSQuickSetupType-SSM or
// AWSQuickSetupType-JITNA, and checks them with the rules the library's
// constructs use. It prints one line per problem, FILE: LOGICAL_ID: message,
// and exits 0 when there are none (warnings aside), 1 when there are, and 2
// when a file cannot be read or parsed. Given a config of the bundled app or
// a .cedar file, it checks those too, with the config loader and the Cedar
// checks (no Node.js either).
//
// simulate decides one access request against the policies of the templates
// given (the member template and, if any, the deny-access template) and
// explains the decision; coverage does so for every node of an inventory.
// Both exit 0 whatever the outcome, and 2 for unreadable input or more than
// one auto-approval policy across the templates.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/cdk-jitna/cdk-jitna-go/internal/version"
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
	"simulate": simulateCmd,
	"coverage": coverageCmd,
	"members":  membersCmd,
	"diff":     diffCmd,
	"version":  versionCmd,
}

const usage = `usage: jitna COMMAND [ARGS]  (jitna COMMAND --help: its flags and an example)

commands:
  validate [--output text|json] [--new-region R] FILE|DIR...
      check JITNA documents and Quick Setup managers in templates, configs and .cedar files
  simulate --template FILE|DIR... [--node-tags K=V,...] [--node-type ec2|managed] [--user ID]
           [--groups G1,G2] [--attribute name=value]... [--role NAME] [--principal-tags K=V,...]
           [--output text|json]
      decide one access request offline: auto-approved, manual approval, conflict, or none
  coverage --template FILE|DIR... --inventory nodes.csv|nodes.json [--requesters FILE] [--output text|json|html]
      for every node of an inventory: its manual policy, conflicts, who is auto-approved, unreachable nodes
  diff --before FILE|DIR... --after FILE|DIR... [--inventory NODES [--requesters FILE]]
       [--output text|json|markdown|html] [--fail-on widen|any|none]
      what a change of the policies does to access, for every node: widens, narrows or breaks
  members --out DIR [--force] FILE|DIR...
      write the inline member templates of StackSets to files (to lint them)
  version
      print the version of cdk-jitna-go this command belongs to
`

// versionCmd is `jitna version`.
func versionCmd(args []string, stdout, stderr io.Writer) int {
	fs := newCommand("jitna version", "version", "Print the version of cdk-jitna-go this command belongs to.", "jitna version", stderr)
	if code, ok := fs.parse(args); !ok {
		return code
	}
	fmt.Fprintln(stdout, "jitna", version.Version)
	return exitOK
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && args[0] == "--version" {
		args = []string{"version"}
	}
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
	out := &checkedWriter{w: stdout}
	code := cmd(args[1:], out, stderr)
	if out.err != nil {
		fmt.Fprintf(stderr, "jitna: the output could not be written: %v\n", out.err)
		return exitUsage
	}
	return code
}
