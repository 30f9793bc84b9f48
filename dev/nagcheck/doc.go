// Package nagcheck runs cdk-nag's AwsSolutionsChecks over the library's
// constructs. It is a module of its own so that cdk-nag and the dependency
// versions it asks for never reach the library's users.
package nagcheck
