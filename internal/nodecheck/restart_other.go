//go:build !unix

package nodecheck

// restart cannot replace the process here: the runtime's banner follows
// Warn's line.
func restart([]string) {}
