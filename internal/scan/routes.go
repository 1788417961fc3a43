package scan

import (
	"github.com/rlcheck/rlcheck/analyzers/python"
	"github.com/rlcheck/rlcheck/internal/finding"
	"github.com/rlcheck/rlcheck/internal/routes"
)

// Routes finds the inputs under the given paths and returns the HTTP
// routes of their applications, with the limit that covers each, and the
// problems met on the way. The configuration's excludes and include-tests
// choose the files, as for Run.
func Routes(opts Options) ([]routes.Route, []finding.Notification, error) {
	loader, in, _, err := find(opts)
	if err != nil {
		return nil, nil, err
	}
	read, notes := readPython(in.PythonFiles, opts, loader, newSourceSet())
	rs, pyNotes := python.Routes(read, pythonRoots(opts))
	return rs, append(notes, pyNotes...), nil
}
