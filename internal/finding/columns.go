package finding

import "unicode/utf8"

// CharColumn converts a 1-based byte column within line to a 1-based
// character column. Invalid UTF-8 bytes count as one character each, the way
// editors show them. A byte column past the end of line counts the missing
// bytes as characters.
func CharColumn(line []byte, byteCol int) int {
	if byteCol <= 1 {
		return 1
	}
	prefix := byteCol - 1
	extra := 0
	if prefix > len(line) {
		extra = prefix - len(line)
		prefix = len(line)
	}
	return utf8.RuneCount(line[:prefix]) + extra + 1
}
