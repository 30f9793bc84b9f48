// Package version holds the library's version, printed by `jitna version`
// and exported as jitna.Version.
package version

// Version is the version of cdk-jitna-go, as in CHANGELOG.md.
const Version = "0.1.0"
