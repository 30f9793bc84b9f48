package safeio

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is wrapped by the error of a write that would replace a file.
var ErrExists = errors.New("already exists")

// CheckWritable reports whether WriteFile may write path: nothing there, or,
// with overwrite, a regular file or a symbolic link (the link itself is
// replaced, never followed). A folder is never replaced.
func CheckWritable(path string, overwrite bool) error {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case info.IsDir():
		return &fs.PathError{Op: "write", Path: path, Err: errors.New("is a folder")}
	case overwrite:
		return nil
	case info.Mode()&fs.ModeSymlink != 0:
		return &fs.PathError{Op: "write", Path: path, Err: fmt.Errorf("%w as a symbolic link, which is not followed", ErrExists)}
	default:
		return &fs.PathError{Op: "write", Path: path, Err: ErrExists}
	}
}

// WriteFile writes data to path through a temporary file in the same
// folder, moved to path once complete: a reader never sees half a file,
// and a symbolic link at path is replaced, not followed. Without
// overwrite the move is exclusive (a hard link, which fails when path
// exists), so that of two writers racing for one path, one fails rather
// than both "succeeding". It checks path with CheckWritable first. Errors
// name path, never the temporary file.
func WriteFile(path string, data []byte, overwrite bool) error {
	return writeFile(path, data, overwrite, os.Link)
}

// writeFile is WriteFile with the hard-link call given (a file system
// without hard links refuses it: path is then created exclusively).
func writeFile(path string, data []byte, overwrite bool, link func(oldname, newname string) error) error {
	if err := CheckWritable(path, overwrite); err != nil {
		return err
	}
	fail := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if errors.Is(err, fs.ErrExist) {
			err = ErrExists
		}
		return &fs.PathError{Op: "write", Path: path, Err: err}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name()) // after the move, nothing is left to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if overwrite {
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fail(err)
		}
		return nil
	}
	err = link(tmp.Name(), path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return errOrNil(err, fail)
	}
	// A file system without hard links: create path exclusively instead.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fail(err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fail(err)
	}
	return errOrNil(f.Close(), fail)
}

// errOrNil returns nil for nil, else wrap(err).
func errOrNil(err error, wrap func(error) error) error {
	if err == nil {
		return nil
	}
	return wrap(err)
}
