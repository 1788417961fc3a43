// Package safefile reads files of a tree that rlcheck does not control
// without letting them hang or exhaust it: a named pipe would block the
// read forever, a device (a symlink to /dev/zero) never ends, a huge file
// would be held in memory whole.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrTooLarge is the error of Read for a file longer than its limit.
var ErrTooLarge = errors.New("file too large")

// Read returns the contents of the regular file at path, following
// symlinks. Anything else (a named pipe, a device, a socket, a directory)
// is refused before it is opened, and checked again on the open file, so
// that swapping the file in between does not help. At most limit+1 bytes
// are read: a longer file yields an error wrapping ErrTooLarge, whatever
// its size claims to be.
func Read(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(info); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(info); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: larger than %s", ErrTooLarge, Size(limit))
	}
	return data, nil
}

// regular refuses what is not a regular file, naming what it is.
func regular(info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	return fmt.Errorf("not a regular file but %s", Kind(info.Mode()))
}

// Kind names the type of a file that is not a regular file: "a directory",
// "a named pipe", "a device", "a socket", "a symlink".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symlink"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// Size writes a byte count for people: "1 MiB", "512 KiB", "300 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
