package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/internal/safeio"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// UpdateMethodNewVersion is the UpdateMethod of every document this library
// creates: the JITNA documents have fixed or custom names, which CloudFormation
// cannot replace in place, so changes become new document versions.
const UpdateMethodNewVersion = "NewVersion"

// newDocument renders an SSM document, scope's default child, in one jsii call (two for text
// content: CloudFormation takes a string as Content, the L1's props check
// only an object, so text goes in as a property override).
func newDocument(scope constructs.Construct, doc policy.Document, tags map[string]string) awsssm.CfnDocument {
	text, isText := doc.Content.(string)
	content := doc.Content
	if isText {
		content = map[string]any{}
	}
	d := awsssm.NewCfnDocument(scope, jsii.String("Document"), &awsssm.CfnDocumentProps{
		Name:           jsii.String(doc.Name),
		DocumentType:   jsii.String(doc.Type),
		DocumentFormat: jsii.String(doc.Format),
		Content:        content,
		UpdateMethod:   jsii.String(UpdateMethodNewVersion),
		Tags:           cfnTags(tags),
	})
	if isText {
		d.AddPropertyOverride(jsii.String("Content"), text)
	}
	scope.Node().SetDefaultChild(d)
	return d
}

// documentEntry is one JITNA document of a stack, for the rules that hold
// across the documents of one account and Region, and the construct that
// holds it (where their warnings go).
type documentEntry struct {
	path   string
	policy policy.Policy
	owner  constructs.IConstruct
}

type cachedFindings struct {
	count    int
	findings []policy.Finding
}

// registerDocument adds the document of owner, at s, to its stack's
// documents.
func registerDocument(s site, owner constructs.IConstruct, p policy.Policy) {
	st := s.state
	st.mu.Lock()
	c := st.open()
	c.documents[s.stackPath] = append(c.documents[s.stackPath], documentEntry{path: s.path, policy: p, owner: owner})
	st.mu.Unlock()
	st.changed()
}

// setProblems returns the errors policy.CheckSet finds for the document at
// path among the documents of its stack.
func (s *appState) setProblems(stackPath, path string) error {
	c := check.New()
	for _, f := range s.setFindings(stackPath) {
		if f.Where == path && !f.Warning {
			c.Add("", "", f.Message)
		}
	}
	return c.Err()
}

// warnAcrossDocuments annotates the document constructs of a stack with the
// warnings policy.CheckSet gives across them (overlapping manual approval
// targets, an approver on two levels), under the finding's id. It runs in the stack's validation, when every document is known.
func (s *appState) warnAcrossDocuments(stackPath string) {
	s.mu.Lock()
	owners := map[string]constructs.IConstruct{}
	for _, e := range s.open().documents[stackPath] {
		owners[e.path] = e.owner
	}
	s.mu.Unlock()
	for _, f := range s.setFindings(stackPath) {
		if owner := owners[f.Where]; f.Warning && owner != nil {
			warn(owner, f.ID, f.Message)
		}
	}
}

// setFindings returns what policy.CheckSet finds across the documents of a
// stack, computed once per stack while its documents are unchanged.
func (s *appState) setFindings(stackPath string) []policy.Finding {
	s.mu.Lock()
	col := s.open()
	docs := col.documents[stackPath]
	cached, ok := col.findings[stackPath]
	if !ok || cached.count != len(docs) {
		entries := make([]policy.Entry, len(docs))
		for i, e := range docs {
			entries[i] = policy.Entry{Where: e.path, Policy: e.policy}
		}
		cached = cachedFindings{count: len(docs), findings: policy.CheckSet(entries)}
		col.findings[stackPath] = cached
	}
	s.mu.Unlock()
	return cached.findings
}

// addDocumentChecks registers the checks of the JITNA document construct
// owner at s: validate (the model's rules), its tags, and the rules across its stack's
// documents.
func addDocumentChecks(s site, owner constructs.IConstruct, p policy.Policy, tags map[string]string, validate func() error) {
	registerDocument(s, owner, p)
	addValidation(s, func() error {
		tc := check.New()
		quicksetup.CheckTags(tc, "Tags", tags)
		return check.Join(validate(), tc.Err(), s.state.setProblems(s.stackPath, s.path))
	})
}

// readUserFile reads a file the props name (a CedarFile), relative to the
// directory the app runs in, within policy.MaxCedarFileSize.
func readUserFile(name string) ([]byte, error) {
	return safeio.ReadFile(name, policy.MaxCedarFileSize)
}
