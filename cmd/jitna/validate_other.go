package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/internal/safeio"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cedar"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/cfn"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/config"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/policy"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// inputKind says what a file given to jitna validate holds.
type inputKind int

const (
	templateInput inputKind = iota
	configInput             // the bundled app's YAML config
	cedarInput              // a .cedar file
)

// kindOf tells a config (a mapping with enablement or member and no
// Resources) and a .cedar file from a template, by extension and content.
func kindOf(path string) inputKind {
	if strings.EqualFold(filepath.Ext(path), ".cedar") {
		return cedarInput
	}
	data, err := safeio.ReadFile(path, config.MaxFileSize)
	if err != nil {
		return templateInput // the template reader says why it cannot be read
	}
	top, err := cfn.Parse(data)
	if err != nil || top["Resources"] != nil {
		return templateInput
	}
	if _, ok := top["enablement"]; ok {
		return configInput
	}
	if _, ok := top["member"]; ok {
		return configInput
	}
	return templateInput
}

// configFindings loads a config with the loader the bundled app uses (its
// cedarFiles read next to it, no Node.js started) and returns its problems
// and warnings, each at its file and line.
func configFindings(path string) []template.Finding {
	cfg, err := config.LoadFile(path)
	var out []template.Finding
	add := func(severity string, p check.Problem) {
		out = append(out, template.Finding{File: p.Path, Severity: severity, Field: p.Field, Value: p.Value, Message: p.Message})
	}
	var all *check.Error
	switch {
	case err == nil:
		for _, w := range cfg.Warnings() {
			add("warning", w)
		}
	case errors.As(err, &all):
		for _, p := range all.Problems {
			add("error", p)
		}
		for _, w := range all.Warnings {
			add("warning", w)
		}
	default:
		add("error", check.Problem{Path: path, Message: err.Error()})
	}
	return out
}

// cedarFindings checks a .cedar file against the JITNA schema, either
// effect allowed (a file does not say whether it is an auto-approval or a
// deny-access policy).
func cedarFindings(path string) ([]template.Finding, error) {
	data, err := safeio.ReadFile(path, policy.MaxCedarFileSize)
	if err != nil {
		return nil, err
	}
	var out []template.Finding
	for _, iss := range cedar.Check(string(data), cedar.AnyEffect) {
		file := path
		if iss.Line > 0 {
			file = fmt.Sprintf("%s:%d", path, iss.Line)
		}
		out = append(out, template.Finding{File: file, Severity: "error", Message: iss.Error()})
	}
	return out, nil
}
