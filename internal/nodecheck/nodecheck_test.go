package nodecheck

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheck(t *testing.T) {
	t.Setenv("JSII_NODE", "/opt/node/bin/node")
	for out, want := range map[string]string{
		"v24.11.1\n": "",
		"v22.0.0":    "",
		"v21.7.3":    "Node.js v21.7.3 (/opt/node/bin/node) is older than the 22 the AWS CDK's jsii runtime supports: put Node.js 22 or newer first on PATH, or set JSII_NODE to it",
		"v20.20.2\n": "Node.js v20.20.2 (/opt/node/bin/node) is older than the 22",
		"banana":     `Node.js (/opt/node/bin/node) gave the version "banana", which is not one`,
	} {
		got := Check(func(node string) (string, error) {
			assert.Equal(t, "/opt/node/bin/node", node)
			return out, nil
		})
		if want == "" {
			assert.Empty(t, got, out)
			continue
		}
		assert.Contains(t, got, want, out)
		assert.NotContains(t, got, "\n", "one line")
	}
	got := Check(func(string) (string, error) { return "", errors.New("exec: not found") })
	assert.Equal(t, "Node.js (/opt/node/bin/node) cannot be run: exec: not found. The AWS CDK needs Node.js 22 or newer: put it first on PATH, or set JSII_NODE to it", got)
}

func TestBinary(t *testing.T) {
	t.Setenv("JSII_NODE", "")
	assert.Equal(t, "node", Binary())
	t.Setenv("JSII_NODE", "/x/node")
	assert.Equal(t, "/x/node", Binary())
}

func TestMajor(t *testing.T) {
	for v, want := range map[string]int{"v24.11.1": 24, "22.1.0": 22, "v8.0.0": 8} {
		got, ok := Major(v)
		assert.True(t, ok, v)
		assert.Equal(t, want, got, v)
	}
	for _, v := range []string{"", "v", "v24", "x24.1.1"} {
		_, ok := Major(v)
		assert.False(t, ok, v)
	}
}
