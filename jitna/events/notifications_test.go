package events

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

func problems(err error) []string {
	var out []string
	for _, p := range check.Problems(err) {
		out = append(out, p.Error())
	}
	return out
}

func TestNotificationsValidate(t *testing.T) {
	slack := &SlackChannel{Name: "jitna", WorkspaceId: "T0123ABCD", ChannelId: "C0123ABCD"}
	teams := &TeamsChannel{Name: "jitna", TenantId: "0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f", TeamId: "1a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f", ChannelId: "19:abc@thread.tacv2"}
	hub := "arn:aws:events:us-east-1:123456789012:event-bus/jitna-access-requests"
	for name, n := range map[string]Notifications{
		"defaults":             {},
		"approvers with their": {Approvers: []string{"a"}, DetailTypes: []DetailType{ApproverStatusUpdate}},
		"every channel":        {Emails: []string{"a@example.com", "b@example.com"}, Slack: slack, Teams: teams},
		"forwarding only":      {ForwardTo: hub, Approvers: []string{"a"}},
	} {
		assert.NoError(t, n.WithDefaults().Validate(), name)
	}
	for name, tc := range map[string]struct {
		n    Notifications
		want []string
	}{
		"unknown detail-type": {Notifications{DetailTypes: []DetailType{"Access Granted"}},
			[]string{`DetailTypes[0]: "Access Granted" is not a JITNA detail-type: must be one of ` + string(RequesterStatusUpdate) + ", " + string(ApproverStatusUpdate) + ", " + string(RequestFailed)}},
		"detail-type twice": {Notifications{DetailTypes: []DetailType{RequestFailed, RequestFailed}},
			[]string{`DetailTypes[1]: "` + string(RequestFailed) + `" is listed twice`}},
		"approvers without approver events": {Notifications{Approvers: []string{"a"}, DetailTypes: []DetailType{RequestFailed}},
			[]string{"Approvers: filters approver events, but DetailTypes leaves them out"}},
		"bad email": {Notifications{Emails: []string{"a@example.com", "nobody"}},
			[]string{`Emails[1]: "nobody" is not valid: must be an email address alone, such as ops@example.com (no name, <…> or punctuation around it)`}},
		"email twice": {Notifications{Emails: []string{"a@example.com", "a@example.com"}},
			[]string{`Emails[1]: "a@example.com" is listed twice (first at Emails[0]): list each value once`}},
		"email with trailing markup": {Notifications{Emails: []string{"ops@example.com>", "<ops@example.com>", "Ops <ops@example.com>", "ops@example.com.", "ops@-example.com"}}, []string{
			`Emails[0]: "ops@example.com>" is not valid: must be an email address alone, such as ops@example.com (no name, <…> or punctuation around it)`,
			`Emails[1]: "<ops@example.com>" is not valid: must be an email address alone, such as ops@example.com (no name, <…> or punctuation around it)`,
			`Emails[2]: "Ops <ops@example.com>" is not valid: must be an email address alone, such as ops@example.com (no name, <…> or punctuation around it)`,
			`Emails[3]: "ops@example.com." is not valid: must be an email address alone, such as ops@example.com (no name, <…> or punctuation around it)`,
			`Emails[4]: "ops@-example.com" is not valid: must be an email address alone, such as ops@example.com (no name, <…> or punctuation around it)`}},
		"email twice in another case": {Notifications{Emails: []string{"Ops@Example.com", "ops@example.com"}},
			[]string{`Emails[1]: "ops@example.com" is Emails[0] (Ops@Example.com) in another case: one mailbox, subscribed once`}},
		"approver filter empty or twice": {Notifications{Approvers: []string{"a", " ", "a"}}, []string{
			`Approvers[1]: is required: an approver id or name to filter on`,
			`Approvers[2]: "a" is listed twice (first at Approvers[0]): list each value once`}},
		"approver filter over the pattern size quota": {Notifications{Approvers: filters(500)}, []string{
			`Approvers: make the Approver Access Request Status Update rule's pattern 16603 characters long: EventBridge's event pattern size quota is 2048; filter on fewer approvers (an Identity Center group rather than its members), or raise the quota and set PatternSizeQuota`}},
		"approver filter over a raised quota": {Notifications{Approvers: filters(500), PatternSizeQuota: 4096}, []string{
			`Approvers: make the Approver Access Request Status Update rule's pattern 16603 characters long: EventBridge's event pattern size quota is 4096; filter on fewer approvers (an Identity Center group rather than its members), or raise the quota and set PatternSizeQuota`}},
		"negative quota": {Notifications{PatternSizeQuota: -1}, []string{`PatternSizeQuota: "-1" is negative: give the account's quota in characters, or leave it out for 2048`}},
		"bad slack": {Notifications{Slack: &SlackChannel{Name: "my channel", WorkspaceId: "t01", ChannelId: ""}}, []string{
			`Slack.Name: "my channel" is not valid: must be 1 to 128 letters, digits, - or _`,
			`Slack.WorkspaceId: "t01" is not valid: must be a Slack workspace id such as T0123ABCD`,
			`Slack.ChannelId: is not valid: must be a Slack channel id such as C0123ABCD`}},
		"bad teams": {Notifications{Teams: &TeamsChannel{Name: "t", TenantId: "x", TeamId: teams.TeamId, ChannelId: "a b"}}, []string{
			`Teams.TenantId: "x" is not valid: must be a Microsoft Entra tenant id (a GUID)`,
			`Teams.ChannelId: "a b" is not valid: must be a Microsoft Teams channel id`}},
		"bad hub arn": {Notifications{ForwardTo: "arn:aws:sns:us-east-1:123456789012:topic"},
			[]string{`ForwardTo: "arn:aws:sns:us-east-1:123456789012:topic" is not valid: must be an event bus ARN such as arn:aws:events:us-east-1:123456789012:event-bus/jitna-access-requests`}},
	} {
		assert.Equal(t, tc.want, problems(tc.n.WithDefaults().Validate()), name)
	}
	// Forwarding goes to the hub only: each delivery given beside it is refused.
	const both = "is given with emails or chat channels: a forwarding side delivers to the hub only; configure delivery on the hub"
	for name, n := range map[string]Notifications{
		"with email": {ForwardTo: hub, Emails: []string{"a@example.com"}},
		"with slack": {ForwardTo: hub, Slack: slack},
		"with teams": {ForwardTo: hub, Teams: teams},
	} {
		assert.Equal(t, []string{`ForwardTo: "` + hub + `" ` + both}, problems(n.WithDefaults().Validate()), name)
	}
}

func TestHubValidate(t *testing.T) {
	assert.NoError(t, Hub{OrganizationId: "o-a1b2c3d4e5"}.Validate())
	assert.NoError(t, Hub{EventBusName: "x", OrganizationId: "o-a1b2c3d4e5"}.Validate())
	assert.Equal(t, []string{
		`EventBusName: "default" is the default bus, which the hub cannot create: choose another name`,
		`OrganizationId: is required: the organization id (o-…) whose accounts may send events`,
	}, problems(Hub{EventBusName: "default"}.Validate()))
	assert.Equal(t, []string{
		`EventBusName: "a b" is not valid: must be 1 to 256 letters, digits, ., -, _ or /`,
		`OrganizationId: "o-1" is not valid: must be an organization id such as o-a1b2c3d4e5`,
	}, problems(Hub{EventBusName: "a b", OrganizationId: "o-1"}.Validate()))
	assert.Equal(t, "arn:aws:events:eu-west-1:123456789012:event-bus/jitna-access-requests", HubEventBusArn("aws", "eu-west-1", "123456789012", ""))
	assert.Equal(t, "arn:aws-cn:events:cn-north-1:123456789012:event-bus/b", HubEventBusArn("aws-cn", "cn-north-1", "123456789012", "b"))
	assert.Equal(t, DetailTypes(), Notifications{}.WithDefaults().DetailTypes)
	assert.Equal(t, []DetailType{RequestFailed}, Notifications{DetailTypes: []DetailType{RequestFailed}}.WithDefaults().DetailTypes)
}

// Defaults are applied by WithDefaults only: Validate checks the value it is
// given, so an approver filter without detail-types is a problem until the
// defaults (every detail-type) are in.
func TestValidateTakesTheDefaultedValue(t *testing.T) {
	n := Notifications{Approvers: []string{"arn:aws:iam::123456789012:role/Lead"}}
	assert.Equal(t, []string{"Approvers: filters approver events, but DetailTypes leaves them out"}, problems(n.Validate()))
	assert.NoError(t, n.WithDefaults().Validate())
}

// A hub's problems name the hub or the delivery; a hub delivers itself, so
// a delivery's ForwardTo is refused, and a delivery without one is fine.
func TestValidateHub(t *testing.T) {
	hub := Hub{OrganizationId: "o-a1b2c3d4e5"}
	assert.NoError(t, ValidateHub(hub, Notifications{Emails: []string{"sec@example.com"}}))
	var got []string
	for _, p := range check.Problems(ValidateHub(Hub{}, Notifications{ForwardTo: "arn:aws:events:us-east-1:123456789012:event-bus/x", Emails: []string{"nobody"}})) {
		got = append(got, p.Error())
	}
	assert.Equal(t, []string{
		"Hub.OrganizationId: is required: the organization id (o-…) whose accounts may send events",
		`Delivery.ForwardTo: "arn:aws:events:us-east-1:123456789012:event-bus/x" is not used by a hub, which delivers the events it receives itself: leave it out`,
		`Delivery.Emails[0]: "nobody" is not valid: must be an email address alone, such as ops@example.com (no name, <…> or punctuation around it)`,
	}, got)
}

// filters returns n approver filters of 30 characters each.
func filters(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%030d", i)
	}
	return out
}

// The pattern size quota at, below and above its limit.
func TestPatternSizeQuota(t *testing.T) {
	size := func(n Notifications) int {
		data, _ := json.Marshal(Pattern(ApproverStatusUpdate, n.Approvers))
		return len(data)
	}
	n := Notifications{Approvers: filters(10)}
	at := size(n)
	for quota, ok := range map[int]bool{at - 1: false, at: true, at + 1: true} {
		n.PatternSizeQuota = quota
		err := n.WithDefaults().Validate()
		assert.Equal(t, ok, err == nil, "quota %d for a pattern of %d: %v", quota, at, err)
	}
}
