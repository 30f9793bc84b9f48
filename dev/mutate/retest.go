package main

import (
	"encoding/json"
	"fmt"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// gremlins decides whether a mutant is covered from Go's coverage profile,
// whose blocks leave out the conditions of switch cases (a case's block
// starts after its colon) and constant expressions: a mutant there is
// reported NOT COVERED although the tests run it (or, for a constant, use
// it). retest runs such a mutant itself: the mutated file goes
// to `go test` as an overlay (the work tree is not touched), and the mutant
// is KILLED when the package's tests fail, LIVED when they pass, NOT VIABLE
// when it does not build.

// replacements are the token swaps of gremlins' default mutators.
var replacements = map[string]map[string]string{
	"CONDITIONALS_NEGATION": {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"},
	"CONDITIONALS_BOUNDARY": {"<": "<=", "<=": "<", ">": ">=", ">=": ">"},
	"ARITHMETIC_BASE":       {"+": "-", "-": "+", "*": "/", "/": "*", "%": "*"},
	"INCREMENT_DECREMENT":   {"++": "--", "--": "++"},
	"INVERT_NEGATIVES":      {"-": ""},
}

// mutate returns src with the mutation of kind applied to the operator at
// line:column (1-based, in bytes, as gremlins reports it).
func mutate(src []byte, line, column int, kind string) ([]byte, error) {
	swaps, ok := replacements[kind]
	if !ok {
		return nil, fmt.Errorf("mutator %s is not known", kind)
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, 0)
	for {
		pos, tok, _ := s.Scan()
		if tok == token.EOF {
			return nil, fmt.Errorf("no operator at %d:%d", line, column)
		}
		p := fset.Position(pos)
		if p.Line != line || p.Column != column {
			continue
		}
		to, ok := swaps[tok.String()]
		if !ok {
			return nil, fmt.Errorf("%s at %d:%d is not an operator %s changes", tok, line, column, kind)
		}
		off := p.Offset
		out := append([]byte{}, src[:off]...)
		out = append(out, to...)
		return append(out, src[off+len(tok.String()):]...), nil
	}
}

// retest runs the package's tests against m applied, and returns the
// mutant's status.
func retest(pkg string, m mutant) (string, error) {
	src, err := os.ReadFile(m.Path)
	if err != nil {
		return "", err
	}
	mutated, err := mutate(src, m.Line, m.Column, m.Type)
	if err != nil {
		return "", fmt.Errorf("%s: %w", m.key(), err)
	}
	dir, err := os.MkdirTemp("", "mutate-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	abs, err := filepath.Abs(m.Path)
	if err != nil {
		return "", err
	}
	copyPath := filepath.Join(dir, filepath.Base(m.Path))
	overlay, _ := json.Marshal(map[string]any{"Replace": map[string]string{abs: copyPath}})
	overlayPath := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(copyPath, mutated, 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(overlayPath, overlay, 0o644); err != nil {
		return "", err
	}
	out, err := exec.Command("go", "test", "-count=1", "-timeout", "2m", "-overlay", overlayPath, pkg).CombinedOutput()
	switch {
	case err == nil:
		return "LIVED", nil
	case strings.Contains(string(out), "[build failed]") || strings.Contains(string(out), "[setup failed]"):
		return "NOT VIABLE", nil
	}
	return "KILLED", nil
}
