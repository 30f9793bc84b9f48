// Package analysis decides exactly what a change of JITNA policies does to
// access, for every possible requester and node — not only those of an
// inventory.
//
// JITNA decides a request in three steps: a deny-access forbid statement
// takes it out of auto-approval; otherwise an auto-approval permit
// statement grants it for an hour; otherwise the manual approval policy
// whose target the node carries applies (a tag-specific one over one for all
// nodes; two that apply make the request fail). Compare builds that
// decision, for each version of the policies, as formulas over the
// predicates the statements can tell requests apart by, read from
// cedar-go's syntax tree:
//
//   - the requester: an Identity Center user or an IAM principal, its id,
//     its groups, each attribute and each IAM principal tag — present,
//     equal to a literal, matching a like pattern;
//   - the node: EC2 or managed, its id, each tag — present, equal to a
//     literal, matching a like pattern.
//
// Cedar's semantics are kept: a statement whose evaluation fails (getTag of
// a tag the node lacks, an attribute the user lacks) does not apply, and &&
// and || evaluate their right side only when they must. A theory ties the
// predicates of one string together (one value at most; a value decides
// each pattern; a value needs the string present); which combinations of
// pattern matches a string can have beyond the literals is decided on the
// patterns' automata, exactly, when a witness is built.
//
// The formulas are reduced ordered binary decision diagrams, so that "the
// decision differs" is computed symbolically, never by enumerating the
// 2^k combinations of k predicates; each class reported is a cube (a
// conjunction of predicates) of the requests whose decision changes, as
// few conditions as it needs, and comes with a witness that the simulator
// (package simulate) decides again. A construct the translation does not
// cover (an extension function, two attributes compared with each other)
// is named in Report.Inexact, and Report.Widening is true: a gate fails
// closed.
package analysis
