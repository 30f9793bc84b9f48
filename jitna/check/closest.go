package check

import "strings"

// Closest returns the candidate nearest to name by edit distance, when at
// most maxEdits single-character edits away (the first of equals), or "".
// Messages use it to suggest what a misspelt value meant.
func Closest(name string, candidates []string, maxEdits int) string {
	best, bestDist := "", maxEdits+1
	for _, c := range candidates {
		if d := distance(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance of a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Suggest returns what a misspelt value most likely meant among candidates:
// the candidate equal to it but for case, else the nearest by edit distance
// within a third of its length (at most 2 edits), else "".
func Suggest(value string, candidates []string) string {
	for _, c := range candidates {
		if strings.EqualFold(value, c) && value != c {
			return c
		}
	}
	return Closest(value, candidates, min(2, len(value)/3))
}

// DidYouMean is " (did you mean X?)" for Suggest's answer, or "".
func DidYouMean(value string, candidates []string) string {
	if s := Suggest(value, candidates); s != "" && s != value {
		return " (did you mean " + s + "?)"
	}
	return ""
}
