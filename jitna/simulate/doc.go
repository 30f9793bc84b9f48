// Package simulate answers, offline, what JITNA will do with an access
// request: who reaches which node, and how. It follows the service's order:
// the organization's deny-access policy takes a request out of auto-approval
// when one of its forbid statements matches; otherwise a matching
// auto-approval permit grants access for one hour; otherwise the manual
// approval policies decide, tag-specific targets over an all-nodes target and
// tag targets ORed, giving exactly one policy, a conflict (two or more apply:
// requests fail) or none (the node cannot be requested).
//
// Cedar is evaluated with cedar-go's authorizer over entities built from the
// node and the requester. Policies come from the policy models, or from
// templates read by package template (the same reader `jitna validate`
// uses). Every Decision carries an explanation.
//
// It is pure Go: `jitna simulate`, `jitna coverage` and tests use it without
// jsii.
package simulate
