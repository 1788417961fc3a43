package ddbexpr

import (
	"reflect"
	"testing"
)

func TestParseCondition(t *testing.T) {
	tests := []struct{ in, want string }{
		{"attribute_not_exists(client_key) OR attribute_not_exists(window_start) OR request_count < :limit",
			"attribute_not_exists(client_key) OR attribute_not_exists(window_start) OR request_count < :limit"},
		{"attribute_not_exists(#c) or #c < :limit", "attribute_not_exists(#c) OR #c < :limit"},
		{"a=:a AND b<>:b AND c<:c AND d<=:d AND e>:e AND f>=:f", "a = :a AND b <> :b AND c < :c AND d <= :d AND e > :e AND f >= :f"},
		{"c between :lo and :hi", "c BETWEEN :lo AND :hi"},
		{"k IN (:a,:b, :c)", "k IN (:a, :b, :c)"},
		{"size(tags) > :n AND contains(tags, :t) AND begins_with(#p, :pre)", "size(tags) > :n AND contains(tags, :t) AND begins_with(#p, :pre)"},
		{"attribute_type(x, :s)", "attribute_type(x, :s)"},
		{"a.b[0].c = x.y", "a.b[0].c = x.y"},
		{":v = a", ":v = a"},
		{"size(a) BETWEEN :lo AND size(b)", "size(a) BETWEEN :lo AND size(b)"},
		// Precedence: NOT binds tighter than AND, AND tighter than OR.
		{"a = :a OR NOT b = :b AND c = :c", "a = :a OR NOT b = :b AND c = :c"},
		{"(a = :a OR b = :b) AND c = :c", "(a = :a OR b = :b) AND c = :c"},
		{"a = :a OR (b = :b AND c = :c)", "a = :a OR b = :b AND c = :c"},
		{"a = :a AND (b = :b AND c = :c)", "a = :a AND (b = :b AND c = :c)"},
		{"NOT (a = :a AND b = :b)", "NOT (a = :a AND b = :b)"},
		{"not not attribute_exists(a)", "NOT NOT attribute_exists(a)"},
		{"((a = :a))", "a = :a"},
		// BETWEEN takes the first AND as its own.
		{"a BETWEEN :x AND :y AND b = :b", "a BETWEEN :x AND :y AND b = :b"},
	}
	for _, tt := range tests {
		c, err := ParseCondition(tt.in)
		if err != nil {
			t.Errorf("ParseCondition(%q): %v", tt.in, err)
			continue
		}
		if got := c.String(); got != tt.want {
			t.Errorf("ParseCondition(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestConditionTree(t *testing.T) {
	c, err := ParseCondition("a = :a OR NOT b = :b AND c = :c")
	if err != nil {
		t.Fatal(err)
	}
	or, ok := c.(*Logic)
	if !ok || or.Op != "OR" || or.Offset != 0 {
		t.Fatalf("top = %#v, want OR at 0", c)
	}
	and, ok := or.Right.(*Logic)
	if !ok || and.Op != "AND" || and.Offset != 10 {
		t.Fatalf("right of OR = %#v, want AND at 10", or.Right)
	}
	not, ok := and.Left.(*Not)
	if !ok || not.Offset != 10 {
		t.Fatalf("left of AND = %#v, want NOT at 10", and.Left)
	}
	cmp, ok := not.Cond.(*Compare)
	if !ok || cmp.Op != "=" || cmp.Offset != 14 || !reflect.DeepEqual(cmp.Left, Path{{Name: "b", Offset: 14}}) || cmp.Right != ValueRef(":b") {
		t.Errorf("NOT operand = %#v", not.Cond)
	}

	c, err = ParseCondition("x IN (:a, :b)")
	if err != nil {
		t.Fatal(err)
	}
	if in, ok := c.(*In); !ok || len(in.List) != 2 || in.List[1] != ValueRef(":b") {
		t.Errorf("IN = %#v", c)
	}
}

func TestConditionRefs(t *testing.T) {
	_, refs, err := ParseConditionRefs("attribute_not_exists(count) OR #c < :limit AND #c > :min AND size(#c) < :limit")
	if err != nil {
		t.Fatal(err)
	}
	want := Refs{
		Values:   []string{":limit", ":min"},
		Names:    []string{"#c"},
		Reserved: []Word{{"count", 21}},
		Uses:     []Word{{"#c", 31}, {":limit", 36}, {"#c", 47}, {":min", 52}, {"#c", 66}, {":limit", 72}},
	}
	if !reflect.DeepEqual(refs, want) {
		t.Errorf("refs = %+v, want %+v", refs, want)
	}
}

func TestParseConditionErrors(t *testing.T) {
	tests := []errCase{
		{"attribute_not_exists(request_count) OR request_count + :inc <= :limit", Arithmetic, 53, "arithmetic (+) is not allowed in a condition expression"},
		{"a <= :limit - :one", Arithmetic, 12, "arithmetic (-) is not allowed"},
		{"a BETWEEN :x + :y AND :z", Arithmetic, 13, "arithmetic (+)"},
		{"contains(a, :b - :c)", Arithmetic, 15, "arithmetic (-)"},
		{"", Syntax, 0, "empty expression"},
		{"a = :v AND", Syntax, 10, "expected an attribute"},
		{"a", Syntax, 1, "expected a comparison, BETWEEN or IN after a, found end of expression"},
		{"a == :v", Syntax, 3, "expected an attribute"},
		{"a != :v", Syntax, 2, "unexpected character '!'"},
		{"status = 'active'", Syntax, 9, "string literals are not allowed"},
		{"n > 5", Syntax, 4, "literal 5 is not allowed"},
		{"(a = :v", Syntax, 7, `expected ")"`},
		{"a = :v)", Syntax, 6, `unexpected ")"`},
		{"if_not_exists(a, :v) = :v", Syntax, 0, "allowed only in update expressions"},
		{"list_append(a, :v) = :v", Syntax, 0, "allowed only in update expressions"},
		{"a BETWEEN :x :y", Syntax, 13, "expected AND in BETWEEN"},
		{"a = :v b = :w", Syntax, 7, `unexpected "b"`},
		{"a = :a = :b", Syntax, 7, `unexpected "="`},
		{"a IN ()", Syntax, 6, "expected an attribute"},
		{"a IN :a", Syntax, 5, `expected "("`},
		{"size(a)", Syntax, 0, "size yields a value, not a condition"},
		{"a = attribute_exists(b)", Syntax, 4, "attribute_exists is a condition and cannot be used as a value"},
		{"attribute_exists(a) = :t", Syntax, 20, `unexpected "="`},
		{"ATTRIBUTE_EXISTS(a)", Syntax, 0, "case-sensitive: write attribute_exists"},
		{"Size(a) > :n", Syntax, 0, "case-sensitive: write size"},
		{"exists(a)", Syntax, 0, "unknown function exists"},
		{"attribute_exists(:a)", Syntax, 17, "first argument of attribute_exists must be an attribute path"},
		{"attribute_exists(a, b)", Syntax, 0, "takes 1 argument(s), got 2"},
		{"attribute_type(a, S)", Syntax, 18, "second argument of attribute_type must be a :value"},
		{"NOT", Syntax, 3, "expected an attribute"},
		{"attribute_exists(a", Syntax, 18, `expected ")"`},
		{"attribute_exists(a b)", Syntax, 19, `expected ")"`},
		{"(a", Syntax, 2, "expected a comparison"},
		{"a = :v OR OR b = :w", Syntax, 10, "expected an attribute name, found keyword OR"},
		{"a BETWEEN :x AND AND", Syntax, 17, "found keyword AND"},
	}
	for _, tt := range tests {
		_, err := ParseCondition(tt.in)
		checkErr(t, "ParseCondition", tt, err)
	}
	var many string
	for i := range 101 {
		if i > 0 {
			many += ", "
		}
		many += ":v"
	}
	checkErr(t, "ParseCondition", errCase{"a IN (" + many + ")", Syntax, 0, "at most 100 values, got 101"}, func() error {
		_, err := ParseCondition("a IN (" + many + ")")
		return err
	}())
}

func TestParseKeyCondition(t *testing.T) {
	valid := []string{
		"pk = :pk",
		"pk = :pk AND sk BETWEEN :a AND :b",
		"#pk = :pk and begins_with(sk, :p)",
		"pk = :pk AND sk >= :t",
		"pk = :pk AND sk = :s",
		"(pk = :pk) AND (sk < :s)",
		"sk > :s AND pk = :pk",
		":pk = pk",
	}
	for _, s := range valid {
		if _, err := ParseKeyCondition(s); err != nil {
			t.Errorf("ParseKeyCondition(%q): %v", s, err)
		}
	}
	invalid := []errCase{
		{"pk < :pk", KeyCondition, 0, "must test the partition key with ="},
		{"pk = :pk OR sk = :s", KeyCondition, 0, "OR is not allowed"},
		{"NOT pk = :pk", KeyCondition, 0, "NOT is not allowed"},
		{"pk = :pk AND sk <> :s", KeyCondition, 13, "<> is not allowed"},
		{"pk = :pk AND contains(sk, :s)", KeyCondition, 13, "contains is not allowed"},
		{"pk = :pk AND attribute_exists(sk)", KeyCondition, 13, "attribute_exists is not allowed"},
		{"pk IN (:a, :b)", KeyCondition, 0, "IN is not allowed"},
		{"pk = :pk AND a = :a AND b = :b", KeyCondition, 24, "at most two parts"},
		{"pk = :pk AND pk = :other", KeyCondition, 13, "pk is tested twice"},
		{"sk > :a AND (sk2 < :b)", KeyCondition, 0, "must test the partition key with ="},
		{"pk = other", KeyCondition, 0, "compare pk with a :value, not other"},
		{"pk = :pk AND sk BETWEEN :a AND sk2", KeyCondition, 13, "compare sk with a :value"},
		{"pk.x = :pk", KeyCondition, 0, "must be a top-level attribute"},
		{"size(pk) = :n", KeyCondition, 0, "must compare a key attribute with a :value"},
		{"pk = :pk AND begins_with(:s, sk)", KeyCondition, 13, "begins_with in a key condition must test a key attribute"},
		{"pk = :pk AND sk + :a > :b", Arithmetic, 16, "arithmetic"},
		{"pk =", Syntax, 4, "expected an attribute"},
		{"(pk = :a OR pk = :b) AND sk = :s", KeyCondition, 1, "OR is not allowed"},
		{":a BETWEEN :b AND :c", KeyCondition, 0, "BETWEEN in a key condition must test a key attribute"},
		{"pk = :pk AND sk = :s AND begins_with(x, :x)", KeyCondition, 25, "at most two parts"},
		{"pk = :pk AND sk = :s AND x BETWEEN :a AND :b", KeyCondition, 25, "at most two parts"},
		{"pk = :pk AND sk = :s AND x IN (:x)", KeyCondition, 25, "at most two parts"},
		{"pk = :pk AND sk = :s AND (x = :x AND y = :y)", KeyCondition, 26, "at most two parts"},
		{"pk = :pk AND sk = :s AND NOT x = :x", KeyCondition, 25, "NOT is not allowed"},
	}
	for _, tt := range invalid {
		_, err := ParseKeyCondition(tt.in)
		checkErr(t, "ParseKeyCondition", tt, err)
	}
	_, refs, err := ParseKeyConditionRefs("#pk = :pk AND begins_with(sk, :p)")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(refs.Names, []string{"#pk"}) || !reflect.DeepEqual(refs.Values, []string{":pk", ":p"}) {
		t.Errorf("refs = %+v", refs)
	}
}

func TestParseProjection(t *testing.T) {
	ps, refs, err := ParseProjectionRefs("a, #b.c[1], name,Comment")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	if !reflect.DeepEqual(got, []string{"a", "#b.c[1]", "name", "Comment"}) {
		t.Errorf("paths = %q", got)
	}
	if !reflect.DeepEqual(refs.Reserved, []Word{{"name", 12}, {"Comment", 17}}) || !reflect.DeepEqual(refs.Uses, []Word{{"#b", 3}}) {
		t.Errorf("refs = %+v", refs)
	}
	for _, tt := range []errCase{
		{"a,,b", Syntax, 2, "expected an attribute name"},
		{"a b", Syntax, 2, `unexpected "b"`},
		{"size(a)", Syntax, 4, `unexpected "("`},
		{":v", Syntax, 0, "expected an attribute name"},
		{"", Syntax, 0, "empty expression"},
	} {
		_, err := ParseProjection(tt.in)
		checkErr(t, "ParseProjection", tt, err)
	}
}

func TestPath(t *testing.T) {
	u, err := ParseUpdate("ADD #c.x[3] :one")
	if err != nil {
		t.Fatal(err)
	}
	p := u.Add[0].Path
	r := p.Resolve(map[string]string{"#c": "count", "x": "ignored"})
	if r.String() != "count.x[3]" || p.String() != "#c.x[3]" {
		t.Errorf("Resolve = %q (original %q)", r, p)
	}
	if r.Offset() != 4 || (Path{}).Offset() != -1 {
		t.Errorf("offsets: %d, %d", r.Offset(), (Path{}).Offset())
	}
	other, err := ParseProjection("count.x[3], count.x, count.x[4], count")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Equal(other[0]) || r.Equal(other[1]) || r.Equal(other[2]) {
		t.Errorf("Equal: %v vs %v", r, other)
	}
	if !r.HasPrefix(other[1]) || !r.HasPrefix(other[3]) || !r.HasPrefix(r) || r.HasPrefix(other[2]) || other[1].HasPrefix(r) {
		t.Error("HasPrefix")
	}
}

func TestCondOffset(t *testing.T) {
	for in, want := range map[string]int{
		"a = :a":                    0,
		" (a = :a OR b = :b)":       2,
		"(a = :a) AND b = :b":       0,
		"  NOT a = :a":              2,
		"x BETWEEN :a AND :b":       0,
		" x IN (:a)":                1,
		"   attribute_exists(#a.b)": 3,
	} {
		c, err := ParseCondition(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := CondOffset(c); got != want {
			t.Errorf("CondOffset(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestErrorString(t *testing.T) {
	_, err := ParseCondition("a + :b")
	if err == nil || err.Error() != "offset 2: arithmetic (+) is not allowed in a condition expression; compare with a precomputed :value instead" {
		t.Errorf("Error() = %v", err)
	}
}

func TestIsReserved(t *testing.T) {
	for _, w := range []string{"TTL", "ttl", "Count", "name", "status", "timestamp", "window", "size", "data", "zone", "abort"} {
		if !IsReserved(w) {
			t.Errorf("IsReserved(%q) = false", w)
		}
	}
	for _, w := range []string{"request_count", "hits", "client_key", "expires_at", "", "ttl_", "#ttl"} {
		if IsReserved(w) {
			t.Errorf("IsReserved(%q) = true", w)
		}
	}
	if len(reservedList) != 573 || len(reservedWords) != 573 {
		t.Errorf("reserved list has %d words (%d distinct), DynamoDB documents 573", len(reservedList), len(reservedWords))
	}
}

func TestBounds(t *testing.T) {
	for expr, want := range map[string]bool{
		"hits < :limit": true,
		"attribute_not_exists(hits) OR hits < :limit": true,
		"#c BETWEEN :a AND :b":                        true,
		"NOT (used >= :cap)":                          true,
		"attribute_not_exists(pk)":                    false,
		"version = :v":                                false,
	} {
		c, err := ParseCondition(expr)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		if got := Bounds(c); got != want {
			t.Errorf("Bounds(%s) = %v, want %v", expr, got, want)
		}
	}
}
