// Package strictjson decodes JSON that people write (inventories, lists of
// requesters, templates) without letting a mistake through: a key given
// twice, a key the type does not have, or a second value after the first is
// an error, where encoding/json keeps the last key, drops the unknown one
// and stops reading after the first value.
package strictjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Decode decodes data, one JSON value, into v, refusing unknown fields,
// repeated keys and anything after the value.
func Decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("line %d: more after the JSON value: give one value", lineAt(data, dec.InputOffset()))
	}
	return RepeatedKeys(data)
}

// lineAt is the line of data's byte offset.
func lineAt(data []byte, offset int64) int {
	return 1 + bytes.Count(data[:min(offset, int64(len(data)))], []byte("\n"))
}

// RepeatedKeys reports the first key repeated in a JSON object of valid JSON
// data, with its line: encoding/json keeps the last of them, which would
// deploy a value the author may not have meant (YAML readers refuse
// them too).
func RepeatedKeys(data []byte) error {
	type frame struct {
		keys    map[string]bool // nil for an array
		wantKey bool
	}
	var stack []*frame
	// valueDone marks the value of the innermost object's key as read.
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].keys != nil {
			stack[n-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // io.EOF: the data is valid JSON, read whole
		}
		top := (*frame)(nil)
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, &frame{keys: map[string]bool{}, wantKey: true})
			case '[':
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
				valueDone()
			}
		case string:
			if top != nil && top.wantKey {
				if top.keys[t] {
					return fmt.Errorf("line %d: key %q is repeated", lineAt(data, dec.InputOffset()), t)
				}
				top.keys[t], top.wantKey = true, false
				continue
			}
			valueDone()
		default:
			valueDone()
		}
	}
}
