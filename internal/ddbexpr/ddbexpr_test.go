package ddbexpr

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseUpdate(t *testing.T) {
	u, err := ParseUpdate("ADD request_count :inc SET ttl = :ttl")
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Add) != 1 || u.Add[0].Path.String() != "request_count" || u.Add[0].Value != ":inc" {
		t.Errorf("add = %+v", u.Add)
	}
	if len(u.Set) != 1 || u.Set[0].Path.String() != "ttl" || u.Set[0].Value != ValueRef(":ttl") {
		t.Errorf("set = %+v", u.Set)
	}
	refs := u.Refs()
	if !reflect.DeepEqual(refs.Values, []string{":inc", ":ttl"}) {
		t.Errorf("values = %q", refs.Values)
	}
	if len(refs.Reserved) != 1 || refs.Reserved[0] != (Word{"ttl", 27}) {
		t.Errorf("reserved = %+v, want ttl at 27", refs.Reserved)
	}

	u, err = ParseUpdate("set #c = if_not_exists(#c, :zero) + :one, a.b[2] = list_append(a.b[2], :l) remove old, x[0] delete tags :t")
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Set) != 2 || len(u.Remove) != 2 || len(u.Delete) != 1 {
		t.Errorf("clauses = %+v", u)
	}
	if got := u.Set[1].Path.String(); got != "a.b[2]" {
		t.Errorf("path = %q", got)
	}
	if got := u.Refs().Names; !reflect.DeepEqual(got, []string{"#c"}) {
		t.Errorf("names = %q", got)
	}
}

func TestParseUpdateErrors(t *testing.T) {
	tests := map[string]string{
		"":                            "empty expression",
		"   ":                         "empty expression",
		"SET":                         "expected an attribute name",
		"SET a :v":                    `expected "="`,
		"SET a = :v SET b = :w":       "only once",
		"UPDATE a = :v":               "expected SET, REMOVE, ADD or DELETE",
		"ADD a b":                     "expected a :value",
		"SET a = size(b)":             "size is allowed only in condition",
		"SET a = nosuch(b)":           "unknown function",
		"SET a = if_not_exists(b)":    "takes 2 argument(s)",
		"SET a = :v +":                "expected an attribute",
		"SET a = :v $":                "unexpected character",
		"SET a[x] = :v":               "expected a list index",
		"SET a = attribute_exists(b)": "is a condition",
		"REMOVE a,":                   "expected an attribute name",
		"SET # = :v":                  "placeholder name",
	}
	for in, want := range tests {
		_, err := ParseUpdate(in)
		var perr *Error
		if !errors.As(err, &perr) || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseUpdate(%q) error = %v, want *Error containing %q", in, err, want)
		}
	}
}

func TestCounters(t *testing.T) {
	tests := map[string][]string{
		"ADD request_count :inc":                   {"+request_count"},
		"SET n = n + :inc":                         {"+n"},
		"SET n = :inc + n":                         {"+n"},
		"SET #n = if_not_exists(#n, :zero) + :inc": {"+#n"},
		"SET n = n - :one":                         {"-n"},
		"SET n = :v":                               nil,
		"SET n = m + :v":                           nil,
		"SET n = :v - n":                           nil,
		"SET last_seen = :now ADD hits :one, tokens :one": {"+hits", "+tokens"},
	}
	for in, want := range tests {
		u, err := ParseUpdate(in)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		var got []string
		for _, c := range u.Counters() {
			sign := "+"
			if c.Sign < 0 {
				sign = "-"
			}
			got = append(got, sign+c.Attr.String())
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Counters(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseCondition(t *testing.T) {
	valid := []string{
		"attribute_not_exists(client_key) OR attribute_not_exists(window_start) OR request_count < :limit",
		"attribute_not_exists(#c) OR #c < :limit",
		"NOT (a = :a AND b <> :b) OR c BETWEEN :lo AND :hi",
		"size(tags) > :n AND contains(tags, :t) AND begins_with(#p, :pre)",
		"k IN (:a, :b, :c) and attribute_type(x, :s)",
		"version = :expected",
	}
	for _, s := range valid {
		if _, err := ParseCondition(s); err != nil {
			t.Errorf("ParseCondition(%q): %v", s, err)
		}
	}
	// Precedence: AND binds tighter than OR, NOT tighter than AND.
	c, err := ParseCondition("a = :a OR NOT b = :b AND c = :c")
	if err != nil {
		t.Fatal(err)
	}
	or, ok := c.(*Logic)
	if !ok || or.Op != "OR" {
		t.Fatalf("top = %#v, want OR", c)
	}
	and, ok := or.Right.(*Logic)
	if !ok || and.Op != "AND" {
		t.Fatalf("right of OR = %#v, want AND", or.Right)
	}
	if _, ok := and.Left.(*Not); !ok {
		t.Errorf("left of AND = %#v, want NOT", and.Left)
	}

	invalid := map[string]string{
		"attribute_not_exists(request_count) OR request_count + :inc <= :limit": "arithmetic (+) is not allowed in a condition",
		"a <= :limit - :one":        "arithmetic (-) is not allowed",
		"a = :v AND":                "expected an attribute",
		"a":                         "expected a comparison",
		"(a = :v":                   `expected ")"`,
		"if_not_exists(a, :v) = :v": "allowed only in update expressions",
		"a BETWEEN :x :y":           "expected AND in BETWEEN",
		"a = :v b = :w":             "unexpected",
	}
	for in, want := range invalid {
		_, err := ParseCondition(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseCondition(%q) error = %v, want %q", in, err, want)
		}
	}
	_, refs, err := ParseConditionRefs("attribute_not_exists(count) OR #c < :limit")
	if err != nil {
		t.Fatal(err)
	}
	if len(refs.Reserved) != 1 || refs.Reserved[0].Text != "count" || !reflect.DeepEqual(refs.Names, []string{"#c"}) {
		t.Errorf("refs = %+v", refs)
	}
}

func TestParseKeyCondition(t *testing.T) {
	for _, s := range []string{"pk = :pk", "pk = :pk AND sk BETWEEN :a AND :b", "#pk = :pk and begins_with(sk, :p)", "pk = :pk AND sk >= :t"} {
		if _, err := ParseKeyCondition(s); err != nil {
			t.Errorf("ParseKeyCondition(%q): %v", s, err)
		}
	}
	for _, s := range []string{"pk < :pk", "pk = :pk OR sk = :s", "pk = :pk AND sk <> :s", "pk = :pk AND contains(sk, :s)", "pk = :pk AND a = :a AND b = :b"} {
		if _, err := ParseKeyCondition(s); err == nil {
			t.Errorf("ParseKeyCondition(%q) succeeded", s)
		}
	}
}

func TestParseProjection(t *testing.T) {
	ps, refs, err := ParseProjectionRefs("a, #b.c[1], name")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 || ps[1].String() != "#b.c[1]" {
		t.Errorf("paths = %v", ps)
	}
	if len(refs.Reserved) != 1 || refs.Reserved[0].Text != "name" {
		t.Errorf("reserved = %+v", refs.Reserved)
	}
	if _, err := ParseProjection("a,,b"); err == nil {
		t.Error("a,,b parsed")
	}
}

func TestResolve(t *testing.T) {
	u, err := ParseUpdate("ADD #c :one")
	if err != nil {
		t.Fatal(err)
	}
	got := u.Add[0].Path.Resolve(map[string]string{"#c": "count"}).String()
	if got != "count" {
		t.Errorf("Resolve = %q", got)
	}
}

func TestIsReserved(t *testing.T) {
	for _, w := range []string{"TTL", "ttl", "Count", "name", "status", "timestamp", "window"} {
		if !IsReserved(w) {
			t.Errorf("IsReserved(%q) = false", w)
		}
	}
	for _, w := range []string{"request_count", "hits", "client_key", "expires_at"} {
		if IsReserved(w) {
			t.Errorf("IsReserved(%q) = true", w)
		}
	}
	if len(reservedList) != 573 {
		t.Errorf("reserved list has %d words, DynamoDB documents 573", len(reservedList))
	}
}

func FuzzParseUpdate(f *testing.F) {
	for _, s := range []string{"ADD a :b", "SET a = if_not_exists(a, :z) + :v REMOVE b[1]", "DELETE s :v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseUpdate(s)
		if err == nil {
			u.Counters()
		}
	})
}

func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{"a = :b", "NOT (a < :x) OR attribute_exists(#n)", "a IN (:a, :b)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseCondition(s)
		_, _ = ParseKeyCondition(s)
		_, _ = ParseProjection(s)
	})
}
