// Command compat tests the library against the oldest and the newest
// aws-cdk-go of its supported range, each in a temporary copy of the
// repository: it sets the version (go get), builds the library, the examples
// and dev/usercheck (a user's module), runs the construct tests (their golden
// templates included) and dev/usercheck's tests, synthesizes every example
// app as make synth-examples does, and compares the templates of the two
// versions, which must be equal.
//
//	go run ./dev/compat -oldest v2.276.0 -newest v2.277.0   (make compat)
//
// It runs from the repository's root, with the pinned Node.js and CDK CLI on
// PATH (make puts them there); the copies share them through a symbolic link
// to .tools/node_modules and are removed afterwards.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"
)

// module is the Go module whose version is set.
const module = "github.com/aws/aws-cdk-go/awscdk/v2"

// constructTests are the packages whose tests build constructs (and compare
// golden templates).
var constructTests = []string{"./jitna/...", "./examples/...", "./cmd/..."}

func main() {
	oldest := flag.String("oldest", "", "the oldest aws-cdk-go release supported (vX.Y.Z)")
	newest := flag.String("newest", "", "the newest aws-cdk-go release supported (vX.Y.Z)")
	flag.Parse()
	if *oldest == "" || *newest == "" {
		fmt.Fprintln(os.Stderr, "compat: -oldest and -newest are required")
		os.Exit(2)
	}
	if err := run(*oldest, *newest); err != nil {
		fmt.Fprintln(os.Stderr, "compat:", err)
		os.Exit(1)
	}
	fmt.Printf("compat: aws-cdk-go %s and %s: the library, the examples and dev/usercheck build and pass their tests; the templates are equal\n", *oldest, *newest)
}

func run(oldest, newest string) error {
	work, err := os.MkdirTemp("", "jitna-compat-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	outs := map[string]string{}
	for _, v := range []string{oldest, newest} {
		start := time.Now()
		out, err := check(work, v)
		if err != nil {
			return fmt.Errorf("aws-cdk-go %s: %w", v, err)
		}
		outs[v] = out
		fmt.Printf("compat: aws-cdk-go %s: passed in %s\n", v, time.Since(start).Round(time.Second))
	}
	return compare(outs[oldest], outs[newest])
}

// check copies the repository, sets aws-cdk-go to version, and builds,
// tests and synthesizes there. It returns the folder of the templates.
func check(work, version string) (string, error) {
	repo := filepath.Join(work, version, "repo")
	if err := copyTracked(repo); err != nil {
		return "", err
	}
	tools, err := filepath.Abs(filepath.Join(".tools", "node_modules"))
	if err != nil {
		return "", err
	}
	if err := os.Symlink(tools, filepath.Join(repo, ".tools", "node_modules")); err != nil {
		return "", err
	}
	out := filepath.Join(work, version, "out")
	usercheck := filepath.Join(repo, "dev", "usercheck")
	steps := []struct {
		dir  string
		args []string
	}{
		{repo, []string{"go", "get", module + "@" + version}},
		{repo, []string{"go", "mod", "tidy"}},
		{repo, []string{"go", "build", "./..."}},
		{repo, append([]string{"go", "test", "-count=1"}, constructTests...)},
		// make must not reinstall the shared toolchain: -o marks it done.
		{repo, []string{"make", "-o", "tools", "-o", ".tools/node_modules/.installed", "synth-examples", "OUT=" + out}},
		{usercheck, []string{"go", "get", module + "@" + version}},
		{usercheck, []string{"go", "mod", "tidy"}},
		{usercheck, []string{"go", "build", "./..."}},
		{usercheck, []string{"go", "test", "-count=1", "./..."}},
	}
	for _, s := range steps {
		if err := command(s.dir, s.args...); err != nil {
			return "", err
		}
	}
	list := exec.Command("go", "list", "-m", "-f", "{{.Version}}", module)
	list.Dir = repo
	got, err := list.Output()
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(string(got)) != version {
		return "", fmt.Errorf("the copy builds with %s", strings.TrimSpace(string(got)))
	}
	return out, nil
}

// command runs args in dir, with the environment of GOSUMDB off: the
// versions set here may have no hash in go.sum, and this machine reaches the
// module proxy, not the checksum database.
func command(dir string, args ...string) error {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOSUMDB=off", "GOFLAGS=-mod=mod")
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s (in %s): %w\n%s", strings.Join(args, " "), dir, err, buf.String())
	}
	return nil
}

// copyTracked copies the files git tracks (and those not yet committed but
// not ignored) into dir.
func copyTracked(dir string) error {
	list, err := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		return fmt.Errorf("git ls-files: %w", err)
	}
	for _, name := range strings.Split(strings.TrimRight(string(list), "\x00"), "\x00") {
		info, err := os.Lstat(name)
		if err != nil || !info.Mode().IsRegular() {
			continue // deleted in the work tree, or not a file
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		target := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, data, info.Mode().Perm()); err != nil {
			return err
		}
	}
	return nil
}

// compare checks that the two folders hold the same templates with equal
// content (as JSON values).
func compare(a, b string) error {
	ta, err := templates(a)
	if err != nil {
		return err
	}
	tb, err := templates(b)
	if err != nil {
		return err
	}
	var problems []string
	for name, va := range ta {
		vb, ok := tb[name]
		switch {
		case !ok:
			problems = append(problems, name+": only with the oldest")
		case !reflect.DeepEqual(va, vb):
			problems = append(problems, name+": differs")
		}
	}
	for name := range tb {
		if _, ok := ta[name]; !ok {
			problems = append(problems, name+": only with the newest")
		}
	}
	if len(ta) == 0 {
		problems = append(problems, "no template was synthesized")
	}
	sort.Strings(problems)
	if len(problems) > 0 {
		return fmt.Errorf("the templates of the two versions differ:\n%s", strings.Join(problems, "\n"))
	}
	fmt.Printf("compat: %d templates, equal for both versions\n", len(ta))
	return nil
}

// templates reads every *.template.json below dir, by relative path.
func templates(dir string) (map[string]any, error) {
	out := map[string]any{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".template.json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		rel, _ := filepath.Rel(dir, path)
		out[rel] = v
		return nil
	})
	return out, err
}
