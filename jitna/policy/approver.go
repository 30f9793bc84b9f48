package policy

import (
	"regexp"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// ApproverType says who an approver id names.
type ApproverType string

// Approver types. SSOGroup is the one the AWS sample uses. The Systems
// Manager guide's page "Create manual approval policies for just-in-time node
// access"
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-just-in-time-node-access-create-manual-policies.html)
// says approvers "can be IAM Identity Center users and groups or IAM users";
// the launch announcement also names IAM groups and roles. AWS spells none of
// them but SSOGroup: the other names follow Change Manager's approver
// vocabulary (inferred), and ManualApproval.ExtraApproverTypes accepts
// another spelling.
const (
	// SSOGroup is an IAM Identity Center group id.
	SSOGroup ApproverType = "SSOGroup"
	// SSOUser is an IAM Identity Center user id (inferred).
	SSOUser ApproverType = "SSOUser"
	// IamRole is an IAM role name or ARN (inferred).
	IamRole ApproverType = "IamRole"
	// IamUser is an IAM user name or ARN (inferred).
	IamUser ApproverType = "IamUser"
	// IamGroup is an IAM group name or ARN (inferred).
	IamGroup ApproverType = "IamGroup"
)

// ApproverTypes returns every approver type.
func ApproverTypes() []ApproverType {
	return []ApproverType{SSOGroup, SSOUser, IamRole, IamUser, IamGroup}
}

// Approver is one approver of a level.
type Approver struct {
	Type ApproverType
	// ID is the Identity Center group or user id, or the IAM name or ARN.
	ID string
}

// String is "Type:ID", how reports and duplicate checks name an approver.
func (a Approver) String() string { return string(a.Type) + ":" + a.ID }

// SSOGroupApprover names an IAM Identity Center group by id.
func SSOGroupApprover(groupID string) Approver { return Approver{Type: SSOGroup, ID: groupID} }

// SSOUserApprover names an IAM Identity Center user by id.
func SSOUserApprover(userID string) Approver { return Approver{Type: SSOUser, ID: userID} }

// IamRoleApprover names an IAM role by name or ARN.
func IamRoleApprover(nameOrArn string) Approver { return Approver{Type: IamRole, ID: nameOrArn} }

// IamUserApprover names an IAM user by name or ARN.
func IamUserApprover(nameOrArn string) Approver { return Approver{Type: IamUser, ID: nameOrArn} }

// IamGroupApprover names an IAM group by name or ARN.
func IamGroupApprover(nameOrArn string) Approver { return Approver{Type: IamGroup, ID: nameOrArn} }

// identityStoreID is the shape of an Identity Store user or group id: an
// optional 10-hex-digit store prefix and a UUID. Letters beyond hex are
// accepted so that the placeholders of AWS documentation
// ("ec4df598-7071-70a6-0de4-12345example") pass.
var identityStoreID = regexp.MustCompile(`^([0-9a-f]{10}-)?[0-9A-Za-z]{8}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{12}$`)

var (
	iamName = regexp.MustCompile(`^[\w+=,.@-]+$`)
	iamArn  = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:(role|user|group)/([\w+=,.@/-]+)$`)
)

// identity is what names a's principal, whatever its spelling: the kind of
// approver and its id in lower case (IAM names and Identity Center ids are
// case-insensitive), an IAM ARN reduced to its name. An approver of an
// extra type keeps its id as given.
func (a Approver) identity() string {
	switch a.Type {
	case SSOGroup, SSOUser:
		return string(a.Type) + ":" + strings.ToLower(a.ID)
	case IamRole, IamUser, IamGroup:
		id := a.ID
		if m := iamArn.FindStringSubmatch(id); m != nil {
			id = arnName(m[2])
		}
		return string(a.Type) + ":" + strings.ToLower(id)
	}
	return a.String()
}

// arnName is the name at the end of an IAM ARN's resource path
// ("team/Ops" is Ops).
func arnName(path string) string { return path[strings.LastIndex(path, "/")+1:] }

// validate checks a's type (one of ApproverTypes or extra) and its id:
// an id of a type in extra only for being there.
func (a Approver) validate(c *check.Collector, extra []ApproverType) {
	var types []string
	for _, t := range append(ApproverTypes(), extra...) {
		types = append(types, string(t))
	}
	if !c.OneOf("Type", string(a.Type), types) || !c.Required("ID", a.ID, "the approver's id") || check.IsToken(a.ID) {
		return
	}
	switch a.Type {
	case SSOGroup, SSOUser, IamRole, IamUser, IamGroup:
	default:
		return // an extra spelling: its id's form is unknown
	}
	switch a.Type {
	case SSOGroup, SSOUser:
		c.Match("ID", a.ID, identityStoreID, "an IAM Identity Center id such as 1a2b3c4d5e-12ab34cd-56ef-78ab-90cd-123456789012 or 12ab34cd-56ef-78ab-90cd-123456789012 (not a display name)")
	default:
		kind := strings.ToLower(strings.TrimPrefix(string(a.Type), "Iam"))
		name := a.ID
		if strings.HasPrefix(a.ID, "arn:") {
			m := iamArn.FindStringSubmatch(a.ID)
			switch {
			case m == nil:
				c.Addf("ID", a.ID, "is not a valid IAM ARN: must be arn:aws:iam::123456789012:%s/NAME", kind)
				return
			case m[1] != kind:
				c.Addf("ID", a.ID, "is an IAM %s ARN, but the approver type %s needs an IAM %s", m[1], a.Type, kind)
				return
			}
			name = arnName(m[2])
		} else if !c.Match("ID", a.ID, iamName, "an IAM "+kind+" name (letters, digits and +=,.@_-) or ARN") {
			return
		}
		if limit := maxIAMName(a.Type); len(name) > limit {
			c.Addf("ID", check.Shorten(a.ID), "names an IAM %s of %d characters: IAM %s names are at most %d", kind, len(name), kind, limit)
		}
	}
}

// Longest names IAM gives a role, a user and a group: "IAM and AWS STS
// quotas", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html.
const (
	MaxIAMRoleName  = 64
	MaxIAMUserName  = 64
	MaxIAMGroupName = 128
)

// maxIAMName is the longest name of an IAM approver type.
func maxIAMName(t ApproverType) int {
	switch t {
	case IamRole:
		return MaxIAMRoleName
	case IamUser:
		return MaxIAMUserName
	}
	return MaxIAMGroupName
}
