package safeio

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A file is read whole at its limit and refused one byte above it.
func TestReadFileLimit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	for size, ok := range map[int]bool{0: true, 9: true, 10: true, 11: false} {
		require.NoError(t, os.WriteFile(path, []byte(strings.Repeat("x", size)), 0o600))
		data, err := ReadFile(path, 10)
		if ok {
			require.NoError(t, err, size)
			assert.Len(t, data, size)
			continue
		}
		assert.ErrorIs(t, err, ErrTooLarge, size)
		assert.EqualError(t, err, "read "+path+": too large: 11 bytes or more, the limit is 10")
		assert.Nil(t, data)
	}
}

// What is not a regular file is refused before it is read: a directory, a
// named pipe (which would block), a device that never ends.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	require.NoError(t, err)
	defer l.Close()
	for path, kind := range map[string]string{dir: "a directory", fifo: "a named pipe", "/dev/zero": "a device", sock: "a socket"} {
		start := time.Now()
		_, err := ReadFile(path, 1<<20)
		assert.ErrorIs(t, err, ErrNotRegular, path)
		assert.EqualError(t, err, "read "+path+": not a regular file: it is "+kind)
		assert.Less(t, time.Since(start), 2*time.Second, path)
	}
	_, err = ReadFile(filepath.Join(dir, "missing"), 10)
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

// A file system's files are bounded the same way; a file whose Stat lies
// about its size is still cut at the limit.
func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{"a.txt": {Data: []byte("hello")}, "d/b.txt": {Data: []byte("x")}}
	data, err := ReadFS(fsys, "a.txt", 5)
	require.NoError(t, err)
	assert.Equal(t, "hello", string(data))
	_, err = ReadFS(fsys, "a.txt", 4)
	assert.ErrorIs(t, err, ErrTooLarge)
	_, err = ReadFS(fsys, "d", 4)
	assert.ErrorIs(t, err, ErrNotRegular)
	_, err = ReadFS(lyingFS{fsys}, "a.txt", 4)
	assert.ErrorIs(t, err, ErrTooLarge, "the limit holds whatever Stat says")
	assert.False(t, errors.Is(err, ErrNotRegular))
}

// lyingFS reports every file as empty.
type lyingFS struct{ fstest.MapFS }

func (l lyingFS) Open(name string) (fs.File, error) {
	f, err := l.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return lyingFile{f}, nil
}

func (l lyingFS) Stat(name string) (fs.FileInfo, error) {
	f, err := l.Open(name)
	if err != nil {
		return nil, err
	}
	return f.Stat()
}

type lyingFile struct{ fs.File }

func (l lyingFile) Stat() (fs.FileInfo, error) {
	info, err := l.File.Stat()
	return emptyInfo{info}, err
}

type emptyInfo struct{ fs.FileInfo }

func (emptyInfo) Size() int64 { return 0 }

// WriteFile refuses what is there unless told to overwrite, never follows a
// link (it replaces it), never replaces a folder, and leaves no temporary
// file behind.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	require.NoError(t, WriteFile(path, []byte("one"), false))
	assert.ErrorIs(t, WriteFile(path, []byte("two"), false), ErrExists)
	data, _ := os.ReadFile(path)
	assert.Equal(t, "one", string(data))
	require.NoError(t, WriteFile(path, []byte("two"), true))
	data, _ = os.ReadFile(path)
	assert.Equal(t, "two", string(data))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())

	target := filepath.Join(t.TempDir(), "target")
	require.NoError(t, os.WriteFile(target, []byte("keep"), 0o600))
	link := filepath.Join(dir, "link.json")
	require.NoError(t, os.Symlink(target, link))
	err = WriteFile(link, []byte("x"), false)
	assert.ErrorIs(t, err, ErrExists)
	assert.EqualError(t, err, "write "+link+": already exists as a symbolic link, which is not followed")
	require.NoError(t, WriteFile(link, []byte("x"), true))
	data, _ = os.ReadFile(target)
	assert.Equal(t, "keep", string(data), "the link's target is untouched")
	data, _ = os.ReadFile(link)
	assert.Equal(t, "x", string(data))

	assert.EqualError(t, WriteFile(dir, []byte("x"), true), "write "+dir+": is a folder")
	assert.Error(t, WriteFile(filepath.Join(dir, "missing", "f"), []byte("x"), false))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 2, "out.json and link.json, no temporary file")
}

// Writers racing for one path without overwrite: exactly one writes, the
// others fail with ErrExists; the file holds the winner's data whole.
func TestWriteFileIsExclusive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "member.json")
	const writers = 8
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- WriteFile(path, []byte(strings.Repeat(strconv.Itoa(i), 1000)), false)
		}()
	}
	wg.Wait()
	close(errs)
	won := 0
	for err := range errs {
		if err == nil {
			won++
			continue
		}
		assert.ErrorIs(t, err, ErrExists)
	}
	assert.Equal(t, 1, won)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat(string(data[:1]), 1000), string(data))
	entries, _ := os.ReadDir(filepath.Dir(path))
	assert.Len(t, entries, 1, "no temporary file left")
}

// A folder that cannot be written to: the error names the path asked for,
// not a temporary file.
func TestWriteFileErrorNamesThePath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing", "member.json")
	assert.EqualError(t, WriteFile(missing, []byte("x"), false), "write "+missing+": no such file or directory")
	if os.Getuid() == 0 {
		t.Skip("root writes to read-only folders")
	}
	dir := t.TempDir()
	require.NoError(t, os.Chmod(dir, 0o500))
	defer os.Chmod(dir, 0o700)
	path := filepath.Join(dir, "member.json")
	err := WriteFile(path, []byte("x"), false)
	require.Error(t, err)
	assert.Equal(t, "write "+path+": permission denied", err.Error())
}

// On a file system without hard links, the file is created exclusively
// instead: written whole once, refused when there, and errors name path.
func TestWriteFileWithoutHardLinks(t *testing.T) {
	noLinks := func(oldname, newname string) error {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: syscall.EPERM}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "member.json")
	require.NoError(t, writeFile(path, []byte("one"), false, noLinks))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "one", string(data))
	err = writeFile(path, []byte("two"), false, noLinks)
	assert.ErrorIs(t, err, ErrExists)
	data, _ = os.ReadFile(path)
	assert.Equal(t, "one", string(data), "kept")
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file left")

	// Another writer that creates path while this one has no hard link:
	// the exclusive create refuses, and nothing of this one is written.
	racer := func(_, newname string) error {
		require.NoError(t, os.WriteFile(newname, []byte("theirs"), 0o600))
		return &os.LinkError{Op: "link", Err: syscall.EPERM}
	}
	raced := filepath.Join(dir, "raced.json")
	assert.ErrorIs(t, writeFile(raced, []byte("mine"), false, racer), ErrExists)
	data, _ = os.ReadFile(raced)
	assert.Equal(t, "theirs", string(data))

	// A link refused because path appeared meanwhile is that, not a reason
	// to fall back.
	exists := func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EEXIST} }
	err = writeFile(filepath.Join(dir, "other.json"), []byte("x"), false, exists)
	assert.ErrorIs(t, err, ErrExists)
	assert.EqualError(t, err, "write "+filepath.Join(dir, "other.json")+": already exists")
	_, statErr := os.Stat(filepath.Join(dir, "other.json"))
	assert.ErrorIs(t, statErr, fs.ErrNotExist, "not created by a fallback")
}
