package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/internal/safeio"
	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// membersCmd is `jitna members`: it writes the inline member templates of the
// StackSets in templates to files, so that tools that read template files
// (cfn-lint) can check them too. Every input is read and every output named
// and checked before anything is written: a bad input writes nothing.
func membersCmd(args []string, stdout, stderr io.Writer) int {
	fs := newCommand("jitna members", "members --out DIR [--force] FILE|DIR...",
		"Write the inline member templates of the templates' StackSets to files, <template>-<StackSet>.template.json,\nso that tools that read template files (cfn-lint) check them too. Nothing is written when an input is bad.",
		"jitna members --out cdk.out/members cdk.out && cfn-lint cdk.out/members/*.template.json", stderr)
	fs.positional = true
	out := fs.String("out", "", "the folder to write <template>-<StackSet>.template.json files to")
	force := fs.Bool("force", false, "replace files (or symbolic links) already in the folder; a link is replaced, never followed")
	if code, ok := fs.parse(args); !ok {
		return code
	}
	if *out == "" || fs.NArg() == 0 {
		return fs.fail(fmt.Errorf("usage: jitna members --out DIR [--force] FILE|DIR..."))
	}
	files, err := template.Files(fs.Args())
	if err != nil {
		return fs.fail(err)
	}
	outputs, err := memberOutputs(files, *out)
	if err != nil {
		return fs.fail(err)
	}
	for _, o := range outputs {
		if err := safeio.CheckWritable(o.path, *force); err != nil {
			return fs.fail(fmt.Errorf("%w: nothing was written (pass --force to replace what is there)", err))
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fs.fail(err)
	}
	for _, o := range outputs {
		if err := safeio.WriteFile(o.path, o.data, *force); err != nil {
			return fs.fail(err)
		}
		fmt.Fprintln(stdout, o.path)
	}
	if len(outputs) == 0 {
		fmt.Fprintln(stderr, "jitna members: no StackSet with a member template at hand in "+strings.Join(fs.Args(), ", ")+": nothing written (jitna validate notes a StackSet it could not read)")
	}
	return exitOK
}

// memberOutput is one member template to write.
type memberOutput struct {
	path string
	data []byte
}

// memberOutputs reads every file and names each member template's output in
// dir; two member templates given the same name are an error.
func memberOutputs(files []string, dir string) ([]memberOutput, error) {
	var outputs []memberOutput
	from := map[string]string{} // file name -> what it holds
	for _, f := range files {
		t, err := template.ReadFile(f)
		if err != nil {
			return nil, err
		}
		base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), ".template")
		for _, m := range t.StackSets {
			data, err := json.MarshalIndent(m.Raw, "", " ")
			if err != nil {
				return nil, err
			}
			name := memberFileName(base, m.Name)
			what := f + " " + m.Name
			if prev, dup := from[name]; dup {
				return nil, fmt.Errorf("%s and %s would both be written to %s: give the inputs different file names; nothing was written", prev, what, name)
			}
			from[name] = what
			outputs = append(outputs, memberOutput{path: filepath.Join(dir, name), data: data})
		}
	}
	return outputs, nil
}

// unsafeInName is what a file name made from a template and a logical id
// may not hold: a logical id read from a hostile template may hold
// separators or "..".
var unsafeInName = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// memberFileName names the file of a member template: a plain file name of
// letters, digits, '.', '_' and '-' (others become '_', a nested StackSet's
// "/" becomes '-'), that never starts with a dot.
func memberFileName(base, stackSet string) string {
	name := unsafeInName.ReplaceAllString(base+"-"+strings.ReplaceAll(stackSet, "/", "-"), "_")
	return strings.TrimLeft(name, ".") + ".template.json"
}
