package jitnatest

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
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
	if !reflect.DeepEqual(want, got) {
		*out = append(*out, fmt.Sprintf("%s: got %s, want %s", orRoot(path), show(got), show(want)))
	}
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

// show renders a value compactly for a diff line.
func show(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	const max = 200
	if len(data) > max {
		return string(data[:max]) + "…"
	}
	return string(data)
}
