// Package readme runs the commands of the repository's README.md, so that a
// command the README shows and that stops working fails the build. Its test
// runs under `make readme` (part of `make test`), after synthesis, with the
// pinned Node.js and CDK CLI on PATH; elsewhere it skips.
//
// What runs, by code block:
//   - ```sh: every line, from the repository's root, in one bash; it must
//     succeed. Lines that start with "make " are left out: CI runs make test,
//     and make synth is part of it.
//   - ```sh aws: not run: it needs AWS credentials (cdk deploy).
//   - ```sh ci: not run: it needs a base branch; the diff it runs is the
//     one TestGateFailsOnAGroupWidening (cmd/jitna) runs.
//   - ```sh user: the first app, in a module cdk init makes (TestFirstApp).
//   - ```sh yaml: the bundled app from a module that holds only a config
//     file (TestYAMLRoute).
//   - ``` whose first line is "$ COMMAND", in the README and in docs/: the
//     command runs from the root, and each line shown after it (but "…")
//     must be in what it prints.
package readme
