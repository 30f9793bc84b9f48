// Package report writes access reports: one self-contained HTML file each,
// with no script and no external asset (its Content-Security-Policy forbids
// both), to read offline or attach to a review or an audit.
//
// Coverage shows how a set of policies decides an inventory: the order in
// which the service decides a request, per policy the nodes it decides and
// its approvers, conflicts and unreachable nodes highlighted, and a matrix of
// node groups (by the tags the policies use) × requesters. Diff shows what a
// change of the policies does to access, grouped by change, and the policy
// documents' own changes.
//
// The numbers on the page are those of simulate's reports (the JSON of jitna
// coverage and jitna diff): each carries a data-total attribute naming its
// JSON field.
package report

import (
	"embed"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// Options are what a report shows besides the decisions.
type Options struct {
	// Title of the page. Default: "JITNA access report" for Coverage,
	// "JITNA access change" for Diff.
	Title string
	// Sources say where the policies and nodes came from ("policies:
	// cdk.out"), a line each under the title. Default: none.
	Sources []string
}

//go:embed report.html.tmpl
var files embed.FS

var page = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"join":   strings.Join,
	"tags":   func(n simulate.Node) string { return n.TagList() },
	"cell":   cellText,
	"class":  cellClass,
	"plural": plural,
}).ParseFS(files, "report.html.tmpl"))

// view is what the template renders: Coverage or Diff is set.
type view struct {
	Title    string
	Sources  []string
	Coverage *coverageView
	Diff     *diffView
}

func render(w io.Writer, v view) error { return page.Execute(w, v) }

// plural is "1 node", "2 nodes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
