package jitnatest

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// MaxDiffs bounds how many differences Diff reports.
const MaxDiffs = 40

// Diff lists the differences between two JSON-like values, one line each,
// qualified with the path where they differ
// ("Resources.Jitna.Properties.Name: got \"a\", want \"b\""). It returns nil when
// they are equal.
func Diff(want, got any) []string {
	var out []string
	diff("", roundTrip(want), roundTrip(got), &out)
	if len(out) > MaxDiffs {
		out = append(out[:MaxDiffs], fmt.Sprintf("… and %d more differences", len(out)-MaxDiffs))
	}
	return out
}

func diff(path string, want, got any, out *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			break
		}
		all := map[string]any{}
		maps.Copy(all, w)
		maps.Copy(all, g)
		for _, k := range slices.Sorted(maps.Keys(all)) {
			p := join(path, k)
			wv, inW := w[k]
			gv, inG := g[k]
			switch {
			case !inG:
				*out = append(*out, fmt.Sprintf("%s: missing, want %s", p, show(wv)))
			case !inW:
				*out = append(*out, fmt.Sprintf("%s: unexpected %s", p, show(gv)))
			default:
				diff(p, wv, gv, out)
			}
		}
		return
	case []any:
		g, ok := got.([]any)
		if !ok {
			break
		}
		for i := 0; i < len(w) || i < len(g); i++ {
			p := path + "[" + strconv.Itoa(i) + "]"
			switch {
			case i >= len(g):
				*out = append(*out, fmt.Sprintf("%s: missing, want %s", p, show(w[i])))
			case i >= len(w):
				*out = append(*out, fmt.Sprintf("%s: unexpected %s", p, show(g[i])))
			default:
				diff(p, w[i], g[i], out)
			}
		}
		return
	}
	if reflect.DeepEqual(want, got) {
		return
	}
	ws, wok := want.(string)
	gs, gok := got.(string)
	if wok && gok && (len(ws) > maxShown || len(gs) > maxShown) {
		at := firstDifference(ws, gs)
		*out = append(*out, fmt.Sprintf("%s: strings differ at character %d: got %s, want %s", orRoot(path), at+1, around(gs, at), around(ws, at)))
		return
	}
	*out = append(*out, fmt.Sprintf("%s: got %s, want %s", orRoot(path), show(got), show(want)))
}

// firstDifference returns the byte offset where a and b first differ.
func firstDifference(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// around quotes the part of s around offset at, marking cut ends with "…".
func around(s string, at int) string {
	const before, after = 40, 80
	from, to := max(0, at-before), min(len(s), at+after)
	part := strconv.Quote(strings.ToValidUTF8(s[from:to], ""))
	if from > 0 {
		part = "…" + part
	}
	if to < len(s) {
		part += "…"
	}
	return part
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orRoot(path string) string {
	if path == "" {
		return "(template)"
	}
	return path
}

// maxShown is how much of a value a diff line shows.
const maxShown = 200

// show renders a value compactly for a diff line.
func show(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(data) > maxShown {
		return string(data[:maxShown]) + "…"
	}
	return string(data)
}
