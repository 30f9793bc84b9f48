package jitna

import "github.com/cdk-jitna/cdk-jitna-go/internal/version"

// Version is the version of this library, as in its CHANGELOG.md; `jitna
// version` prints the same.
const Version = version.Version
