package sqlfacts

import (
	"errors"
	"strings"
	"testing"
)

// nestings are the shapes of deep SQL: each pairs what opens a level with
// what closes it, around the operand "1".
var nestings = []struct{ name, open, close string }{
	{"plus", "1 + ", ""},
	{"minus", "- ", ""},
	{"not", "NOT ", ""},
	{"parens", "(", ")"},
	{"call", "f(", ")"},
	{"cast", "", "::int"},
	{"array", "ARRAY[", "]"},
	{"case", "CASE WHEN ", " THEN 1 END"},
	{"in", "1 IN (", ")"},
	{"subquery", "(SELECT ", ")"},
	{"exists", "EXISTS (SELECT ", ")"},
	{"group", "(", " + 1)"},
	{"union", "1 UNION SELECT ", ""},
}

// nested is "SELECT " and n levels of open and close around "1".
func nested(open, close string, n int) string {
	return "SELECT " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
}

// TestHugeSQLIsNotParsed is the reproducer of the crash: tens of
// thousands of terms used to overflow the parser's stack (SIGSEGV, the
// whole process gone).
func TestHugeSQLIsNotParsed(t *testing.T) {
	for _, n := range []int{600, 50_000} {
		sql := "UPDATE rate_limits SET hits = hits" + strings.Repeat(" + 1", n) + " WHERE id = $1"
		_, err := Analyze(sql)
		var limit *LimitError
		if !errors.Is(err, ErrTooComplex) || !errors.As(err, &limit) || limit.Depth <= MaxDepth || limit.Len != len(sql) {
			t.Errorf("%d terms: err = %v, want a *LimitError over MaxDepth", n, err)
		}
	}
	long := "SELECT 1 -- " + strings.Repeat("x", MaxLen)
	if _, err := Analyze(long); !errors.Is(err, ErrTooComplex) || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("%d bytes: err = %v", len(long), err)
	}
}

// TestBoundsKeepRealSQL: what rate-limit code and its schemas hold stays
// well within the bounds.
func TestBoundsKeepRealSQL(t *testing.T) {
	var cols []string
	for range 100 {
		cols = append(cols, "c varchar(255) NOT NULL DEFAULT 'x'")
	}
	var rows []string
	for range 5000 {
		rows = append(rows, "($1, $2, now() - interval '1 minute')")
	}
	for name, sql := range map[string]string{
		"upsert":       "INSERT INTO rate_limits (key, bucket, hits) VALUES (%s, %s, 1) ON CONFLICT (key, bucket) DO UPDATE SET hits = rate_limits.hits + 1 WHERE rate_limits.hits < %s RETURNING hits",
		"create table": "CREATE TABLE big (id bigserial PRIMARY KEY, " + strings.Join(cols, ", ") + ")",
		"insert rows":  "INSERT INTO t (a, b, c) VALUES " + strings.Join(rows, ", "),
		"deep":         nested("(SELECT ", ")", 40),
		"long comment": "SELECT 1 -- " + strings.Repeat("x", MaxLen-20),
		"long string":  "SELECT '" + strings.Repeat("((((", MaxLen/8) + "'",
	} {
		if _, err := Analyze(sql); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestDepthBoundsTheTree: the estimate is never below the depth the
// nesting builds (each shape's levels count at least once each).
func TestDepthBoundsTheTree(t *testing.T) {
	for _, s := range nestings {
		if d := depth(nested(s.open, s.close, 300)); d < 300 {
			t.Errorf("%s: depth %d for 300 levels", s.name, d)
		}
	}
	// A group's later operators weigh on the groups inside it too.
	if d := depth("SELECT " + strings.Repeat("(", 20) + "1" + strings.Repeat(strings.Repeat(" + 1", 30)+")", 20)); d < 600 {
		t.Errorf("groups with trailing operators: depth %d, want at least 600", d)
	}
}

func FuzzDeepSQL(f *testing.F) {
	for i := range nestings {
		f.Add([]byte{byte(i)}, uint16(20))
		f.Add([]byte{byte(i)}, uint16(MaxDepth))
		f.Add([]byte{byte(i)}, uint16(50_000))
	}
	f.Add([]byte{0, 3, 9, 12, 7}, uint16(3000))
	f.Fuzz(func(t *testing.T, shapes []byte, reps uint16) {
		if len(shapes) > 8 {
			shapes = shapes[:8]
		}
		// Each shape nests reps times inside the one before.
		var open, close strings.Builder
		for i := range shapes {
			open.WriteString(strings.Repeat(nestings[int(shapes[i])%len(nestings)].open, int(reps)))
			inner := shapes[len(shapes)-1-i]
			close.WriteString(strings.Repeat(nestings[int(inner)%len(nestings)].close, int(reps)))
		}
		sql := "SELECT " + open.String() + "1" + close.String()
		_, err := Analyze(sql) // must return, not crash
		over := len(sql) > MaxLen || depth(sql) > MaxDepth
		if over != errors.Is(err, ErrTooComplex) {
			t.Errorf("over the bounds: %v, but err = %v", over, err)
		}
	})
}

func TestWatchRecordsRefusedTextsOnce(t *testing.T) {
	deep := "UPDATE t SET hits = hits" + strings.Repeat(" + 1", 1000) + "\nWHERE id = 1"
	long := "SELECT 1 -- " + strings.Repeat("é", MaxLen)
	if _, err := Analyze(deep); err == nil {
		t.Fatal("deep SQL parsed")
	}
	w := Watch()
	for range 3 {
		Analyze(deep)
		Analyze(long)
		Analyze("SELECT 1")
		Analyze("not sql at all")
	}
	got := w.Stop()
	Analyze(deep) // after Stop: not recorded
	if len(got) != 2 {
		t.Fatalf("refusals = %+v, want the deep and the long text once each", got)
	}
	if want := "UPDATE t SET hits = hits + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1…"; got[0].Start != want || got[0].Err.Depth <= MaxDepth {
		t.Errorf("first refusal = %q %+v, want start %q", got[0].Start, got[0].Err, want)
	}
	if got[1].Err.Depth != 0 || got[1].Err.Len != len(long) || !strings.HasSuffix(got[1].Start, "éé…") {
		t.Errorf("second refusal = %q %+v", got[1].Start, got[1].Err)
	}
}
