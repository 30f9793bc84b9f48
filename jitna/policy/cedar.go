package policy

import (
	"fmt"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// CedarDocument is one entry of AutoApprovalPolicyDocuments: Cedar text with
// an optional id and description.
type CedarDocument struct {
	// ID is the entry's id. Default: none (left out).
	ID string
	// Description of the entry. Default: none (left out).
	Description string
	// Cedar is the policy text. Required.
	Cedar string
}

// AutoApproval is the auto-approval policy of one account and Region
// (SSM-JustInTimeAccessAutoApprovalPolicy): permit statements that grant
// access for one hour without approval.
type AutoApproval struct {
	// Description of the document. Default: empty.
	Description string
	// Documents hold the Cedar text; at least one. The AWS sample has one.
	Documents []CedarDocument
	// Validator checks the Cedar. Default: cedar.Default(), the JITNA schema.
	Validator *cedar.Validator
}

// Defaults returns the policy itself: it has no defaults.
func (a AutoApproval) Defaults() Policy { return a }

// Validate returns every problem: Cedar that does not parse, does not match
// the JITNA schema or holds a forbid statement, and content over 64 KB.
func (a AutoApproval) Validate() error {
	c := check.New()
	checkCedarDocuments(c, a.Documents, cedar.Permit, a.Validator)
	checkContentSize(c, a.content())
	return c.Err()
}

// Document renders the policy in the AWS sample's shape.
func (a AutoApproval) Document() Document {
	return Document{Name: AutoApprovalName, Type: TypeAutoApproval, Format: FormatYAML, Content: a.content()}
}

func (a AutoApproval) content() map[string]any {
	return cedarContent(a.Description, a.Documents)
}

// DenyAccessFormat says how the deny-access policy's content is written.
type DenyAccessFormat string

const (
	// DenyAccessWrapped writes the auto-approval policy's wrapper around the
	// Cedar text (schemaVersion, accessTokenRole, AutoApprovalPolicyDocuments).
	// The default. Inferred: AWS publishes no deny-access content example;
	// the document type is the auto-approval policy's.
	DenyAccessWrapped DenyAccessFormat = "wrapper"
	// DenyAccessCedarText writes the Cedar text itself as the content
	// (DocumentFormat TEXT), as the Systems Manager CLI guide passes it.
	DenyAccessCedarText DenyAccessFormat = "cedar"
)

// DenyAccess is the organization's deny-access policy
// (SSM-JustInTimeAccessDenyAccessOrgPolicy, document type AutoApprovalPolicy,
// in the delegated administrator account): forbid statements that take
// requests out of auto-approval.
type DenyAccess struct {
	// Description of the document (wrapper format only). Default: empty.
	Description string
	// Documents hold the Cedar text; at least one, and exactly one in the
	// Cedar text format.
	Documents []CedarDocument
	// Format is DenyAccessWrapped (default) or DenyAccessCedarText.
	Format DenyAccessFormat
	// Validator checks the Cedar. Default: cedar.Default(), the JITNA schema.
	Validator *cedar.Validator
}

// FormatOrDefault returns the format, DenyAccessWrapped when unset.
func (d DenyAccess) FormatOrDefault() DenyAccessFormat {
	if d.Format == "" {
		return DenyAccessWrapped
	}
	return d.Format
}

// Defaults returns the policy itself: its one default, the format, is read
// through FormatOrDefault.
func (d DenyAccess) Defaults() Policy { return d }

// Validate returns every problem: Cedar that does not parse, does not match
// the JITNA schema or holds a permit statement, and content over 64 KB.
func (d DenyAccess) Validate() error {
	c := check.New()
	if c.OneOf("Format", string(d.FormatOrDefault()), []string{string(DenyAccessWrapped), string(DenyAccessCedarText)}) &&
		d.FormatOrDefault() == DenyAccessCedarText {
		if len(d.Documents) > 1 {
			c.Addf("Documents", "", "holds %d documents: the Cedar text format holds exactly one (join the statements)", len(d.Documents))
		}
		if len(d.Documents) == 1 && (d.Documents[0].ID != "" || d.Documents[0].Description != "") {
			c.Add("Documents[0]", "", "has an id or description, which the Cedar text format cannot carry: use the wrapper format")
		}
	}
	checkCedarDocuments(c, d.Documents, cedar.Forbid, d.Validator)
	checkContentSize(c, d.Document().Content)
	return c.Err()
}

// Document renders the policy in the chosen format.
func (d DenyAccess) Document() Document {
	if d.FormatOrDefault() == DenyAccessCedarText && len(d.Documents) > 0 {
		return Document{Name: DenyAccessName, Type: TypeAutoApproval, Format: FormatText, Content: d.Documents[0].Cedar}
	}
	return Document{Name: DenyAccessName, Type: TypeAutoApproval, Format: FormatYAML, Content: cedarContent(d.Description, d.Documents)}
}

func checkCedarDocuments(c *check.Collector, docs []CedarDocument, effect cedar.Effect, v *cedar.Validator) {
	if len(docs) == 0 {
		c.Add("Documents", "", "is empty: give the policy's Cedar text")
		return
	}
	sources := make([]cedarText, 0, len(docs))
	for i, d := range docs {
		field := fmt.Sprintf("Documents[%d].Cedar", i)
		if d.Cedar == "" {
			c.Add(field, "", "is required: the policy's Cedar statements")
			continue
		}
		sources = append(sources, cedarText{Field: field, Text: d.Cedar})
	}
	c.Merge(checkCedarTexts(sources, effect, v))
}

// cedarText is one place a policy's Cedar text comes from: the field (of
// props, of a config file) that gave it, and the file it was read from.
type cedarText struct {
	Field string
	// File the text was read from. Default: none (the text is inline).
	File string
	Text string
}

// checkCedarTexts checks each source on its own, so that each problem names
// its source's field (and file) and a line and column in that source. A
// problem's value is the line the statement starts on (for a file that
// does not parse, the line up to where it stops being Cedar). Sources that are
// tokens are skipped. v defaults to cedar.Default().
func checkCedarTexts(sources []cedarText, effect cedar.Effect, v *cedar.Validator) error {
	if v == nil {
		v = cedar.Default()
	}
	c := check.New()
	for _, s := range sources {
		if check.IsToken(s.Text) {
			continue
		}
		for _, iss := range v.Check(s.Text, effect) {
			msg := iss.Error()
			if s.File != "" {
				msg = s.File + ": " + msg
			}
			column := 0 // a statement's issues are at its start: no mark
			if iss.Statement == 0 {
				column = iss.Column
			}
			text := s.Text
			if s.File != "" && iss.Statement == 0 {
				// A file that does not parse may not be Cedar at all (a
				// credentials file named by mistake): show its line up to
				// where Cedar stopped reading, not what follows.
				text = upTo(text, iss.Line, column)
			}
			c.Add(s.Field, statementExcerpt(text, iss.Line, column), msg)
		}
	}
	return c.Err()
}

// upTo returns text with line (from 1) cut before column (from 1), and no
// line after it.
func upTo(text string, line, column int) string {
	lines := splitLines(text)
	if line < 1 || line > len(lines) {
		return text
	}
	l := lines[line-1]
	lines[line-1] = l[:min(max(column-1, 0), len(l))]
	return strings.Join(lines[:line], "\n")
}

// Caret marks, in the value a Cedar problem shows, the column it is at.
const Caret = "‸"

// statementExcerpt returns the line an issue is on, as the value a problem
// shows, or "" for issues about the whole text. With a column, the caret
// marks it, and a long line is cut around it so that the mark is shown.
func statementExcerpt(text string, line, column int) string {
	if line < 1 {
		return ""
	}
	lines := splitLines(text)
	if line > len(lines) {
		return ""
	}
	l := lines[line-1]
	if column < 1 || column > len(l)+1 {
		return check.Shorten(l)
	}
	const before, after = 30, 40
	at := column - 1
	from, to := max(0, at-before), min(len(l), at+after)
	out := strings.ToValidUTF8(l[from:at], "") + Caret + strings.ToValidUTF8(l[at:to], "")
	if from > 0 {
		out = "…" + out
	}
	if to < len(l) {
		out += "…"
	}
	return out
}

func cedarContent(description string, docs []CedarDocument) map[string]any {
	list := make([]any, len(docs))
	for i, d := range docs {
		entry := map[string]any{"type": "Cedar", "content": d.Cedar}
		if d.ID != "" {
			entry["id"] = d.ID
		}
		if d.Description != "" {
			entry["description"] = d.Description
		}
		list[i] = entry
	}
	return map[string]any{
		"schemaVersion":               approvalSchemaVersion,
		"description":                 description,
		"accessTokenRole":             AccessTokenRole,
		"accessDuration":              int(AutoApprovalAccessDuration.Seconds()),
		"AutoApprovalPolicyDocuments": list,
	}
}
