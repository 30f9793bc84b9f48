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
	"slices"
	"strconv"
	"strings"
	"time"
)

// MinMajor is the oldest Node.js major version the pinned jsii runtime
// (jsii-runtime-go v1.119.0) supports without a deprecation warning: Node.js
// 20 reached its end of life on 2026-04-30; 22 and 24 are supported.
const MinMajor = 22

// The variables with which the jsii runtime leaves out its banners about a
// Node.js version (jsii-runtime.js, checkNode): a deprecated one, one known
// to be broken, an untested one (any value), and one past its end of life
// (a comma-separated list of major versions).
const (
	silenceDeprecated = "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION"
	silenceEndOfLife  = "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"
	silenceBroken     = "JSII_SILENCE_WARNING_KNOWN_BROKEN_NODE_VERSION"
	silenceUntested   = "JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION"
)

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

// Warn prints Check's problem, if any, as one line on stderr, with the
// runtime's own banners (which would say the same in eleven lines)
// silenced. The jsii runtime fixes its process's environment when the
// aws-cdk-go packages initialize, before main: to silence it, Warn starts
// the program again (the same executable, arguments and environment, plus
// the silencing variables) before any jsii call, where the system can
// replace a process; the new process prints the line. Where it cannot, the
// banner follows the line.
func Warn(prefix string) {
	var major string
	msg := Check(func(node string) (string, error) {
		out, err := Version(node)
		if m, ok := Major(strings.TrimSpace(out)); ok {
			major = strconv.Itoa(m)
		}
		return out, err
	})
	if msg == "" {
		return
	}
	if !silenced(major) {
		env := os.Environ()
		for k, v := range silence(os.Getenv(silenceEndOfLife), major) {
			env = append(env, k+"="+v)
		}
		restart(env) // returns only where it cannot
	}
	fmt.Fprintln(os.Stderr, prefix+msg)
}

// silenced reports whether the environment silences every banner about
// a Node.js of major version major already: the program was started again
// so, or its user set the variables.
func silenced(major string) bool {
	for _, k := range []string{silenceDeprecated, silenceBroken, silenceUntested} {
		if os.Getenv(k) == "" {
			return false
		}
	}
	return major == "" || slices.ContainsFunc(strings.Split(os.Getenv(silenceEndOfLife), ","), func(v string) bool {
		return strings.TrimSpace(v) == major // as the runtime reads the list
	})
}

// silence returns the variables that silence every banner of the jsii
// runtime about a Node.js of major version major, given the end-of-life
// list already set (kept, the major added).
func silence(endOfLife, major string) map[string]string {
	out := map[string]string{silenceDeprecated: "1", silenceBroken: "1", silenceUntested: "1"}
	if major != "" {
		out[silenceEndOfLife] = strings.Trim(endOfLife+","+major, ",")
	}
	return out
}
