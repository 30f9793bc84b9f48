package events

import (
	"fmt"
	"regexp"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// Notifications say which JITNA events go where.
type Notifications struct {
	// DetailTypes to deliver. Default: all three.
	DetailTypes []DetailType
	// Approvers filter the approver events to these approvers. Default: all.
	Approvers []string
	// Emails are subscribed to the topic (each confirms by mail). Default: none.
	Emails []string
	// Slack delivers to a Slack channel through Amazon Q Developer in chat
	// applications. Default: none.
	Slack *SlackChannel
	// Teams delivers to a Microsoft Teams channel. Default: none.
	Teams *TeamsChannel
	// ForwardTo sends the events to an event bus (a hub in the delegated
	// administrator account) instead of a topic. Default: none.
	ForwardTo string
	// APICalls also delivers the AccessAPICalls CloudTrail records
	// (StartAccessRequest, GetAccessToken): the only trace of auto-approved
	// access in EventBridge. CloudTrail must log management events in the
	// account (a trail); the rule takes APICallRuleState, since
	// GetAccessToken is a read-only call. Default false.
	APICalls bool
}

// SlackChannel is a Slack channel configuration.
type SlackChannel struct {
	// Name of the configuration: letters, digits, - and _, at most 128.
	Name string
	// WorkspaceId is the Slack workspace (team) id, such as T0123ABCD.
	WorkspaceId string
	// ChannelId is the channel id, such as C0123ABCD.
	ChannelId string
}

// TeamsChannel is a Microsoft Teams channel configuration.
type TeamsChannel struct {
	Name string
	// TenantId and TeamId are GUIDs; ChannelId is the channel's id.
	TenantId, TeamId, ChannelId string
}

// DefaultHubEventBusName names the hub's event bus.
const DefaultHubEventBusName = "jitna-access-requests"

// Hub is the central event bus in the delegated administrator account.
type Hub struct {
	// EventBusName: letters, digits, ., -, _, at most 256. Default
	// DefaultHubEventBusName.
	EventBusName string
	// OrganizationId (o-…) may put events on the bus. Required.
	OrganizationId string
}

// HubEventBusArn returns the ARN of a hub's bus, for the member side.
func HubEventBusArn(partition, region, account, name string) string {
	if name == "" {
		name = DefaultHubEventBusName
	}
	return fmt.Sprintf("arn:%s:events:%s:%s:event-bus/%s", partition, region, account, name)
}

// WithDefaults returns a copy with every unset field at its default.
func (n Notifications) WithDefaults() Notifications {
	if len(n.DetailTypes) == 0 {
		n.DetailTypes = append([]DetailType(nil), DetailTypes()...)
	}
	return n
}

var (
	email          = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	chatName       = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	slackID        = regexp.MustCompile(`^[0-9A-Z]{1,255}$`)
	guid           = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	teamsChannel   = regexp.MustCompile(`^[\w:%.@-]{1,255}$`)
	eventBusArn    = regexp.MustCompile(`^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus/[\w.\-/]{1,256}$`)
	eventBusName   = regexp.MustCompile(`^[\w.\-/]{1,256}$`)
	organizationID = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)
)

// Validate returns every problem with n, the value WithDefaults returns (an
// empty DetailTypes is then every detail-type).
func (n Notifications) Validate() error {
	c := check.New()
	seen := map[DetailType]bool{}
	for i, t := range n.DetailTypes {
		if err := Check(t); err != nil {
			c.Index("DetailTypes", i).Add("", string(t), fmt.Sprintf("is not a JITNA detail-type: must be one of %s, %s, %s", RequesterStatusUpdate, ApproverStatusUpdate, RequestFailed))
		} else if seen[t] {
			c.Index("DetailTypes", i).Add("", string(t), "is listed twice")
		}
		seen[t] = true
	}
	if len(n.Approvers) > 0 && !seen[ApproverStatusUpdate] {
		c.Add("Approvers", "", "filters approver events, but DetailTypes leaves them out")
	}
	for i, e := range n.Emails {
		c.Index("Emails", i).Match("", e, email, "an email address")
	}
	c.Unique("Emails", n.Emails)
	if s := n.Slack; s != nil {
		sc := c.Field("Slack")
		sc.Match("Name", s.Name, chatName, "1 to 128 letters, digits, - or _")
		sc.Match("WorkspaceId", s.WorkspaceId, slackID, "a Slack workspace id such as T0123ABCD")
		sc.Match("ChannelId", s.ChannelId, slackID, "a Slack channel id such as C0123ABCD")
	}
	if t := n.Teams; t != nil {
		tc := c.Field("Teams")
		tc.Match("Name", t.Name, chatName, "1 to 128 letters, digits, - or _")
		tc.Match("TenantId", t.TenantId, guid, "a Microsoft Entra tenant id (a GUID)")
		tc.Match("TeamId", t.TeamId, guid, "a Microsoft Teams team id (a GUID)")
		tc.Match("ChannelId", t.ChannelId, teamsChannel, "a Microsoft Teams channel id")
	}
	if n.ForwardTo != "" {
		c.Match("ForwardTo", n.ForwardTo, eventBusArn, "an event bus ARN such as arn:aws:events:us-east-1:123456789012:event-bus/jitna-access-requests")
		if len(n.Emails) > 0 || n.Slack != nil || n.Teams != nil {
			c.Add("ForwardTo", n.ForwardTo, "is given with emails or chat channels: a forwarding side delivers to the hub only; configure delivery on the hub")
		}
	}
	return c.Err()
}

// ValidateHub returns every problem with a hub and the delivery of its
// events (before defaults), with the field paths of jitna.NotificationHubProps
// ("Hub.OrganizationId", "Delivery.Emails[0]"). A hub delivers itself:
// Delivery.ForwardTo is refused rather than ignored.
func ValidateHub(hub Hub, delivery Notifications) error {
	c := check.New()
	c.Field("Hub").Merge(hub.Validate())
	if delivery.ForwardTo != "" {
		c.Add("Delivery.ForwardTo", delivery.ForwardTo, "is not used by a hub, which delivers the events it receives itself: leave it out")
		delivery.ForwardTo = ""
	}
	c.Field("Delivery").Merge(delivery.WithDefaults().Validate())
	return c.Err()
}

// Validate returns every problem with the hub (after defaults).
func (h Hub) Validate() error {
	c := check.New()
	name := h.EventBusName
	if name == "" {
		name = DefaultHubEventBusName
	}
	c.Match("EventBusName", name, eventBusName, "1 to 256 letters, digits, ., -, _ or /")
	if name == "default" {
		c.Add("EventBusName", name, "is the default bus, which the hub cannot create: choose another name")
	}
	if c.Required("OrganizationId", h.OrganizationId, "the organization id (o-…) whose accounts may send events") {
		c.Match("OrganizationId", h.OrganizationId, organizationID, "an organization id such as o-a1b2c3d4e5")
	}
	return c.Err()
}
