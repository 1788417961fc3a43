package finding

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// FingerprintKey is the partialFingerprints key under which rlcheck's own
// fingerprint appears in SARIF.
const FingerprintKey = "rlcheck/v1"

// SetFingerprints gives every finding a fingerprint that survives edits
// elsewhere in the file: it hashes the rule, the path and the whitespace-
// normalized text of the finding's first line, plus the rank of the finding
// among findings with that same hash, so identical lines stay distinct.
// source returns a file's contents by path (nil when unknown). The findings
// must already be sorted.
func SetFingerprints(fs []Finding, source func(path string) []byte) {
	seen := make(map[string]int)
	for i := range fs {
		f := &fs[i]
		line := lineText(source(f.Location.Path), f.Location.Start.Line)
		h := sha256.New()
		for _, part := range [][]byte{[]byte(f.RuleID), []byte(f.Location.Path), normalize(line)} {
			h.Write(part)
			h.Write([]byte{0})
		}
		base := hex.EncodeToString(h.Sum(nil))[:32]
		n := seen[base]
		seen[base] = n + 1
		f.Fingerprint = base + ":" + strconv.Itoa(n+1)
	}
}

// lineText returns the 1-based line n of src, or nil.
func lineText(src []byte, n int) []byte {
	for i := 1; len(src) > 0; i++ {
		line := src
		if j := bytes.IndexByte(src, '\n'); j >= 0 {
			line, src = src[:j], src[j+1:]
		} else {
			src = nil
		}
		if i == n {
			return line
		}
	}
	return nil
}

// normalize drops all white space, so that re-indenting keeps fingerprints.
func normalize(line []byte) []byte {
	return bytes.Join(bytes.Fields(line), nil)
}
