// Package usercheck is a user's first day, as a test: a module of its own
// that depends on the library the way a user's CDK app does (through its
// module path, with nothing from inside the repository), and checks what a
// user meets first: readable snapshot differences in a member template, a
// main that ends cleanly on bad input, overlap warnings that do not flood,
// and test failures reported at the test's own line.
package usercheck
