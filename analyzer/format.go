package analyzer

import (
	"strings"
	"unicode/utf8"
)

// formatPiece is a run of literal text or one verb of a fmt format string.
type formatPiece struct {
	text   string // the literal text, when verb is literalText
	offset int    // the start of text in the format string
	verb   rune   // the verb, '%' for %%, literalText or malformedVerb
	arg    int    // the zero-based index of the operand the verb prints
	// plain reports a verb with no flags, width or precision, which prints
	// its operand unchanged for %s and %v.
	plain bool
	// badIndex reports a verb that prints %!V(BADINDEX), V being the verb,
	// and takes no operand. fmt does so when the verb's operand index is
	// invalid, or is followed by a width or precision, as in %[1]5s.
	badIndex bool
}

// Values of formatPiece.verb that are not verbs. fmt reads any rune as a
// verb, even NUL, but never a negative one.
const (
	// malformedVerb ends the pieces where fmt finds no verb: at the end of
	// the format, or after a width or precision too large for it. fmt then
	// prints %!(NOVERB) and ignores the rest of the format.
	malformedVerb rune = -1
	literalText   rune = -2
)

// maxFormatNumber is the value above which fmt's Printf (Go 1.26) reads no
// further digit of a width, precision or operand index, and takes the
// number as too large.
const maxFormatNumber = 1e6

// parseFormat splits a fmt format string into literal runs and verbs,
// numbering operands the way fmt's Printf does, including explicit [n]
// indexes and the operands taken by * widths and precisions. The number of
// operands is not known here, so every index is taken to be in range. An
// index past the operands makes fmt print BADINDEX and keep its operand
// count, and here the later verbs are numbered past the operands too, so
// none of them is taken to print a known operand.
func parseFormat(format string) []formatPiece {
	var pieces []formatPiece
	arg := 0
	for i := 0; i < len(format); {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			pieces = append(pieces, formatPiece{text: format[i:], offset: i, verb: literalText})
			break
		}
		if j > 0 {
			pieces = append(pieces, formatPiece{text: format[i : i+j], offset: i, verb: literalText})
		}
		p := verbParser{format: format, i: i + j + 1, arg: arg, plain: true, goodIndex: true}
		piece, ok := p.read()
		if !ok {
			return append(pieces, formatPiece{verb: malformedVerb})
		}
		pieces = append(pieces, piece)
		i, arg = p.i, p.arg
	}
	return pieces
}

// verbParser reads one verb of a format string, after its %, in the steps
// of fmt's Printf. These are flags, an operand index, a width, a dot, an
// operand index and a precision, then an operand index unless one was just
// read, and the verb.
type verbParser struct {
	format    string
	i         int  // the offset of the next byte to read
	arg       int  // the index of the operand fmt takes next
	plain     bool // no flag, width or precision was read
	goodIndex bool // no operand index was invalid or followed by a width or precision
	// afterIndex reports that the last item read was an operand index.
	// Width digits after it make the verb print BADINDEX, and fmt reads no
	// second index before the verb.
	afterIndex bool
}

// read returns the verb's piece and advances p.i and p.arg past it, or
// returns false where fmt finds no verb.
func (p *verbParser) read() (formatPiece, bool) {
	for p.i < len(p.format) && strings.IndexByte("#0+- ", p.format[p.i]) >= 0 {
		p.i++
		p.plain = false
	}

	p.readIndex()
	if !p.readNumber(true) {
		return formatPiece{}, false
	}
	// A dot that ends the format is the verb.
	if p.i+1 < len(p.format) && p.format[p.i] == '.' {
		p.i++
		p.plain = false
		if p.afterIndex {
			p.goodIndex = false
		}
		p.readIndex()
		if !p.readNumber(false) {
			return formatPiece{}, false
		}
	}
	if !p.afterIndex {
		p.readIndex()
	}
	if p.i >= len(p.format) {
		return formatPiece{}, false
	}

	verb, size := utf8.DecodeRuneInString(p.format[p.i:])
	p.i += size
	switch {
	case verb == '%':
		return formatPiece{verb: '%'}, true
	case !p.goodIndex:
		return formatPiece{verb: verb, arg: p.arg, badIndex: true}, true
	}
	piece := formatPiece{verb: verb, arg: p.arg, plain: p.plain}
	p.arg++
	return piece, true
}

// readIndex reads an explicit operand index such as [2], if one follows.
// fmt skips only the [ when no ] follows or the format ends within two
// bytes, and the whole bracket when its text is not a number. Either way
// the verb then prints BADINDEX.
func (p *verbParser) readIndex() {
	p.afterIndex = false
	rest := p.format[p.i:]
	if rest == "" || rest[0] != '[' {
		return
	}
	end := strings.IndexByte(rest, ']')
	if len(rest) < 3 || end < 0 {
		p.i++
		p.goodIndex = false
		return
	}
	p.i += end + 1
	n, digits, ok := scanDigits(rest[1:end])
	if !ok || digits == 0 || digits != end-1 {
		p.goodIndex = false
		return
	}
	p.afterIndex = true
	if n < 1 {
		p.goodIndex = false
		return
	}
	p.arg = n - 1
}

// readNumber reads a width or precision: digits, or a * that takes an
// operand. Width digits right after an operand index make the verb print
// BADINDEX, but precision digits do not. It returns false when the number
// is too large for fmt.
func (p *verbParser) readNumber(width bool) bool {
	if p.i < len(p.format) && p.format[p.i] == '*' {
		p.i++
		p.arg++
		p.plain = false
		p.afterIndex = false
		return true
	}
	_, digits, ok := scanDigits(p.format[p.i:])
	if !ok {
		return false
	}
	if digits > 0 {
		p.i += digits
		p.plain = false
		if width && p.afterIndex {
			p.goodIndex = false
		}
	}
	return true
}

// scanDigits reads the decimal digits that start s, the way fmt does. It
// returns their value and count, or false when the value is too large.
func scanDigits(s string) (n, digits int, ok bool) {
	for digits < len(s) && '0' <= s[digits] && s[digits] <= '9' {
		if n > maxFormatNumber {
			return 0, digits, false
		}
		n = n*10 + int(s[digits]-'0')
		digits++
	}
	return n, digits, true
}
