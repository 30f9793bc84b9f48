package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cfn"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// ParseDocument reads an existing JITNA document back into its model, by name
// and type: *AutoApproval, *DenyAccess, *ManualApproval or
// *SessionSettings. Content is what CloudFormation's Content property holds
// (maps and lists, as the cfn package reads them) or the content's JSON or
// YAML text. A document that is not a JITNA document gives (nil, nil); one
// that has a JITNA document's name and another type is an error. Content
// of the wrong shape is an error naming each field ("Content.mainSteps[0]");
// call Defaults().Validate() on the result for the service's rules. The
// models hold what the document says: unset values stay unset.
func ParseDocument(name, docType string, content any) (Policy, error) {
	if want, reserved := reservedNames()[name]; reserved && docType != want && !check.IsToken(docType) {
		c := check.New()
		c.Addf("DocumentType", docType, "is not %s: %s is a JITNA document name, which the service reads as type %s only", want, name, want)
		return nil, c.Err()
	}
	switch docType {
	case TypeAutoApproval:
		if name == DenyAccessName {
			return parseDenyAccess(content)
		}
		if name != AutoApprovalName && !check.IsToken(name) {
			c := check.New()
			c.Addf("Name", name, "is not %s or %s: the service only reads documents of type %s under these names", AutoApprovalName, DenyAccessName, TypeAutoApproval)
			return nil, c.Err()
		}
		return parseAutoApproval(content)
	case TypeManualApproval:
		return parseManualApproval(name, content)
	case TypeSession:
		if name != SessionPreferencesName {
			return nil, nil // another Session document, not the preferences
		}
		return parseSessionPreferences(content)
	}
	return nil, nil
}

// reservedNames are the names the service finds JITNA documents by, with
// the type each must have.
func reservedNames() map[string]string {
	return map[string]string{AutoApprovalName: TypeAutoApproval, DenyAccessName: TypeAutoApproval, SessionPreferencesName: TypeSession}
}

// contentMap returns content as a map, reading JSON or YAML text.
func contentMap(content any) (any, error) {
	s, ok := content.(string)
	if !ok {
		return content, nil
	}
	m, err := cfn.Parse([]byte(s))
	if err != nil {
		return nil, &check.Error{Problems: []check.Problem{{Field: "Content", Message: "is not a JSON or YAML mapping: " + err.Error()}}}
	}
	return m, nil
}

var cedarContentKeys = []string{"schemaVersion", "description", "accessTokenRole", "accessDuration", "AutoApprovalPolicyDocuments"}

func parseCedarContent(r reader, content any) (string, []CedarDocument) {
	m := r.object("Content", content, cedarContentKeys...)
	if m == nil {
		return "", nil
	}
	r.constant("Content.schemaVersion", m["schemaVersion"], approvalSchemaVersion)
	r.constant("Content.accessTokenRole", m["accessTokenRole"], AccessTokenRole)
	if d, ok := r.whole("Content.accessDuration", m["accessDuration"]); ok && d != int(AutoApprovalAccessDuration.Seconds()) {
		r.c.Addf("Content.accessDuration", fmt.Sprint(d), "must be %d: auto-approved access always lasts one hour", int(AutoApprovalAccessDuration.Seconds()))
	}
	var docs []CedarDocument
	for i, e := range r.list("Content.AutoApprovalPolicyDocuments", m["AutoApprovalPolicyDocuments"]) {
		field := fmt.Sprintf("Content.AutoApprovalPolicyDocuments[%d]", i)
		em := r.object(field, e, "id", "description", "type", "content")
		if em == nil {
			continue
		}
		r.constant(field+".type", em["type"], "Cedar")
		docs = append(docs, CedarDocument{
			ID:          r.str(field+".id", em["id"]),
			Description: r.str(field+".description", em["description"]),
			Cedar:       r.str(field+".content", em["content"]),
		})
	}
	return r.str("Content.description", m["description"]), docs
}

func parseAutoApproval(content any) (Policy, error) {
	content, err := contentMap(content)
	if err != nil {
		return nil, err
	}
	c := check.New()
	a := &AutoApproval{}
	a.Description, a.Documents = parseCedarContent(reader{c}, content)
	return a, c.Err()
}

func parseDenyAccess(content any) (Policy, error) {
	if text, ok := content.(string); ok && !looksLikeMapping(text) {
		return &DenyAccess{Format: DenyAccessCedarText, Documents: []CedarDocument{{Cedar: text}}}, nil
	}
	content, err := contentMap(content)
	if err != nil {
		return nil, err
	}
	c := check.New()
	d := &DenyAccess{Format: DenyAccessWrapped}
	d.Description, d.Documents = parseCedarContent(reader{c}, content)
	return d, c.Err()
}

// wrapperKey matches the wrapper's key where YAML puts one: at the start of
// a line (a Cedar comment that names it starts with //).
var wrapperKey = regexp.MustCompile(`(?m)^\s*["']?AutoApprovalPolicyDocuments["']?\s*:`)

// looksLikeMapping tells wrapper content written as text (JSON, or YAML)
// from raw Cedar.
func looksLikeMapping(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "{") || wrapperKey.MatchString(t)
}

var manualContentKeys = []string{"schemaVersion", "accessDuration", "description", "accessTokenRole", "targets", "mainSteps"}

func parseManualApproval(name string, content any) (Policy, error) {
	content, err := contentMap(content)
	if err != nil {
		return nil, err
	}
	c := check.New()
	r := reader{c}
	p := &ManualApproval{Name: name}
	m := r.object("Content", content, manualContentKeys...)
	if m == nil {
		return p, c.Err()
	}
	r.constant("Content.schemaVersion", m["schemaVersion"], approvalSchemaVersion)
	r.constant("Content.accessTokenRole", m["accessTokenRole"], AccessTokenRole)
	p.Description = r.str("Content.description", m["description"])
	if d, ok := r.duration("Content.accessDuration", m["accessDuration"], time.Second); ok {
		p.AccessDuration = d
	}
	for i, t := range r.list("Content.targets", m["targets"]) {
		field := fmt.Sprintf("Content.targets[%d]", i)
		tm := r.object(field, t, "Key", "Values")
		if tm == nil {
			continue
		}
		key := r.str(field+".Key", tm["Key"])
		var values []string
		for j, v := range r.list(field+".Values", tm["Values"]) {
			values = append(values, r.str(fmt.Sprintf("%s.Values[%d]", field, j), v))
		}
		if tagKey, isTag := strings.CutPrefix(key, "tag:"); isTag {
			p.Targets = append(p.Targets, TagTarget{Key: tagKey, Values: values})
			continue
		}
		p.AllNodes = true
		if t := (RawTarget{Key: key, Values: values}); !t.IsDefault() {
			// Another form: CheckAllNodesTarget says whether it was meant.
			p.AllNodesTarget = &t
		}
	}
	for i, s := range r.list("Content.mainSteps", m["mainSteps"]) {
		p.ApprovalLevels = append(p.ApprovalLevels, parseLevel(r, fmt.Sprintf("Content.mainSteps[%d]", i), s))
	}
	if p.AllNodes && len(p.Targets) > 0 {
		c.Add("Content.targets", "", "mixes tag targets with an all-nodes target: a policy targets either tags or all nodes")
	}
	return p, c.Err()
}

// ExtraApproverTypesMetadata is the resource Metadata key under which a
// template declares the ManualApproval.ExtraApproverTypes of a manual
// approval document (a list of strings): the constructs write it, and the
// template reader gives it back to the policy it reads.
const ExtraApproverTypesMetadata = "cdk-jitna:extraApproverTypes"

// AllNodesTargetMetadata is the resource Metadata key under which a
// template declares the all-nodes target form of a manual approval
// document that is not DefaultAllNodesTarget ({"Key": …, "Values": […]}):
// the constructs write it for a ManualApproval.AllNodesTarget override.
const AllNodesTargetMetadata = "cdk-jitna:allNodesTarget"

// CheckAllNodesTarget returns a problem when m, read from a document, has an
// all-nodes target other than DefaultAllNodesTarget that declared (read from
// the resource's AllNodesTargetMetadata; nil when none) does not state: read
// as "all nodes", a typo such as Tag:Env, or a target on instance ids, would
// make a policy of every node.
func CheckAllNodesTarget(m *ManualApproval, declared *RawTarget) error {
	t := m.AllNodesTarget
	if t == nil || t.IsDefault() || declared != nil && declared.Key == t.Key && slices.Equal(declared.Values, t.Values) {
		return nil
	}
	all := DefaultAllNodesTarget()
	c := check.New()
	c.Addf("Content.targets", t.Key, "is not a target JITNA reads as this library knows it: write {Key: tag:KEY, Values: [...]} for nodes by tag, or {Key: %s, Values: ['%s']} for all nodes; "+
		"another all-nodes form (ManualApproval.AllNodesTarget: the form is inferred) is declared in the resource's Metadata under %s", all.Key, strings.Join(all.Values, "', '"), AllNodesTargetMetadata)
	return c.Err()
}

func parseLevel(r reader, field string, v any) ApprovalLevel {
	var l ApprovalLevel
	sm := r.object(field, v, "name", "action", "timeoutSeconds", "inputs")
	if sm == nil {
		return l
	}
	l.Name = r.str(field+".name", sm["name"])
	r.constant(field+".action", sm["action"], "aws:approve")
	if sm["timeoutSeconds"] == nil {
		l.Timeout = DefaultApprovalTimeout
	} else if t, ok := r.duration(field+".timeoutSeconds", sm["timeoutSeconds"], time.Second); ok {
		l.Timeout = t
	}
	in := r.object(field+".inputs", sm["inputs"], "Message", "MinRequiredApprovals", "EnhancedApprovals")
	if in == nil {
		return l
	}
	l.Message = r.str(field+".inputs.Message", in["Message"])
	if n, ok := r.whole(field+".inputs.MinRequiredApprovals", in["MinRequiredApprovals"]); ok {
		l.MinRequiredApprovals = n
	}
	ea := r.object(field+".inputs.EnhancedApprovals", in["EnhancedApprovals"], "Approvers")
	if ea == nil {
		return l
	}
	for j, a := range r.list(field+".inputs.EnhancedApprovals.Approvers", ea["Approvers"]) {
		af := fmt.Sprintf("%s.inputs.EnhancedApprovals.Approvers[%d]", field, j)
		am := r.object(af, a, "approver", "type")
		if am == nil {
			continue
		}
		l.Approvers = append(l.Approvers, Approver{Type: ApproverType(r.str(af+".type", am["type"])), ID: r.str(af+".approver", am["approver"])})
	}
	return l
}

var sessionInputKeys = []string{"s3BucketName", "s3KeyPrefix", "s3EncryptionEnabled", "cloudWatchLogGroupName",
	"cloudWatchEncryptionEnabled", "cloudWatchStreamingEnabled", "idleSessionTimeout", "maxSessionDuration",
	"kmsKeyId", "runAsEnabled", "runAsDefaultUser", "shellProfile"}

func parseSessionPreferences(content any) (Policy, error) {
	content, err := contentMap(content)
	if err != nil {
		return nil, err
	}
	c := check.New()
	r := reader{c}
	s := &SessionSettings{}
	m := r.object("Content", content, "schemaVersion", "description", "sessionType", "inputs")
	if m == nil {
		return s, c.Err()
	}
	r.constant("Content.schemaVersion", m["schemaVersion"], sessionSchemaVersion)
	r.constant("Content.sessionType", m["sessionType"], "Standard_Stream")
	s.Description = r.str("Content.description", m["description"])
	in := r.object("Content.inputs", m["inputs"], sessionInputKeys...)
	if in == nil {
		return s, c.Err()
	}
	f := func(k string) string { return "Content.inputs." + k }
	s.S3BucketName = r.str(f("s3BucketName"), in["s3BucketName"])
	s.S3KeyPrefix = r.str(f("s3KeyPrefix"), in["s3KeyPrefix"])
	s.S3EncryptionEnabled = r.boolean(f("s3EncryptionEnabled"), in["s3EncryptionEnabled"])
	s.CloudWatchLogGroupName = r.str(f("cloudWatchLogGroupName"), in["cloudWatchLogGroupName"])
	s.CloudWatchEncryptionEnabled = r.boolean(f("cloudWatchEncryptionEnabled"), in["cloudWatchEncryptionEnabled"])
	s.CloudWatchStreamingEnabled = r.boolean(f("cloudWatchStreamingEnabled"), in["cloudWatchStreamingEnabled"])
	s.KMSKeyID = r.str(f("kmsKeyId"), in["kmsKeyId"])
	s.RunAsEnabled = r.boolean(f("runAsEnabled"), in["runAsEnabled"])
	s.RunAsDefaultUser = r.str(f("runAsDefaultUser"), in["runAsDefaultUser"])
	for _, d := range []struct {
		key string
		dst *time.Duration
	}{{"idleSessionTimeout", &s.IdleSessionTimeout}, {"maxSessionDuration", &s.MaxSessionDuration}} {
		if in[d.key] == nil || in[d.key] == "" {
			continue
		}
		if n, ok := r.duration(f(d.key), in[d.key], time.Minute); ok {
			*d.dst = n
		}
	}
	if in["shellProfile"] != nil {
		sp := r.object(f("shellProfile"), in["shellProfile"], "windows", "linux")
		if sp != nil {
			s.ShellProfileWindows = r.str(f("shellProfile.windows"), sp["windows"])
			s.ShellProfileLinux = r.str(f("shellProfile.linux"), sp["linux"])
		}
	}
	return s, c.Err()
}
