package policy

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

const validPermit = `permit (principal, action == AWS::SSM::Action::"getTokenForInstanceAccess", resource) when { resource.hasTag("ENV") && resource.getTag("ENV") == "DEV" };`

// files is a ReadFunc over a map; a missing name is a *fs.PathError, as os
// and io/fs give it.
func files(m map[string]string) ReadFunc {
	return func(name string) ([]byte, error) {
		if text, ok := m[name]; ok {
			return []byte(text), nil
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
}

// Cedar, CedarFile and Rules join, in that order and a blank line apart,
// into the first document; Documents follow as their own entries.
func TestResolveJoinsTheSources(t *testing.T) {
	rule := cedar.PermitRule("", cedar.NodeTagEquals("ENV", "QA"))
	p := AutoApprovalProps{Description: "d", CedarSource: CedarSource{
		Cedar: validPermit, CedarFile: "f.cedar", Rules: []cedar.Rule{rule},
		Documents: []CedarDocument{{ID: "extra", Cedar: validPermit}},
	}}
	a, validate := p.Resolve(files(map[string]string{"f.cedar": validPermit}))
	require.NoError(t, validate())
	require.Len(t, a.Documents, 2)
	assert.Equal(t, validPermit+"\n\n"+validPermit+"\n\n"+cedar.Render(rule), a.Documents[0].Cedar)
	assert.Equal(t, "extra", a.Documents[1].ID)
	assert.Equal(t, "d", a.Description)

	only, validate := AutoApprovalProps{CedarSource: CedarSource{Documents: []CedarDocument{{Cedar: validPermit}}}}.Resolve(files(nil))
	require.NoError(t, validate())
	assert.Equal(t, []CedarDocument{{Cedar: validPermit}}, only.Documents, "no joined document without Cedar, CedarFile or Rules")
}

// Each problem names its source; a file that cannot be read is one problem
// (not "empty" as well); the rendered policy's own rules run only once the
// sources are clean.
func TestResolveProblems(t *testing.T) {
	// Each half is under the content limit: only the document they make
	// together is over it, which the rendered policy's own check finds.
	half := "// " + strings.Repeat("x", MaxContentBytes/2) + "\n" + validPermit
	for _, tc := range []struct {
		name string
		src  CedarSource
		want []string
	}{
		{"nothing", CedarSource{}, []string{`Cedar: is empty: give the policy's statements as Cedar, CedarFile, Rules or Documents`}},
		{"missing file", CedarSource{CedarFile: "gone.cedar"}, []string{`CedarFile: "gone.cedar" cannot be read: file does not exist`}},
		{"unreadable file, error as given", CedarSource{CedarFile: "odd.cedar"}, []string{`CedarFile: "odd.cedar" cannot be read: it is odd`}},
		{"forbid in a permit policy", CedarSource{Cedar: validForbid}, []string{
			`Cedar: "forbid(principal, action == AWS::SSM::Action::\"getTokenForIn… (153 characters)" line 1, column 1: statement 1 is a forbid statement: an auto-approval policy holds only permit statements (deny automatic access in the organization's deny-access policy)`}},
		{"bad file text names the file", CedarSource{CedarFile: "f.cedar"}, []string{
			`CedarFile: "forbid(principal, action == AWS::SSM::Action::\"getTokenForIn… (153 characters)" f.cedar: line 1, column 1: statement 1 is a forbid statement`}},
		{"clean sources, content too large", CedarSource{Cedar: half, CedarFile: "half.cedar"}, []string{
			`Documents[0].Cedar: is 65852 bytes long`, `Content: is 66066 bytes long: an SSM document's content is at most 65536 bytes (64 KB)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			read := func(name string) ([]byte, error) {
				if name == "odd.cedar" {
					return nil, errors.New("it is odd")
				}
				return files(map[string]string{"f.cedar": validForbid, "half.cedar": half})(name)
			}
			_, validate := AutoApprovalProps{CedarSource: tc.src}.Resolve(read)
			got := check.Lines(validate())
			require.Len(t, got, len(tc.want), "%q", got)
			for i, w := range tc.want {
				assert.Contains(t, got[i], w)
			}
		})
	}
}

// The deny-access policy resolves the same way, checked for forbid, with its
// format kept.
func TestDenyAccessResolve(t *testing.T) {
	d, validate := DenyAccessProps{Format: DenyAccessCedarText, CedarSource: CedarSource{Cedar: validForbid}}.Resolve(files(nil))
	require.NoError(t, validate())
	assert.Equal(t, DenyAccessCedarText, d.Format)
	_, validate = DenyAccessProps{CedarSource: CedarSource{Cedar: validPermit}}.Resolve(files(nil))
	assert.ErrorContains(t, validate(), "is a permit statement")
}
