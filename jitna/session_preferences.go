package jitna

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/guardrails"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// SessionSettings are the Session Manager preferences, each defaulting to
// the AWS sample's: S3BucketName and S3KeyPrefix (default none),
// S3EncryptionEnabled (true), CloudWatchLogGroupName
// (session-manager-${AWS::Region}), CloudWatchEncryptionEnabled (false),
// CloudWatchStreamingEnabled (true), KMSKeyID (none), RunAsEnabled (true)
// and RunAsDefaultUser (ec2-user), IdleSessionTimeout (20 minutes, 1 to 60),
// MaxSessionDuration (60 minutes, 1 to 1440), ShellProfileLinux and
// ShellProfileWindows, Description. See [policy.SessionSettings].
type SessionSettings = policy.SessionSettings

// SessionFlag returns a pointer to b, for the optional flags of
// SessionSettings (S3EncryptionEnabled, RunAsEnabled, …).
func SessionFlag(b bool) *bool { return policy.Bool(b) }

// JitnaManagedTagKey and JitnaManagedTagValue mark the KMS keys JITNA sessions
// may use: a key for session encryption (or RDP recording) must carry
// SystemsManagerJustInTimeNodeAccessManaged=true.
const (
	JitnaManagedTagKey   = policy.JitnaManagedTagKey
	JitnaManagedTagValue = policy.JitnaManagedTagValue
)

// SessionPreferencesProps configures the Session Manager preferences of one
// account and Region. A reference (S3Bucket, LogGroup, EncryptionKey) wins
// over the matching name in Settings.
type SessionPreferencesProps struct {
	// SessionPreferencesProps are the preferences (Settings, default the AWS
	// sample's, including its CloudWatch log group
	// session-manager-${AWS::Region}), NoCloudWatchLogs, CreateEncryptionKey
	// and the document's Tags.
	policy.SessionPreferencesProps
	// S3Bucket receives session logs. Default: Settings.S3BucketName.
	S3Bucket awss3.IBucket
	// LogGroup receives session logs. Default: Settings.CloudWatchLogGroupName,
	// else the AWS sample's session-manager-${AWS::Region}.
	LogGroup awslogs.ILogGroup
	// EncryptionKey encrypts session data; it must carry the tag
	// SystemsManagerJustInTimeNodeAccessManaged=true (a key of this app
	// without it gets a warning). Default: Settings.KMSKeyID.
	EncryptionKey awskms.IKey
}

// SessionPreferences is the SSM document SSM-SessionManagerRunShell (type
// Session): Session Manager preferences for JITNA sessions in one account and
// Region. JITNA never ends sessions itself, so the idle timeout and maximum
// duration matter. Where the Session Manager console already created this
// document, creating it again fails: set TakeOver to apply the preferences to
// the document as it is.
type SessionPreferences struct {
	constructs.Construct
	placed
	// Document is the L1 SSM document (escape hatch), also
	// Node().DefaultChild(); nil with TakeOver.
	Document awsssm.CfnDocument
	// TakeOver is the custom resource (type policy.SessionTakeOverType) that
	// applies the preferences with TakeOver, also Node().DefaultChild(); nil
	// otherwise.
	TakeOver awscdk.CfnResource
	// Key is the KMS key created with CreateEncryptionKey, or nil.
	Key awskms.Key
	// Settings are the preferences that were rendered, after defaults.
	Settings SessionSettings
}

// NewSessionPreferences creates the Session Manager preferences document. Its
// props are checked at synthesis (and by Validate): timeouts, names, a second
// preferences document in the stack, tags.
func NewSessionPreferences(scope constructs.Construct, id string, props *SessionPreferencesProps) *SessionPreferences {
	if props == nil {
		props = &SessionPreferencesProps{}
	}
	c, at := newConstruct(scope, id)
	s := &SessionPreferences{Construct: c, placed: placed{at}}
	settings := props.Settings
	if props.S3Bucket != nil {
		settings.S3BucketName = *props.S3Bucket.BucketName()
	}
	switch {
	case props.NoCloudWatchLogs:
		settings.CloudWatchLogGroupName = ""
	case props.LogGroup != nil:
		settings.CloudWatchLogGroupName = *props.LogGroup.LogGroupName()
	case settings.CloudWatchLogGroupName == "":
		settings.CloudWatchLogGroupName = *awscdk.Fn_Sub(jsii.String(policy.SessionLogGroupSample), nil)
	}
	key := props.EncryptionKey
	if props.CreateEncryptionKey {
		s.Key = newJitnaKey(s.Construct, "Encrypts Session Manager data of just-in-time node access sessions")
		key = s.Key
	}
	if key != nil {
		settings.KMSKeyID = *key.KeyArn()
	}
	s.Settings = settings.WithDefaults()
	validate := func() error {
		c := check.New()
		if props.EncryptionKey != nil && props.CreateEncryptionKey {
			c.Add("EncryptionKey", "", "is given with CreateEncryptionKey: use one or the other")
		}
		props.CheckTakeOver(c)
		at := s.at
		policy.CheckKeyRegions(c, "KMSKeyID", s.Settings.KMSKeyID, at.regions())
		return check.Join(c.Err(), s.Settings.Validate())
	}
	addDocumentChecks(s.at, s.Construct, s.Settings, props.Tags, validate)
	warnLogGroup(s.Construct, props, s.Settings)
	if props.EncryptionKey != nil {
		s.Node().AddValidation(&keyTagWarning{owner: s.Construct, key: props.EncryptionKey, use: guardrails.UseSessionData})
	}
	if props.TakeOver != nil {
		s.TakeOver = newTakeOver(s.at, s.Construct, s.Settings.Document(), props.TakeOver.WithDefaults())
		return s
	}
	s.Document = newDocument(s.Construct, s.Settings.Document(), props.Tags)
	// SSM-SessionManagerRunShell is the account's one Session Manager
	// preferences document: removing the resource from the stack (switching
	// to TakeOver, or deleting the stack) leaves it, so that the preferences
	// never silently revert to Session Manager's defaults.
	s.Document.ApplyRemovalPolicy(awscdk.RemovalPolicy_RETAIN, &awscdk.RemovalPolicyOptions{ApplyToUpdateReplacePolicy: jsii.Bool(true)})
	return s
}

// newTakeOver creates the custom resource that applies doc to the existing
// document of its name, and lets the stack's handler make the calls that
// needs on that document only.
func newTakeOver(at site, scope constructs.Construct, doc policy.Document, t policy.SessionTakeOver) awscdk.CfnResource {
	arn := awscdk.Fn_Sub(jsii.String("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:document/"+doc.Name), nil)
	// The content goes as JSON text (SSM's Content), and the handler's table
	// holds it as a value, which it compares the text with.
	props := map[string]any{"DocumentName": doc.Name, "OnDelete": t.OnDelete}
	allowed := map[string]any{"DocumentName": doc.Name, "OnDelete": t.OnDelete, "Content": doc.Content}
	props["Content"] = at.stack.ToJsonString(doc.Content, nil)
	r := handlerOf(at).newResourceAllowing(scope, "TakeOver", policy.SessionTakeOverType, props, allowed, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("ssm:AddTagsToResource", "ssm:CreateDocument", "ssm:DeleteDocument", "ssm:DescribeDocument", "ssm:GetDocument",
			"ssm:ListDocumentVersions", "ssm:ListTagsForResource", "ssm:RemoveTagsFromResource", "ssm:UpdateDocument", "ssm:UpdateDocumentDefaultVersion"),
		Resources: &[]*string{arn},
	}))
	scope.Node().SetDefaultChild(r)
	return r
}

// newJitnaKey creates a rotating KMS key tagged for JITNA, the child Key of
// scope.
func newJitnaKey(scope constructs.Construct, description string) awskms.Key {
	key := awskms.NewKey(scope, jsii.String("Key"), &awskms.KeyProps{
		Description:       jsii.String(description),
		EnableKeyRotation: jsii.Bool(true),
	})
	awscdk.Tags_Of(key).Add(jsii.String(JitnaManagedTagKey), jsii.String(JitnaManagedTagValue), nil)
	return key
}

// keyTagWarning warns, at synthesis (after tags are applied), when a key of
// this app that JITNA encrypts use with (guardrails.UseSessionData,
// guardrails.UseRDPRecordings) lacks the JITNA tag. Keys imported by ARN are
// not visible: no warning. It never fails synthesis.
type keyTagWarning struct {
	owner constructs.Construct
	key   awskms.IKey
	use   string
}

// Validate adds the warning and returns no error.
func (w *keyTagWarning) Validate() *[]*string {
	cfnKey, ok := w.key.Node().DefaultChild().(awskms.CfnKey)
	if !ok {
		return &[]*string{}
	}
	if policy.HasJitnaTag(keyTags(cfnKey)) {
		return &[]*string{}
	}
	warn(w.owner, "jitna:key-tag", fmt.Sprintf(
		"the KMS key %s lacks the tag %s=%s: JITNA cannot use it to encrypt %s",
		*w.key.Node().Path(), JitnaManagedTagKey, JitnaManagedTagValue, w.use))
	return &[]*string{}
}

// warnLogGroup warns when the sessions' log group is one nothing in the app
// creates (Session Manager does not create it: streaming to a missing group
// fails), and when CloudWatchEncryptionEnabled asks for an encrypted group
// that is not (a LogGroup of the app without a KMS key) or cannot be seen
// to be (a group named only): Session Manager then streams only to a group
// encrypted with a KMS key ("Logging session data using Amazon CloudWatch
// Logs", Session Manager's guide).
func warnLogGroup(owner constructs.Construct, props *SessionPreferencesProps, settings policy.SessionSettings) {
	if settings.CloudWatchLogGroupName == "" {
		return
	}
	if props.LogGroup == nil && props.Settings.CloudWatchLogGroupName == "" {
		warn(owner, "jitna:session-log-group", "session logs go to the AWS sample's log group session-manager-<Region>, which nothing in this app creates, and Session Manager does not create it: give LogGroup (an awslogs.LogGroup of the stack), create the group in each account and Region, or set NoCloudWatchLogs")
	}
	if settings.CloudWatchEncryptionEnabled == nil || !*settings.CloudWatchEncryptionEnabled {
		return
	}
	if props.LogGroup == nil {
		warn(owner, "jitna:session-log-group-encryption", "CloudWatchEncryptionEnabled is on: Session Manager streams only to a log group encrypted with a KMS key, which nothing here can check of a group given by name; give LogGroup, encrypted, to have it checked")
		return
	}
	if cfn, ok := props.LogGroup.Node().DefaultChild().(awslogs.CfnLogGroup); ok && cfn.KmsKeyId() == nil {
		warn(owner, "jitna:session-log-group-encryption", "CloudWatchEncryptionEnabled is on, but LogGroup has no KMS key: Session Manager streams only to an encrypted log group; give the group an EncryptionKey")
	}
}
