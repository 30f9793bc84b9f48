package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMutateSwapsTheOperatorAtItsPosition(t *testing.T) {
	src := []byte("package p\n\nfunc f(a, b int) bool {\n\tswitch {\n\tcase a < b:\n\t\treturn a+b >= -1\n\t}\n\treturn false\n}\n")
	for _, tc := range []struct {
		line, col int
		kind      string
		want      string
	}{
		{5, 9, "CONDITIONALS_NEGATION", "\tcase a >= b:\n"},
		{5, 9, "CONDITIONALS_BOUNDARY", "\tcase a <= b:\n"},
		{6, 11, "ARITHMETIC_BASE", "\t\treturn a-b >= -1\n"},
		{6, 14, "CONDITIONALS_BOUNDARY", "\t\treturn a+b > -1\n"},
		{6, 17, "INVERT_NEGATIVES", "\t\treturn a+b >= 1\n"},
	} {
		out, err := mutate(src, tc.line, tc.col, tc.kind)
		require.NoError(t, err, tc.kind)
		assert.Contains(t, string(out), tc.want, tc.kind)
		assert.Len(t, out, len(src)+len(tc.want)-len(lineOf(src, tc.line)), tc.kind)
	}
	_, err := mutate(src, 5, 7, "CONDITIONALS_NEGATION") // the identifier a
	assert.ErrorContains(t, err, "IDENT at 5:7 is not an operator CONDITIONALS_NEGATION changes")
	_, err = mutate(src, 50, 1, "CONDITIONALS_NEGATION")
	assert.ErrorContains(t, err, "no operator at 50:1")
	_, err = mutate(src, 5, 9, "STATEMENT_REMOVAL")
	assert.ErrorContains(t, err, "mutator STATEMENT_REMOVAL is not known")
}

func lineOf(src []byte, n int) string {
	line := 1
	start := 0
	for i, c := range src {
		if c == '\n' {
			if line == n {
				return string(src[start : i+1])
			}
			line++
			start = i + 1
		}
	}
	return ""
}
