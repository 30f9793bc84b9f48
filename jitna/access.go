package jitna

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssso"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/access"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// AccessRole is a role people play around JITNA: AccessRequester,
// AccessApprover or AccessAdministrator.
type AccessRole = access.Role

// The roles people play.
const (
	// AccessRequester requests access to nodes and follows the requests.
	AccessRequester = access.Requester
	// AccessApprover approves requests (ssm:SendAutomationSignal on the
	// executions JITNA tags) and reads them.
	AccessApprover = access.Approver
	// AccessAdministrator manages the approval-policy documents and may pass
	// SSM-JustInTimeAccessTokenRole to justintimeaccess.ssm.amazonaws.com.
	AccessAdministrator = access.Administrator
)

// GrantRequestAccess lets grantee request access to nodes in the account and
// Region of the stack its policy is in, and returns the grant it adds, as
// aws-cdk-lib's grant methods do (Grant.ApplyBefore orders a resource
// after it, for one). It never grants ssm:StartSession. Like every grant
// helper, it explains the wildcard resources it adds to cdk-nag (see
// grantRole).
func GrantRequestAccess(grantee awsiam.IGrantable) awsiam.Grant {
	return grantRole(grantee, access.Requester)
}

// GrantApproveRequests lets grantee approve access requests, and returns
// the grant it adds.
func GrantApproveRequests(grantee awsiam.IGrantable) awsiam.Grant {
	return grantRole(grantee, access.Approver)
}

// GrantAdministerPolicies lets grantee manage the approval policies, and
// returns the grant it adds.
func GrantAdministerPolicies(grantee awsiam.IGrantable) awsiam.Grant {
	return grantRole(grantee, access.Administrator)
}

// grantRole adds a role's statements to grantee's policy (one
// awsiam.Grant_AddToPrincipal each, their Sids set, combined into one
// grant) and, on that policy (the grantee's default policy, when it has
// one: not for an imported role), a cdk-nag AwsSolutions-IAM5 suppression
// that applies to exactly the wildcard resources of these statements, with
// the AWS page that sets them so as its reason.
func grantRole(grantee awsiam.IGrantable, r AccessRole) awsiam.Grant {
	var grant awsiam.Grant
	for _, s := range access.Statements(r) {
		g := awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
			Grantee:      grantee,
			Actions:      jsii.Strings(s.Actions...),
			ResourceArns: jsii.Strings(access.Resolve(s.Resources, *awscdk.Aws_PARTITION(), *awscdk.Aws_REGION(), *awscdk.Aws_ACCOUNT_ID())...),
			Conditions:   grantConditions(s.Condition),
		})
		for _, st := range *g.PrincipalStatements() {
			st.SetSid(jsii.String(s.Sid))
		}
		if grant == nil {
			grant = g
		} else {
			grant = grant.Combine(g)
		}
	}
	// Roles, users and groups keep the statements in their "DefaultPolicy".
	var policy constructs.IConstruct
	if c, ok := grantee.(constructs.IConstruct); ok {
		policy = c.Node().TryFindChild(jsii.String("DefaultPolicy"))
	}
	if policy != nil {
		suppressNag(policy, nagSuppression{id: "AwsSolutions-IAM5", appliesTo: wildcardResources(r),
			reason: fmt.Sprintf("the JITNA %s statements of the Systems Manager guide's setting-up page (%s): access requests, OpsItems "+
				"and sessions take no resource ARNs, and approval-policy documents, automation executions and KMS keys have names not known in "+
				"advance; documents are limited by ssm:DocumentType and executions to the ones JITNA tags", r, access.SettingUpPage)})
	}
	return grant
}

// grantConditions is a statement's Condition block in the shape of
// awsiam.GrantOnPrincipalOptions.Conditions (nil for none).
func grantConditions(cond map[string]map[string]any) *map[string]*map[string]any {
	if len(cond) == 0 {
		return nil
	}
	out := make(map[string]*map[string]any, len(cond))
	for op, kv := range cond {
		m := map[string]any{}
		for k, v := range kv {
			m[k] = v
		}
		out[op] = &m
	}
	return &out
}

// wildcardResources are the wildcard resources of a role's statements as
// cdk-nag names them in AwsSolutions-IAM5 findings.
func wildcardResources(r AccessRole) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range access.Statements(r) {
		for _, res := range access.Resolve(s.Resources, "<AWS::Partition>", "<AWS::Region>", "<AWS::AccountId>") {
			if strings.Contains(res, "*") && !seen[res] {
				seen[res] = true
				out = append(out, "Resource::"+res)
			}
		}
	}
	return out
}

// NewAccessManagedPolicy creates a customer managed policy with a role's
// permissions, scoped to the stack's account and Region.
func NewAccessManagedPolicy(scope constructs.Construct, id string, r AccessRole) awsiam.ManagedPolicy {
	stmts := roleStatements(r)
	p := awsiam.NewManagedPolicy(scope, jsii.String(id), &awsiam.ManagedPolicyProps{
		Description: jsii.String(fmt.Sprintf("Just-in-time node access: what a %s needs", r)),
		Statements:  &stmts,
	})
	suppressNag(p, nagSuppression{id: "AwsSolutions-IAM5", reason: "the JITNA actions these statements allow (access requests, OpsItems, " +
		"session status, instance and document listing) take no resource ARNs, and approval policies, automation executions and documents " +
		"have names not known in advance; executions are limited to the ones JITNA tags"})
	return p
}

// roleStatements renders a role's statements, resources in the stack's
// partition, Region and account.
func roleStatements(r AccessRole) []awsiam.PolicyStatement {
	var out []awsiam.PolicyStatement
	for _, s := range access.Statements(r) {
		props := &awsiam.PolicyStatementProps{
			Sid:       jsii.String(s.Sid),
			Actions:   jsii.Strings(s.Actions...),
			Resources: jsii.Strings(access.Resolve(s.Resources, *awscdk.Aws_PARTITION(), *awscdk.Aws_REGION(), *awscdk.Aws_ACCOUNT_ID())...),
		}
		if s.Condition != nil {
			conditions := map[string]any{}
			for k, v := range s.Condition {
				conditions[k] = v
			}
			props.Conditions = &conditions
		}
		out = append(out, awsiam.NewPolicyStatement(props))
	}
	return out
}

// AccessPermissionSetsProps configures IAM Identity Center permission sets
// for requesters and approvers.
type AccessPermissionSetsProps struct {
	// InstanceArn is the IAM Identity Center instance. Required.
	InstanceArn string
	// RequesterName and ApproverName name the permission sets (1 to 32
	// letters, digits and +=,.@_-). Default "JitnaRequester", "JitnaApprover".
	RequesterName, ApproverName string
	// SessionDuration of the permission sets: 1 to 12 hours. Default 8 hours.
	SessionDuration time.Duration
	// Partition of the policies' ARNs. Default "aws".
	Partition string
	// Tags of the permission sets. Default: none.
	Tags map[string]string
}

// AccessPermissionSets are the requester and approver permission sets.
type AccessPermissionSets struct {
	constructs.Construct
	placed
	Requester, Approver awssso.CfnPermissionSet
}

var permissionSetName = regexp.MustCompile(`^[\w+=,.@-]{1,32}$`)

// NewAccessPermissionSets creates the requester and approver permission sets,
// their inline policies the roles' statements for any account and Region
// they are provisioned to. Neither grants ssm:StartSession.
func NewAccessPermissionSets(scope constructs.Construct, id string, props *AccessPermissionSetsProps) *AccessPermissionSets {
	if props == nil {
		props = &AccessPermissionSetsProps{}
	}
	p := *props
	if p.RequesterName == "" {
		p.RequesterName = "JitnaRequester"
	}
	if p.ApproverName == "" {
		p.ApproverName = "JitnaApprover"
	}
	if p.SessionDuration == 0 {
		p.SessionDuration = 8 * time.Hour
	}
	if p.Partition == "" {
		p.Partition = "aws"
	}
	c, at := newConstruct(scope, id)
	s := &AccessPermissionSets{Construct: c, placed: placed{at}}
	addValidation(s.at, func() error {
		c := check.New()
		if c.Required("InstanceArn", p.InstanceArn, "the IAM Identity Center instance ARN (arn:aws:sso:::instance/ssoins-…)") {
			c.Match("InstanceArn", p.InstanceArn, ssoInstanceArn, "an IAM Identity Center instance ARN such as arn:aws:sso:::instance/ssoins-1234567890abcdef")
		}
		c.Match("RequesterName", p.RequesterName, permissionSetName, "1 to 32 letters, digits and +=,.@_-")
		c.Match("ApproverName", p.ApproverName, permissionSetName, "1 to 32 letters, digits and +=,.@_-")
		if p.SessionDuration < time.Hour || p.SessionDuration > 12*time.Hour || p.SessionDuration%time.Minute != 0 {
			c.Add("SessionDuration", p.SessionDuration.String(), "is out of range: must be 1 to 12 hours, in whole minutes")
		}
		return c.Err()
	})
	newSet := func(setID, name string, r AccessRole) awssso.CfnPermissionSet {
		return awssso.NewCfnPermissionSet(s.Construct, jsii.String(setID), &awssso.CfnPermissionSetProps{
			InstanceArn:     jsii.String(p.InstanceArn),
			Name:            jsii.String(name),
			Description:     jsii.String(fmt.Sprintf("Just-in-time node access %s", r)),
			SessionDuration: jsii.String(fmt.Sprintf("PT%dM", int(p.SessionDuration/time.Minute))),
			InlinePolicy:    access.Document(r, p.Partition),
			Tags:            cfnTags(p.Tags),
		})
	}
	s.Requester = newSet("Requester", p.RequesterName, access.Requester)
	s.Approver = newSet("Approver", p.ApproverName, access.Approver)
	return s
}

var ssoInstanceArn = regexp.MustCompile(`^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$`)
