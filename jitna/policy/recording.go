package policy

import (
	"fmt"
	"regexp"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// RDPRecording is where JITNA records the RDP connections made to Windows
// Server nodes in one account and Region: the AWS::SSMGuiConnect::Preferences
// resource's ConnectionRecordingPreferences, an S3 bucket and a customer
// managed KMS key. As the Systems Manager user guide's page on recording RDP
// connections says
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-just-in-time-node-access-rdp-recording.html),
// the key is symmetric (encrypt and decrypt), in the Region of the nodes,
// and carries the tag SystemsManagerJustInTimeNodeAccessManaged=true; the
// service principal ssm-guiconnect.amazonaws.com writes the recordings to
// the bucket. An account and Region hold one set of preferences.
type RDPRecording struct {
	// BucketName is an existing bucket to record to. Default: the construct
	// creates one (blocked public access, S3-managed encryption, TLS only).
	BucketName string
	// BucketOwner is the account that owns the bucket. Default: the stack's
	// account.
	BucketOwner string
	// KMSKeyArn is an existing customer managed key (its ARN), which must
	// carry the JITNA tag. Default: the construct creates one (rotating,
	// tagged).
	KMSKeyArn string
	// ObjectLockDays keeps each recording in a bucket the construct creates
	// undeletable and unchangeable for this many days (S3 Object Lock,
	// default retention; 1 to 36500). Default: 0, no Object Lock (the
	// bucket is versioned: an overwritten or deleted recording keeps its
	// earlier versions).
	ObjectLockDays int `config:"zero"`
	// ObjectLockMode is the Object Lock mode of ObjectLockDays: GOVERNANCE
	// (users with s3:BypassGovernanceRetention may still delete) or
	// COMPLIANCE (nobody may, not even the root user, until the days have
	// passed). Default: GOVERNANCE.
	ObjectLockMode string
	// Tags of the resources the construct creates. Default: none.
	Tags map[string]string
}

// The Object Lock modes and the longest default retention S3 takes
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html,
// "Retention periods"; PutObjectLockConfiguration's DefaultRetention).
const (
	ObjectLockGovernance = "GOVERNANCE"
	ObjectLockCompliance = "COMPLIANCE"
	MaxObjectLockDays    = 36500
)

// LockMode returns ObjectLockMode, or its default GOVERNANCE.
func (r RDPRecording) LockMode() string {
	if r.ObjectLockMode == "" {
		return ObjectLockGovernance
	}
	return r.ObjectLockMode
}

// The forms RDPRecording's fields take.
var kmsKeyArn = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$`)

// Validate returns every problem with r, or nil.
func (r RDPRecording) Validate() error {
	c := check.New()
	if r.BucketName != "" {
		CheckBucketName(c, "BucketName", r.BucketName)
	}
	if r.BucketOwner != "" {
		quicksetup.CheckAccountID(c, "BucketOwner", r.BucketOwner)
		if r.BucketName == "" {
			c.Add("BucketOwner", r.BucketOwner, "is given without BucketName: a bucket the construct creates is the stack account's")
		}
	}
	if r.ObjectLockDays < 0 || r.ObjectLockDays > MaxObjectLockDays {
		c.Addf("ObjectLockDays", fmt.Sprint(r.ObjectLockDays), "is out of range: must be 1 to %d days (0: no Object Lock)", MaxObjectLockDays)
	}
	if r.ObjectLockDays != 0 && r.BucketName != "" {
		c.Add("ObjectLockDays", fmt.Sprint(r.ObjectLockDays), "is given with BucketName: Object Lock applies to a bucket the construct creates; set it on an existing bucket in S3")
	}
	if r.ObjectLockMode != "" && c.OneOf("ObjectLockMode", r.ObjectLockMode, []string{ObjectLockGovernance, ObjectLockCompliance}) && r.ObjectLockDays == 0 {
		c.Add("ObjectLockMode", r.ObjectLockMode, "is given without ObjectLockDays: give the days to keep each recording")
	}
	if r.KMSKeyArn != "" {
		c.Match("KMSKeyArn", r.KMSKeyArn, kmsKeyArn, "the ARN of a customer managed KMS key, such as arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab (an alias does not do)")
	}
	return c.Err()
}

// GuiConnectPreferencesType is the CloudFormation type RDPRecording is
// written as.
const GuiConnectPreferencesType = "AWS::SSMGuiConnect::Preferences"

// RecordingKey returns the KMSKeyArn of an AWS::SSMGuiConnect::Preferences
// resource's properties, as written (a string, or a Ref or Fn::GetAtt), or
// nil.
func RecordingKey(props map[string]any) any {
	prefs, _ := props["ConnectionRecordingPreferences"].(map[string]any)
	return prefs["KMSKeyArn"]
}

// CheckRecordings returns a finding for each RDP recording after the first
// of those of one account and Region, named by where (construct paths, or
// a template's logical ids): an account and Region hold one set of
// recording preferences.
func CheckRecordings(where []string) []Finding {
	var out []Finding
	for _, w := range where[min(1, len(where)):] {
		out = append(out, Finding{Where: w, Message: "is a second RDP recording (" + GuiConnectPreferencesType + "; the first is " + where[0] + "): an account and Region hold one"})
	}
	return out
}

// HasJitnaTag reports whether a KMS key's tags carry
// SystemsManagerJustInTimeNodeAccessManaged=true, which JITNA needs on the
// keys of session encryption and RDP recording.
func HasJitnaTag(tags map[string]string) bool {
	return tags[JitnaManagedTagKey] == JitnaManagedTagValue
}

// KeyReference returns the logical id a key property (a session
// document's kmsKeyId, a recording's KMSKeyArn) refers to in its template
// (a Ref or Fn::GetAtt), or "".
func KeyReference(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	if ref, ok := m["Ref"].(string); ok {
		return ref
	}
	if ga, ok := m["Fn::GetAtt"].([]any); ok && len(ga) > 0 {
		id, _ := ga[0].(string)
		return id
	}
	return ""
}
