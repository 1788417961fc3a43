package ddbexpr

import (
	"errors"
	"slices"
	"testing"
)

// checkError checks that a parse error is an *Error inside the input.
func checkError(t *testing.T, s string, err error) {
	t.Helper()
	var e *Error
	if err != nil && (!errors.As(err, &e) || e.Offset < 0 || e.Offset > len(s)) {
		t.Fatalf("%q: error %v is not an *Error inside the input", s, err)
	}
}

// checkParsed checks the invariants of a successful parse: refs point at
// their text, and the canonical form parses back to itself with the same
// placeholders and reserved words.
func checkParsed(t *testing.T, s string, refs Refs, canonical string, reparse func(string) (string, Refs, error)) {
	t.Helper()
	for _, w := range slices.Concat(refs.Reserved, refs.Uses) {
		if w.Offset < 0 || w.Offset+len(w.Text) > len(s) || s[w.Offset:w.Offset+len(w.Text)] != w.Text {
			t.Fatalf("%q: ref %+v does not point at its text", s, w)
		}
	}
	again, refs2, err := reparse(canonical)
	if err != nil {
		t.Fatalf("%q: canonical form %q does not parse: %v", s, canonical, err)
	}
	if again != canonical {
		t.Fatalf("%q: canonical form %q reparses as %q", s, canonical, again)
	}
	if !sameSet(refs.Values, refs2.Values) || !sameSet(refs.Names, refs2.Names) || len(refs.Reserved) != len(refs2.Reserved) || len(refs.Uses) != len(refs2.Uses) {
		t.Fatalf("%q: refs %+v, canonical form %q has %+v", s, refs, canonical, refs2)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func FuzzParseUpdate(f *testing.F) {
	for _, s := range []string{
		"ADD request_count :inc SET ttl = :ttl",
		"SET #a = if_not_exists(#a, :z) + :v, l = list_append(l, :l) REMOVE b[1].c",
		"DELETE s :v",
	} {
		f.Add(s)
	}
	reparse := func(s string) (string, Refs, error) {
		u, err := ParseUpdate(s)
		if err != nil {
			return "", Refs{}, err
		}
		return u.String(), u.Refs(), nil
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseUpdate(s)
		if err != nil {
			checkError(t, s, err)
			return
		}
		u.Counters()
		u.Conflicts(map[string]string{"#a": "a"})
		checkParsed(t, s, u.Refs(), u.String(), reparse)
	})
}

func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{
		"attribute_not_exists(request_count) OR request_count + :inc <= :limit",
		"NOT (a < :x AND b IN (:a, :b)) OR size(#n.c[0]) BETWEEN :lo AND :hi",
		"pk = :pk AND begins_with(sk, :p)",
	} {
		f.Add(s)
	}
	reparse := func(s string) (string, Refs, error) {
		c, refs, err := ParseConditionRefs(s)
		if err != nil {
			return "", Refs{}, err
		}
		return c.String(), refs, nil
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, refs, err := ParseConditionRefs(s)
		if err != nil {
			checkError(t, s, err)
		} else {
			checkParsed(t, s, refs, c.String(), reparse)
		}
		_, _, err = ParseKeyConditionRefs(s)
		checkError(t, s, err)
	})
}

func FuzzParseProjection(f *testing.F) {
	for _, s := range []string{"a, #b.c[1], name", "x[0][1].y"} {
		f.Add(s)
	}
	render := func(ps []Path) string {
		var out string
		for i, p := range ps {
			if i > 0 {
				out += ", "
			}
			out += p.String()
		}
		return out
	}
	reparse := func(s string) (string, Refs, error) {
		ps, refs, err := ParseProjectionRefs(s)
		return render(ps), refs, err
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, refs, err := ParseProjectionRefs(s)
		if err != nil {
			checkError(t, s, err)
			return
		}
		checkParsed(t, s, refs, render(ps), reparse)
	})
}
