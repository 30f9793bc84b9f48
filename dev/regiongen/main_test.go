package main

import (
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The committed list is what the generator writes from the version its
// go:generate directive names: nobody edited it by hand, and a version
// raised in the directive without regenerating fails here.
func TestTheListIsGenerated(t *testing.T) {
	directive, err := os.ReadFile("../../jitna/region/region.go")
	require.NoError(t, err)
	m := regexp.MustCompile(`//go:generate go run \S+ -version (\S+) -out list.go`).FindSubmatch(directive)
	require.NotNil(t, m, "the go:generate directive of package region")
	want, err := os.ReadFile("../../jitna/region/list.go")
	require.NoError(t, err)
	got, err := generate(string(m[1]))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "run go generate ./jitna/region")
}

func TestParse(t *testing.T) {
	parts, err := parse([]byte(`{"partitions":[
		{"id":"b","regionRegex":"^b-\\w+-\\d+$","regions":{"b-x-2":{},"b-x-1":{},"b-global":{}}},
		{"id":"a","regionRegex":"^a-\\w+-\\d+$","regions":{"a-x-1":{}}}]}`))
	require.NoError(t, err)
	assert.Equal(t, []partition{
		{ID: "a", Pattern: `^a-\w+-\d+$`, Regions: []string{"a-x-1"}},
		{ID: "b", Pattern: `^b-\w+-\d+$`, Regions: []string{"b-x-1", "b-x-2"}},
	}, parts, "sorted, without the -global pseudo-Regions")

	for name, data := range map[string]string{
		"not JSON":      `{`,
		"no partitions": `{"partitions":[]}`,
		"no pattern":    `{"partitions":[{"id":"a","regions":{"a-x-1":{}}}]}`,
		"only global":   `{"partitions":[{"id":"a","regionRegex":"x","regions":{"aws-global":{}}}]}`,
	} {
		_, err := parse([]byte(data))
		assert.Error(t, err, name)
	}
}

func TestRender(t *testing.T) {
	src, err := render("v9.9.9", time.Date(2030, 1, 2, 23, 0, 0, 0, time.UTC), []partition{{ID: "a", Pattern: `^a-\w+-\d+$`, Regions: []string{"a-x-1", "a-y-1"}}})
	require.NoError(t, err)
	s := string(src)
	assert.Contains(t, s, "DO NOT EDIT")
	assert.Contains(t, s, `const Source = "github.com/aws/aws-sdk-go-v2 v9.9.9"`)
	assert.Contains(t, s, `const AsOf = "2030-01-02"`)
	assert.Contains(t, s, `case "a-x-1", "a-y-1":`)
	assert.Contains(t, s, `return "^a-\\w+-\\d+$"`)
}
