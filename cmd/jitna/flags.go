package main

import (
	"fmt"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// repeated is a flag that may be given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// tagFlag is a K=V[,K=V…] flag.
type tagFlag map[string]string

func (t tagFlag) String() string { return fmt.Sprint(map[string]string(t)) }
func (t tagFlag) Set(v string) error {
	tags, err := simulate.ParseTags(v, ",")
	if err != nil {
		return err
	}
	for k, val := range tags {
		t[k] = val
	}
	return nil
}

// outputFlag checks --output.
func outputFlag(v string) error {
	if v != "text" && v != "json" {
		return fmt.Errorf("--output %q: must be text or json", v)
	}
	return nil
}

// loadPolicies reads the templates' policies and compiles them.
func loadPolicies(templates []string) (*simulate.Simulator, error) {
	if len(templates) == 0 {
		return nil, fmt.Errorf("give at least one --template FILE")
	}
	p, err := simulate.FromTemplateFiles(templates...)
	if err != nil {
		return nil, err
	}
	return simulate.New(p)
}
