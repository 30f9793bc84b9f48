package jitna

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssmguiconnect"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/guardrails"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// GuiConnectServicePrincipal is the service that writes RDP recordings to
// the bucket.
const GuiConnectServicePrincipal = "ssm-guiconnect.amazonaws.com"

// RDPRecordingProps configure RDP connection recording in one account and
// Region: the pure-Go part (an existing bucket or key by name or ARN, tags)
// and references to a bucket or key of the app.
type RDPRecordingProps struct {
	// RDPRecording: BucketName, BucketOwner and KMSKeyArn of existing
	// resources, and Tags. Default: a bucket and a key created here.
	policy.RDPRecording
	// Bucket is a bucket of the app to record to; the construct adds the
	// policy statement that lets GUI Connect write to it. Default:
	// RDPRecording.BucketName, else a bucket created here.
	Bucket awss3.IBucket
	// EncryptionKey is a key of the app; it must carry the tag
	// SystemsManagerJustInTimeNodeAccessManaged=true (a key without it gets
	// a warning, and JITNA-KMS-1 of the guardrails). Default:
	// RDPRecording.KMSKeyArn, else a key created here.
	EncryptionKey awskms.IKey
}

// RDPRecording records the RDP connections JITNA opens to Windows Server
// nodes in one account and Region: an AWS::SSMGuiConnect::Preferences
// resource that names an S3 bucket and a customer managed KMS key, both
// created here unless given. A created bucket blocks public access, takes
// only TLS, encrypts with S3-managed keys, is kept when the stack is deleted
// (the recordings are evidence), and lets ssm-guiconnect.amazonaws.com put
// objects for this account only (aws:SourceAccount); a created key rotates
// and carries the JITNA tag. An account and Region hold one; it fits in a
// member StackSet's template, which gives every account and Region its own
// bucket. See policy.RDPRecording for the documented contract.
type RDPRecording struct {
	constructs.Construct
	placed
	// Preferences is the L1 resource (escape hatch), also
	// Node().DefaultChild().
	Preferences awsssmguiconnect.CfnPreferences
	// Bucket is the bucket created or given, or nil for a BucketName.
	Bucket awss3.IBucket
	// Key is the key created or given, or nil for a KMSKeyArn.
	Key awskms.IKey
}

// NewRDPRecording creates the RDP recording preferences, with the bucket and
// key they need unless given. Problems (a name and a reference to the same
// thing, a second recording in the stack, malformed names, tags) are
// reported at synthesis and by Validate.
func NewRDPRecording(scope constructs.Construct, id string, props *RDPRecordingProps) *RDPRecording {
	if props == nil {
		props = &RDPRecordingProps{}
	}
	c, at := newConstruct(scope, id)
	r := &RDPRecording{Construct: c, placed: placed{at}, Bucket: props.Bucket, Key: props.EncryptionKey}
	model := props.RDPRecording
	addValidation(at, func() error {
		c := check.New()
		if props.Bucket != nil && model.BucketName != "" {
			c.Add("Bucket", model.BucketName, "is given with BucketName: name the bucket one way")
		}
		if props.Bucket != nil && model.ObjectLockDays != 0 {
			c.Add("ObjectLockDays", fmt.Sprint(model.ObjectLockDays), "is given with Bucket: Object Lock applies to a bucket the construct creates; set it on your bucket (awss3.BucketProps.ObjectLockDefaultRetention)")
		}
		if props.EncryptionKey != nil && model.KMSKeyArn != "" {
			c.Add("EncryptionKey", model.KMSKeyArn, "is given with KMSKeyArn: name the key one way")
		}
		quicksetup.CheckTags(c, "Tags", model.Tags)
		policy.CheckKeyRegions(c, "KMSKeyArn", model.KMSKeyArn, at.regions())
		return check.Join(model.Validate(), c.Err(), at.state.secondRecording(at))
	})
	at.state.noteRecording(at)

	bucketName := model.BucketName
	if r.Bucket == nil && bucketName == "" {
		r.Bucket = awss3.NewBucket(r.Construct, jsii.String("Bucket"), &awss3.BucketProps{
			BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
			Encryption:        awss3.BucketEncryption_S3_MANAGED,
			EnforceSSL:        jsii.Bool(true),
			// Recordings are evidence: an overwritten or deleted object
			// keeps its earlier versions.
			Versioned:                  jsii.Bool(true),
			RemovalPolicy:              awscdk.RemovalPolicy_RETAIN,
			ObjectLockDefaultRetention: objectLockRetention(model),
		})
		suppressNag(r.Bucket, nagSuppression{id: "AwsSolutions-S1", reason: "The bucket holds RDP recordings written by Systems Manager GUI Connect; who reads them is recorded by CloudTrail data events where the organization enables them."})
	}
	if r.Bucket != nil {
		bucketName = *r.Bucket.BucketName()
		r.Bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("GuiConnectWritesRecordings"),
			Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String(GuiConnectServicePrincipal), nil)},
			Actions:    jsii.Strings("s3:PutObject"),
			Resources:  jsii.Strings(*r.Bucket.ArnForObjects(jsii.String("*"))),
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Aws_ACCOUNT_ID()}},
		}))
	}
	keyArn := model.KMSKeyArn
	if r.Key == nil && keyArn == "" {
		r.Key = newJitnaKey(r.Construct, "Encrypts RDP connection recordings of just-in-time node access")
	} else if props.EncryptionKey != nil {
		r.Node().AddValidation(&keyTagWarning{owner: r.Construct, key: props.EncryptionKey, use: guardrails.UseRDPRecordings})
	}
	if r.Key != nil {
		keyArn = *r.Key.KeyArn()
	}
	if len(model.Tags) > 0 {
		tags := awscdk.Tags_Of(r.Construct)
		for k, v := range model.Tags {
			tags.Add(jsii.String(k), jsii.String(v), nil)
		}
	}
	owner := model.BucketOwner
	if owner == "" {
		owner = *awscdk.Aws_ACCOUNT_ID()
	}
	r.Preferences = awsssmguiconnect.NewCfnPreferences(r.Construct, jsii.String("Preferences"), &awsssmguiconnect.CfnPreferencesProps{
		ConnectionRecordingPreferences: &awsssmguiconnect.CfnPreferences_ConnectionRecordingPreferencesProperty{
			KmsKeyArn: jsii.String(keyArn),
			RecordingDestinations: &awsssmguiconnect.CfnPreferences_RecordingDestinationsProperty{
				S3Buckets: &[]any{&awsssmguiconnect.CfnPreferences_S3BucketProperty{BucketName: jsii.String(bucketName), BucketOwner: jsii.String(owner)}},
			},
		},
	})
	r.Node().SetDefaultChild(r.Preferences)
	return r
}

// noteRecording records the RDP recording at s.
func (st *appState) noteRecording(s site) {
	st.mu.Lock()
	c := st.open()
	c.recordings[s.stackPath] = append(c.recordings[s.stackPath], s.path)
	st.mu.Unlock()
	st.changed()
}

// secondRecording returns the problem policy.CheckRecordings finds for the
// RDP recording at s among those of its stack, or nil.
func (st *appState) secondRecording(s site) error {
	st.mu.Lock()
	paths := st.open().recordings[s.stackPath]
	st.mu.Unlock()
	c := check.New()
	for _, f := range policy.CheckRecordings(paths) {
		if f.Where == s.path {
			c.Add("", "", f.Message)
		}
	}
	return c.Err()
}

// objectLockRetention is the default retention of a created recording
// bucket with Object Lock (ObjectLockDays, ObjectLockMode), or nil.
func objectLockRetention(r policy.RDPRecording) awss3.ObjectLockRetention {
	if r.ObjectLockDays <= 0 {
		return nil
	}
	days := awscdk.Duration_Days(jsii.Number(r.ObjectLockDays))
	if r.LockMode() == policy.ObjectLockCompliance {
		return awss3.ObjectLockRetention_Compliance(days)
	}
	return awss3.ObjectLockRetention_Governance(days)
}
