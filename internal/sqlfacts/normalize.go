package sqlfacts

import (
	"strconv"
	"strings"
)

// normalized is SQL text with every placeholder rewritten to $N.
type normalized struct {
	text  string
	names map[int]string // parameter number -> original name, for :name and %(name)s
}

// normalize rewrites driver placeholders to PostgreSQL's $N outside string
// literals, quoted identifiers and comments. Native $N placeholders keep
// their numbers; the others are numbered after the highest native one.
func normalize(sql string) normalized {
	out := normalized{names: make(map[int]string)}
	next := maxNativeParam(sql) + 1
	named := make(map[string]int)
	var b strings.Builder
	param := func(name string) {
		n := next
		if name != "" {
			if prev, ok := named[name]; ok {
				n = prev
			} else {
				named[name] = n
				out.names[n] = name
				next++
			}
		} else {
			next++
		}
		b.WriteString("$" + strconv.Itoa(n))
	}
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == '\'' || c == '"':
			j := skipQuoted(sql, i, c)
			b.WriteString(sql[i:j])
			i = j
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				j = len(sql) - i
			}
			b.WriteString(sql[i : i+j])
			i += j
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			j := strings.Index(sql[i+2:], "*/")
			end := len(sql)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			b.WriteString(sql[i:end])
			i = end
		case c == '$' && dollarTag(sql[i:]) != "":
			tag := dollarTag(sql[i:])
			j := strings.Index(sql[i+len(tag):], tag)
			end := len(sql)
			if j >= 0 {
				end = i + len(tag) + j + len(tag)
			}
			b.WriteString(sql[i:end])
			i = end
		case c == '%' && strings.HasPrefix(sql[i:], "%%"):
			b.WriteByte('%')
			i += 2
		case c == '%' && strings.HasPrefix(sql[i:], "%s"):
			param("")
			i += 2
		case c == '%' && strings.HasPrefix(sql[i:], "%("):
			j := strings.Index(sql[i:], ")s")
			if j < 0 {
				b.WriteByte(c)
				i++
				continue
			}
			param(sql[i+2 : i+j])
			i += j + 2
		case c == ':' && i+1 < len(sql) && isIdentStart(sql[i+1]) && (i == 0 || sql[i-1] != ':'):
			j := i + 1
			for j < len(sql) && isIdentPart(sql[j]) {
				j++
			}
			param(sql[i+1 : j])
			i = j
		case c == '?' && !(i+1 < len(sql) && (sql[i+1] == '|' || sql[i+1] == '&')):
			param("")
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	out.text = b.String()
	return out
}

// skipQuoted returns the index just past the quoted token starting at i;
// a doubled quote character stands for itself.
func skipQuoted(s string, i int, q byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// dollarTag returns the opening tag of a dollar-quoted string ("$$" or
// "$tag$") at the start of s, or "".
func dollarTag(s string) string {
	for j := 1; j < len(s); j++ {
		switch {
		case s[j] == '$':
			return s[:j+1]
		case !isIdentPart(s[j]) || (j == 1 && s[j] >= '0' && s[j] <= '9'):
			return ""
		}
	}
	return ""
}

// maxNativeParam returns the highest $N in s (0 if none), ignoring quoting
// subtleties: it only reserves numbers.
func maxNativeParam(s string) int {
	maxN := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if n, err := strconv.Atoi(s[i+1 : j]); err == nil && n > maxN && n < 1<<16 {
			maxN = n
		}
	}
	return maxN
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }
