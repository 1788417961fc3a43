package sqlfacts

import "testing"

func BenchmarkAnalyze(b *testing.B) {
	const sql = "INSERT INTO rate_limits (client_id, bucket, hits) VALUES (%s, %s, 1) ON CONFLICT (client_id, bucket) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits"
	for range b.N {
		if _, err := Analyze(sql); err != nil {
			b.Fatal(err)
		}
	}
}
