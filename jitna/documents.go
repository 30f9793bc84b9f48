package jitna

import (
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/quicksetup"
)

// UpdateMethodNewVersion is the UpdateMethod of every document this library
// creates: the JITNA documents have fixed or custom names, which CloudFormation
// cannot replace in place, so changes become new document versions.
const UpdateMethodNewVersion = "NewVersion"

// newDocument renders an SSM document in one jsii call (two for text
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
	return d
}

// documentEntry is one JITNA document of a stack, for the rules that hold
// across the documents of one account and Region.
type documentEntry struct {
	path   string
	policy policy.Policy
}

// stackDocuments remembers the JITNA documents of every stack in Go (no jsii
// round trip per check), keyed by app root and stack path, and the result of
// policy.CheckSet over them while they are unchanged.
var stackDocuments struct {
	sync.Mutex
	byStack  map[stackKey][]documentEntry
	findings map[stackKey]cachedFindings
}

type stackKey struct {
	root constructs.IConstruct
	path string
}

type cachedFindings struct {
	count    int
	findings []policy.Finding
}

// registerDocument adds a document at s and returns the documents registered
// before it in its stack.
func registerDocument(s site, p policy.Policy) (before []policy.Entry) {
	key := stackKey{root: s.root, path: s.stackPath}
	stackDocuments.Lock()
	defer stackDocuments.Unlock()
	if stackDocuments.byStack == nil {
		stackDocuments.byStack = map[stackKey][]documentEntry{}
		stackDocuments.findings = map[stackKey]cachedFindings{}
	}
	for _, e := range stackDocuments.byStack[key] {
		before = append(before, policy.Entry{Where: e.path, Policy: e.policy})
	}
	stackDocuments.byStack[key] = append(stackDocuments.byStack[key], documentEntry{path: s.path, policy: p})
	bumpGeneration()
	return before
}

// setProblems returns the errors policy.CheckSet finds for the document at
// path among the documents of its stack (computed once per stack while its
// documents are unchanged).
func setProblems(key stackKey, path string) error {
	stackDocuments.Lock()
	docs := stackDocuments.byStack[key]
	cached, ok := stackDocuments.findings[key]
	if !ok || cached.count != len(docs) {
		entries := make([]policy.Entry, len(docs))
		for i, e := range docs {
			entries[i] = policy.Entry{Where: e.path, Policy: e.policy}
		}
		cached = cachedFindings{count: len(docs), findings: policy.CheckSet(entries)}
		stackDocuments.findings[key] = cached
	}
	stackDocuments.Unlock()
	c := check.New()
	for _, f := range cached.findings {
		if f.Where == path && !f.Warning {
			c.Add("", "", f.Message)
		}
	}
	return c.Err()
}

// addDocumentChecks registers a JITNA document construct's checks: validate
// (the model's rules), its tags, and the rules across its stack's documents.
// It returns the construct's site and the documents registered in its stack
// before this one.
func addDocumentChecks(c constructs.Construct, p policy.Policy, tags map[string]string, validate func() error) (site, []policy.Entry) {
	s := siteOf(c)
	before := registerDocument(s, p)
	key, path := stackKey{root: s.root, path: s.stackPath}, s.path
	addValidationAt(s, func() error {
		tc := check.New()
		quicksetup.CheckTags(tc, "Tags", tags)
		return check.Join(validate(), tc.Err(), setProblems(key, path))
	})
	return s, before
}
