package jitna_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/access"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/jitnatest"
)

func TestNotificationsToATopic(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	n := jitna.NewAccessRequestNotifications(stack, "Notify", &jitna.AccessRequestNotificationsProps{Notifications: jitna.Notifications{
		Approvers: []string{"AccessApprover1"},
		Emails:    []string{"oncall@example.com"},
		Slack:     &jitna.SlackChannel{Name: "jitna-approvals", WorkspaceId: "T0123ABCD", ChannelId: "C0123ABCD"},
		Teams:     &jitna.TeamsChannel{Name: "jitna", TenantId: "11111111-2222-3333-4444-555555555555", TeamId: "66666666-7777-8888-9999-000000000000", ChannelId: "19:abc@thread.tacv2"},
	}})
	require.NoError(t, jitna.Validate(stack))
	tmpl := jitnatest.Template(t, stack)
	tmpl.ResourceCountIs(jsii.String("AWS::Events::Rule"), jsii.Number(3))
	tmpl.HasResourceProperties(jsii.String("AWS::Events::Rule"), map[string]any{
		"EventPattern": map[string]any{"source": []any{"aws.ssm"}, "detail-type": []any{"Approver Access Request Status Update"}, "detail": map[string]any{"Approvers": []any{"AccessApprover1"}}},
		"Targets":      []any{map[string]any{"Id": "Topic", "Arn": map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("NotifyTopic"))}}},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::SNS::Topic"), map[string]any{"KmsMasterKeyId": assertions.Match_AnyValue()})
	tmpl.HasResourceProperties(jsii.String("AWS::KMS::Key"), map[string]any{"EnableKeyRotation": true})
	tmpl.HasResourceProperties(jsii.String("AWS::SNS::TopicPolicy"), map[string]any{"PolicyDocument": map[string]any{
		"Statement": assertions.Match_ArrayWith(&[]any{map[string]any{
			"Sid": "EventBridgeOfThisAccount", "Effect": "Allow", "Action": "sns:Publish",
			"Principal": map[string]any{"Service": "events.amazonaws.com"}, "Resource": map[string]any{"Ref": assertions.Match_AnyValue()},
			// Published for this stack's rules only.
			"Condition": map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": map[string]any{"Ref": "AWS::AccountId"}},
				"ArnEquals": map[string]any{"aws:SourceArn": assertions.Match_ArrayWith(&[]any{
					map[string]any{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^NotifyRule")), "Arn"}},
				})},
			},
		}}),
		"Version": "2012-10-17",
	}})
	tmpl.HasResourceProperties(jsii.String("AWS::Chatbot::SlackChannelConfiguration"), map[string]any{"UserRoleRequired": true})
	tmpl.HasResourceProperties(jsii.String("AWS::SNS::Subscription"), map[string]any{"Protocol": "email", "Endpoint": "oncall@example.com"})
	tmpl.HasResourceProperties(jsii.String("AWS::Chatbot::SlackChannelConfiguration"), map[string]any{
		"SlackWorkspaceId": "T0123ABCD", "SlackChannelId": "C0123ABCD", "GuardrailPolicies": []any{map[string]any{"Ref": assertions.Match_AnyValue()}},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::Chatbot::MicrosoftTeamsChannelConfiguration"), map[string]any{"TeamsChannelId": "19:abc@thread.tacv2"})
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), map[string]any{
		"AssumeRolePolicyDocument": map[string]any{"Statement": []any{map[string]any{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": map[string]any{"Service": "chatbot.amazonaws.com"}}}, "Version": "2012-10-17"},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::ManagedPolicy"), map[string]any{"PolicyDocument": map[string]any{"Statement": []any{map[string]any{
		"Sid": "ApproveFromChat", "Effect": "Allow", "Action": "ssm:SendAutomationSignal", "Resource": assertions.Match_AnyValue(),
		"Condition": map[string]any{"StringEquals": map[string]any{"aws:ResourceTag/SystemsManagerJustInTimeNodeAccessManaged": "true"}},
	}}, "Version": "2012-10-17"}})
	assert.NotNil(t, n.Key)
	jitnatest.Snapshot(t, stack)
}

func TestNotificationHubAndForwarding(t *testing.T) {
	defer jitnatest.Recover(t)
	_, admin := newStack()
	hub := jitna.NewNotificationHub(admin, "Hub", &jitna.NotificationHubProps{
		Hub:      jitnaHub("o-a1b2c3d4e5"),
		Delivery: jitna.Notifications{Emails: []string{"sec@example.com"}},
	})
	require.NoError(t, jitna.Validate(admin))
	tmpl := jitnatest.Template(t, admin)
	tmpl.HasResourceProperties(jsii.String("AWS::Events::EventBus"), map[string]any{
		"Name": "jitna-access-requests",
		"Policy": map[string]any{"Version": "2012-10-17", "Statement": []any{assertions.Match_ObjectLike(&map[string]any{
			"Principal": "*", "Action": "events:PutEvents",
			// Members of the organization, forwarding JITNA's events only.
			"Condition": map[string]any{"StringEquals": map[string]any{
				"aws:PrincipalOrgID": "o-a1b2c3d4e5",
				"events:source":      []any{"aws.ssm"},
				"events:detail-type": []any{"Requester Access Request Status Update", "Approver Access Request Status Update", "JITNA Access Request Failed", "AWS API Call via CloudTrail"},
			}},
		})}},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::Events::Rule"), map[string]any{"EventBusName": "jitna-access-requests"})
	assert.Len(t, hub.Notifications.Rules, 3)

	_, member := newStack()
	fwd := jitna.NewAccessRequestNotifications(member, "Forward", &jitna.AccessRequestNotificationsProps{Notifications: jitna.Notifications{
		ForwardTo: "arn:aws:events:us-east-1:123456789012:event-bus/jitna-access-requests",
	}})
	require.NoError(t, jitna.Validate(member))
	assert.Nil(t, fwd.Topic)
	m := jitnatest.Template(t, member)
	m.ResourceCountIs(jsii.String("AWS::SNS::Topic"), jsii.Number(0))
	m.HasResourceProperties(jsii.String("AWS::Events::Rule"), map[string]any{"Targets": []any{map[string]any{
		"Id": "Hub", "Arn": "arn:aws:events:us-east-1:123456789012:event-bus/jitna-access-requests", "RoleArn": map[string]any{"Fn::GetAtt": assertions.Match_AnyValue()},
	}}})
	m.HasResourceProperties(jsii.String("AWS::IAM::Role"), map[string]any{"Policies": []any{map[string]any{"PolicyName": "PutEvents", "PolicyDocument": map[string]any{
		"Statement": []any{map[string]any{"Action": "events:PutEvents", "Effect": "Allow", "Resource": "arn:aws:events:us-east-1:123456789012:event-bus/jitna-access-requests"}}, "Version": "2012-10-17",
	}}}})
}

// APICalls adds a rule for the access calls CloudTrail records: on the
// default bus in the state that lets read-only calls through, on the hub's
// bus enabled.
func TestAPICallNotifications(t *testing.T) {
	defer jitnatest.Recover(t)
	_, member := newStack()
	fwd := jitna.NewAccessRequestNotifications(member, "Forward", &jitna.AccessRequestNotificationsProps{Notifications: jitna.Notifications{
		ForwardTo: "arn:aws:events:us-east-1:123456789012:event-bus/jitna-access-requests", APICalls: true,
	}})
	require.NoError(t, jitna.Validate(member))
	assert.Len(t, fwd.Rules, 4)
	jitnatest.Template(t, member).HasResourceProperties(jsii.String("AWS::Events::Rule"), map[string]any{
		"State": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
		"EventPattern": map[string]any{"source": []any{"aws.ssm"}, "detail-type": []any{"AWS API Call via CloudTrail"},
			"detail": map[string]any{"eventSource": []any{"ssm.amazonaws.com"}, "eventName": []any{"StartAccessRequest", "GetAccessToken"}}},
		"Targets": []any{assertions.Match_ObjectLike(&map[string]any{"Id": "Hub"})},
	})

	_, admin := newStack()
	jitna.NewNotificationHub(admin, "Hub", &jitna.NotificationHubProps{Hub: jitnaHub("o-a1b2c3d4e5"), Delivery: jitna.Notifications{APICalls: true}})
	require.NoError(t, jitna.Validate(admin))
	jitnatest.Template(t, admin).HasResourceProperties(jsii.String("AWS::Events::Rule"), map[string]any{
		"State": "ENABLED", "EventBusName": "jitna-access-requests",
		"EventPattern": assertions.Match_ObjectLike(&map[string]any{"detail-type": []any{"AWS API Call via CloudTrail"}}),
	})
}

func TestNotificationProblems(t *testing.T) {
	defer jitnatest.Recover(t)
	app, stack := newStack()
	jitna.NewAccessRequestNotifications(stack, "Notify", &jitna.AccessRequestNotificationsProps{Notifications: jitna.Notifications{
		DetailTypes: []jitna.DetailType{"Access Request Failed", jitna.RequestFailed},
		Approvers:   []string{"x"},
		Emails:      []string{"not-an-email"},
		Slack:       &jitna.SlackChannel{Name: "bad name", WorkspaceId: "t01", ChannelId: "C01"},
	}})
	jitna.NewNotificationHub(stack, "Hub", &jitna.NotificationHubProps{Hub: jitnaHub("org-1"),
		Delivery: jitna.Notifications{ForwardTo: "arn:aws:events:us-east-1:123456789012:event-bus/elsewhere", Emails: []string{"nobody"}}})
	jitna.NewAccessRequestNotifications(stack, "Forward", &jitna.AccessRequestNotificationsProps{Notifications: jitna.Notifications{ForwardTo: "arn:aws:sns:us-east-1:123456789012:topic", Emails: []string{"a@b.co"}}})
	err := jitna.Validate(app)
	require.Error(t, err)
	var lines []string
	for _, p := range check.Problems(err) {
		lines = append(lines, p.Error())
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{
		`Admin/Notify: DetailTypes[0]: "Access Request Failed" is not a JITNA detail-type`,
		`Admin/Notify: Approvers: filters approver events, but DetailTypes leaves them out`,
		`Admin/Notify: Emails[0]: "not-an-email" is not valid: must be an email address alone, such as ops@example.com (no name, <…> or punctuation around it)`,
		`Admin/Notify: Slack.Name: "bad name" is not valid`,
		`Admin/Notify: Slack.WorkspaceId: "t01" is not valid: must be a Slack workspace id`,
		`Admin/Hub: Hub.OrganizationId: "org-1" is not valid: must be an organization id`,
		`Admin/Hub: Delivery.ForwardTo: "arn:aws:events:us-east-1:123456789012:event-bus/elsewhere" is not used by a hub, which delivers the events it receives itself: leave it out`,
		`Admin/Hub: Delivery.Emails[0]: "nobody" is not valid: must be an email address alone, such as ops@example.com (no name, <…> or punctuation around it)`,
		`Admin/Forward: ForwardTo: "arn:aws:sns:us-east-1:123456789012:topic" is not valid: must be an event bus ARN`,
		`Admin/Forward: ForwardTo: "arn:aws:sns:us-east-1:123456789012:topic" is given with emails or chat channels`,
	} {
		assert.Contains(t, got, want)
	}
}

func TestAccessForPeople(t *testing.T) {
	defer jitnatest.Recover(t)
	_, stack := newStack()
	requesters := awsiam.NewRole(stack, jsii.String("Requesters"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	approvers := awsiam.NewRole(stack, jsii.String("Approvers"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	requested := jitna.GrantRequestAccess(requesters)
	approved := jitna.GrantApproveRequests(approvers)
	// The grants, as aws-cdk-lib's grant methods return them: one statement
	// of the role each, added to the principal's policy.
	assert.True(t, *requested.Success())
	assert.Len(t, *requested.PrincipalStatements(), len(access.Statements(jitna.AccessRequester)))
	assert.Len(t, *approved.PrincipalStatements(), len(access.Statements(jitna.AccessApprover)))
	jitna.NewAccessManagedPolicy(stack, "AdminPolicy", jitna.AccessAdministrator)
	sets := jitna.NewAccessPermissionSets(stack, "PermissionSets", &jitna.AccessPermissionSetsProps{InstanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef"})
	require.NoError(t, jitna.Validate(stack))
	tmpl := jitnatest.Template(t, stack)
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::Policy"), map[string]any{
		"Roles": []any{map[string]any{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^Approvers"))}},
		"PolicyDocument": map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{map[string]any{
			"Sid": "AllowApprovalRejectionSignal", "Effect": "Allow", "Action": "ssm:SendAutomationSignal",
			"Resource":  map[string]any{"Fn::Join": assertions.Match_AnyValue()},
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:ResourceTag/SystemsManagerJustInTimeNodeAccessManaged": "true"}},
		}})},
	})
	tmpl.HasResourceProperties(jsii.String("AWS::IAM::ManagedPolicy"), map[string]any{"PolicyDocument": map[string]any{"Statement": assertions.Match_ArrayWith(&[]any{map[string]any{
		"Sid": "PassTheAccessTokenRole", "Effect": "Allow", "Action": "iam:PassRole", "Resource": assertions.Match_AnyValue(),
		"Condition": map[string]any{"StringEquals": map[string]any{"iam:PassedToService": []any{"justintimeaccess.ssm.amazonaws.com"}}},
	}}), "Version": "2012-10-17"}})
	tmpl.HasResourceProperties(jsii.String("AWS::SSO::PermissionSet"), map[string]any{
		"Name": "JitnaRequester", "SessionDuration": "PT480M", "InlinePolicy": assertions.Match_ObjectLike(&map[string]any{"Version": "2012-10-17"}),
	})
	assert.NotNil(t, sets.Approver)

	app, stack := newStack()
	jitna.NewAccessPermissionSets(stack, "PermissionSets", &jitna.AccessPermissionSetsProps{InstanceArn: "ssoins-1", ApproverName: "a name with spaces"})
	err := jitna.Validate(app)
	assert.ErrorContains(t, err, `Admin/PermissionSets: InstanceArn: "ssoins-1" is not valid`)
	assert.ErrorContains(t, err, `Admin/PermissionSets: ApproverName: "a name with spaces" is not valid`)
}

func jitnaHub(org string) jitna.NotificationHubOptions {
	return jitna.NotificationHubOptions{OrganizationId: org}
}
