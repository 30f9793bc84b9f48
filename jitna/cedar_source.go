package jitna

import (
	"fmt"
	"os"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
)

// CedarSource says where a policy's Cedar statements come from. Give one or
// more of Cedar, CedarFile and Rules (rendered in that order into one Cedar
// document, a blank line apart), or Documents for full control over the
// AutoApprovalPolicyDocuments entries. Each source is checked on its own, so a
// problem names the source and its own line and column.
type CedarSource struct {
	// Cedar is policy text. Default: none.
	Cedar string
	// CedarFile is a .cedar file to read, relative to the directory the app
	// runs in. Default: none.
	CedarFile string
	// Rules are statements built with the cedar package's helpers. Default: none.
	Rules []cedar.Rule
	// Documents are AutoApprovalPolicyDocuments entries, each with its own id
	// and description, appended after the document the other fields make.
	// Default: none.
	Documents []policy.CedarDocument
	// Validator checks the Cedar. Default: cedar.Default(), the JITNA schema
	// this library embeds; pass cedar.NewValidator(schema) to use another.
	Validator *cedar.Validator
}

// resolve reads the sources. It returns the documents to render and, for the
// check, one document per source with the field it came from.
func (s CedarSource) resolve() (render []policy.CedarDocument, each []policy.CedarDocument, fields []string, err error) {
	var parts []string
	add := func(field, text string) {
		each = append(each, policy.CedarDocument{Cedar: text})
		fields = append(fields, field)
		parts = append(parts, text)
	}
	if s.Cedar != "" {
		add("Cedar", s.Cedar)
	}
	if s.CedarFile != "" {
		data, readErr := os.ReadFile(s.CedarFile)
		if readErr != nil {
			c := check.New()
			c.Add("CedarFile", s.CedarFile, "cannot be read: "+strings.TrimPrefix(readErr.Error(), "open "+s.CedarFile+": "))
			err = c.Err()
		} else {
			add("CedarFile", string(data))
		}
	}
	if len(s.Rules) > 0 {
		add("Rules", cedar.Render(s.Rules...))
	}
	if len(parts) > 0 {
		render = append(render, policy.CedarDocument{Cedar: strings.Join(parts, "\n\n")})
	}
	for i, d := range s.Documents {
		render = append(render, d)
		each = append(each, d)
		fields = append(fields, fmt.Sprintf("Documents[%d]", i))
	}
	return render, each, fields, err
}

// cedarChecks returns the check of a Cedar-based policy: each source checked
// alone (problems named after the source, with the file name for CedarFile),
// then the rendered model's own rules (content size, format) once the sources
// are clean.
func (s CedarSource) cedarChecks(readErr error, each []policy.CedarDocument, fields []string, checkOne func([]policy.CedarDocument) error, rendered policy.Policy) func() error {
	return func() error {
		c := check.New()
		c.Merge(readErr)
		if len(each) == 0 && readErr == nil {
			c.Add("Cedar", "", "is empty: give the policy's statements as Cedar, CedarFile, Rules or Documents")
		}
		problems := check.Problems(checkOne(each))
		for i := range problems {
			problems[i].Field = renameSource(problems[i].Field, fields, s.CedarFile)
		}
		c.Merge(&check.Error{Problems: problems})
		if c.Len() > 0 {
			return c.Err()
		}
		return rendered.Validate()
	}
}

// renameSource turns "Documents[i].Cedar" of the per-source check into the
// source's field ("CedarFile (policies/auto.cedar)").
func renameSource(field string, fields []string, file string) string {
	for i, f := range fields {
		prefix := fmt.Sprintf("Documents[%d]", i)
		if rest, ok := strings.CutPrefix(field, prefix); ok {
			if !strings.HasPrefix(f, "Documents[") {
				rest = ""
			}
			if f == "CedarFile" {
				f = fmt.Sprintf("CedarFile (%s)", file)
			}
			return f + rest
		}
	}
	return field
}
