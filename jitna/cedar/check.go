package cedar

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	cedar "github.com/cedar-policy/cedar-go"
	xast "github.com/cedar-policy/cedar-go/x/exp/ast"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// Effect is the effect a policy type allows its statements.
type Effect string

const (
	// AnyEffect allows permit and forbid statements.
	AnyEffect Effect = ""
	// Permit is the only effect of auto-approval statements.
	Permit Effect = "permit"
	// Forbid is the only effect of deny-access statements.
	Forbid Effect = "forbid"
)

// MaxTextLength bounds the text a check reads: an SSM document's content is at
// most 64 KB, so longer text can never be deployed.
const MaxTextLength = 64 * 1024

// Issue is one problem with Cedar text, at a line and column (1-based; 0 when
// the problem concerns the whole text).
type Issue struct {
	Line, Column int
	// Statement is the 1-based index of the statement the issue is in, 0 for
	// a parse error.
	Statement int
	Message   string
}

// Error renders the issue as "line L, column C: message".
func (i Issue) Error() string {
	switch {
	case i.Line == 0:
		return i.Message
	case i.Column == 0:
		return fmt.Sprintf("line %d: %s", i.Line, i.Message)
	}
	return fmt.Sprintf("line %d, column %d: %s", i.Line, i.Column, i.Message)
}

// Statement is one parsed statement of a policy.
type Statement struct {
	// Effect is Permit or Forbid.
	Effect Effect
	// Line and Column are where the statement starts (its annotations or
	// effect keyword), 1-based.
	Line, Column int
	// Policy is the parsed statement, for evaluation.
	Policy *cedar.Policy
}

// Parse reads Cedar text into its statements, or returns the first syntax
// error as an Issue with its line and column. Text that holds no statement is
// an error: a JITNA policy without statements does nothing.
func Parse(text string) ([]Statement, error) {
	if len(text) > MaxTextLength {
		return nil, Issue{Message: fmt.Sprintf("is %d bytes long: an SSM document's content is at most %d", len(text), MaxTextLength)}
	}
	if iss, bad := misspelledAction(text); bad {
		return nil, iss
	}
	list, err := cedar.NewPolicyListFromBytes("", []byte(text))
	if err != nil {
		return nil, parseIssue(text, err)
	}
	if len(list) == 0 {
		return nil, Issue{Message: "holds no statement: write at least one permit or forbid statement"}
	}
	out := make([]Statement, len(list))
	for i, p := range list {
		pos := p.Position()
		eff := Forbid
		if p.Effect() == cedar.Permit {
			eff = Permit
		}
		out[i] = Statement{Effect: eff, Line: pos.Line, Column: pos.Column, Policy: p}
	}
	return out, nil
}

// Check parses text, validates every statement strictly against the JITNA
// schema and checks each statement's effect against want. It returns every
// issue found (nil when the text is valid).
func Check(text string, want Effect) []Issue { return Default().Check(text, want) }

// Check is the package-level Check against v's schema.
func (v *Validator) Check(text string, want Effect) []Issue {
	stmts, err := Parse(text)
	if err != nil {
		return []Issue{asIssue(err)}
	}
	effects := map[int]Issue{}
	for _, e := range CheckEffects(stmts, want) {
		effects[e.Statement] = e
	}
	var issues []Issue
	for i, s := range stmts {
		at := Issue{Line: s.Line, Column: s.Column, Statement: i + 1}
		if e, wrong := effects[i+1]; wrong {
			issues = append(issues, e)
		}
		pol := (*xast.Policy)(s.Policy.AST())
		for _, u := range v.unknownAttributes(pol) {
			at.Message = fmt.Sprintf("statement %d tests %s has %s, %s", i+1, u.path, u.attr, v.neverThere(u))
			if u.unless {
				at.Message += "; in an unless clause, a test that is never true can make the statement apply to every request"
			}
			issues = append(issues, at)
		}
		if err := v.v.Policy("", pol); err != nil {
			seen := map[string]bool{}
			for _, e := range flatten(err) {
				msg := explain(e.Error())
				if seen[msg] {
					continue // the same problem for another resource type
				}
				seen[msg] = true
				at.Message = fmt.Sprintf("statement %d does not match the JITNA schema: %s", i+1, msg)
				issues = append(issues, at)
			}
		}
	}
	return issues
}

// CheckEffects returns an issue for each statement whose effect is not want
// (AnyEffect: none): an auto-approval policy holds only permit statements, a
// deny-access policy only forbid statements. Check applies it; the simulator
// refuses what it finds, rather than read a statement's effect the other way.
func CheckEffects(stmts []Statement, want Effect) []Issue {
	var issues []Issue
	for i, s := range stmts {
		if want != AnyEffect && s.Effect != want {
			issues = append(issues, Issue{Line: s.Line, Column: s.Column, Statement: i + 1,
				Message: fmt.Sprintf("statement %d is a %s statement: %s", i+1, s.Effect, effectRule(want))})
		}
	}
	return issues
}

func effectRule(want Effect) string {
	if want == Permit {
		return "an auto-approval policy holds only permit statements (deny automatic access in the organization's deny-access policy)"
	}
	return "a deny-access policy holds only forbid statements (grant automatic access in an auto-approval policy)"
}

// parsePos finds "<input>:LINE:COL" in cedar-go's parser errors.
var parsePos = regexp.MustCompile(`at [^ ]*?:(\d+):(\d+) (.*)$`)

func parseIssue(text string, err error) Issue {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "parser error: ")
	if m := parsePos.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		said := reword(m[3])
		if strings.HasPrefix(said, "the text ends too early") {
			// At the end of the last statement, not past a trailing
			// newline (in a config, the next key's line).
			line, col = position(text, len(strings.TrimRightFunc(text, unicode.IsSpace)))
		}
		return unknownName(text, Issue{Line: line, Column: col, Message: "is not valid Cedar: " + said})
	}
	return Issue{Message: "is not valid Cedar: " + msg}
}

// names are the words Cedar knows on its own: its variables and keywords.
var names = []string{"principal", "action", "resource", "context", "permit", "forbid", "when", "unless",
	"true", "false", "if", "then", "else", "in", "has", "like", "is"}

// wordBefore matches the identifier a parse error's position follows.
var wordBefore = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)\s*$`)

// unknownName rewords a parse error, at a line and column of text (both
// from 1), that follows a word Cedar does not know (resouce.getTag(…),
// == PROD): the parser only says the next token is unexpected.
func unknownName(text string, iss Issue) Issue {
	lines := strings.Split(text, "\n")
	if iss.Line > len(lines) {
		return iss
	}
	line := lines[iss.Line-1]
	before := line[:min(iss.Column-1, len(line))]
	m := wordBefore.FindStringSubmatch(before)
	if m == nil || slices.Contains(names, m[1]) || strings.HasSuffix(strings.TrimSuffix(before, m[0]), "::") {
		return iss
	}
	msg := fmt.Sprintf("is not valid Cedar: %q is not a name Cedar knows", m[1])
	if near := check.Closest(m[1], names, min(2, len(m[1])/3)); near != "" {
		msg += " (did you mean " + near + "?)"
	}
	iss.Message = msg + `: the variables are principal, action, resource and context, and text is written in quotes ("` + m[1] + `")`
	return iss
}

// parserSays matches cedar-go's `"TOKEN": [exact ]got X want Y`.
var parserSays = regexp.MustCompile(`^"(.*)": (?:exact )?got (.*?) want (.*)$`)

func reword(msg string) string {
	m := parserSays.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	if m[1] == "" {
		return fmt.Sprintf("the text ends too early: expected `%s`", strings.TrimSpace(m[3]))
	}
	// "got" is the token out of place, as written (the quoted one is the
	// token after it, where the position points).
	found := m[2]
	if found == "=" {
		return "found a single = (did you mean ==?): Cedar compares with == and sets nothing"
	}
	return fmt.Sprintf("found `%s` where `%s` was expected", found, strings.TrimSpace(m[3]))
}

// wrongAction matches the action as some AWS pages print it, without
// "Action::" and the quotes, which Cedar cannot parse.
var wrongAction = regexp.MustCompile(`AWS::SSM::getTokenForInstanceAccess\b`)

func misspelledAction(text string) (Issue, bool) {
	loc := wrongAction.FindStringIndex(text)
	if loc == nil {
		return Issue{}, false
	}
	line, col := position(text, loc[0])
	return Issue{Line: line, Column: col, Message: `names the action AWS::SSM::getTokenForInstanceAccess, which is not valid Cedar: write ` + Action}, true
}

// position returns the 1-based line and column (in bytes) of offset in text.
func position(text string, offset int) (line, col int) {
	before := text[:offset]
	line = strings.Count(before, "\n") + 1
	col = offset - strings.LastIndex(before, "\n")
	return line, col
}

// unguardedTag matches cedar-go's message for getTag without hasTag.
var unguardedTag = regexp.MustCompile("^unable to guarantee safety of access to tag `(.*)` on entity type `(.*)`$")

// explain rewords cedar-go's validator messages where they are cryptic for
// JITNA users.
func explain(msg string) string {
	if m := unguardedTag.FindStringSubmatch(msg); m != nil {
		what := "resource"
		if m[2] == "AWS::IAM::PrincipalTags" {
			what = "context.iam.principalTags"
		}
		return fmt.Sprintf(`getTag(%s) is not guarded by hasTag: write %s.hasTag(%s) && %s.getTag(%s) …`, m[1], what, m[1], what, m[1])
	}
	switch {
	case strings.HasPrefix(msg, "unable to guarantee safety of access to optional attribute"):
		return msg + `: guard it with has first, as in principal has costCenter && principal.costCenter == "X"`
	case strings.HasPrefix(msg, "unable to find an applicable action"):
		return msg + ": JITNA policies apply to principals of type AWS::IdentityStore::User, the action " + Action +
			", and resources of type AWS::EC2::Instance or AWS::SSM::ManagedInstance"
	}
	return msg
}

func flatten(err error) []error {
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range u.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

func asIssue(err error) Issue {
	var iss Issue
	if errors.As(err, &iss) {
		return iss
	}
	return Issue{Message: err.Error()}
}

// unknownAttribute is a `has` test of an attribute the schema does not
// declare at path ("principal", "context.iam").
type unknownAttribute struct {
	path, attr string
	// unless says the test is in an unless clause.
	unless bool
}

// unknownAttributes returns the attributes a statement tests with `has`
// (principal has X, resource has X, context has X, context.iam has X)
// that the schema does not declare there. Strict validation lets these
// pass (the test is simply false), which hides a typo.
func (v *Validator) unknownAttributes(p *xast.Policy) []unknownAttribute {
	var out []unknownAttribute
	for _, cond := range p.Conditions {
		xast.Inspect(xast.NewNode(cond.Body), func(n xast.IsNode) bool {
			if has, ok := n.(xast.NodeTypeHas); ok {
				path := pathOf(has.Arg)
				if known, checked := v.attributes[path]; checked && !known[string(has.Value)] {
					out = append(out, unknownAttribute{path: path, attr: string(has.Value), unless: cond.Condition == xast.ConditionUnless})
				}
			}
			return true
		})
	}
	return out
}

// pathOf returns "principal", "context.iam" … for a variable and the
// attributes read from it, or "" for any other expression.
func pathOf(n xast.IsNode) string {
	switch n := n.(type) {
	case xast.NodeTypeVariable:
		return string(n.Name)
	case xast.NodeTypeAccess:
		if base := pathOf(n.Arg); base != "" {
			return base + "." + string(n.Value)
		}
	}
	return ""
}

// neverThere says why a `has` test of an undeclared attribute is never
// true, and what is declared there (or, for nodes, what to test instead).
func (v *Validator) neverThere(u unknownAttribute) string {
	names := v.Attributes(u.path)
	suggest := check.DidYouMean(u.attr, names)
	switch {
	case u.path == "resource" && len(names) == 0:
		return fmt.Sprintf("but JITNA nodes have no attributes, only tags: the condition is never true; test a tag with resource.hasTag(%q)", u.attr)
	case u.path == "principal":
		return fmt.Sprintf("an attribute no JITNA principal has%s (%s): the condition is never true", suggest, strings.Join(names, ", "))
	case len(names) == 0:
		return "but the JITNA schema declares no attributes there: the condition is never true"
	}
	return fmt.Sprintf("an attribute the JITNA schema does not declare there%s (%s): the condition is never true", suggest, strings.Join(names, ", "))
}

// Attributes returns the attributes the schema declares at path
// ("principal": a user's; "context.iam"), sorted.
func (v *Validator) Attributes(path string) []string {
	names := make([]string, 0, len(v.attributes[path]))
	for n := range v.attributes[path] {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
