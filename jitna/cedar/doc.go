// Package cedar checks the Cedar text of JITNA auto-approval and deny-access
// policies before anything reaches AWS, and builds the common statements with
// small typed helpers.
//
// A check parses the text with github.com/cedar-policy/cedar-go, validates every
// statement strictly against the JITNA schema (Schema, embedded from
// jitna.cedarschema), and enforces the effect a policy type allows: auto-approval
// policies hold only permit statements, deny-access policies only forbid
// statements. Each problem is an Issue with the line and column it starts at.
//
// It is pure Go (no aws-cdk-go import): the constructs, the config loader and
// the `jitna` command call it alike.
package cedar
