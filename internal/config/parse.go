package config

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"golang.org/x/mod/module"

	"github.com/rlcheck/rlcheck/rules"
)

// Error is a problem with a config file: a syntax error, an unknown key,
// a value of the wrong type or a bad value, at a 1-based line and column
// (in bytes).
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

// Error formats the problem as "file:line:col: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Bounds on the values: nobody puts more proxies in front of a service,
// nor the key of a counter further back in an argument list.
const (
	maxHops   = 16
	maxKeyArg = 31
)

// rawConfig mirrors the keys of a config file (docs/configuration.md);
// its toml tags are the list of valid keys that errors print.
type rawConfig struct {
	Select         []string            `toml:"select"`
	Ignore         []string            `toml:"ignore"`
	Exclude        []string            `toml:"exclude"`
	PerPathIgnores map[string][]string `toml:"per-path-ignores"`
	IncludeTests   *bool               `toml:"include-tests"`
	Severity       map[string]string   `toml:"severity"`
	FailOn         *string             `toml:"fail-on"`
	TrustedProxy   *rawProxy           `toml:"trusted-proxy"`
	Limiters       *rawLimiters        `toml:"limiters"`
	Wrappers       []rawWrapper        `toml:"wrappers"`
}

type rawProxy struct {
	Hops   *int    `toml:"hops"`
	Header *string `toml:"header"`
}

type rawLimiters struct {
	Python []string `toml:"python"`
	Go     []string `toml:"go"`
}

type rawWrapper struct {
	Python  *string `toml:"python"`
	Go      *string `toml:"go"`
	Op      *string `toml:"op"`
	Key     *int    `toml:"key"`
	KeyName *string `toml:"key-name"`
}

type pyproject struct {
	Tool struct {
		Rlcheck *rawConfig `toml:"rlcheck"`
	} `toml:"tool"`
}

// pyprojectTable is where a pyproject.toml keeps rlcheck's keys.
var pyprojectTable = []string{"tool", "rlcheck"}

// Parse reads a config file: a pyproject.toml (by its base name) for its
// [tool.rlcheck] table, any other file as a whole. found is false for a
// pyproject.toml without that table. Errors are *Error, naming file as
// given.
func Parse(file string, data []byte) (cfg *Config, found bool, err error) {
	idx, err := buildIndex(file, data)
	if err != nil {
		return nil, false, err
	}
	var prefix []string
	target := any(new(rawConfig))
	if isPyproject(file) {
		prefix = pyprojectTable
		target = new(pyproject)
		if !idx.has(prefix) {
			return nil, false, nil
		}
	}
	if err := idx.checkKeys(prefix); err != nil {
		return nil, false, err
	}
	if err := toml.NewDecoder(bytes.NewReader(data)).Decode(target); err != nil {
		return nil, false, idx.decodeError(err, prefix)
	}
	raw, _ := target.(*rawConfig)
	if pp, ok := target.(*pyproject); ok {
		raw = pp.Tool.Rlcheck
	}
	v := &validator{idx: idx, prefix: prefix}
	cfg = v.config(raw)
	if v.err != nil {
		return nil, false, v.err
	}
	cfg.File = file
	return cfg, true, nil
}

func isPyproject(file string) bool { return filepath.Base(file) == "pyproject.toml" }

// pos is a 1-based line and byte column.
type pos struct{ line, col int }

// entry is a key of the document, with the place of the key and of its
// value. Paths hold table and key names, and "#N" for the Nth element of
// an array or array of tables.
type entry struct {
	path     []string
	key, val pos
}

// index is every key and array element of a document, in order.
type index struct {
	file    string
	data    []byte
	entries []entry
	byPath  map[string]int
}

func pathKey(parts []string) string { return strings.Join(parts, "\x00") }

// buildIndex parses data with go-toml's parser, which reports syntax
// errors, and records where each key and value is.
func buildIndex(file string, data []byte) (*index, error) {
	idx := &index{file: file, data: data, byPath: make(map[string]int)}
	var p unstable.Parser
	p.Reset(data)
	arrays := make(map[string]int)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			table, _ = idx.keyParts(nil, e.Key())
			idx.add(table, idx.keyPos(e.Key()), pos{})
		case unstable.ArrayTable:
			base, _ := idx.keyParts(nil, e.Key())
			at := idx.keyPos(e.Key())
			n := arrays[pathKey(base)]
			arrays[pathKey(base)] = n + 1
			idx.add(base, at, at)
			table = append(base, "#"+strconv.Itoa(n))
			idx.add(table, at, at)
		case unstable.KeyValue:
			idx.keyValue(table, e)
		}
	}
	if err := p.Error(); err != nil {
		var pe *unstable.ParserError
		at := len(data)
		msg := err.Error()
		if errors.As(err, &pe) {
			if len(pe.Highlight) > 0 {
				at = int(p.Range(pe.Highlight).Offset)
			}
			msg = pe.Message
		}
		return nil, idx.errorAt(idx.position(at), "%s", msg)
	}
	return idx, nil
}

// keyParts appends the parts of a dotted key to prefix, recording each
// intermediate table of the key at the position of its own part, and
// returns the path and the position of its last part.
func (idx *index) keyParts(prefix []string, it unstable.Iterator) ([]string, pos) {
	parts := slices.Clone(prefix)
	var at pos
	for first := true; it.Next(); first = false {
		k := it.Node()
		if !first {
			idx.add(parts, at, at)
		}
		at = idx.position(int(k.Raw.Offset))
		parts = append(parts, string(k.Data))
	}
	return parts, at
}

func (idx *index) keyPos(it unstable.Iterator) pos {
	_, p := idx.keyParts(nil, it)
	return p
}

func (idx *index) keyValue(table []string, kv *unstable.Node) {
	path, at := idx.keyParts(table, kv.Key())
	idx.value(path, at, kv.Value())
}

func (idx *index) value(path []string, at pos, v *unstable.Node) {
	val := at
	if v.Raw.Length > 0 || v.Kind == unstable.String {
		val = idx.position(int(v.Raw.Offset))
	}
	idx.add(path, at, val)
	switch v.Kind {
	case unstable.Array:
		n := 0
		for it := v.Children(); it.Next(); {
			child := it.Node()
			if child.Kind == unstable.Comment {
				continue
			}
			idx.value(append(slices.Clone(path), "#"+strconv.Itoa(n)), at, child)
			n++
		}
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			if child := it.Node(); child.Kind == unstable.KeyValue {
				idx.keyValue(path, child)
			}
		}
	}
}

func (idx *index) add(path []string, key, val pos) {
	k := pathKey(path)
	if _, ok := idx.byPath[k]; ok {
		return // a redefinition: the decoder reports it
	}
	idx.byPath[k] = len(idx.entries)
	idx.entries = append(idx.entries, entry{path: slices.Clone(path), key: key, val: val})
}

func (idx *index) has(path []string) bool {
	for _, e := range idx.entries {
		if len(e.path) >= len(path) && slices.Equal(e.path[:len(path)], path) {
			return true
		}
	}
	return false
}

// position turns a byte offset into a line and column.
func (idx *index) position(offset int) pos {
	offset = min(max(offset, 0), len(idx.data))
	before := idx.data[:offset]
	line := bytes.Count(before, []byte{'\n'}) + 1
	return pos{line, offset - (bytes.LastIndexByte(before, '\n') + 1) + 1}
}

func (idx *index) errorAt(p pos, format string, args ...any) *Error {
	return &Error{File: idx.file, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, args...)}
}

// checkKeys reports the first key under prefix that the schema
// (rawConfig) does not have, with the valid keys of its table.
func (idx *index) checkKeys(prefix []string) error {
	for _, e := range idx.entries {
		if len(e.path) <= len(prefix) || !slices.Equal(e.path[:len(prefix)], prefix) {
			continue
		}
		parts := e.path[len(prefix):]
		t := reflect.TypeFor[rawConfig]()
	walk:
		for i, part := range parts {
			for t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			switch t.Kind() {
			case reflect.Struct:
				f, ok := fieldByTag(t, part)
				if !ok {
					where := ""
					if i > 0 || len(prefix) > 0 {
						where = " in " + tableName(t, prefix, parts[:i])
					}
					return idx.errorAt(e.key, "unknown key %q%s; valid keys: %s", part, where, strings.Join(tags(t), ", "))
				}
				t = f.Type
			case reflect.Map:
				t = t.Elem()
			case reflect.Slice:
				if !strings.HasPrefix(part, "#") {
					break walk // a table where an array belongs: the decoder says so
				}
				t = t.Elem()
			default:
				break walk // keys under a scalar: the decoder reports the type
			}
		}
	}
	return nil
}

// tableName is how an error names the table at parts: "[trusted-proxy]",
// "[[wrappers]]" (inside pyproject.toml "[tool.rlcheck.trusted-proxy]").
func tableName(t reflect.Type, prefix, parts []string) string {
	var names []string
	for _, p := range append(slices.Clone(prefix), parts...) {
		if !strings.HasPrefix(p, "#") {
			names = append(names, p)
		}
	}
	if t == reflect.TypeFor[rawWrapper]() {
		return "[[" + strings.Join(names, ".") + "]]"
	}
	return "[" + strings.Join(names, ".") + "]"
}

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if f := t.Field(i); f.Tag.Get("toml") == tag {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// tags lists the keys of a table type, sorted.
func tags(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		out = append(out, t.Field(i).Tag.Get("toml"))
	}
	slices.Sort(out)
	return out
}

// decodeError turns a decoder error (a value of the wrong type, a key
// defined twice) into an *Error that names the key and what it takes.
func (idx *index) decodeError(err error, prefix []string) error {
	var de *toml.DecodeError
	if !errors.As(err, &de) {
		return &Error{File: idx.file, Line: 1, Col: 1, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	line, col := de.Position()
	msg := strings.TrimPrefix(de.Error(), "toml: ")
	if strings.HasPrefix(msg, "cannot decode") || strings.HasPrefix(msg, "cannot store") {
		// The value at the error, or else the last key of its line
		// before it (arrays carry no position of their own).
		var at *entry
		for i, e := range idx.entries {
			if len(e.path) <= len(prefix) {
				continue
			}
			if e.val == (pos{line, col}) {
				at = &idx.entries[i]
				break
			}
			if e.key.line == line && e.key.col <= col && (at == nil || e.key.col >= at.key.col) {
				at = &idx.entries[i]
			}
		}
		if at != nil {
			if t := typeAt(at.path[len(prefix):]); t != nil {
				return idx.errorAt(pos{line, col}, "%s: want %s", displayPath(at.path[len(prefix):]), describe(t))
			}
		}
	}
	return &Error{File: idx.file, Line: line, Col: col, Msg: msg}
}

// typeAt is the schema type of the value at parts, or nil.
func typeAt(parts []string) reflect.Type {
	t := reflect.TypeFor[rawConfig]()
	for _, part := range parts {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			f, ok := fieldByTag(t, part)
			if !ok {
				return nil
			}
			t = f.Type
		case reflect.Map, reflect.Slice:
			t = t.Elem()
		default:
			return nil
		}
	}
	return t
}

// describe says in words what a schema type takes.
func describe(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int:
		return "an integer"
	case reflect.String:
		return "a string"
	case reflect.Struct:
		return "a table"
	case reflect.Map:
		return "a table whose values are " + strings.TrimPrefix(strings.TrimPrefix(describe(t.Elem()), "a "), "an ") + "s"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			return "an array of tables"
		}
		return "an array of strings"
	}
	return t.String()
}

// displayPath writes a key path the way a user would: wrappers[2].op,
// severity.RL004.
func displayPath(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		switch {
		case strings.HasPrefix(p, "#"):
			n, _ := strconv.Atoi(p[1:])
			fmt.Fprintf(&b, "[%d]", n+1)
		case i > 0:
			b.WriteString("." + quoteKey(p))
		default:
			b.WriteString(quoteKey(p))
		}
	}
	return b.String()
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func quoteKey(k string) string {
	if bareKey.MatchString(k) {
		return k
	}
	return strconv.Quote(k)
}

// validator turns a decoded rawConfig into a Config, checking every
// value; the first problem is kept in err.
type validator struct {
	idx    *index
	prefix []string
	err    error
}

// entry returns the entry at parts; when the document has none there (a
// key left out), the entry of the nearest table above, whose key and
// value are both where the table starts.
func (v *validator) entry(parts ...string) entry {
	for n := len(parts); n >= 0; n-- {
		if i, ok := v.idx.byPath[pathKey(append(slices.Clone(v.prefix), parts[:n]...))]; ok {
			e := v.idx.entries[i]
			if n < len(parts) {
				e.val = e.key
			}
			return e
		}
	}
	return entry{key: pos{1, 1}, val: pos{1, 1}}
}

// fail records a problem with the value at parts.
func (v *validator) fail(at pos, parts []string, format string, args ...any) {
	if v.err == nil {
		v.err = v.idx.errorAt(at, "%s: %s", displayPath(parts), fmt.Sprintf(format, args...))
	}
}

func (v *validator) origin(cfg *Config, key string, parts ...string) {
	cfg.origins[key] = fmt.Sprintf("%s:%d", v.idx.file, v.entry(parts...).key.line)
}

func (v *validator) config(raw *rawConfig) *Config {
	cfg := Default()
	if raw == nil {
		return cfg
	}
	if raw.Select != nil {
		cfg.Select = v.ruleList(raw.Select, "select")
		if len(raw.Select) == 0 {
			v.fail(v.entry("select").val, []string{"select"}, "an empty list selects no rule; leave select out to run every rule")
		}
		v.origin(cfg, "select", "select")
	}
	if raw.Ignore != nil {
		cfg.Ignore = v.ruleList(raw.Ignore, "ignore")
		v.origin(cfg, "ignore", "ignore")
	}
	if raw.Exclude != nil {
		for i, g := range raw.Exclude {
			v.glob(g, v.entry("exclude", elem(i)).val, []string{"exclude", elem(i)})
		}
		cfg.Exclude = raw.Exclude
		v.origin(cfg, "exclude", "exclude")
	}
	for _, g := range sortedKeys(raw.PerPathIgnores) {
		parts := []string{"per-path-ignores", g}
		v.glob(g, v.entry(parts...).key, parts)
		ids := v.ruleList(raw.PerPathIgnores[g], parts...)
		if len(ids) == 0 {
			v.fail(v.entry(parts...).val, parts, "name the rules to ignore there; to scan nothing there, use exclude")
		}
		cfg.PerPathIgnores = append(cfg.PerPathIgnores, PathIgnore{Glob: g, Rules: ids})
		v.origin(cfg, "per-path-ignores."+quoteKey(g), parts...)
	}
	if raw.IncludeTests != nil {
		cfg.IncludeTests = *raw.IncludeTests
		v.origin(cfg, "include-tests", "include-tests")
	}
	for _, key := range sortedKeys(raw.Severity) {
		parts := []string{"severity", key}
		id := v.rule(key, v.entry(parts...).key, parts)
		sev, err := rules.ParseSeverity(raw.Severity[key])
		if err != nil {
			v.fail(v.entry(parts...).val, parts, "unknown severity %q; valid: high, medium, low", raw.Severity[key])
		}
		if cfg.Severity == nil {
			cfg.Severity = make(map[string]rules.Severity)
		}
		cfg.Severity[id] = sev
		v.origin(cfg, "severity."+id, parts...)
	}
	if raw.FailOn != nil {
		sev, err := ParseFailOn(*raw.FailOn)
		if err != nil {
			v.fail(v.entry("fail-on").val, []string{"fail-on"}, "unknown value %q; valid: high, medium, low, never", *raw.FailOn)
		}
		cfg.FailOn = sev
		v.origin(cfg, "fail-on", "fail-on")
	}
	if p := raw.TrustedProxy; p != nil {
		if p.Hops != nil {
			if *p.Hops < 0 || *p.Hops > maxHops {
				v.fail(v.entry("trusted-proxy", "hops").val, []string{"trusted-proxy", "hops"}, "%d proxies; want 0 (none) to %d", *p.Hops, maxHops)
			}
			cfg.TrustedProxy.Hops = *p.Hops
			v.origin(cfg, "trusted-proxy.hops", "trusted-proxy", "hops")
		}
		if p.Header != nil {
			if !headerName.MatchString(*p.Header) {
				v.fail(v.entry("trusted-proxy", "header").val, []string{"trusted-proxy", "header"}, "%q is no HTTP header name", *p.Header)
			}
			cfg.TrustedProxy.Header = *p.Header
			v.origin(cfg, "trusted-proxy.header", "trusted-proxy", "header")
		}
	}
	if l := raw.Limiters; l != nil {
		for i, n := range l.Python {
			if !pythonName.MatchString(n) {
				v.fail(v.entry("limiters", "python", elem(i)).val, []string{"limiters", "python", elem(i)}, "%q is no dotted Python name (module, module.function or module.Class.method)", n)
			}
		}
		for i, n := range l.Go {
			if err := checkGoName(n, true); err != nil {
				v.fail(v.entry("limiters", "go", elem(i)).val, []string{"limiters", "go", elem(i)}, "%q: %v", n, err)
			}
		}
		cfg.Limiters = Limiters{Python: l.Python, Go: l.Go}
		if l.Python != nil {
			v.origin(cfg, "limiters.python", "limiters", "python")
		}
		if l.Go != nil {
			v.origin(cfg, "limiters.go", "limiters", "go")
		}
	}
	seen := make(map[string]bool)
	for i, rw := range raw.Wrappers {
		w := v.wrapper(rw, i)
		if seen[w.Name()] && w.Name() != "" {
			v.fail(v.entry("wrappers", elem(i)).key, []string{"wrappers", elem(i)}, "%s is declared twice", w.Name())
		}
		seen[w.Name()] = true
		cfg.Wrappers = append(cfg.Wrappers, w)
	}
	if raw.Wrappers != nil {
		v.origin(cfg, "wrappers", "wrappers")
	}
	return cfg
}

func (v *validator) wrapper(rw rawWrapper, i int) Wrapper {
	parts := []string{"wrappers", elem(i)}
	sub := func(key string) []string { return append(slices.Clone(parts), key) }
	at := func(key string) pos { return v.entry(sub(key)...).val }
	w := Wrapper{Key: -1}
	switch {
	case (rw.Python == nil) == (rw.Go == nil):
		v.fail(v.entry(parts...).key, parts, "give exactly one of python (a dotted name) or go (an import-path-qualified name)")
	case rw.Python != nil:
		w.Python = *rw.Python
		if !pythonName.MatchString(w.Python) || !strings.Contains(w.Python, ".") {
			v.fail(at("python"), sub("python"), "%q is no dotted Python name of a function (module.function or module.Class.method)", w.Python)
		}
	default:
		w.Go = *rw.Go
		if err := checkGoName(w.Go, false); err != nil {
			v.fail(at("go"), sub("go"), "%q: %v", w.Go, err)
		}
	}
	if rw.Op == nil {
		v.fail(v.entry(parts...).key, parts, "op is missing; valid: %s", opList())
	} else {
		w.Op = Op(*rw.Op)
		if !slices.Contains(Ops, w.Op) {
			v.fail(at("op"), sub("op"), "unknown op %q; valid: %s", *rw.Op, opList())
		}
	}
	if rw.Key != nil {
		if *rw.Key < 0 || *rw.Key > maxKeyArg {
			v.fail(at("key"), sub("key"), "argument %d; want the 0-based position of the key argument, 0 to %d", *rw.Key, maxKeyArg)
		}
		w.Key = *rw.Key
	} else if w.Op != OpDecide && w.Op != "" && rw.KeyName == nil {
		v.fail(v.entry(parts...).key, parts, "key is missing: the 0-based position of the argument that holds the counter key")
	}
	if rw.KeyName != nil {
		w.KeyName = *rw.KeyName
		switch {
		case rw.Go != nil:
			v.fail(at("key-name"), sub("key-name"), "Go has no keyword arguments; use key")
		case !identifier.MatchString(w.KeyName):
			v.fail(at("key-name"), sub("key-name"), "%q is no Python parameter name", w.KeyName)
		}
	}
	return w
}

func opList() string {
	names := make([]string, len(Ops))
	for i, o := range Ops {
		names[i] = string(o)
	}
	return strings.Join(names, ", ")
}

func elem(i int) string { return "#" + strconv.Itoa(i) }

// ruleList resolves rule IDs or names at parts.
func (v *validator) ruleList(list []string, parts ...string) []string {
	ids := []string{}
	for i, item := range list {
		p := append(slices.Clone(parts), elem(i))
		if id := v.rule(item, v.entry(p...).val, p); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func (v *validator) rule(s string, at pos, parts []string) string {
	if r := LookupRule(s); r != nil {
		return r.ID
	}
	v.fail(at, parts, "unknown rule %q (see 'rlcheck rules')", s)
	return ""
}

// LookupRule finds an active rule by ID or name, ignoring case.
func LookupRule(s string) *rules.Rule {
	for _, r := range rules.Active() {
		if strings.EqualFold(r.ID, s) || strings.EqualFold(r.Name, s) {
			return r
		}
	}
	return nil
}

// ParseFailOn parses a fail-on value: a severity, or "never" (0).
func ParseFailOn(s string) (rules.Severity, error) {
	if strings.EqualFold(s, "never") {
		return 0, nil
	}
	return rules.ParseSeverity(s)
}

func (v *validator) glob(g string, at pos, parts []string) {
	switch {
	case g == "" || strings.TrimSuffix(g, "/") == "":
		v.fail(at, parts, "an empty glob")
	case strings.HasPrefix(g, "/") || strings.Contains(g, `\`) || len(g) > 1 && g[1] == ':':
		v.fail(at, parts, "glob %q: write a slash-separated path relative to the config file's directory", g)
	case slices.Contains(strings.Split(g, "/"), ".."):
		v.fail(at, parts, "glob %q leaves the config file's directory", g)
	case !doublestar.ValidatePattern(g):
		v.fail(at, parts, "glob %q is malformed", g)
	}
}

var (
	identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	pythonName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)
	headerName = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
)

// checkGoName checks a Go name as (*types.Func).FullName writes it:
// "import/path.Func" or "(*import/path.Type).Method"; with pkgOK a bare
// import path too (a whole package).
func checkGoName(n string, pkgOK bool) error {
	want := `want "import/path.Func" or "(*import/path.Type).Method"`
	if pkgOK {
		want += ", or an import path"
	}
	if strings.HasPrefix(n, "(") {
		inner, method, ok := strings.Cut(n[1:], ").")
		inner = strings.TrimPrefix(inner, "*")
		dot := strings.LastIndexByte(inner, '.')
		if !ok || dot < 0 || !identifier.MatchString(method) || !identifier.MatchString(inner[dot+1:]) || module.CheckImportPath(inner[:dot]) != nil {
			return errors.New(want)
		}
		return nil
	}
	slash := strings.LastIndexByte(n, '/')
	dot := strings.LastIndexByte(n, '.')
	if dot > slash && identifier.MatchString(n[dot+1:]) && module.CheckImportPath(n[:dot]) == nil {
		return nil
	}
	if pkgOK && module.CheckImportPath(n) == nil {
		return nil
	}
	return errors.New(want)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
