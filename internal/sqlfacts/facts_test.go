package sqlfacts

import (
	"reflect"
	"testing"
)

func one(t *testing.T, sql string) *Statement {
	t.Helper()
	f, err := Analyze(sql)
	if err != nil {
		t.Fatalf("Analyze(%q): %v", sql, err)
	}
	if len(f.Statements) != 1 {
		t.Fatalf("Analyze(%q): %d statements", sql, len(f.Statements))
	}
	return f.Statements[0]
}

func TestSelect(t *testing.T) {
	s := one(t, "SELECT count FROM rate_limits WHERE key = %s")
	want := &Statement{Kind: Select, Table: "rate_limits", Selected: []string{"count"},
		Key: []Predicate{{Column: "key", Value: Value{Kind: Param, Param: 1}}}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v\nwant %+v", s, want)
	}
	if s := one(t, "SELECT hits FROM c WHERE k = $1 FOR UPDATE"); !s.ForUpdate {
		t.Error("FOR UPDATE not seen")
	}
	if s := one(t, "SELECT hits FROM c WHERE k = $1 FOR NO KEY UPDATE"); !s.ForUpdate {
		t.Error("FOR NO KEY UPDATE not seen")
	}
	if s := one(t, "SELECT hits FROM c WHERE k = $1 FOR SHARE"); s.ForUpdate {
		t.Error("FOR SHARE is not a write lock")
	}
	s = one(t, "SELECT count(*), sum(hits) AS total FROM public.Hits h WHERE h.client = :client")
	if !reflect.DeepEqual(s.Selected, []string{"count", "total"}) || s.Table != "hits" {
		t.Errorf("selected %q table %q", s.Selected, s.Table)
	}
	if s.Key[0].Value.ParamName != "client" || s.Key[0].Column != "client" {
		t.Errorf("key %+v", s.Key)
	}
}

func TestRowCount(t *testing.T) {
	for sql, want := range map[string]bool{
		"SELECT COUNT(*) FROM runs WHERE k = $1":                             true,
		"SELECT COUNT(DISTINCT br.batch_id)::integer AS active FROM runs br": true,
		"SELECT count FROM rate_limits WHERE key = $1":                       false, // a column named count
		"SELECT count(*), sum(hits) FROM hits":                               false,
		"SELECT coalesce(sum(hits), 0) FROM hits WHERE client = $1":          false,
		"SELECT tokens FROM buckets WHERE k = $1":                            false,
	} {
		if got := one(t, sql).RowCount; got != want {
			t.Errorf("%s: RowCount = %v, want %v", sql, got, want)
		}
	}
}

func TestUpdate(t *testing.T) {
	s := one(t, "UPDATE rate_limits SET count = %s WHERE key = %s")
	if s.Kind != Update || len(s.Increments) != 0 {
		t.Fatalf("got %+v", s)
	}
	if !reflect.DeepEqual(s.Assigns, []Assign{{Column: "count", Value: Value{Kind: Param, Param: 1}}}) {
		t.Errorf("assigns %+v", s.Assigns)
	}
	s = one(t, "UPDATE counters SET hits = hits + 1 WHERE name = 'global'")
	if !reflect.DeepEqual(s.Increments, []Increment{{Column: "hits", Sign: 1, Amount: Value{Kind: Const, Const: "1"}}}) {
		t.Errorf("increments %+v", s.Increments)
	}
	if !s.ConstantKey() {
		t.Error("constant key not seen")
	}
	s = one(t, "UPDATE quota SET used = used + 1 WHERE id = :id AND used < cap RETURNING used")
	if s.ConstantKey() || !reflect.DeepEqual(s.Guards, []string{"used", "cap"}) || !reflect.DeepEqual(s.Returning, []string{"used"}) {
		t.Errorf("got %+v", s)
	}
	for _, sql := range []string{
		"UPDATE c SET n = 1 + n WHERE k = $1",
		"UPDATE c SET n = coalesce(n, 0) + $2 WHERE k = $1",
		"UPDATE c SET n = c.n + 1 WHERE k = $1",
	} {
		if s := one(t, sql); len(s.Increments) != 1 || s.Increments[0].Sign != 1 {
			t.Errorf("%s: increments %+v", sql, s.Increments)
		}
	}
	if s := one(t, "UPDATE c SET n = n - 1 WHERE k = $1"); len(s.Increments) != 1 || s.Increments[0].Sign != -1 {
		t.Errorf("decrement: %+v", s.Increments)
	}
	if s := one(t, "UPDATE c SET n = m + 1 WHERE k = $1"); len(s.Increments) != 0 {
		t.Errorf("n = m + 1 is not an increment of n: %+v", s.Increments)
	}
}

func TestUpsert(t *testing.T) {
	s := one(t, "INSERT INTO c (k, n) VALUES ($1, 1) ON CONFLICT (k) DO UPDATE SET n = c.n + 1 RETURNING n")
	if s.Kind != Upsert || len(s.Increments) != 1 || !reflect.DeepEqual(s.Conflict, []string{"k"}) || !reflect.DeepEqual(s.Returning, []string{"n"}) {
		t.Errorf("got %+v", s)
	}
	if s.Key[0] != (Predicate{Column: "k", Value: Value{Kind: Param, Param: 1}}) {
		t.Errorf("key %+v", s.Key)
	}
	s = one(t, "INSERT INTO c (k, n) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET n = excluded.n")
	if len(s.Increments) != 0 || len(s.Assigns) != 1 || s.Assigns[0].Value.Kind != Column {
		t.Errorf("excluded.n is an assignment, not an increment: %+v", s)
	}
	s = one(t, "INSERT INTO c (k, n) VALUES ('global', 1) ON CONFLICT (k) DO UPDATE SET n = c.n + excluded.n")
	if len(s.Increments) != 1 || !s.ConstantKey() {
		t.Errorf("got %+v", s)
	}
	if s := one(t, "INSERT INTO c (k, n) VALUES ($1, 1) ON CONFLICT DO NOTHING"); s.Kind != Insert {
		t.Errorf("DO NOTHING is a plain insert: %v", s.Kind)
	}
	s = one(t, "UPSERT INTO c (k, n) VALUES ($1, $2)")
	if s.Kind != Upsert || len(s.Assigns) != 2 || s.Assigns[1].Value.Param != 2 {
		t.Errorf("UPSERT: %+v", s)
	}
	if s := one(t, "/* cockroach */ upsert into c (k) values ($1)"); s.Kind != Upsert {
		t.Errorf("commented upsert: %v", s.Kind)
	}
}

func TestTransactions(t *testing.T) {
	tests := map[string]struct {
		kind Kind
		iso  string
	}{
		"BEGIN ISOLATION LEVEL SERIALIZABLE":                                      {Begin, "serializable"},
		"START TRANSACTION ISOLATION LEVEL REPEATABLE READ":                       {Begin, "repeatable read"},
		"SET TRANSACTION ISOLATION LEVEL READ COMMITTED":                          {SetTransaction, "read committed"},
		"SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE": {SetTransaction, "serializable"},
		"BEGIN": {Begin, ""},
	}
	for sql, want := range tests {
		if s := one(t, sql); s.Kind != want.kind || s.Isolation != want.iso {
			t.Errorf("%s: kind %v isolation %q", sql, s.Kind, s.Isolation)
		}
	}
	if s := one(t, "LOCK TABLE rate_limits IN EXCLUSIVE MODE"); s.Kind != LockTable || s.Table != "rate_limits" {
		t.Errorf("lock: %+v", s)
	}
	for _, sql := range []string{"SELECT pg_advisory_xact_lock(hashtext($1))", "SELECT 1 WHERE pg_try_advisory_lock(42)"} {
		if s := one(t, sql); !s.AdvisoryLock {
			t.Errorf("%s: advisory lock not seen", sql)
		}
	}
	if s := one(t, "SELECT hashtext($1)"); s.AdvisoryLock {
		t.Error("hashtext is not a lock")
	}
}

func TestCreateTable(t *testing.T) {
	s := one(t, "CREATE TABLE counters (name TEXT PRIMARY KEY, hits INT NOT NULL DEFAULT 0)")
	if s.Kind != CreateTable || !reflect.DeepEqual(s.PrimaryKey, []string{"name"}) ||
		!reflect.DeepEqual(s.Columns, []ColumnDef{{"name", "text"}, {"hits", "int4"}}) {
		t.Errorf("got %+v", s)
	}
	s = one(t, "CREATE TABLE IF NOT EXISTS c (client_id TEXT, bucket BIGINT, n INT, PRIMARY KEY (client_id, bucket))")
	if !reflect.DeepEqual(s.PrimaryKey, []string{"client_id", "bucket"}) {
		t.Errorf("primary key %q", s.PrimaryKey)
	}
}

func TestPlaceholders(t *testing.T) {
	s := one(t, "UPDATE c SET n = %(n)s WHERE k = %(key)s AND note = 'a %s :x ? b' AND t = $1::text")
	if s.Assigns[0].Value.ParamName != "n" || s.Key[0].Value.ParamName != "key" {
		t.Errorf("named params: %+v %+v", s.Assigns, s.Key)
	}
	if s.Key[1].Value != (Value{Kind: Const, Const: "a %s :x ? b"}) {
		t.Errorf("literal was rewritten: %+v", s.Key[1])
	}
	if s.Key[2].Value.Kind != Param || s.Key[2].Value.Param != 1 {
		t.Errorf("cast param: %+v", s.Key[2])
	}
	s = one(t, "UPDATE c SET n = ? WHERE k = ? -- trailing :comment ?")
	if s.Assigns[0].Value.Param != 1 || s.Key[0].Value.Param != 2 {
		t.Errorf("? params: %+v %+v", s.Assigns, s.Key)
	}
	s = one(t, "SELECT n FROM c WHERE k = :key AND k2 = :key")
	if s.Key[0].Value.Param != s.Key[1].Value.Param {
		t.Errorf("a repeated name must be one parameter: %+v", s.Key)
	}
	if s := one(t, `SELECT $$ :x $$ AS "a:b" FROM c WHERE k = :k`); s.Key[0].Value.ParamName != "k" {
		t.Errorf("dollar quote: %+v", s.Key)
	}
}

func TestMultipleStatements(t *testing.T) {
	f, err := Analyze("BEGIN; SELECT n FROM c WHERE k = $1 FOR UPDATE; UPDATE c SET n = n + 1 WHERE k = $1; COMMIT")
	if err != nil {
		t.Fatal(err)
	}
	var kinds []Kind
	for _, s := range f.Statements {
		kinds = append(kinds, s.Kind)
	}
	if !reflect.DeepEqual(kinds, []Kind{Begin, Select, Update, Other}) {
		t.Errorf("kinds %v", kinds)
	}
}

func TestErrors(t *testing.T) {
	for _, sql := range []string{"", "   ", "-- only a comment", "SELEC count FROM", "not sql at all", "\x00\xff"} {
		if _, err := Analyze(sql); err == nil {
			t.Errorf("Analyze(%q) succeeded", sql)
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"UPDATE c SET n = n + 1 WHERE k = %s",
		"INSERT INTO c (k, n) VALUES (:k, 1) ON CONFLICT (k) DO UPDATE SET n = c.n + 1",
		"UPSERT INTO c (k) VALUES (?)",
		"SELECT '%(x)s' FROM t WHERE a = $$ $1 $$",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		facts, err := Analyze(sql)
		if err == nil && (facts == nil || len(facts.Statements) == 0) {
			t.Errorf("Analyze(%q) returned no statements and no error", sql)
		}
	})
}

func TestWritesCounter(t *testing.T) {
	for _, tc := range []struct {
		sql  string
		want bool
	}{
		{"UPDATE rate_limits SET hits = hits + 1 WHERE client = $1", true},
		{"UPDATE buckets SET tokens = tokens - 1 WHERE client = $1 AND tokens > 0", true},
		{"INSERT INTO hits (k, n) VALUES ($1, 1) ON CONFLICT (k) DO UPDATE SET n = hits.n + 1", true},
		{"UPDATE rate_limits SET count = $1 WHERE client_id = $2", true},
		{"UPDATE rate_limits SET request_count = $1, updated_at = now() WHERE client_id = $2", true},
		{"UPDATE users SET email = $1 WHERE id = $2", false},
		{"INSERT INTO request_log (client, ts) VALUES ($1, $2)", false},
		{"SELECT count FROM rate_limits WHERE client_id = $1", false},
	} {
		if got := one(t, tc.sql).WritesCounter(); got != tc.want {
			t.Errorf("%q: WritesCounter() = %v, want %v", tc.sql, got, tc.want)
		}
	}
}
