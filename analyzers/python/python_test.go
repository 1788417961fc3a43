package python_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rlcheck/rlcheck/analyzers/python"
	"github.com/rlcheck/rlcheck/analyzers/python/pythontest"
	"github.com/rlcheck/rlcheck/internal/finding"
)

// TestSeeds runs the Python rules on the seed articles' code: each seed's
// "fixed" limiter hides its datastore errors as 429s (RL003 medium), seeds
// 000 and 001 send expressions DynamoDB rejects (RL016) and key their
// limits on values the client picks (RL008), and seed 004's
// SERIALIZABLE transaction is not a read-then-write race.
func TestSeeds(t *testing.T) {
	pythontest.Run(t, filepath.Join("..", "..", "testdata", "seeds"), python.RuleIDs()...)
}

func TestRuleIDs(t *testing.T) {
	if got := python.RuleIDs(); !slices.Equal(got, []string{"RL001", "RL002", "RL003", "RL004", "RL005", "RL006", "RL007", "RL008", "RL009", "RL010", "RL011", "RL012", "RL013", "RL014", "RL015", "RL016"}) {
		t.Errorf("RuleIDs() = %q", got)
	}
}

func all(string) bool { return true }

func TestBadInput(t *testing.T) {
	tests := []struct {
		name, src string
		level     finding.Level
		mention   string
	}{
		{"binary", "\x00\x01\x02import os\n", finding.LevelWarning, "NUL"},
		{"latin1", "# caf\xe9\nx = 1\n", finding.LevelWarning, "UTF-8"},
		{"syntax", "import boto3\n\ndef f(:\n    pass\n", finding.LevelWarning, "line 3"},
	}
	for _, tt := range tests {
		fs, notes := python.Check(tt.name+".py", []byte(tt.src), all)
		if len(fs) != 0 || len(notes) != 1 || notes[0].Level != tt.level || !strings.Contains(notes[0].Message, tt.mention) {
			t.Errorf("%s: findings %v, notifications %+v", tt.name, fs, notes)
		}
	}
	if fs, notes := python.Check("empty.py", nil, all); len(fs) != 0 || len(notes) != 0 {
		t.Errorf("empty file: %v %v", fs, notes)
	}
}

// TestSyntaxErrorKeepsGoing checks that the rules still run on the parts
// of a file that parsed.
func TestSyntaxErrorKeepsGoing(t *testing.T) {
	src := `import boto3
table = boto3.resource("dynamodb").Table("t")

def record(key):
    table.update_item(Key={"pk": key}, UpdateExpression="ADD hits :one", ExpressionAttributeValues={":one": 1})

def broken(:
    pass
`
	fs, notes := python.Check("partial.py", []byte(src), all)
	if len(notes) != 1 || len(fs) != 1 || fs[0].RuleID != "RL002" {
		t.Errorf("findings %+v, notifications %+v", fs, notes)
	}
}

func TestCharacterColumns(t *testing.T) {
	src := "import boto3\ntable = boto3.resource(\"dynamodb\").Table(\"t\")\n\ndef f(k):\n    ü = 1; table.update_item(Key={\"pk\": k}, UpdateExpression=\"ADD hits :one\", ExpressionAttributeValues={\":one\": 1})\n"
	fs, _ := python.Check("cols.py", []byte(src), all)
	if len(fs) != 1 || fs[0].Location.Start.Column != 12 {
		t.Errorf("findings %+v, want RL002 at column 12 (characters, not bytes)", fs)
	}
}

// TestDeclaredEncoding checks that a file declaring latin-1 (PEP 263) is
// decoded and analyzed, with columns counted in characters.
func TestDeclaredEncoding(t *testing.T) {
	src := "# -*- coding: latin-1 -*-\nimport boto3\ntable = boto3.resource(\"dynamodb\").Table(\"t\")\n\ndef f(k):\n    caf\xe9 = 1; table.update_item(Key={\"pk\": k}, UpdateExpression=\"ADD hits :one\", ExpressionAttributeValues={\":one\": 1})\n"
	fs, notes := python.Check("latin.py", []byte(src), all)
	if len(notes) != 0 || len(fs) != 1 || fs[0].RuleID != "RL002" || fs[0].Location.Start.Column != 15 {
		t.Errorf("findings %+v, notifications %+v; want RL002 at column 15", fs, notes)
	}
	if _, notes := python.Check("bad.py", []byte("# coding: klingon\nx = 1\n"), all); len(notes) != 1 || !strings.Contains(notes[0].Message, "klingon") {
		t.Errorf("an unknown encoding: notifications %+v", notes)
	}
}

// TestUnparenthesizedExcept checks Python 3.14's except A, B: (PEP 758):
// no syntax error, and the clause still counts as what it catches.
func TestUnparenthesizedExcept(t *testing.T) {
	src := `import redis
from fastapi import HTTPException

r = redis.Redis()


def allow(key: str) -> bool:
    try:
        if r.incr(key) > 100:
            raise HTTPException(status_code=429)
    except ValueError, Exception:
        pass
    return True
`
	fs, notes := python.Check("pep758.py", []byte(src), func(id string) bool { return id == "RL003" })
	if len(notes) != 0 || len(fs) != 1 || fs[0].RuleID != "RL003" || fs[0].Location.Start.Line != 11 || fs[0].Location.Start.Column != 5 {
		t.Errorf("findings %+v, notifications %+v; want RL003 at 11:5 and no syntax error", fs, notes)
	}
}
