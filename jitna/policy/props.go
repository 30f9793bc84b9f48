package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// The types in this file are the pure-Go part of the jitna package's
// construct props, so that the constructs and the config file share one shape
// per concept: the config decodes into them, the constructs take them.

// CedarSource says where a policy's Cedar statements come from. Give one or
// more of Cedar, CedarFile and Rules (rendered in that order into one Cedar
// document, a blank line apart), or Documents for full control over the
// AutoApprovalPolicyDocuments entries. Each source is checked on its own, so a
// problem names the source and its own line and column.
type CedarSource struct {
	// Cedar is policy text. Default: none.
	Cedar string
	// CedarFile is a .cedar file to read: for a construct, relative to the
	// directory the app runs in; in a config file, relative to the config.
	// Default: none.
	CedarFile string
	// Rules are statements built with the cedar package's helpers (Go only:
	// not a config file key). Default: none.
	Rules []cedar.Rule `config:"-"`
	// Documents are AutoApprovalPolicyDocuments entries, each with its own id
	// and description, appended after the document the other fields make.
	// Default: none.
	Documents []CedarDocument
	// Validator checks the Cedar. Default: cedar.Default(), the JITNA schema
	// this library embeds; pass cedar.NewValidator(schema) to use another
	// (Go only).
	Validator *cedar.Validator `config:"-"`
}

// ReadFunc reads a CedarFile, at most MaxCedarFileSize bytes. Its error's
// text is shown after "cannot be read: " (a *fs.PathError's inner error, the
// name being shown already).
type ReadFunc func(name string) ([]byte, error)

// MaxCedarFileSize bounds a CedarFile: far above the 64 KB an SSM document's
// content holds, so that the content check reports a large file, and low
// enough that no file holds the process.
const MaxCedarFileSize = 1 << 20

// resolvedCedar is a CedarSource read: the documents to render, each source's
// text for its own check, and the problem reading CedarFile, if any.
type resolvedCedar struct {
	render  []CedarDocument
	texts   []cedarText
	readErr error
}

func (s CedarSource) resolve(read ReadFunc) resolvedCedar {
	var r resolvedCedar
	var parts []string
	add := func(t cedarText) {
		r.texts = append(r.texts, t)
		parts = append(parts, t.Text)
	}
	if s.Cedar != "" {
		add(cedarText{Field: "Cedar", Text: s.Cedar})
	}
	if s.CedarFile != "" {
		data, err := read(s.CedarFile)
		if err != nil {
			c := check.New()
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			c.Add("CedarFile", s.CedarFile, "cannot be read: "+err.Error())
			r.readErr = c.Err()
		} else {
			add(cedarText{Field: "CedarFile", File: s.CedarFile, Text: string(data)})
		}
	}
	if len(s.Rules) > 0 {
		add(cedarText{Field: "Rules", Text: cedar.Render(s.Rules...)})
	}
	if len(parts) > 0 {
		r.render = append(r.render, CedarDocument{Cedar: strings.Join(parts, "\n\n")})
	}
	for i, d := range s.Documents {
		r.render = append(r.render, d)
		r.texts = append(r.texts, cedarText{Field: fmt.Sprintf("Documents[%d].Cedar", i), Text: d.Cedar})
	}
	return r
}

// check returns the check of a Cedar-based policy: each source checked
// alone against effect, so that a problem names its source, then the
// rendered model's own rules (content size, format) once the sources are
// clean.
func (r resolvedCedar) check(effect cedar.Effect, v *cedar.Validator, rendered Policy) func() error {
	return func() error {
		c := check.New()
		c.Merge(r.readErr)
		if len(r.texts) == 0 && r.readErr == nil {
			c.Add("Cedar", "", "is empty: give the policy's statements as Cedar, CedarFile, Rules or Documents")
		}
		c.Merge(checkCedarTexts(r.texts, effect, v))
		if c.Len() > 0 {
			return c.Err()
		}
		return rendered.Validate()
	}
}

// AutoApprovalProps are the props of the jitna.AutoApprovalPolicy construct.
type AutoApprovalProps struct {
	// CedarSource holds the permit statements (required: at least one source).
	CedarSource
	// Description of the document. Default: empty.
	Description string
	// Tags of the document. Default: none.
	Tags map[string]string
}

// Resolve reads the Cedar sources (CedarFile through read) and returns the
// policy to render and its check: every source on its own, then the policy's
// rules. The check does not cover Tags.
func (p AutoApprovalProps) Resolve(read ReadFunc) (AutoApproval, func() error) {
	r := p.resolve(read)
	a := AutoApproval{Description: p.Description, Documents: r.render, Validator: p.Validator}
	return a, r.check(cedar.Permit, p.Validator, a)
}

// DenyAccessProps are the pure-Go props of the jitna.DenyAccessPolicy
// construct.
type DenyAccessProps struct {
	// CedarSource holds the forbid statements (required: at least one source).
	CedarSource
	// Description of the document (wrapper format). Default: empty.
	Description string
	// Format of the content. Default DenyAccessWrapped. Inferred: see
	// DenyAccessFormat.
	Format DenyAccessFormat
	// DelegatedAdminAccountId is the Systems Manager delegated administrator
	// account, which holds the policy, for an app that does not declare the
	// organization (it is enabled elsewhere). Default: none.
	DelegatedAdminAccountId string
	// Tags of the document. Default: none.
	Tags map[string]string
}

// Resolve reads the Cedar sources (CedarFile through read) and returns the
// policy to render and its check: every source on its own, then the policy's
// rules. The check does not cover Tags or DelegatedAdminAccountId.
func (p DenyAccessProps) Resolve(read ReadFunc) (DenyAccess, func() error) {
	r := p.resolve(read)
	d := DenyAccess{Description: p.Description, Documents: r.render, Format: p.Format, Validator: p.Validator}
	return d, r.check(cedar.Forbid, p.Validator, d)
}

// ManualApprovalProps are the props of the jitna.ManualApprovalPolicy
// construct: the policy and its document's tags.
type ManualApprovalProps struct {
	// ManualApproval is the policy. Name, AccessDuration, Targets (or
	// AllNodes) and ApprovalLevels are required.
	ManualApproval
	// Tags of the document. Default: none.
	Tags map[string]string
}

// SessionPreferencesProps are the pure-Go props of the
// jitna.SessionPreferences construct.
type SessionPreferencesProps struct {
	// Settings are the preferences. Default: the AWS sample's, including its
	// CloudWatch log group session-manager-${AWS::Region}.
	Settings SessionSettings
	// NoCloudWatchLogs leaves the CloudWatch log group out (the sample's
	// default group included). Default false.
	NoCloudWatchLogs bool
	// CreateEncryptionKey creates a KMS key (rotation on, tagged
	// SystemsManagerJustInTimeNodeAccessManaged=true) for session data.
	// Instance profiles need kms:Decrypt on it. Default false.
	CreateEncryptionKey bool
	// Tags of the document. Default: none. Not with TakeOver.
	Tags map[string]string
	// TakeOver applies the preferences to the document
	// SSM-SessionManagerRunShell whether or not it exists, instead of
	// creating it with AWS::SSM::Document (which fails where the Session
	// Manager console already created it). Default nil: create it.
	TakeOver *SessionTakeOver
}

// SessionTakeOverType is the CloudFormation type of the custom resource that
// takes SSM-SessionManagerRunShell over. Its properties: DocumentName,
// Content (the document's JSON text) and OnDelete.
const SessionTakeOverType = "Custom::JitnaSessionPreferences"

// What deleting a SessionTakeOver's stack (or the resource) does.
const (
	// TakeOverRestore deletes the document where the stack created it and
	// elsewhere makes the version that was the default before the default
	// again (the versions the stack added stay in the document's history).
	TakeOverRestore = "restore"
	// TakeOverRetain leaves the document as the stack left it.
	TakeOverRetain = "retain"
)

// SessionTakeOver applies Session Manager preferences to an
// SSM-SessionManagerRunShell document the console may have created. A
// custom resource, whose code is inline in the template (so it works in
// every StackSet instance, none of them CDK-bootstrapped), creates the
// document where it is missing; where it exists, it adds the preferences as
// a new version and makes that version the default, or, when a version
// already holds them, makes that one the default. Applying the same
// preferences again changes nothing. Tags cannot be taken over.
type SessionTakeOver struct {
	// OnDelete is TakeOverRestore or TakeOverRetain. Default
	// TakeOverRestore.
	OnDelete string
}

// WithDefaults returns t with OnDelete set.
func (t SessionTakeOver) WithDefaults() SessionTakeOver {
	if t.OnDelete == "" {
		t.OnDelete = TakeOverRestore
	}
	return t
}

// CheckTakeOver adds the problems of p's TakeOver to c: an OnDelete other
// than TakeOverRestore and TakeOverRetain, and Tags given with it.
func (p SessionPreferencesProps) CheckTakeOver(c *check.Collector) {
	if p.TakeOver == nil {
		return
	}
	c.OneOf("TakeOver.OnDelete", p.TakeOver.WithDefaults().OnDelete, []string{TakeOverRestore, TakeOverRetain})
	if len(p.Tags) > 0 {
		c.Add("Tags", "", "are given with TakeOver: a document taken over keeps the tags it has (tag it where it exists, or leave Tags out)")
	}
}
