// Package deploy reads what a repository says about how its service runs:
// how many worker processes serve requests (gunicorn, uvicorn, hypercorn
// command lines and settings, WEB_CONCURRENCY) and how many replicas run
// (Kubernetes workloads, Helm values, Compose services). Rules about state
// held in process memory (RL011) weigh their findings with it: a limit
// kept per process is divided by the number of processes.
//
// It looks at Dockerfiles, Procfiles, Compose files, Kubernetes manifests
// and Helm values (read with a YAML parser), and gunicorn configuration
// files, near the top of each scanned directory.
package deploy

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rlcheck/rlcheck/internal/safefile"
)

// Fact is one piece of evidence: a count and where it was read.
type Fact struct {
	Count int    // processes or replicas; Many for "more than one, how many unknown"
	Path  string // the file, absolute
	Line  int    // 1-based, 0 when unknown
	What  string // "gunicorn --workers 4", "Deployment api: replicas 3"
}

// Many stands for a count that is more than one but not known
// (workers = multiprocessing.cpu_count() * 2 + 1, an autoscaler).
const Many = -1

// Evidence is what the repository says, each kind of fact in file order.
type Evidence struct {
	Workers  []Fact // worker processes of one instance
	Replicas []Fact // instances
}

// Several reports whether the evidence shows more than one process
// serving requests, and the fact that shows it.
func (e Evidence) Several() (Fact, bool) {
	for _, list := range [][]Fact{e.Workers, e.Replicas} {
		for _, f := range list {
			if f.Count == Many || f.Count > 1 {
				return f, true
			}
		}
	}
	return Fact{}, false
}

// Single reports whether the evidence shows exactly one process: every
// worker count found is 1, at least one was found, and no replica count
// is above 1.
func (e Evidence) Single() bool {
	if len(e.Workers) == 0 {
		return false
	}
	_, several := e.Several()
	return !several
}

// maxDepth bounds how far below a root deployment files are looked for.
const maxDepth = 4

// maxFiles bounds how many candidate files are read.
const maxFiles = 200

// maxSize bounds the size of a file read.
const maxSize = 1 << 20

// skipped are the directories never entered.
var skipped = map[string]bool{
	".git": true, "node_modules": true, "vendor": true, ".venv": true, "venv": true, "__pycache__": true,
	".tox": true, "dist": true, "build": true, "testdata": true, ".mypy_cache": true,
}

// Find reads the deployment files under the given directories.
func Find(roots []string) Evidence {
	var ev Evidence
	seen := make(map[string]bool)
	read := 0
	for _, root := range roots {
		info, err := os.Stat(root)
		if err != nil || !info.IsDir() {
			continue
		}
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				rel, _ := filepath.Rel(root, path)
				if path != root && (skipped[d.Name()] || strings.Count(rel, string(filepath.Separator)) >= maxDepth) {
					return filepath.SkipDir
				}
				return nil
			}
			kind := classify(d.Name())
			if kind == none || seen[path] || read >= maxFiles || !d.Type().IsRegular() {
				return nil
			}
			seen[path] = true
			read++
			src, err := safefile.Read(path, maxSize)
			if err != nil {
				return nil
			}
			ev.add(kind, path, src)
			return nil
		})
	}
	return ev
}

type fileKind int

const (
	none fileKind = iota
	dockerfile
	procfile
	yamlFile
	gunicornConf
	envFile
)

// classify says what a file name is.
func classify(name string) fileKind {
	lower := strings.ToLower(name)
	switch {
	case lower == "dockerfile" || strings.HasPrefix(lower, "dockerfile.") || strings.HasSuffix(lower, ".dockerfile") || lower == "containerfile":
		return dockerfile
	case lower == "procfile":
		return procfile
	case strings.HasSuffix(lower, ".yml") || strings.HasSuffix(lower, ".yaml"):
		return yamlFile
	case strings.HasPrefix(lower, "gunicorn") && strings.HasSuffix(lower, ".py"):
		return gunicornConf
	case lower == ".env" || strings.HasSuffix(lower, ".env"):
		return envFile
	}
	return none
}

func (e *Evidence) add(kind fileKind, path string, src []byte) {
	switch kind {
	case dockerfile, procfile, envFile:
		for i, line := range lines(src) {
			e.workersIn(path, i+1, line)
		}
	case gunicornConf:
		e.gunicornConf(path, src)
	case yamlFile:
		e.yamlDocs(path, src)
	}
}

// lines splits src into lines, joining Dockerfile continuations.
func lines(src []byte) []string {
	var out []string
	var cur strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 64<<10), maxSize)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasSuffix(strings.TrimSpace(line), "\\") {
			cur.WriteString(strings.TrimSuffix(strings.TrimSpace(line), "\\") + " ")
			out = append(out, "") // keep line numbers: the command ends later
			continue
		}
		cur.WriteString(line)
		out = append(out, cur.String())
		cur.Reset()
	}
	return out
}

var (
	// servers are the WSGI/ASGI servers whose worker flags are read.
	servers     = regexp.MustCompile(`\b(gunicorn|uvicorn|hypercorn|uwsgi|daphne|granian)\b`)
	workersFlag = regexp.MustCompile(`(?:^|\s)(?:-w|--workers|--processes|-p)(?:\s+|=)(\S+)`)
	concurrency = regexp.MustCompile(`\b(WEB_CONCURRENCY|GUNICORN_WORKERS|UVICORN_WORKERS|WORKERS)\s*[=:]\s*"?(\S+?)"?(\s|$)`)
	confWorkers = regexp.MustCompile(`(?m)^\s*workers\s*=\s*(.+?)\s*(#.*)?$`)
)

// execForm turns a JSON exec-form command (CMD ["gunicorn", "-w", "4"])
// into words.
var execForm = strings.NewReplacer("[", " ", "]", " ", `"`, " ", "'", " ", ",", " ")

// workersIn reads one command or environment line.
func (e *Evidence) workersIn(path string, line int, text string) {
	text = execForm.Replace(text)
	if m := concurrency.FindStringSubmatch(text); m != nil {
		e.Workers = append(e.Workers, Fact{Count: count(m[2]), Path: path, Line: line, What: m[1] + "=" + m[2]})
	}
	srv := servers.FindString(text)
	if srv == "" {
		return
	}
	if m := workersFlag.FindStringSubmatch(text); m != nil && srv != "daphne" {
		e.Workers = append(e.Workers, Fact{Count: count(m[1]), Path: path, Line: line, What: srv + " workers " + m[1]})
		return
	}
	// A server started without a worker flag runs its default: gunicorn
	// and uvicorn one process (unless WEB_CONCURRENCY says otherwise).
	if srv == "gunicorn" || srv == "uvicorn" || srv == "hypercorn" {
		e.Workers = append(e.Workers, Fact{Count: 1, Path: path, Line: line, What: srv + " with its default of one worker"})
	}
}

// count reads a worker or replica count; anything but a literal number
// (a variable, an expression) is Many.
func count(s string) int {
	s = strings.Trim(s, `"',[]`)
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return n
	}
	return Many
}

// gunicornConf reads workers = N from a gunicorn configuration file.
func (e *Evidence) gunicornConf(path string, src []byte) {
	for _, loc := range confWorkers.FindAllSubmatchIndex(src, -1) {
		value := string(src[loc[2]:loc[3]])
		line := bytes.Count(src[:loc[0]], []byte("\n")) + 1
		e.Workers = append(e.Workers, Fact{Count: count(value), Path: path, Line: line, What: "workers = " + value})
	}
}

// yamlDocs reads the documents of a YAML file: Kubernetes workloads and
// autoscalers, Compose services, Helm values.
func (e *Evidence) yamlDocs(path string, src []byte) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			return // the end, or a file that is not YAML: nothing more to read
		}
		if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			continue
		}
		root := doc.Content[0]
		switch kind := scalar(get(root, "kind")); kind {
		case "Deployment", "StatefulSet", "ReplicaSet", "DeploymentConfig":
			name := scalar(get(get(root, "metadata"), "name"))
			if r := get(get(root, "spec"), "replicas"); r != nil {
				e.Replicas = append(e.Replicas, Fact{Count: count(r.Value), Path: path, Line: r.Line, What: kind + " " + name + ": replicas " + r.Value})
			}
			e.commands(path, get(get(get(get(root, "spec"), "template"), "spec"), "containers"))
		case "HorizontalPodAutoscaler":
			if r := get(get(root, "spec"), "maxReplicas"); r != nil && count(r.Value) != 1 {
				e.Replicas = append(e.Replicas, Fact{Count: Many, Path: path, Line: r.Line, What: "HorizontalPodAutoscaler: maxReplicas " + r.Value})
			}
		case "":
			if services := get(root, "services"); services != nil && services.Kind == yaml.MappingNode {
				e.compose(path, services)
			}
			if r := get(root, "replicaCount"); r != nil {
				e.Replicas = append(e.Replicas, Fact{Count: count(r.Value), Path: path, Line: r.Line, What: "replicaCount " + r.Value})
			}
		}
	}
}

// compose reads the services of a Compose file.
func (e *Evidence) compose(path string, services *yaml.Node) {
	for i := 0; i+1 < len(services.Content); i += 2 {
		name, svc := services.Content[i].Value, services.Content[i+1]
		if r := get(get(svc, "deploy"), "replicas"); r != nil {
			e.Replicas = append(e.Replicas, Fact{Count: count(r.Value), Path: path, Line: r.Line, What: "service " + name + ": replicas " + r.Value})
		}
		if r := get(svc, "scale"); r != nil {
			e.Replicas = append(e.Replicas, Fact{Count: count(r.Value), Path: path, Line: r.Line, What: "service " + name + ": scale " + r.Value})
		}
		e.commandNode(path, get(svc, "command"))
		e.env(path, get(svc, "environment"))
	}
}

// commands reads the command lines and environment of containers.
func (e *Evidence) commands(path string, containers *yaml.Node) {
	if containers == nil || containers.Kind != yaml.SequenceNode {
		return
	}
	for _, c := range containers.Content {
		e.commandNode(path, get(c, "command"), get(c, "args"))
		if env := get(c, "env"); env != nil && env.Kind == yaml.SequenceNode {
			for _, v := range env.Content {
				if n, val := get(v, "name"), get(v, "value"); n != nil && val != nil {
					e.workersIn(path, val.Line, n.Value+"="+val.Value)
				}
			}
		}
	}
}

// commandNode reads a command given as a string or a list of words.
func (e *Evidence) commandNode(path string, nodes ...*yaml.Node) {
	var words []string
	line := 0
	for _, n := range nodes {
		if n == nil {
			continue
		}
		if line == 0 {
			line = n.Line
		}
		switch n.Kind {
		case yaml.ScalarNode:
			words = append(words, n.Value)
		case yaml.SequenceNode:
			for _, w := range n.Content {
				words = append(words, w.Value)
			}
		}
	}
	if len(words) > 0 {
		e.workersIn(path, line, strings.Join(words, " "))
	}
}

// env reads a Compose environment, as a map or a list of NAME=value.
func (e *Evidence) env(path string, n *yaml.Node) {
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			e.workersIn(path, n.Content[i+1].Line, n.Content[i].Value+"="+n.Content[i+1].Value)
		}
	case yaml.SequenceNode:
		for _, v := range n.Content {
			e.workersIn(path, v.Line, v.Value)
		}
	}
}

// get returns the value of key in a mapping node, or nil.
func get(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// scalar returns a scalar node's value, or "".
func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}
