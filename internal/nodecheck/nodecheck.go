// Package nodecheck says, in one line, when the Node.js that jsii will start
// is missing or older than the jsii runtime supports, before jsii starts it:
// the runtime itself prints an eleven-line banner for an old one on every
// run, and fails with a stack trace for a missing one.
package nodecheck

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// MinMajor is the oldest Node.js major version the pinned jsii runtime
// (jsii-runtime-go v1.119.0) supports without a deprecation warning: Node.js
// 20 reached its end of life on 2026-04-30; 22 and 24 are supported.
const MinMajor = 22

// silenceEnv is the variable with which the jsii runtime leaves out its
// banner about a deprecated Node.js version.
const silenceEnv = "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION"

// Binary returns the Node.js command jsii starts: $JSII_NODE, else node on
// PATH.
func Binary() string {
	if n := os.Getenv("JSII_NODE"); n != "" {
		return n
	}
	return "node"
}

// Check runs the Node.js jsii will start with --version and returns a
// one-line problem ("" when it is recent enough). version runs the command
// and returns its output.
func Check(version func(node string) (string, error)) string {
	node := Binary()
	out, err := version(node)
	if err != nil {
		return fmt.Sprintf("Node.js (%s) cannot be run: %v. The AWS CDK needs Node.js %d or newer: put it first on PATH, or set JSII_NODE to it", node, err, MinMajor)
	}
	v := strings.TrimSpace(out)
	major, ok := Major(v)
	if !ok {
		return fmt.Sprintf("Node.js (%s) gave the version %q, which is not one: the AWS CDK needs Node.js %d or newer", node, v, MinMajor)
	}
	if major < MinMajor {
		return fmt.Sprintf("Node.js %s (%s) is older than the %d the AWS CDK's jsii runtime supports: put Node.js %d or newer first on PATH, or set JSII_NODE to it", v, node, MinMajor, MinMajor)
	}
	return ""
}

var versionRE = regexp.MustCompile(`^v?(\d+)\.\d+\.\d+`)

// Major reads the major version of a `node --version` answer ("v24.11.1").
func Major(v string) (int, bool) {
	m := versionRE.FindStringSubmatch(v)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// Version runs node --version, within ten seconds.
func Version(node string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, "--version").Output()
	return string(out), err
}

// Warn prints Check's problem, if any, as one line on stderr and then
// silences the runtime's own banner, which would say the same in eleven.
func Warn(prefix string) {
	if msg := Check(Version); msg != "" {
		fmt.Fprintln(os.Stderr, prefix+msg)
		os.Setenv(silenceEnv, "1")
	}
}
