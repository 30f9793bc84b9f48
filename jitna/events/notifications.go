package events

import (
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

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
	// PatternSizeQuota is the account's EventBridge quota "Event pattern
	// size", in characters: each rule's pattern (the approver filter makes
	// it grow) must fit. Default DefaultPatternSizeQuota, EventBridge's
	// default; raise it here after raising the quota (adjustable, "Amazon
	// EventBridge quotas",
	// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html).
	PatternSizeQuota int
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

// DefaultPatternSizeQuota is EventBridge's default event pattern size
// quota, in characters.
const DefaultPatternSizeQuota = 2048

// WithDefaults returns a copy with every unset field at its default.
func (n Notifications) WithDefaults() Notifications {
	if len(n.DetailTypes) == 0 {
		n.DetailTypes = append([]DetailType(nil), DetailTypes()...)
	}
	if n.PatternSizeQuota == 0 {
		n.PatternSizeQuota = DefaultPatternSizeQuota
	}
	return n
}

var (
	// email is an address SNS's email protocol takes: a local part of the
	// characters RFC 5322 allows unquoted, a domain of DNS labels (no
	// display name, no <…>, no trailing markup).
	email          = regexp.MustCompile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
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
	for i, a := range n.Approvers {
		c.Index("Approvers", i).Required("", strings.TrimSpace(a), "an approver id or name to filter on")
	}
	c.Unique("Approvers", n.Approvers)
	lower := make([]string, len(n.Emails))
	for i, e := range n.Emails {
		c.Index("Emails", i).Match("", e, email, "an email address alone, such as ops@example.com (no name, <…> or punctuation around it)")
		lower[i] = strings.ToLower(e)
	}
	if c.Unique("Emails", n.Emails) {
		for i, e := range lower {
			if j := slices.Index(lower[:i], e); j >= 0 {
				c.Index("Emails", i).Addf("", n.Emails[i], "is Emails[%d] (%s) in another case: one mailbox, subscribed once", j, n.Emails[j])
			}
		}
	}
	n.checkPatternSize(c)
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

// checkPatternSize records a problem for each rule pattern longer than the
// pattern size quota (PatternSizeQuota, else the default).
func (n Notifications) checkPatternSize(c *check.Collector) {
	quota := cmp.Or(n.PatternSizeQuota, DefaultPatternSizeQuota)
	if n.PatternSizeQuota < 0 {
		c.Addf("PatternSizeQuota", fmt.Sprint(n.PatternSizeQuota), "is negative: give the account's quota in characters, or leave it out for %d", DefaultPatternSizeQuota)
		return
	}
	for _, t := range n.DetailTypes {
		data, _ := json.Marshal(Pattern(t, n.Approvers))
		if size := utf8.RuneCount(data); size > quota {
			c.Addf("Approvers", "", "make the %s rule's pattern %d characters long: EventBridge's event pattern size quota is %d; filter on fewer approvers (an Identity Center group rather than its members), or raise the quota and set PatternSizeQuota", t, size, quota)
		}
	}
}
