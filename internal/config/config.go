// Package config is rlcheck's project configuration: the keys of a
// .rlcheck.toml, rlcheck.toml or [tool.rlcheck] table in pyproject.toml
// (docs/configuration.md), found upward from each scanned file, validated
// strictly, and layered under the command line's flags.
//
// A Config is what governs one directory tree. The scan layer applies the
// keys it can apply itself (rule selection, per-path ignores, excludes,
// include-tests, severity overrides, fail-on); the analysis engines read
// the rest (TrustedProxy, Limiters, Wrappers) through Loader.Get for the
// file they analyze.
package config

import (
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/rlcheck/rlcheck/rules"
)

// Config is the effective configuration of the files one config file
// governs (or of files no config file governs: Default).
type Config struct {
	// File is the absolute path of the config file, "" for the defaults.
	File string
	// Dir is the absolute directory that the globs are relative to: the
	// config file's directory ("" for the defaults, which have no globs).
	Dir string

	// Select lists the rule IDs that run; nil runs every rule.
	Select []string
	// Ignore lists the rule IDs that never run.
	Ignore []string
	// Exclude holds globs of files and directories not to scan.
	Exclude []string
	// PerPathIgnores turns rules off for the files that globs match.
	PerPathIgnores []PathIgnore
	// IncludeTests scans test files (test_*.py, conftest.py, tests/,
	// _test.go, ...), which are left out by default.
	IncludeTests bool
	// Severity overrides the severity of every finding of a rule ID.
	Severity map[string]rules.Severity
	// FailOn is the lowest severity whose findings fail the run (exit 1);
	// 0 never fails.
	FailOn rules.Severity

	// TrustedProxy describes the proxies in front of the application.
	TrustedProxy TrustedProxy
	// Limiters names the project's rate limiters.
	Limiters Limiters
	// Wrappers are the project's functions around counter operations.
	Wrappers []Wrapper

	origins map[string]string
}

// PathIgnore turns Rules off for the files Glob matches.
type PathIgnore struct {
	Glob  string
	Rules []string // rule IDs
}

// TrustedProxy tells the engines which client address a request really
// comes from (RL008, spoofable-limit-key).
type TrustedProxy struct {
	// Hops is the number of proxies in front of the application that
	// each append the address they saw to X-Forwarded-For (what
	// werkzeug's ProxyFix calls x_for, uvicorn --forwarded-allow-ips
	// trusts): the client address is the Hops-th entry from the right.
	// 0 (the default) means the application is reached directly, so
	// every X-Forwarded-For entry is client-written.
	Hops int
	// Header is the request header the edge (load balancer, CDN) sets
	// itself, overwriting what the client sent, such as
	// "CF-Connecting-IP", "X-Real-IP" or "Fly-Client-IP"; "" when there
	// is none. It is kept as written: compare it case-insensitively.
	Header string
}

// Limiters names the rate limiters the project uses, beyond those rlcheck
// recognizes by itself. A name is a module or package (every function in
// it counts) or one function, decorator, dependency or middleware:
// applying it to a route rate-limits the route (RL015), and a call of it
// decides a limit (its errors are the decision's, RL003).
type Limiters struct {
	// Python holds dotted names: "acme_ratelimit", "acme.web.limits.rate_limited".
	Python []string
	// Go holds import paths and qualified names as go/types'
	// (*types.Func).FullName writes them: "github.com/acme/ratelimit",
	// "github.com/acme/svc/mw.RateLimit", "(*github.com/acme/rl.Limiter).Allow".
	Go []string
}

// Op is what a wrapper does with the counter.
type Op string

// Wrapper operations.
const (
	OpRead      Op = "read"      // returns the current count of the key
	OpWrite     Op = "write"     // stores a count for the key (a plain SET, no increment)
	OpIncrement Op = "increment" // increments the key's count atomically and returns the new count
	OpDecide    Op = "decide"    // decides the limit for the key: returns the verdict, or raises / returns an error when limited
)

// Ops lists the valid wrapper operations.
var Ops = []Op{OpRead, OpWrite, OpIncrement, OpDecide}

// Wrapper is a project function that performs a counter operation (or
// decides a limit) for code the analyzer cannot see into, such as a
// compiled client or a package outside the scan. Exactly one of Python
// and Go is set.
type Wrapper struct {
	// Python is a dotted name: "acme.store.incr" (a function) or
	// "acme.store.Counter.incr" (a method).
	Python string
	// Go is a name as (*types.Func).FullName writes it:
	// "github.com/acme/store.Incr" or "(*github.com/acme/store.Counter).Incr".
	Go string
	Op Op
	// Key is the 0-based position of the argument holding the counter
	// key, counted at the call site (a method's receiver or self is not
	// an argument); -1 when the wrapper takes no key (only for decide).
	Key int
	// KeyName is the keyword that may pass the key instead (Python), or "".
	KeyName string
}

// Name is the wrapper's qualified name, in its language.
func (w Wrapper) Name() string {
	if w.Go != "" {
		return w.Go
	}
	return w.Python
}

// Default is the configuration of files that no config file governs.
func Default() *Config {
	return &Config{FailOn: rules.Low, origins: map[string]string{}}
}

// Enabled reports whether the rule runs at all.
func (c *Config) Enabled(id string) bool {
	if c.Select != nil && !slices.Contains(c.Select, id) {
		return false
	}
	return !slices.Contains(c.Ignore, id)
}

// EnabledAt reports whether rule id applies to the file at the absolute
// path: it runs, and no per-path ignore turns it off there.
func (c *Config) EnabledAt(id, file string) bool {
	if !c.Enabled(id) {
		return false
	}
	rel, ok := c.rel(file)
	if !ok {
		return true
	}
	for _, pi := range c.PerPathIgnores {
		if slices.Contains(pi.Rules, id) && matchGlob(pi.Glob, rel) {
			return false
		}
	}
	return true
}

// Excluded reports whether an exclude glob matches the absolute path (a
// file or a directory) or one of its directories below Dir.
func (c *Config) Excluded(p string) bool {
	rel, ok := c.rel(p)
	if !ok {
		return false
	}
	for _, g := range c.Exclude {
		if matchGlob(g, rel) {
			return true
		}
	}
	return false
}

// SeverityOf returns the severity a finding of rule id reports: the
// override, or the finding's own sev.
func (c *Config) SeverityOf(id string, sev rules.Severity) rules.Severity {
	if s, ok := c.Severity[id]; ok {
		return s
	}
	return sev
}

// PythonWrapper returns the wrapper declared for the dotted name of a
// Python function or method.
func (c *Config) PythonWrapper(dotted string) (Wrapper, bool) {
	for _, w := range c.Wrappers {
		if w.Python != "" && w.Python == dotted {
			return w, true
		}
	}
	return Wrapper{}, false
}

// GoWrapper returns the wrapper declared for a Go function, named as
// (*types.Func).FullName writes it.
func (c *Config) GoWrapper(fullName string) (Wrapper, bool) {
	for _, w := range c.Wrappers {
		if w.Go != "" && w.Go == fullName {
			return w, true
		}
	}
	return Wrapper{}, false
}

// IsPythonLimiter reports whether the dotted name of a Python function,
// class, method or module is a declared limiter or lies inside one (a
// declared module or class covers what it defines).
func (l Limiters) IsPythonLimiter(dotted string) bool {
	for _, n := range l.Python {
		if dotted == n || strings.HasPrefix(dotted, n+".") {
			return true
		}
	}
	return false
}

// IsGoLimiter reports whether a Go function or method, named as
// (*types.Func).FullName writes it, is a declared limiter or lies in a
// declared package or below it (or is a method of a declared type).
func (l Limiters) IsGoLimiter(fullName string) bool {
	// "(*example.com/rl.Limiter).Allow" -> "example.com/rl.Limiter.Allow"
	name := fullName
	if strings.HasPrefix(name, "(") {
		if i := strings.Index(name, ")."); i > 0 {
			name = strings.TrimPrefix(name[1:i], "*") + name[i+1:]
		}
	}
	for _, n := range l.Go {
		if fullName == n || name == n || strings.HasPrefix(name, n+".") || strings.HasPrefix(name, n+"/") {
			return true
		}
	}
	return false
}

// rel returns the slash-separated path of p relative to Dir, if p lies
// inside Dir.
func (c *Config) rel(p string) (string, bool) {
	if c.Dir == "" {
		return "", false
	}
	rel, err := filepath.Rel(c.Dir, p)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// matchGlob matches a validated glob against a slash-separated relative
// path: the path itself or any of its directories. A glob without a
// slash matches a name at any depth.
func matchGlob(glob, rel string) bool {
	g := strings.TrimSuffix(glob, "/")
	if !strings.Contains(g, "/") {
		g = "**/" + g
	}
	g = strings.TrimPrefix(g, "./")
	for p := rel; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		if ok, _ := doublestar.Match(g, p); ok {
			return true
		}
	}
	return false
}
