package policy

import (
	"regexp"
	"strconv"
	"time"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// SessionSettings are the Session Manager preferences of one account and
// Region (SSM-SessionManagerRunShell, document type Session), which JITNA
// sessions use. Unset fields take the AWS sample's values.
type SessionSettings struct {
	// Description of the document. Default: the AWS sample's ("Document to
	// hold regional settings for Session Manager").
	Description string
	// S3BucketName receives session logs. Default: none.
	S3BucketName string
	// S3KeyPrefix for the logs. Default: none.
	S3KeyPrefix string
	// S3EncryptionEnabled requires an encrypted bucket. Default true.
	S3EncryptionEnabled *bool
	// CloudWatchLogGroupName receives session logs. Default: none here; the
	// SessionPreferences construct defaults to the AWS sample's
	// session-manager-${AWS::Region}.
	CloudWatchLogGroupName string
	// CloudWatchEncryptionEnabled requires an encrypted log group. Default false.
	CloudWatchEncryptionEnabled *bool
	// CloudWatchStreamingEnabled streams logs as the session runs. Default true.
	CloudWatchStreamingEnabled *bool
	// KMSKeyID encrypts session data (key id, ARN or alias). The key must
	// carry the tag SystemsManagerJustInTimeNodeAccessManaged=true. Default:
	// none.
	KMSKeyID string
	// RunAsEnabled starts Linux sessions as RunAsDefaultUser. Default true.
	RunAsEnabled *bool
	// RunAsDefaultUser is the Linux user sessions run as. Default "ec2-user".
	RunAsDefaultUser string
	// IdleSessionTimeout ends idle sessions: 1 to 60 whole minutes. Default 20
	// minutes. JITNA never ends sessions itself.
	IdleSessionTimeout time.Duration
	// MaxSessionDuration ends long sessions: 1 to 1440 whole minutes.
	// Default 60 minutes.
	MaxSessionDuration time.Duration
	// ShellProfileLinux and ShellProfileWindows run at session start.
	// Default: none.
	ShellProfileLinux, ShellProfileWindows string
}

// Defaults of the AWS sample.
const (
	DefaultSessionDescription = "Document to hold regional settings for Session Manager"
	DefaultRunAsUser          = "ec2-user"
	DefaultIdleSessionTimeout = 20 * time.Minute
	DefaultMaxSessionDuration = 60 * time.Minute
	// SessionLogGroupSample is the AWS sample's log group name (a Fn::Sub).
	SessionLogGroupSample = "session-manager-${AWS::Region}"
)

// Bool returns a pointer to b, for the optional flags.
func Bool(b bool) *bool { return &b }

// WithDefaults returns a copy with every unset field at its default.
func (s SessionSettings) WithDefaults() SessionSettings {
	defaultBool := func(p **bool, v bool) {
		if *p == nil {
			*p = Bool(v)
		}
	}
	if s.Description == "" {
		s.Description = DefaultSessionDescription
	}
	defaultBool(&s.S3EncryptionEnabled, true)
	defaultBool(&s.CloudWatchEncryptionEnabled, false)
	defaultBool(&s.CloudWatchStreamingEnabled, true)
	defaultBool(&s.RunAsEnabled, true)
	if s.RunAsDefaultUser == "" && *s.RunAsEnabled {
		s.RunAsDefaultUser = DefaultRunAsUser
	}
	if s.IdleSessionTimeout == 0 {
		s.IdleSessionTimeout = DefaultIdleSessionTimeout
	}
	if s.MaxSessionDuration == 0 {
		s.MaxSessionDuration = DefaultMaxSessionDuration
	}
	return s
}

var (
	logGroupName = regexp.MustCompile(`^[.\-_/#A-Za-z0-9]{1,512}$`)
	kmsKey       = regexp.MustCompile(`^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/[\w/.+=,@-]+|alias/[\w/.+=,@-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`)
	osUser       = regexp.MustCompile(`^[A-Za-z0-9_.@$-]{1,256}$`)
)

// Defaults is WithDefaults as a Policy.
func (s SessionSettings) Defaults() Policy { return s.WithDefaults() }

// Validate returns every problem with s, the value WithDefaults returns.
func (s SessionSettings) Validate() error {
	c := check.New()
	if s.S3BucketName != "" {
		CheckBucketName(c, "S3BucketName", s.S3BucketName)
	}
	if s.S3KeyPrefix != "" && s.S3BucketName == "" {
		c.Add("S3KeyPrefix", s.S3KeyPrefix, "is set without S3BucketName")
	}
	if s.CloudWatchLogGroupName != "" {
		c.Match("CloudWatchLogGroupName", s.CloudWatchLogGroupName, logGroupName, "a log group name: 1 to 512 letters, digits, ., -, _, / or #")
	}
	if s.KMSKeyID != "" {
		if c.Match("KMSKeyID", s.KMSKeyID, kmsKey, "a KMS key id, key ARN, alias name (alias/…) or alias ARN") {
			checkCustomerKey(c, "KMSKeyID", s.KMSKeyID)
		}
	}
	if s.RunAsEnabled != nil && *s.RunAsEnabled {
		if c.Required("RunAsDefaultUser", s.RunAsDefaultUser, "the operating system user sessions run as") {
			c.Match("RunAsDefaultUser", s.RunAsDefaultUser, osUser, "an operating system user name")
		}
	}
	checkDuration(c, "IdleSessionTimeout", s.IdleSessionTimeout, time.Minute, MaxIdleSessionTimeout, time.Minute, "1 to 60 minutes")
	checkDuration(c, "MaxSessionDuration", s.MaxSessionDuration, time.Minute, MaxSessionDuration, time.Minute, "1 to 1440 minutes")
	checkContentSize(c, s.content())
	return c.Err()
}

// Document renders the preferences in the AWS sample's shape (after
// defaults): flags as booleans, the timeouts as strings of minutes.
func (s SessionSettings) Document() Document {
	return Document{Name: SessionPreferencesName, Type: TypeSession, Format: FormatYAML, Content: s.WithDefaults().content()}
}

func (s SessionSettings) content() map[string]any {
	b := func(p *bool) bool { return p != nil && *p }
	return map[string]any{
		"schemaVersion": sessionSchemaVersion,
		"description":   s.Description,
		"sessionType":   "Standard_Stream",
		"inputs": map[string]any{
			"s3BucketName":                s.S3BucketName,
			"s3KeyPrefix":                 s.S3KeyPrefix,
			"s3EncryptionEnabled":         b(s.S3EncryptionEnabled),
			"cloudWatchLogGroupName":      s.CloudWatchLogGroupName,
			"cloudWatchEncryptionEnabled": b(s.CloudWatchEncryptionEnabled),
			"cloudWatchStreamingEnabled":  b(s.CloudWatchStreamingEnabled),
			"idleSessionTimeout":          strconv.Itoa(int(s.IdleSessionTimeout / time.Minute)),
			"maxSessionDuration":          strconv.Itoa(int(s.MaxSessionDuration / time.Minute)),
			"kmsKeyId":                    s.KMSKeyID,
			"runAsEnabled":                b(s.RunAsEnabled),
			"runAsDefaultUser":            s.RunAsDefaultUser,
			"shellProfile": map[string]any{
				"windows": s.ShellProfileWindows,
				"linux":   s.ShellProfileLinux,
			},
		},
	}
}
