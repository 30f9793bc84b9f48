package analysis

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/cedar-policy/cedar-go/types"
)

// glob is a Cedar like pattern as tokens: a rune, or a wildcard (any
// sequence of characters, the empty one included).
type glob struct {
	tokens []token
	text   string // the pattern as Cedar writes it, for messages and keys
}

type token struct {
	r    rune
	star bool
}

// newGlob reads a cedar-go pattern's components.
func newGlob(p types.Pattern) (glob, error) {
	data, err := p.MarshalJSON()
	if err != nil {
		return glob{}, err
	}
	var comps []any
	if err := json.Unmarshal(data, &comps); err != nil {
		return glob{}, err
	}
	var g glob
	for _, c := range comps {
		switch v := c.(type) {
		case string: // "Wildcard"
			g.tokens = append(g.tokens, token{star: true})
		case map[string]any:
			lit, _ := v["Literal"].(string)
			for _, r := range lit {
				g.tokens = append(g.tokens, token{r: r})
			}
		default:
			return glob{}, fmt.Errorf("an unknown pattern component %v", c)
		}
	}
	g.text = string(p.MarshalCedar())
	return g, nil
}

// states is a set of positions in a glob's tokens, as a bit set.
type states []uint64

func (g glob) start() states {
	s := make(states, len(g.tokens)/64+1)
	s.add(0)
	return g.closure(s)
}

func (s states) add(i int)      { s[i/64] |= 1 << (i % 64) }
func (s states) has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }

// closure adds the positions a wildcard may skip to.
func (g glob) closure(s states) states {
	for i := 0; i < len(g.tokens); i++ {
		if s.has(i) && g.tokens[i].star {
			s.add(i + 1)
		}
	}
	return s
}

// step is the positions after reading r.
func (g glob) step(s states, r rune) states {
	next := make(states, len(s))
	for i, t := range g.tokens {
		if !s.has(i) {
			continue
		}
		switch {
		case t.star:
			next.add(i)
		case t.r == r:
			next.add(i + 1)
		}
	}
	return g.closure(next)
}

func (g glob) accepts(s states) bool { return s.has(len(g.tokens)) }

// match says whether text matches the glob.
func (g glob) match(text string) bool {
	s := g.start()
	for _, r := range text {
		s = g.step(s, r)
	}
	return g.accepts(s)
}

// maxSearch bounds the states a witness search visits.
const maxSearch = 200000

// findString returns the shortest string (then the first in the order of
// the alphabet) that matches every glob of must, none of mustNot, and is
// none of the strings of avoid; false when there is none. It searches the
// product of the globs' automata breadth first, over the runes the globs
// and avoid mention and one rune none does (every other rune behaves as
// that one), so it is exact: no string is missed. It reports an error when
// the search exceeds its bound.
func findString(must, mustNot []glob, avoid []string) (string, bool, error) {
	globs := append(append([]glob{}, must...), mustNot...)
	alphabet := alphabetOf(globs, avoid)
	prefixes := map[string]bool{}
	for _, a := range avoid {
		for i := range a {
			prefixes[a[:i]] = true
		}
		prefixes[a] = true
	}
	avoided := map[string]bool{}
	for _, a := range avoid {
		avoided[a] = true
	}
	type item struct {
		text   string
		states []states
	}
	first := item{states: make([]states, len(globs))}
	for i, g := range globs {
		first.states[i] = g.start()
	}
	key := func(it item) string {
		var b strings.Builder
		if prefixes[it.text] {
			b.WriteString(it.text) // still a prefix of a string to avoid
		}
		b.WriteByte(0)
		for _, s := range it.states {
			for _, w := range s {
				fmt.Fprintf(&b, "%x,", w)
			}
			b.WriteByte(';')
		}
		return b.String()
	}
	seen := map[string]bool{key(first): true}
	queue := []item{first}
	// The empty string is the answer only when no other string is: a
	// witness reads better with a value.
	empty := false
	for len(queue) > 0 {
		if len(seen) > maxSearch {
			return "", false, fmt.Errorf("the patterns %s need a search larger than %d states", globTexts(globs), maxSearch)
		}
		it := queue[0]
		queue = queue[1:]
		ok := !avoided[it.text]
		for i, g := range globs {
			if g.accepts(it.states[i]) != (i < len(must)) {
				ok = false
				break
			}
		}
		if ok && it.text != "" {
			return it.text, true, nil
		}
		empty = empty || ok
		for _, r := range alphabet {
			next := item{text: it.text + string(r), states: make([]states, len(globs))}
			dead := false
			for i, g := range globs {
				next.states[i] = g.step(it.states[i], r)
				// A must glob with no position left can never match.
				if i < len(must) && isEmpty(next.states[i]) {
					dead = true
				}
			}
			if dead {
				continue
			}
			k := key(next)
			if !seen[k] {
				seen[k] = true
				queue = append(queue, next)
			}
		}
	}
	return "", empty, nil
}

func isEmpty(s states) bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

// alphabetOf is the runes globs and avoid mention, sorted, and a letter
// none of them does.
func alphabetOf(globs []glob, avoid []string) []rune {
	used := map[rune]bool{}
	for _, g := range globs {
		for _, t := range g.tokens {
			if !t.star {
				used[t.r] = true
			}
		}
	}
	for _, a := range avoid {
		for _, r := range a {
			used[r] = true
		}
	}
	var out []rune
	for r := range used {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	for _, r := range "xqzwvjkyabcdefghilmnoprstu0123456789" {
		if !used[r] {
			return append([]rune{r}, out...)
		}
	}
	for r := rune(0x4e00); ; r++ {
		if !used[r] {
			return append([]rune{r}, out...)
		}
	}
}

func globTexts(gs []glob) string {
	texts := make([]string, len(gs))
	for i, g := range gs {
		texts[i] = g.text
	}
	return strings.Join(texts, ", ")
}
