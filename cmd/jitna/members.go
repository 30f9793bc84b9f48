package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/template"
)

// membersCmd is `jitna members`: it writes the inline member templates of the
// StackSets in templates to files, so that tools that read template files
// (cfn-lint) can check them too.
func membersCmd(args []string, stdout, stderr io.Writer) int {
	fs := newCommand("jitna members", stderr)
	out := fs.String("out", "", "the folder to write <template>-<StackSet>.template.json files to")
	if !fs.parse(args) {
		return exitUsage
	}
	if *out == "" || fs.NArg() == 0 {
		return fs.fail(fmt.Errorf("usage: jitna members --out DIR FILE|DIR..."))
	}
	files, err := template.Files(fs.Args())
	if err != nil {
		return fs.fail(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fs.fail(err)
	}
	for _, f := range files {
		t, err := template.ReadFile(f)
		if err != nil {
			return fs.fail(err)
		}
		base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), ".template")
		for _, m := range t.StackSets {
			data, err := json.MarshalIndent(m.Raw, "", " ")
			if err != nil {
				return fs.fail(err)
			}
			path := filepath.Join(*out, base+"-"+m.Name+".template.json")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				return fs.fail(err)
			}
			fmt.Fprintln(stdout, path)
		}
	}
	return exitOK
}
