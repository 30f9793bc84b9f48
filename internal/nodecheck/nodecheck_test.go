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

// Every banner of the runtime is silenced once the one line is printed:
// the end-of-life one by major version, added to a list already set.
func TestSilence(t *testing.T) {
	assert.Equal(t, map[string]string{
		"JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION":   "1",
		"JSII_SILENCE_WARNING_KNOWN_BROKEN_NODE_VERSION": "1",
		"JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION":     "1",
		"JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION":  "20",
	}, silence("", "20"))
	assert.Equal(t, "18,20", silence("18", "20")["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"])
	assert.NotContains(t, silence("", ""), "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "no version read: nothing to list")
}

// The program starts again only when some banner is not silenced yet.
func TestSilenced(t *testing.T) {
	for k, v := range silence("", "20") {
		t.Setenv(k, v)
	}
	assert.True(t, silenced("20"))
	assert.True(t, silenced(""), "no version read: the other banners")
	assert.False(t, silenced("18"), "another major is not listed")
	t.Setenv("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18, 20")
	assert.True(t, silenced("20"), "the runtime trims each entry")
	t.Setenv("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,200")
	assert.False(t, silenced("20"), "an entry is a whole version")
	t.Setenv("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20")
	assert.True(t, silenced("20"))
	t.Setenv("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "")
	assert.False(t, silenced("20"))
}
