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

// resolve reads the sources. It returns the documents to render and each
// source for the check.
func (s CedarSource) resolve() (render []policy.CedarDocument, sources []policy.CedarSource, err error) {
	var parts []string
	add := func(src policy.CedarSource) {
		sources = append(sources, src)
		parts = append(parts, src.Text)
	}
	if s.Cedar != "" {
		add(policy.CedarSource{Field: "Cedar", Text: s.Cedar})
	}
	if s.CedarFile != "" {
		data, readErr := os.ReadFile(s.CedarFile)
		if readErr != nil {
			c := check.New()
			c.Add("CedarFile", s.CedarFile, "cannot be read: "+strings.TrimPrefix(readErr.Error(), "open "+s.CedarFile+": "))
			err = c.Err()
		} else {
			add(policy.CedarSource{Field: "CedarFile", File: s.CedarFile, Text: string(data)})
		}
	}
	if len(s.Rules) > 0 {
		add(policy.CedarSource{Field: "Rules", Text: cedar.Render(s.Rules...)})
	}
	if len(parts) > 0 {
		render = append(render, policy.CedarDocument{Cedar: strings.Join(parts, "\n\n")})
	}
	for i, d := range s.Documents {
		render = append(render, d)
		sources = append(sources, policy.CedarSource{Field: fmt.Sprintf("Documents[%d].Cedar", i), Text: d.Cedar})
	}
	return render, sources, err
}

// cedarChecks returns the check of a Cedar-based policy: each source checked
// alone against effect (policy.CheckCedarSources), then the rendered model's
// own rules (content size, format) once the sources are clean.
func (s CedarSource) cedarChecks(readErr error, sources []policy.CedarSource, effect cedar.Effect, rendered policy.Policy) func() error {
	return func() error {
		c := check.New()
		c.Merge(readErr)
		if len(sources) == 0 && readErr == nil {
			c.Add("Cedar", "", "is empty: give the policy's statements as Cedar, CedarFile, Rules or Documents")
		}
		c.Merge(policy.CheckCedarSources(sources, effect, s.Validator))
		if c.Len() > 0 {
			return c.Err()
		}
		return rendered.Validate()
	}
}
