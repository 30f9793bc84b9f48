// Package jsiierr turns the panics jsii raises for JavaScript errors into Go
// values, as the library, its test helpers and the examples catch them, and
// stops the jsii runtime without its noise.
package jsiierr

import (
	"fmt"
	"strings"
)

// Catch runs fn and returns the message of a panic it raises (a jsii error
// arrives as one), trimmed, with ok false; ok is true when fn returns.
func Catch(fn func()) (msg string, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, ok = Message(r), false
		}
	}()
	fn()
	return "", true
}

// Message is the text of a recovered panic value.
func Message(r any) string { return strings.TrimSpace(fmt.Sprint(r)) }
