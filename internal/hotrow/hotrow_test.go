package hotrow

import "testing"

func TestIncrement(t *testing.T) {
	for _, tc := range []struct {
		table, column string
		keys          []Key
		want          string
		hot           bool
	}{
		{"request_totals", "hits", []Key{{"name", true}}, "a constant key", true},
		{"route_counters", "count", []Key{{"route", false}}, "a key of endpoint names only", true},
		{"route_counters", "count", []Key{{"route", false}, {"client_id", false}}, "", false},
		{"client_counters", "count", []Key{{"client_id", true}, {"route", false}}, "a key of endpoint names only", true},
		{"buckets", "hits", []Key{{"window_start", false}}, "", false},
		{"stock", "items", []Key{{"sku", true}}, "", false}, // not a counter
		{"request_totals", "hits", nil, "", false},
	} {
		got, hot := Increment(tc.table, tc.column, tc.keys)
		if got != tc.want || hot != tc.hot {
			t.Errorf("Increment(%q, %q, %v) = %q, %v; want %q, %v", tc.table, tc.column, tc.keys, got, hot, tc.want, tc.hot)
		}
	}
}

func TestTable(t *testing.T) {
	for _, tc := range []struct {
		cols []Column
		pk   []string
		want string
		hot  bool
	}{
		{[]Column{{"route", "text"}, {"hits", "bigint"}}, []string{"route"}, "hits", true},
		{[]Column{{"client_id", "text"}, {"hits", "bigint"}}, []string{"client_id"}, "", false},
		{[]Column{{"id", "serial"}, {"client_id", "text"}, {"hits", "int"}}, []string{"id"}, "", false},
		{[]Column{{"id", "serial"}, {"hits", "int"}}, []string{"id"}, "hits", true},
		{[]Column{{"name", "text"}, {"total", "numeric"}}, []string{"name"}, "", false},
	} {
		got, hot := Table(tc.cols, tc.pk)
		if got != tc.want || hot != tc.hot {
			t.Errorf("Table(%v, %v) = %q, %v; want %q, %v", tc.cols, tc.pk, got, hot, tc.want, tc.hot)
		}
	}
}
