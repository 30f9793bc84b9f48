package report

import (
	"cmp"
	"io"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// diffView is the diff page.
type diffView struct {
	Summary  simulate.DiffSummary
	Groups   []simulate.ChangeGroup
	Policies []simulate.PolicyChange
}

// Diff writes the HTML report of what a change of the policies does to
// access: the numbers of r.Summary, its changes grouped as r.Groups gives
// them (breaks, then widens, then narrows) and the policy documents that
// changed.
func Diff(w io.Writer, r simulate.DiffReport, o Options) error {
	v := &diffView{Summary: r.Summary, Groups: r.Groups(), Policies: r.Policies}
	return render(w, view{Title: cmp.Or(o.Title, "JITNA access change"), Sources: o.Sources, Diff: v})
}
