package analyzer

import "strings"

// formatPiece is a run of literal text or one verb of a fmt format string.
type formatPiece struct {
	text   string // the literal text, when verb is 0
	offset int    // the start of text in the format string
	verb   rune   // the verb, '%' for %%, or 0 for literal text
	arg    int    // the zero-based index of the operand the verb prints
	// plain reports a verb with no flags, width or precision, which prints
	// its operand unchanged for %s and %v.
	plain bool
}

// parseFormat splits a fmt format string into literal runs and verbs,
// numbering operands the way fmt does, including explicit [n] indexes and
// the operands taken by * widths. A malformed verb ends the parse with a
// verb of -1, after which nothing is known.
func parseFormat(format string) []formatPiece {
	var pieces []formatPiece
	arg := 0
	i := 0
	for i < len(format) {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			pieces = append(pieces, formatPiece{text: format[i:], offset: i})
			break
		}
		if j > 0 {
			pieces = append(pieces, formatPiece{text: format[i : i+j], offset: i})
		}
		i += j + 1
		plain := true
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
			plain = false
		}
		var ok bool
		if arg, i, ok = readIndex(format, i, arg); !ok {
			return append(pieces, formatPiece{verb: -1})
		}
		i, arg, plain = readNumber(format, i, arg, plain)
		if i < len(format) && format[i] == '.' {
			i++
			plain = false
			if arg, i, ok = readIndex(format, i, arg); !ok {
				return append(pieces, formatPiece{verb: -1})
			}
			i, arg, _ = readNumber(format, i, arg, false)
		}
		if arg, i, ok = readIndex(format, i, arg); !ok || i >= len(format) {
			return append(pieces, formatPiece{verb: -1})
		}
		verb := rune(format[i])
		i++
		if verb == '%' {
			pieces = append(pieces, formatPiece{verb: '%'})
			continue
		}
		pieces = append(pieces, formatPiece{verb: verb, arg: arg, plain: plain})
		arg++
	}
	return pieces
}

// readIndex reads an explicit operand index such as [2] at format[i:].
func readIndex(format string, i, arg int) (int, int, bool) {
	if i >= len(format) || format[i] != '[' {
		return arg, i, true
	}
	end := strings.IndexByte(format[i:], ']')
	if end < 2 {
		return arg, i, false
	}
	n := 0
	for _, r := range format[i+1 : i+end] {
		if r < '0' || r > '9' {
			return arg, i, false
		}
		n = n*10 + int(r-'0')
	}
	if n < 1 {
		return arg, i, false
	}
	return n - 1, i + end + 1, true
}

// readNumber skips a width or precision, which is digits or a * that takes
// an operand.
func readNumber(format string, i, arg int, plain bool) (int, int, bool) {
	if i < len(format) && format[i] == '*' {
		return i + 1, arg + 1, false
	}
	for i < len(format) && format[i] >= '0' && format[i] <= '9' {
		i++
		plain = false
	}
	return i, arg, plain
}
