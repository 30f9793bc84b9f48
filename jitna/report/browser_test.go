package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// browser finds a Chromium: $JITNA_BROWSER, or chromium (Debian's package)
// or Chrome on PATH. Without one the test is skipped with a notice, except
// under CI=true, where it fails: CI installs Debian's chromium.
func browser(t *testing.T) string {
	t.Helper()
	if b := os.Getenv("JITNA_BROWSER"); b != "" {
		return b
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no browser: install Debian's chromium (apt-get install chromium) or set JITNA_BROWSER; under CI=true the report must be rendered")
	}
	t.Skip("NOTICE: the HTML report is not rendered in a browser: no chromium on PATH (apt-get install chromium, or set JITNA_BROWSER)")
	return ""
}

// headless runs Chromium on a page and returns what it printed.
func headless(t *testing.T, chromium string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// The flags that keep Chromium off the network and out of the user's
	// profile: this machine has no network, and a test owns its profile.
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, chromium, append(base, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "chromium: %s", stderr.String())
	return out
}

// artifacts is where screenshots are kept: $JITNA_ARTIFACTS (make test sets
// it to .artifacts), else a temporary folder.
func artifacts(t *testing.T) string {
	dir := os.Getenv("JITNA_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	return dir
}

// probe is what a script reads off the rendered page: the text of each
// number marked data-total as the browser shows it, and the marked numbers
// and matrix rows that have no size (not rendered).
const probe = `<pre id="browser-check"></pre><script>
const out = {totals: {}, hidden: [], groups: document.querySelectorAll("tr[data-group]").length};
for (const e of document.querySelectorAll("[data-total], tr[data-group]")) {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) out.hidden.push(e.outerHTML.slice(0, 60));
  if (e.dataset.total) out.totals[e.dataset.total] = Number(e.innerText);
}
document.getElementById("browser-check").textContent = JSON.stringify(out);
</script>`

var probed = regexp.MustCompile(`(?s)<pre id="browser-check">(.*?)</pre>`)

type rendered struct {
	Totals map[string]int `json:"totals"`
	Hidden []string       `json:"hidden"`
	Groups int            `json:"groups"`
}

// render loads page in Chromium: a screenshot of the page as written (its
// policy forbids scripts), and the probe's reading of a copy that lets the
// probe run.
func renderPage(t *testing.T, chromium, name string, page []byte) (rendered, string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, name+".html")
	require.NoError(t, os.WriteFile(file, page, 0o644))
	shot := filepath.Join(artifacts(t), name+".png")
	headless(t, chromium, "--window-size=1200,1400", "--screenshot="+shot, "file://"+file)
	t.Logf("screenshot: %s", shot)

	policy := `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`
	require.Contains(t, string(page), policy)
	probing := strings.Replace(strings.Replace(string(page), policy, "", 1), "</body>", probe+"</body>", 1)
	probeFile := filepath.Join(dir, name+"-probe.html")
	require.NoError(t, os.WriteFile(probeFile, []byte(probing), 0o644))
	dom := headless(t, chromium, "--window-size=1200,1400", "--dump-dom", "file://"+probeFile)
	m := probed.FindSubmatch(dom)
	require.NotNil(t, m, "the probe's output is not in the DOM")
	var r rendered
	require.NoError(t, json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &r), string(m[1]))
	return r, shot
}

// colours counts the screenshot's pixels of each colour given as #rrggbb.
func colours(t *testing.T, shot string, want ...string) map[string]int {
	t.Helper()
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	counts := map[string]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			hex := fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, bl>>8)
			for _, w := range want {
				if hex == w {
					counts[w]++
				}
			}
		}
	}
	return counts
}

func TestCoverageInABrowser(t *testing.T) {
	chromium := browser(t)
	sim, nodes, requesters := estate(t)
	var b bytes.Buffer
	require.NoError(t, Coverage(&b, sim, nodes, requesters, Options{Sources: []string{"policies: cdk.out", "nodes: nodes.json"}}))
	r, shot := renderPage(t, chromium, "coverage", b.Bytes())
	assert.Equal(t, jsonNumbers(t, sim.Coverage(nodes, requesters).Totals), r.Totals, "the page shows the numbers of jitna coverage --output json")
	assert.Equal(t, len(sim.Matrix(nodes, requesters).Groups), r.Groups)
	assert.Empty(t, r.Hidden, "every number and matrix row is rendered")
	// The stylesheet applies under the page's own policy: the matrix's
	// auto, manual, conflict and none cells are painted in their colours.
	got := colours(t, shot, "#d5f0df", "#dce6fa", "#f8cfcb", "#fbe5c2")
	t.Logf("colours: %v", got)
	for _, c := range []string{"#d5f0df", "#dce6fa", "#f8cfcb", "#fbe5c2"} {
		// More than the legend's swatch (about 1,200 pixels) alone.
		assert.Greater(t, got[c], 4000, "pixels of %s in %s", c, shot)
	}
}

func TestDiffInABrowser(t *testing.T) {
	chromium := browser(t)
	before, after, nodes := change(t)
	d := simulate.Diff(before, after, nodes, nil)
	var b bytes.Buffer
	require.NoError(t, Diff(&b, d, Options{Sources: []string{"before: main", "after: change"}}))
	r, shot := renderPage(t, chromium, "diff", b.Bytes())
	assert.Equal(t, jsonNumbers(t, d.Summary), r.Totals, "the page shows the numbers of jitna diff --output json")
	assert.Empty(t, r.Hidden)
	got := colours(t, shot, "#fff4e0", "#e8f6ee")
	t.Logf("colours: %v", got)
	assert.Greater(t, got["#fff4e0"], 50000, "widening changes are highlighted")
	assert.Greater(t, got["#e8f6ee"], 50000, "narrowing changes are highlighted")
}
