package ddbexpr

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// errCase is an input that must fail with an *Error of a kind, at an
// offset, with a message containing msg.
type errCase struct {
	in   string
	kind ErrorKind
	off  int
	msg  string
}

func checkErr(t *testing.T, fn string, c errCase, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s(%q) error = %v, want *Error", fn, c.in, err)
		return
	}
	if e.Kind != c.kind || e.Offset != c.off || !strings.Contains(e.Msg, c.msg) {
		t.Errorf("%s(%q) = kind %d offset %d %q, want kind %d offset %d containing %q", fn, c.in, e.Kind, e.Offset, e.Msg, c.kind, c.off, c.msg)
	}
}

func TestParseUpdate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ADD request_count :inc", "ADD request_count :inc"},
		{"ADD request_count :inc SET ttl = :ttl", "SET ttl = :ttl ADD request_count :inc"},
		{"set a = :a remove b add c :c delete d :d", "SET a = :a REMOVE b ADD c :c DELETE d :d"},
		{"Delete d :d Add c :c Remove b Set a = :a", "SET a = :a REMOVE b ADD c :c DELETE d :d"},
		{"SET a=:a,b=b+:one,c=:one+c", "SET a = :a, b = b + :one, c = :one + c"},
		{"SET #c = if_not_exists(#c, :zero) + :one", "SET #c = if_not_exists(#c, :zero) + :one"},
		{"SET l = list_append(if_not_exists(l, :empty), :v)", "SET l = list_append(if_not_exists(l, :empty), :v)"},
		{"SET a.b[2].#c = :v, x[10][0] = y.z", "SET a.b[2].#c = :v, x[10][0] = y.z"},
		{"SET #pr.#5star[1] = :r5", "SET #pr.#5star[1] = :r5"},
		{"REMOVE RelatedItems[1], RelatedItems[2]", "REMOVE RelatedItems[1], RelatedItems[2]"},
		{"SET price = price - :p", "SET price = price - :p"},
		{"\tSET\na = :a\r\n", "SET a = :a"},
		{"SET _private = :v", "SET _private = :v"},
		{"SET remove = remove + :v REMOVE remove.x", "SET remove = remove + :v REMOVE remove.x"},
		{"SET a = if_not_exists (a, :z)", "SET a = if_not_exists(a, :z)"},
		{"SET a = :v" + strings.Repeat(" ", MaxLen-10), "SET a = :v"},
	}
	for _, tt := range tests {
		u, err := ParseUpdate(tt.in)
		if err != nil {
			t.Errorf("ParseUpdate(%q): %v", tt.in, err)
			continue
		}
		if got := u.String(); got != tt.want {
			t.Errorf("ParseUpdate(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseUpdateStructure(t *testing.T) {
	u, err := ParseUpdate("SET #c = if_not_exists(#c, :zero) + :one, a.b[2] = :v REMOVE old, x[0] DELETE tags :t")
	if err != nil {
		t.Fatal(err)
	}
	ar, ok := u.Set[0].Value.(*Arith)
	if !ok || ar.Op != '+' || ar.Right != ValueRef(":one") || ar.Offset != 9 {
		t.Fatalf("SET value = %#v, want if_not_exists(...) + :one at 9", u.Set[0].Value)
	}
	call, ok := ar.Left.(*Call)
	if !ok || call.Name != "if_not_exists" || call.Offset != 9 || len(call.Args) != 2 {
		t.Fatalf("left = %#v", ar.Left)
	}
	want := Path{{Name: "a", Offset: 42}, {Name: "b", Offset: 44}, {Index: 2, IsIndex: true, Offset: 45}}
	if !reflect.DeepEqual(u.Set[1].Path, want) || u.Set[1].Offset != 42 {
		t.Errorf("second SET path = %#v at %d, want %#v at 42", u.Set[1].Path, u.Set[1].Offset, want)
	}
	if len(u.Remove) != 2 || u.Remove[1].String() != "x[0]" || u.Remove[1].Offset() != 66 {
		t.Errorf("REMOVE = %v", u.Remove)
	}
	if len(u.Delete) != 1 || u.Delete[0].Value != ":t" || u.Delete[0].Offset != 78 {
		t.Errorf("DELETE = %+v", u.Delete)
	}
}

func TestUpdateRefs(t *testing.T) {
	u, err := ParseUpdate("ADD request_count :inc SET ttl = :ttl")
	if err != nil {
		t.Fatal(err)
	}
	want := Refs{
		Values:   []string{":inc", ":ttl"},
		Reserved: []Word{{"ttl", 27}},
		Uses:     []Word{{":inc", 18}, {":ttl", 33}},
	}
	if got := u.Refs(); !reflect.DeepEqual(got, want) {
		t.Errorf("Refs() = %+v, want %+v", got, want)
	}

	u, err = ParseUpdate("SET #c = #c + :one, #d.name = :one, #c2 = size_x")
	if err != nil {
		t.Fatal(err)
	}
	refs := u.Refs()
	if !reflect.DeepEqual(refs.Names, []string{"#c", "#d", "#c2"}) || !reflect.DeepEqual(refs.Values, []string{":one"}) {
		t.Errorf("names %q values %q", refs.Names, refs.Values)
	}
	if !reflect.DeepEqual(refs.Reserved, []Word{{"name", 23}}) {
		t.Errorf("reserved = %+v, want name at 23 (nested names count too)", refs.Reserved)
	}
	if len(refs.Uses) != 6 || refs.First("#c") != 4 || refs.First(":one") != 14 || refs.First(":nope") != -1 {
		t.Errorf("uses = %+v", refs.Uses)
	}
}

func TestParseUpdateErrors(t *testing.T) {
	tests := []errCase{
		{"", Syntax, 0, "empty expression"},
		{"   ", Syntax, 0, "empty expression"},
		{"SET", Syntax, 3, "expected an attribute name, found end of expression"},
		{"SET a :v", Syntax, 6, `expected "="`},
		{"SET a = :v SET b = :w", Syntax, 11, "SET clause may appear only once"},
		{"set a = :v, b = :w ADD c :c Set d = :d", Syntax, 28, "SET clause may appear only once"},
		{"UPDATE a = :v", Syntax, 0, "expected SET, REMOVE, ADD or DELETE"},
		{"SET a = :v b = :w", Syntax, 11, `expected "," or a clause`},
		{"ADD a b", Syntax, 6, "expected a :value placeholder"},
		{"ADD a 5", Syntax, 6, "expected a :value placeholder"},
		{"DELETE a", Syntax, 8, "expected a :value placeholder"},
		{"SET a = size(b)", Syntax, 8, "size is not allowed in an update expression"},
		{"SET a = attribute_exists(b)", Syntax, 8, "attribute_exists is not allowed in an update expression"},
		{"SET a = nosuch(b)", Syntax, 8, "unknown function nosuch"},
		{"SET a = If_Not_Exists(a, :z)", Syntax, 8, "case-sensitive: write if_not_exists"},
		{"SET a = if_not_exists(b)", Syntax, 8, "takes 2 argument(s), got 1"},
		{"SET a = list_append(:a, :b, :c)", Syntax, 8, "takes 2 argument(s), got 3"},
		{"SET a = if_not_exists(:z, a)", Syntax, 22, "first argument of if_not_exists must be an attribute path"},
		{"SET a = :v +", Syntax, 12, "expected an attribute"},
		{"SET a = a + :b + :c", Arithmetic, 15, "only one + or -"},
		{"SET a = if_not_exists(a, :z + :v)", Arithmetic, 28, "not allowed in a function argument"},
		{"ADD a :v + :w", Arithmetic, 9, "allowed only in SET values, not in ADD"},
		{"REMOVE a - b", Arithmetic, 9, "not in REMOVE"},
		{"SET a = :v $", Syntax, 11, "unexpected character '$'"},
		{"SET é = :v", Syntax, 4, "unexpected character 'é'"},
		{"SET a = 'x'", Syntax, 8, "string literals are not allowed"},
		{"SET a = 5", Syntax, 8, "literal 5 is not allowed"},
		{"SET 1a = :v", Syntax, 4, "starts with a digit"},
		{"SET a[x] = :v", Syntax, 6, "expected a list index"},
		{"SET a[-1] = :v", Syntax, 6, "expected a list index"},
		{"SET a[99999999999999999999] = :v", Syntax, 6, "out of range"},
		{"SET a[1 = :v", Syntax, 8, `expected "]"`},
		{"SET a. = :v", Syntax, 7, "expected an attribute name"},
		{"REMOVE a,", Syntax, 9, "expected an attribute name"},
		{"SET a = :v, REMOVE b", Syntax, 12, "found keyword REMOVE"},
		{"SET a = :v, b = add ADD c :c", Syntax, 16, "found keyword add"},
		{"ADD a :v, remove b", Syntax, 10, "found keyword remove"},
		{"ADD a :v, delete b :b", Syntax, 10, "found keyword delete"},
		{"SET # = :v", Syntax, 4, "placeholder name"},
		{"ADD a :", Syntax, 6, "placeholder name"},
		{"SET a = (:v)", Syntax, 8, "expected an attribute, a :value or a function"},
		{"SET a = :v" + strings.Repeat(" ", MaxLen-9), Syntax, MaxLen, "4097 bytes long, over DynamoDB's limit of 4096"},
	}
	for _, tt := range tests {
		_, err := ParseUpdate(tt.in)
		checkErr(t, "ParseUpdate", tt, err)
	}
}

func TestCounters(t *testing.T) {
	tests := []struct {
		in   string
		want []string // sign, attribute, amount
	}{
		{"ADD request_count :inc", []string{"+request_count :inc"}},
		{"SET n = n + :inc", []string{"+n :inc"}},
		{"SET n = :inc + n", []string{"+n :inc"}},
		{"SET #n = if_not_exists(#n, :zero) + :inc", []string{"+#n :inc"}},
		{"SET #n = :inc + if_not_exists(#n, :zero)", []string{"+#n :inc"}},
		{"SET n = n - :one", []string{"-n :one"}},
		{"SET n = if_not_exists(n, :z) - :one", []string{"-n :one"}},
		{"SET a.b[1] = a.b[1] + :one", []string{"+a.b[1] :one"}},
		{"SET n = n + m", []string{"+n m"}},
		{"SET n = :v", nil},
		{"SET n = if_not_exists(n, :z)", nil},
		{"SET n = m + :v", nil},
		{"SET n = if_not_exists(m, :z) + :v", nil},
		{"SET n = :v - n", nil},
		{"SET a.b = a + :v", nil},
		{"SET n = list_append(n, :l)", nil},
		{"DELETE s :v REMOVE n", nil},
		{"SET last_seen = :now, total = total + :one ADD hits :one, tokens :one", []string{"+hits :one", "+tokens :one", "+total :one"}},
	}
	for _, tt := range tests {
		u, err := ParseUpdate(tt.in)
		if err != nil {
			t.Errorf("ParseUpdate(%q): %v", tt.in, err)
			continue
		}
		var got []string
		for _, c := range u.Counters() {
			sign := "+"
			if c.Sign < 0 {
				sign = "-"
			}
			got = append(got, sign+c.Attr.String()+" "+c.Amount.String())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Counters(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestConflicts(t *testing.T) {
	names := map[string]string{"#c": "count", "#d": "count", "#a": "a"}
	tests := []struct {
		in   string
		want []string // "first second kind"
	}{
		{"SET a = :x, b = :y REMOVE c ADD d :d", nil},
		{"SET a = :x, a = :y", []string{"a a 0"}},
		{"SET a = :x REMOVE a", []string{"a a 0"}},
		{"REMOVE a.b SET a = :x", []string{"a.b a 1"}},
		{"SET a[0] = :x ADD a :y", []string{"a[0] a 1"}},
		{"SET a.b = :x, a[0] = :y", []string{"a.b a[0] 2"}},
		{"REMOVE l[1], l[2]", nil},
		{"SET a.b = :x, a.c = :y", nil},
		{"SET ab = :x, a = :y", nil},
		{"SET #c = :x ADD count :one", []string{"#c count 0"}},
		{"SET #c = :x, #d = :y", []string{"#c #d 0"}},
		{"SET #x = :x, x = :y", nil},
		{"SET #x = :x, #x.y = :y", []string{"#x #x.y 1"}},
		{"SET a = :x, a.b = :y, a.b.c = :z", []string{"a a.b 1", "a a.b.c 1", "a.b a.b.c 1"}},
		{"SET a = a + :v", nil},
	}
	for _, tt := range tests {
		u, err := ParseUpdate(tt.in)
		if err != nil {
			t.Errorf("ParseUpdate(%q): %v", tt.in, err)
			continue
		}
		var got []string
		for _, c := range u.Conflicts(names) {
			got = append(got, c.First.String()+" "+c.Second.String()+" "+string(rune('0'+c.Kind)))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Conflicts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
