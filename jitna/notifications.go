package jitna

import (
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awschatbot"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/events"
)

// Notifications say which JITNA events go where: detail-types, approver
// filter, emails, Slack and Teams channels, or forwarding to a hub. See
// events.Notifications for each field and its default.
type Notifications = events.Notifications

// SlackChannel and TeamsChannel are chat channel configurations.
type (
	SlackChannel = events.SlackChannel
	TeamsChannel = events.TeamsChannel
)

// JITNA's EventBridge detail-types.
const (
	RequesterStatusUpdate = events.RequesterStatusUpdate
	ApproverStatusUpdate  = events.ApproverStatusUpdate
	RequestFailed         = events.RequestFailed
)

// AccessRequestNotificationsProps configures access-request notifications.
type AccessRequestNotificationsProps struct {
	Notifications
	// Topic receives the events. Default: a topic this construct creates,
	// encrypted with a KMS key it creates (rotation on), its policy letting
	// only EventBridge publish, for this account. Not used with ForwardTo.
	Topic awssns.ITopic
	// EventBusName is the bus the rules listen on. Default: the account's
	// default bus.
	EventBusName string
}

// AccessRequestNotifications are EventBridge rules for JITNA's events
// (source aws.ssm), one per detail-type, delivering to an SNS topic (with
// email subscriptions and Slack or Microsoft Teams channels through Amazon Q
// Developer in chat applications, whose role may approve requests from the
// chat), or forwarding to a hub's event bus.
type AccessRequestNotifications struct {
	constructs.Construct
	placed
	// Rules by detail-type (events.APICallDetailType for APICalls).
	Rules map[events.DetailType]awsevents.CfnRule
	// Topic the rules deliver to (nil when forwarding).
	Topic awssns.ITopic
	// Key encrypts the topic this construct created, else nil.
	Key awskms.Key
	// ChannelRole is the chat channels' role, nil without channels.
	ChannelRole awsiam.Role
	// ForwardRole lets the rules put events on the hub, nil unless forwarding.
	ForwardRole awsiam.Role
	// Slack and Teams are the L1 channel configurations, or nil.
	Slack awschatbot.CfnSlackChannelConfiguration
	Teams awschatbot.CfnMicrosoftTeamsChannelConfiguration
}

// NewAccessRequestNotifications creates the rules and where they deliver.
// Props are checked at synthesis (and by Validate).
func NewAccessRequestNotifications(scope constructs.Construct, id string, props *AccessRequestNotificationsProps) *AccessRequestNotifications {
	if props == nil {
		props = &AccessRequestNotificationsProps{}
	}
	return newAccessRequestNotifications(scope, id, props, true)
}

// newAccessRequestNotifications renders the rules and their delivery, and
// registers their check when checked (a hub checks its delivery itself).
func newAccessRequestNotifications(scope constructs.Construct, id string, props *AccessRequestNotificationsProps, checked bool) *AccessRequestNotifications {
	c, at := newConstruct(scope, id)
	n := &AccessRequestNotifications{Construct: c, placed: placed{at}, Rules: map[events.DetailType]awsevents.CfnRule{}}
	settings := props.Notifications.WithDefaults()
	if checked {
		addValidation(n.at, settings.Validate)
	}

	var target *awsevents.CfnRule_TargetProperty
	if settings.ForwardTo != "" {
		n.ForwardRole = awsiam.NewRole(n.Construct, jsii.String("ForwardRole"), &awsiam.RoleProps{
			AssumedBy:   awsiam.NewServicePrincipal(jsii.String("events.amazonaws.com"), nil),
			Description: jsii.String("Forwards just-in-time node access events to the hub's event bus"),
			InlinePolicies: &map[string]awsiam.PolicyDocument{"PutEvents": awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{
				Statements: &[]awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
					Actions: jsii.Strings("events:PutEvents"), Resources: jsii.Strings(settings.ForwardTo),
				})},
			})},
		})
		target = &awsevents.CfnRule_TargetProperty{Id: jsii.String("Hub"), Arn: jsii.String(settings.ForwardTo), RoleArn: n.ForwardRole.RoleArn()}
	} else {
		n.Topic = props.Topic
		if n.Topic == nil {
			n.Key, n.Topic = newEncryptedTopic(n.Construct)
		}
		target = &awsevents.CfnRule_TargetProperty{Id: jsii.String("Topic"), Arn: n.Topic.TopicArn()}
		for i, e := range settings.Emails {
			awssns.NewCfnSubscription(n.Construct, jsii.String(fmt.Sprintf("Email%d", i)), &awssns.CfnSubscriptionProps{
				Protocol: jsii.String("email"), Endpoint: jsii.String(e), TopicArn: n.Topic.TopicArn(),
			})
		}
		n.chatChannels(settings)
	}
	for i, t := range settings.DetailTypes {
		rule := awsevents.NewCfnRule(n.Construct, jsii.String(fmt.Sprintf("Rule%d", i)), &awsevents.CfnRuleProps{
			Description:  jsii.String("Just-in-time node access: " + string(t)),
			EventPattern: events.Pattern(t, settings.Approvers),
			State:        jsii.String("ENABLED"),
			Targets:      []any{target},
		})
		if props.EventBusName != "" {
			rule.SetEventBusName(jsii.String(props.EventBusName))
		}
		n.Rules[t] = rule
	}
	if settings.APICalls {
		rule := awsevents.NewCfnRule(n.Construct, jsii.String("APICalls"), &awsevents.CfnRuleProps{
			Description:  jsii.String("Just-in-time node access: access requests and tokens, from CloudTrail (auto-approved access included)"),
			EventPattern: events.APICallPattern(),
			State:        jsii.String(events.APICallRuleState(props.EventBusName)),
			Targets:      []any{target},
		})
		if props.EventBusName != "" {
			rule.SetEventBusName(jsii.String(props.EventBusName))
		}
		n.Rules[events.APICallDetailType] = rule
	}
	if n.Topic != nil && len(n.Rules) > 0 {
		// EventBridge publishes for these rules only.
		var arns []*string
		for _, r := range sortedRules(n.Rules) {
			arns = append(arns, r.AttrArn())
		}
		n.Topic.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("EventBridgeOfThisAccount"),
			Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("events.amazonaws.com"), nil)},
			Actions:    jsii.Strings("sns:Publish"),
			Resources:  jsii.Strings(*n.Topic.TopicArn()),
			Conditions: &map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID()},
				"ArnEquals":    map[string]any{"aws:SourceArn": arns},
			},
		}))
	}
	return n
}

// newEncryptedTopic creates a topic encrypted with a key EventBridge may use.
func newEncryptedTopic(scope constructs.Construct) (awskms.Key, awssns.ITopic) {
	key := awskms.NewKey(scope, jsii.String("Key"), &awskms.KeyProps{
		Description:       jsii.String("Encrypts just-in-time node access notifications"),
		EnableKeyRotation: jsii.Bool(true),
	})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("EventBridgeOfThisAccount"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("events.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:Decrypt", "kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID()}},
	}), nil)
	topic := awssns.NewTopic(scope, jsii.String("Topic"), &awssns.TopicProps{
		DisplayName: jsii.String("Just-in-time node access requests"),
		MasterKey:   key,
		EnforceSSL:  jsii.Bool(true),
	})
	return key, topic
}

// chatChannels creates the channel role and the Slack and Teams
// configurations.
func (n *AccessRequestNotifications) chatChannels(s events.Notifications) {
	if s.Slack == nil && s.Teams == nil {
		return
	}
	approve := awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("ApproveFromChat"),
		Actions:   jsii.Strings(events.ChatApprovalActions()...),
		Resources: jsii.Strings(fmt.Sprintf("arn:%s:ssm:%s:%s:automation-execution/*", *awscdk.Aws_PARTITION(), *awscdk.Aws_REGION(), *awscdk.Aws_ACCOUNT_ID())),
		Conditions: &map[string]any{"StringEquals": map[string]any{
			"aws:ResourceTag/" + events.ManagedTagKey: events.ManagedTagValue,
		}},
	})
	guardrail := awsiam.NewManagedPolicy(n.Construct, jsii.String("ChannelGuardrail"), &awsiam.ManagedPolicyProps{
		Description: jsii.String("The most a chat channel may do: approve just-in-time node access requests"),
		Statements:  &[]awsiam.PolicyStatement{approve},
	})
	suppressNag(guardrail, nagSuppression{id: "AwsSolutions-IAM5", appliesTo: []string{"Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:automation-execution/*"},
		reason: "approvers signal executions whose ids are not known in advance; the aws:ResourceTag condition limits them to the ones JITNA tags"})
	n.ChannelRole = awsiam.NewRole(n.Construct, jsii.String("ChannelRole"), &awsiam.RoleProps{
		AssumedBy:       awsiam.NewServicePrincipal(jsii.String("chatbot.amazonaws.com"), nil),
		Description:     jsii.String("Lets approvers approve just-in-time node access requests from chat"),
		ManagedPolicies: &[]awsiam.IManagedPolicy{guardrail},
	})
	topics := jsii.Strings(*n.Topic.TopicArn())
	guardrails := jsii.Strings(*guardrail.ManagedPolicyArn())
	if s.Slack != nil {
		n.Slack = awschatbot.NewCfnSlackChannelConfiguration(n.Construct, jsii.String("Slack"), &awschatbot.CfnSlackChannelConfigurationProps{
			ConfigurationName: jsii.String(s.Slack.Name), IamRoleArn: n.ChannelRole.RoleArn(),
			SlackWorkspaceId: jsii.String(s.Slack.WorkspaceId), SlackChannelId: jsii.String(s.Slack.ChannelId),
			SnsTopicArns: anyList(*topics...), GuardrailPolicies: guardrails,
			// A channel member acts with their own chat user role (its
			// permissions within the guardrail), not the channel's.
			UserRoleRequired: jsii.Bool(true),
		})
	}
	if s.Teams != nil {
		n.Teams = awschatbot.NewCfnMicrosoftTeamsChannelConfiguration(n.Construct, jsii.String("Teams"), &awschatbot.CfnMicrosoftTeamsChannelConfigurationProps{
			ConfigurationName: jsii.String(s.Teams.Name), IamRoleArn: n.ChannelRole.RoleArn(),
			TeamsTenantId: jsii.String(s.Teams.TenantId), TeamId: jsii.String(s.Teams.TeamId), TeamsChannelId: jsii.String(s.Teams.ChannelId),
			SnsTopicArns: topics, GuardrailPolicies: guardrails,
			UserRoleRequired: jsii.Bool(true),
		})
	}
}

// NotificationHub is the central event bus in the delegated administrator
// account: member accounts of the organization forward JITNA events to it
// (NewAccessRequestNotifications with ForwardTo), and its rules deliver them.
type NotificationHub struct {
	constructs.Construct
	placed
	// EventBus is the L1 event bus. Its ARN, for the members' ForwardTo,
	// is EventBus.AttrArn() in the hub's app, or HubEventBusArn from
	// another.
	EventBus awsevents.CfnEventBus
	// Notifications are the hub's rules and their deliveries.
	Notifications *AccessRequestNotifications
}

// NotificationHubOptions name the hub's bus and the organization that may
// send to it. See events.Hub.
type NotificationHubOptions = events.Hub

// DetailType is a kind of JITNA event.
type DetailType = events.DetailType

// NotificationHubProps configures the hub.
type NotificationHubProps struct {
	// Hub: OrganizationId is required; EventBusName defaults to
	// jitna-access-requests.
	Hub NotificationHubOptions
	// Delivery: which events go to the topic, emails and channels. ForwardTo
	// must be empty: the hub delivers. Default: every detail-type, to the
	// topic only.
	Delivery Notifications
	// Topic receives the events. Default: a topic the hub creates, encrypted
	// with a KMS key it creates (rotation on), its policy letting only
	// EventBridge publish.
	Topic awssns.ITopic
}

// NewNotificationHub creates the bus, a policy that lets only the
// organization's accounts put events on it, and the rules that deliver them.
func NewNotificationHub(scope constructs.Construct, id string, props *NotificationHubProps) *NotificationHub {
	if props == nil {
		props = &NotificationHubProps{}
	}
	c, at := newConstruct(scope, id)
	h := &NotificationHub{Construct: c, placed: placed{at}}
	hub, delivery := props.Hub, props.Delivery
	addValidation(h.at, func() error { return events.ValidateHub(hub, delivery) })
	name := hub.EventBusName
	if name == "" {
		name = events.DefaultHubEventBusName
	}
	h.EventBus = awsevents.NewCfnEventBus(h.Construct, jsii.String("EventBus"), &awsevents.CfnEventBusProps{
		Name: jsii.String(name),
		Policy: map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{
			"Sid": "OrganizationMembersForwardJitnaEvents", "Effect": "Allow", "Principal": "*",
			"Action":   "events:PutEvents",
			"Resource": fmt.Sprintf("arn:%s:events:%s:%s:event-bus/%s", *awscdk.Aws_PARTITION(), *awscdk.Aws_REGION(), *awscdk.Aws_ACCOUNT_ID(), name),
			// Only what the members forward: JITNA's events and the access
			// calls CloudTrail records, all from Systems Manager.
			"Condition": map[string]any{"StringEquals": map[string]any{
				"aws:PrincipalOrgID": hub.OrganizationId,
				"events:source":      []any{events.Source},
				"events:detail-type": hubDetailTypes(),
			}},
		}}},
	})
	rendered := delivery
	rendered.ForwardTo = "" // refused by the check above
	h.Notifications = newAccessRequestNotifications(h.Construct, "Delivery", &AccessRequestNotificationsProps{
		Notifications: rendered, Topic: props.Topic, EventBusName: name,
	}, false)
	for _, r := range sortedRules(h.Notifications.Rules) {
		r.AddResourceDependency(h.EventBus, nil)
	}
	return h
}

// hubDetailTypes are the detail-types members forward to the hub.
func hubDetailTypes() []any {
	var out []any
	for _, t := range events.DetailTypes() {
		out = append(out, string(t))
	}
	return append(out, string(events.APICallDetailType))
}

func sortedRules(m map[events.DetailType]awsevents.CfnRule) []awsevents.CfnRule {
	keys := slices.Sorted(maps.Keys(m))
	out := make([]awsevents.CfnRule, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// HubEventBusArn returns the ARN of the hub's bus in the delegated
// administrator account and home Region (eventBusName "" for the default
// name), for the members' ForwardTo; the partition is the deploying stack's.
func HubEventBusArn(account, region, eventBusName string) string {
	return events.HubEventBusArn(*awscdk.Aws_PARTITION(), region, account, eventBusName)
}
