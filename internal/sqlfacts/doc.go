// Package sqlfacts reads SQL text found in source code and returns the
// facts rate-limit rules need: what kind of statement it is, which table
// it touches, which counters it increments, how its rows are keyed, and
// whether it locks rows, takes advisory locks or sets an isolation level.
//
// The text is parsed by PostgreSQL's own parser (pg_query), so what
// PostgreSQL accepts is read exactly and nothing is guessed from
// keywords. Placeholders of the common drivers are normalized first:
// psycopg's %s and %(name)s, SQLAlchemy's and asyncpg-style :name, and ?
// all become $N. CockroachDB's UPSERT INTO is read as an upsert. Text
// that does not parse yields an error: callers skip it. Text longer than
// MaxLen or nested deeper than MaxDepth is not handed to the parser, whose
// C recursion would overflow the stack: Analyze returns a *LimitError
// (ErrTooComplex), and records the text for whoever Watch-es, so that a
// scan can say what it did not analyze.
package sqlfacts
