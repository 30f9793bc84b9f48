package policy

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// Document is an SSM document as CloudFormation's AWS::SSM::Document takes it.
type Document struct {
	// Name of the document.
	Name string
	// Type is the DocumentType (TypeAutoApproval, TypeManualApproval,
	// TypeSession).
	Type string
	// Format is the DocumentFormat (FormatYAML, as in the AWS sample, or
	// FormatText for raw Cedar).
	Format string
	// Content is the document content: plain maps, slices, strings, numbers
	// and bools (a string for FormatText).
	Content any
}

// Policy is one of the four JITNA document models. Defaults are applied in
// one place per model, its WithDefaults; Validate checks the value it is
// given, so check a model with p.Defaults().Validate().
type Policy interface {
	// Defaults returns the model after its WithDefaults (the model itself
	// when it has no defaults).
	Defaults() Policy
	// Validate returns every problem with the model, taken as it will be
	// deployed (after Defaults), or nil.
	Validate() error
	// Document renders the model after its defaults.
	Document() Document
}

// documentNamePattern is the SSM document name rule.
var documentNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_\-.]{3,128}$`)

// CheckDocumentName records the problems with an SSM document name: 3 to 128
// letters, digits, _, - or ., not starting with aws, amazon or amzn (any case).
func CheckDocumentName(c *check.Collector, field, name string) {
	if !c.Required(field, name, "an SSM document name (3 to 128 letters, digits, _, - or .)") {
		return
	}
	if !c.Match(field, name, documentNamePattern, "3 to 128 letters, digits, _, - or .") || check.IsToken(name) {
		return
	}
	lower := strings.ToLower(name)
	for _, p := range []string{"aws", "amazon", "amzn"} {
		if strings.HasPrefix(lower, p) {
			c.Addf(field, name, "starts with %q: SSM reserves document names that start with aws, amazon or amzn (any case)", name[:len(p)])
			return
		}
	}
}

// checkContentSize records a problem when the rendered content is larger than
// an SSM document may be (measured as JSON, how CloudFormation sends it).
func checkContentSize(c *check.Collector, content any) {
	var n int
	if s, ok := content.(string); ok {
		n = len(s)
	} else if data, err := json.Marshal(content); err == nil {
		n = len(data)
	}
	if n > MaxContentBytes {
		c.Addf("Content", "", "is %d bytes long: an SSM document's content is at most %d bytes (64 KB)", n, MaxContentBytes)
	}
}

// splitLines splits text into lines, without their CR LF or LF endings.
func splitLines(text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// CheckDocumentFormat records a problem when format, the DocumentFormat a
// template gives a document (empty: CloudFormation's default, JSON), cannot
// carry p's content: raw Cedar text needs TEXT, and a content of keys
// (JSON or YAML) cannot be TEXT.
func CheckDocumentFormat(c *check.Collector, format string, p Policy) {
	if format == "" {
		format = FormatJSON
	}
	if check.IsToken(format) || !c.OneOf("DocumentFormat", format, []string{FormatJSON, FormatYAML, FormatText}) {
		return
	}
	switch want := p.Document().Format; {
	case want == FormatText && format != FormatText:
		c.Addf("DocumentFormat", format, "does not fit the content, which is Cedar text: SSM reads it as %s and fails; write DocumentFormat TEXT", format)
	case want != FormatText && format == FormatText:
		c.Addf("DocumentFormat", format, "does not fit the content, which is a document of keys: TEXT holds Cedar text only; write DocumentFormat %s", want)
	}
}
