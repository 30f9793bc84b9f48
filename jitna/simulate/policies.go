package simulate

import (
	"fmt"
	"strings"

	cedargo "github.com/cedar-policy/cedar-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// Policies are the JITNA policies that apply in one account and Region.
type Policies struct {
	// AutoApproval is the account and Region's auto-approval policy, or nil.
	AutoApproval *policy.AutoApproval
	// DenyAccess is the organization's deny-access policy, or nil.
	DenyAccess *policy.DenyAccess
	// Manual are the manual approval policies.
	Manual []policy.ManualApproval
	// Origins say where each policy came from, by document name
	// ("sample.yaml: AutoApprovalPolicy"), for explanations. Optional.
	Origins map[string]string
}

// FromTemplates collects the policies of templates (their StackSets'
// member templates included). It is an error for a document's content to be
// unreadable, for the templates to hold more than one auto-approval or
// deny-access policy, or two documents of one name (an account and Region
// holds one document of a name: which would apply is not known); the error
// names them.
func FromTemplates(ts ...*template.Template) (Policies, error) {
	p := Policies{Origins: map[string]string{}}
	var autos, denies []string
	var problems []string
	named := map[string]string{} // manual policy name → where
	var walk func(t *template.Template)
	walk = func(t *template.Template) {
		for _, d := range t.Documents {
			where := t.File + ": " + d.LogicalID
			if d.Err != nil {
				problems = append(problems, fmt.Sprintf("%s: the content cannot be read: %s", where, strings.ReplaceAll(d.Err.Error(), "\n", "; ")))
				continue
			}
			switch x := d.Policy.(type) {
			case *policy.AutoApproval:
				autos = append(autos, where)
				p.AutoApproval = x
			case *policy.DenyAccess:
				denies = append(denies, where)
				p.DenyAccess = x
			case *policy.ManualApproval:
				if first, twice := named[d.Name]; twice {
					problems = append(problems, fmt.Sprintf("two manual approval policies named %s: %s and %s (an account and Region holds one document of a name)", d.Name, first, where))
				}
				named[d.Name] = where
				p.Manual = append(p.Manual, *x)
			default:
				continue
			}
			p.Origins[d.Name] = where
		}
		for _, m := range t.StackSets {
			walk(m)
		}
	}
	for _, t := range ts {
		walk(t)
	}
	if len(autos) > 1 {
		problems = append(problems, "more than one auto-approval policy: "+strings.Join(autos, ", ")+" (an account and Region hold one: give the templates of one account and Region)")
	}
	if len(denies) > 1 {
		problems = append(problems, "more than one deny-access policy: "+strings.Join(denies, ", ")+" (an organization holds one)")
	}
	if len(problems) > 0 {
		return Policies{}, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return p, nil
}

// FromTemplateFiles reads template files and collects their policies. A
// folder stands for the templates in it, as for template.Files (a cdk.out).
func FromTemplateFiles(paths ...string) (Policies, error) {
	files, err := template.Files(paths)
	if err != nil {
		return Policies{}, err
	}
	ts := make([]*template.Template, 0, len(files))
	for _, path := range files {
		t, err := template.ReadFile(path)
		if err != nil {
			return Policies{}, err
		}
		ts = append(ts, t)
	}
	return FromTemplates(ts...)
}

// statement is one compiled Cedar statement and where it came from.
type statement struct {
	ref    StatementRef
	policy *cedargo.Policy
}

// StatementRef names a Cedar statement: its policy document, the entry of
// AutoApprovalPolicyDocuments, its 1-based index and the line it starts on in
// that entry's Cedar.
type StatementRef struct {
	Policy    string `json:"policy"`
	Document  int    `json:"document"`
	Statement int    `json:"statement"`
	Line      int    `json:"line"`
}

// String names the statement: policy, index and line.
func (r StatementRef) String() string {
	return fmt.Sprintf("%s statement %d (line %d of its Cedar)", r.Policy, r.Statement, r.Line)
}

// compile parses the Cedar of a policy's documents, refusing a statement
// whose effect is not want (see cedar.CheckEffects).
func compile(name string, docs []policy.CedarDocument, want cedar.Effect) ([]statement, error) {
	var out []statement
	for i, d := range docs {
		stmts, err := cedar.Parse(d.Cedar)
		if err != nil {
			return nil, fmt.Errorf("%s: AutoApprovalPolicyDocuments[%d]: %v", name, i, err)
		}
		if issues := cedar.CheckEffects(stmts, want); len(issues) > 0 {
			return nil, fmt.Errorf("%s: AutoApprovalPolicyDocuments[%d]: %v (jitna validate reports it too; the service would not take the document)", name, i, issues[0])
		}
		for j, s := range stmts {
			out = append(out, statement{ref: StatementRef{Policy: name, Document: i, Statement: j + 1, Line: s.Line}, policy: s.Policy})
		}
	}
	return out, nil
}
