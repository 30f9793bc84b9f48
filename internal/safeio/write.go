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
// folder, renamed over path once complete: a reader never sees half a file,
// and a symbolic link at path is replaced, not followed. It checks path with
// CheckWritable first.
func WriteFile(path string, data []byte, overwrite bool) error {
	if err := CheckWritable(path, overwrite); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, nothing is left to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
