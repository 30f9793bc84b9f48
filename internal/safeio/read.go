// Package safeio reads the files a user names and writes the files a command
// produces, within fixed bounds: a reader refuses what is not a regular file
// (a FIFO would block, /dev/zero never ends) and reads at most a limit, so
// that no input makes the process wait forever or hold more than the limit.
//
// Every read of a user-supplied path in the repository goes through
// ReadFile or ReadFS.
package safeio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrTooLarge is wrapped by the error of a file over its limit.
var ErrTooLarge = errors.New("too large")

// ErrNotRegular is wrapped by the error of a path that is not a regular file
// (a directory, a named pipe, a device, a socket).
var ErrNotRegular = errors.New("not a regular file")

// ReadFile reads the regular file at path, at most limit bytes. Its errors
// name the path.
func ReadFile(path string, limit int64) ([]byte, error) {
	return ReadFS(osFS{}, path, limit)
}

// ReadFS reads the regular file name from fsys, at most limit bytes. What is
// not a regular file is refused before it is opened (opening a named pipe
// waits for a writer); the read itself stops one byte past the limit, so a
// file replaced after the check is bounded too.
func ReadFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(name, info.Mode())
	}
	if info.Size() > limit {
		return nil, tooLarge(name, info.Size(), limit)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(name, int64(len(data)), limit)
	}
	return data, nil
}

func tooLarge(name string, size, limit int64) error {
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w: %d bytes or more, the limit is %d", ErrTooLarge, size, limit)}
}

func notRegular(name string, mode fs.FileMode) error {
	kind := "a special file"
	switch {
	case mode.IsDir():
		kind = "a directory"
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	}
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w: it is %s", ErrNotRegular, kind)}
}

// osFS opens paths as the os package does (absolute, relative to the
// working directory), which os.DirFS cannot.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error)     { return os.Open(name) }
func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }
