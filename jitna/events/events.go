// Package events holds what JITNA emits to Amazon EventBridge and the rule
// patterns that select it: source aws.ssm, three detail-types (no event for
// auto-approved requests), approver events filterable by approver.
//
// It is pure Go (no aws-cdk-go import). Sources: the Systems Manager user
// guide on just-in-time node access notifications and its EventBridge event
// examples,
// https://docs.aws.amazon.com/systems-manager/latest/userguide/monitoring-systems-manager-event-examples.html.
package events

import (
	"fmt"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// Source is the source of every JITNA event.
const Source = "aws.ssm"

// DetailType is a kind of JITNA event.
type DetailType string

// JITNA's detail-types.
const (
	// RequesterStatusUpdate tells the requester what happened to a request.
	RequesterStatusUpdate DetailType = "Requester Access Request Status Update"
	// ApproverStatusUpdate tells the approvers of a level about a request.
	ApproverStatusUpdate DetailType = "Approver Access Request Status Update"
	// RequestFailed says a request could not be made (several manual
	// approval policies apply, for instance).
	RequestFailed DetailType = "JITNA Access Request Failed"
)

// DetailTypes returns all of them, in this order.
func DetailTypes() []DetailType {
	return []DetailType{RequesterStatusUpdate, ApproverStatusUpdate, RequestFailed}
}

// Pattern returns the EventBridge pattern for one detail-type, as the AWS
// sample writes it; approver events are filtered to approvers when given
// (Identity Center user or group ids, IAM names).
func Pattern(t DetailType, approvers []string) map[string]any {
	p := map[string]any{"source": []any{Source}, "detail-type": []any{string(t)}}
	if t == ApproverStatusUpdate && len(approvers) > 0 {
		list := make([]any, len(approvers))
		for i, a := range approvers {
			list[i] = a
		}
		p["detail"] = map[string]any{"Approvers": list}
	}
	return p
}

// APICallDetailType is the detail-type of the events CloudTrail delivers to
// EventBridge for API calls ("Events from AWS services" in the EventBridge
// user guide, https://docs.aws.amazon.com/eventbridge/latest/userguide/event-types.html).
const APICallDetailType DetailType = "AWS API Call via CloudTrail"

// AccessAPICalls are the Systems Manager API calls of access requests and
// access tokens (SSM API reference: StartAccessRequest, GetAccessToken).
// JITNA emits no event for an auto-approved request: these calls, which
// every request and session makes, are its only trace in EventBridge. That
// auto-approved access makes them is inferred from the API, not documented.
func AccessAPICalls() []string { return []string{"StartAccessRequest", "GetAccessToken"} }

// APICallPattern returns the EventBridge pattern of AccessAPICalls, as
// CloudTrail delivers them (eventSource ssm.amazonaws.com).
func APICallPattern() map[string]any {
	names := make([]any, 0, 2)
	for _, n := range AccessAPICalls() {
		names = append(names, n)
	}
	return map[string]any{
		"source":      []any{Source},
		"detail-type": []any{string(APICallDetailType)},
		"detail":      map[string]any{"eventSource": []any{"ssm.amazonaws.com"}, "eventName": names},
	}
}

// APICallRuleState returns the state of the rule of APICallPattern on a
// bus: on an account's default bus ("" or "default"), the state that lets
// read-only management events from CloudTrail through (GetAccessToken is
// one), as the EventBridge user guide says; on another bus, where they
// arrive forwarded like any event, ENABLED.
func APICallRuleState(eventBusName string) string {
	if eventBusName == "" || eventBusName == "default" {
		return "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
	}
	return "ENABLED"
}

// Check returns a problem for a detail-type that JITNA does not emit.
func Check(t DetailType) error {
	for _, known := range DetailTypes() {
		if t == known {
			return nil
		}
	}
	return fmt.Errorf("%q is not a JITNA detail-type: must be one of %q, %q, %q", string(t), RequesterStatusUpdate, ApproverStatusUpdate, RequestFailed)
}

// ChatApprovalActions returns what a chat channel's role may do so that approvers
// can approve from Slack or Microsoft Teams: signal the manual-approval
// automation executions JITNA tags.
func ChatApprovalActions() []string { return []string{"ssm:SendAutomationSignal"} }

// ManagedTag marks the automation executions (and KMS keys) JITNA manages.
const (
	ManagedTagKey   = policy.JitnaManagedTagKey
	ManagedTagValue = policy.JitnaManagedTagValue
)
