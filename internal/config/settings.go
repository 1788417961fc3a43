package config

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rlcheck/rlcheck/rules"
)

// Setting is one key of an effective configuration: its value in TOML
// syntax and where it came from ("default", "path/.rlcheck.toml:3",
// "command line (--rules)").
type Setting struct {
	Key, Value, Origin string
}

// Settings lists every key of the configuration with its effective value,
// in the order docs/configuration.md documents them. A rule selection
// that was not restricted shows every active rule.
func (c *Config) Settings() []Setting {
	var out []Setting
	add := func(key, value string) {
		origin := c.origins[key]
		if origin == "" {
			origin = "default"
		}
		out = append(out, Setting{Key: key, Value: value, Origin: origin})
	}
	sel := c.Select
	if sel == nil {
		for _, r := range rules.Active() {
			sel = append(sel, r.ID)
		}
	}
	add("select", list(sel))
	add("ignore", list(c.Ignore))
	add("exclude", list(c.Exclude))
	add("include-tests", strconv.FormatBool(c.IncludeTests))
	failOn := "never"
	if c.FailOn > 0 {
		failOn = c.FailOn.String()
	}
	add("fail-on", strconv.Quote(failOn))
	if len(c.PerPathIgnores) == 0 {
		add("per-path-ignores", "{}")
	}
	for _, pi := range c.PerPathIgnores {
		add("per-path-ignores."+quoteKey(pi.Glob), list(pi.Rules))
	}
	if len(c.Severity) == 0 {
		add("severity", "{}")
	}
	for _, id := range sortedKeys(c.Severity) {
		add("severity."+id, strconv.Quote(c.Severity[id].String()))
	}
	add("trusted-proxy.hops", strconv.Itoa(c.TrustedProxy.Hops))
	add("trusted-proxy.header", strconv.Quote(c.TrustedProxy.Header))
	add("limiters.python", list(c.Limiters.Python))
	add("limiters.go", list(c.Limiters.Go))
	var ws []string
	for _, w := range c.Wrappers {
		lang, name := "python", w.Python
		if w.Go != "" {
			lang, name = "go", w.Go
		}
		s := fmt.Sprintf("{%s = %s, op = %q", lang, strconv.Quote(name), w.Op)
		if w.Key >= 0 {
			s += fmt.Sprintf(", key = %d", w.Key)
		}
		if w.KeyName != "" {
			s += fmt.Sprintf(", key-name = %q", w.KeyName)
		}
		ws = append(ws, s+"}")
	}
	add("wrappers", "["+strings.Join(ws, ", ")+"]")
	return out
}

func list(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
