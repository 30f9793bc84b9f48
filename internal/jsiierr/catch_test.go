package jsiierr

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCatch(t *testing.T) {
	msg, ok := Catch(func() {})
	assert.True(t, ok)
	assert.Empty(t, msg)
	msg, ok = Catch(func() { panic(errors.New("  Error: no such stack\n")) })
	assert.False(t, ok)
	assert.Equal(t, "Error: no such stack", msg)
	msg, ok = Catch(func() { panic(42) })
	assert.False(t, ok)
	assert.Equal(t, "42", msg)
}
