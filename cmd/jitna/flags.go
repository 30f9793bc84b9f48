package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/region"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/simulate"
)

// repeated is a flag that may be given several times.
type repeated []string

// String and Set make repeated a flag.Value.
func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// newRegions is the --new-region flag: Regions opened after the region
// package's list, R[,R…], repeatable; each must follow a partition's naming
// pattern.
type newRegions []string

// String and Set make newRegions a flag.Value.
func (r *newRegions) String() string { return strings.Join(*r, ",") }
func (r *newRegions) Set(v string) error {
	names := strings.Split(v, ",")
	c := check.New()
	region.CheckNewer(c, "", names)
	var problems []string
	for _, p := range check.Problems(c.Err()) {
		p.Field = "" // the flag names itself
		problems = append(problems, p.Error())
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	*r = append(*r, names...)
	return nil
}

// tagFlag is a K=V[,K=V…] flag.
type tagFlag map[string]string

// String and Set make tagFlag a flag.Value.
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

// command is a subcommand's flags, --output among them.
type command struct {
	*flag.FlagSet
	name   string
	output *string
	stderr io.Writer
	// positional says whether the command takes arguments after its flags
	// (files); others refuse them.
	positional bool
	// outputs are the formats --output takes. Default: text and json.
	outputs []string
}

// newCommand starts a subcommand's flags. synopsis is its usage line after
// "jitna", about what it does in a sentence, example one command line; the
// three and the flags are its --help.
func newCommand(name, synopsis, about, example string, stderr io.Writer) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: jitna %s\n\n%s\n\nflags:\n", synopsis, about)
		fs.PrintDefaults()
		fmt.Fprintf(fs.Output(), "\nexample:\n  %s\n", example)
	}
	return &command{FlagSet: fs, name: name, stderr: stderr,
		output: fs.String("output", "text", "output format: text or json")}
}

// parse reads the flags and checks --output. ok false means: return code
// (exitOK after --help, which printed the usage; exitUsage after a problem,
// which has been printed).
func (c *command) parse(args []string) (code int, ok bool) {
	if err := c.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) { // the usage is printed
			return exitOK, false
		}
		return exitUsage, false
	}
	if c.NArg() > 0 && !c.positional {
		// The flag package stops at the first argument that is not a flag:
		// every flag after it would be dropped without a word.
		hint := ""
		if c.Lookup("template") != nil {
			hint = " (give each template with its own --template)"
		}
		return c.fail(fmt.Errorf("unexpected argument %q: this command takes flags only%s; the flags after it were not read", c.Arg(0), hint)), false
	}
	outputs := c.outputs
	if outputs == nil {
		outputs = []string{"text", "json"}
	}
	if !slices.Contains(outputs, *c.output) {
		return c.fail(fmt.Errorf("--output %q: must be %s", *c.output, strings.Join(outputs, " or "))), false
	}
	return exitOK, true
}

// fail prints err as the command's and returns exitUsage.
func (c *command) fail(err error) int {
	fmt.Fprintf(c.stderr, "%s: %s\n", c.name, plainLines(err.Error()))
	return exitUsage
}

// json reports whether JSON output was asked for.
func (c *command) json() bool { return *c.output == "json" }

// writeJSON prints v indented.
func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
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
