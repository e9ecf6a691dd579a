package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// stringLiteral maps the bytes of a Go string literal's value back to its
// source text, so that an edit to a range of the value can be made in place
// without re-quoting the literal.
type stringLiteral struct {
	lit   *ast.BasicLit
	value string
	raw   bool
	// source[i] is the offset in the literal's source text of the escape or
	// character that produced value byte i; source[len(value)] is the
	// closing quote. In a raw literal, the carriage returns that the value
	// drops before a byte belong to that byte's source, so that a range of
	// the value maps to a whole CRLF line ending or to none of it.
	source []int
	// boundary[i] reports whether value byte i starts an escape or character,
	// so that a range starting or ending there maps to whole source units.
	boundary []bool
}

// parseStringLiteral returns the value map of the string literal lit, whose
// text in the source file is sourceText, or false if lit is not a valid
// string literal or sourceText is not its text. The file's text is needed
// because go/scanner drops carriage returns from the Value of a raw literal,
// so offsets in Value after one do not match the file.
func parseStringLiteral(lit *ast.BasicLit, sourceText string) (*stringLiteral, bool) {
	if lit.Kind != token.STRING || len(sourceText) < 2 || int(lit.End()-lit.Pos()) != len(sourceText) {
		return nil, false
	}
	s := &stringLiteral{lit: lit, raw: sourceText[0] == '`'}
	body := sourceText[1 : len(sourceText)-1]
	var value []byte
	if s.raw {
		unitStart := 1 // the offset just after the previous value byte
		for i := 0; i < len(body); i++ {
			if body[i] == '\r' {
				continue // raw literals drop carriage returns from their value
			}
			value = append(value, body[i])
			s.source = append(s.source, unitStart)
			s.boundary = append(s.boundary, utf8.RuneStart(body[i]))
			unitStart = i + 2
		}
		if len(lit.Value) < 2 || lit.Value[1:len(lit.Value)-1] != string(value) {
			return nil, false
		}
	} else {
		if sourceText != lit.Value {
			return nil, false
		}
		rest := body
		for len(rest) > 0 {
			offset := len(body) - len(rest) + 1
			r, multibyte, tail, err := strconv.UnquoteChar(rest, '"')
			if err != nil {
				return nil, false
			}
			var unit []byte
			switch {
			case rest[0] != '\\':
				unit = []byte(rest[:len(rest)-len(tail)]) // the bytes as written, valid UTF-8 or not
			case multibyte:
				unit = utf8.AppendRune(nil, r)
			default:
				unit = []byte{byte(r)}
			}
			for i := range unit {
				value = append(value, unit[i])
				s.source = append(s.source, offset)
				s.boundary = append(s.boundary, i == 0)
			}
			rest = tail
		}
	}
	s.value = string(value)
	s.source = append(s.source, len(sourceText)-1)
	s.boundary = append(s.boundary, true)
	return s, true
}

// stringLiteral returns the value map of lit, read from the text of the
// file that contains it. Without that text, only a literal whose Value is
// as long as its source, and so has no dropped carriage return, is mapped.
func (c *checker) stringLiteral(lit *ast.BasicLit) (*stringLiteral, bool) {
	sourceText := lit.Value
	if src, ok := c.source(lit); ok {
		start, end := c.offset(lit.Pos()), c.offset(lit.End())
		if start < 0 || end < start || end > len(src) {
			return nil, false
		}
		sourceText = string(src[start:end])
	}
	return parseStringLiteral(lit, sourceText)
}

// replace returns an edit that replaces value[start:end] with text, which
// must need no escaping in either kind of literal.
func (s *stringLiteral) replace(start, end int, text string) (analysis.TextEdit, error) {
	if start < 0 || end > len(s.value) || start > end {
		return analysis.TextEdit{}, fmt.Errorf("range %d:%d outside the literal", start, end)
	}
	if !s.boundary[start] || !s.boundary[end] {
		return analysis.TextEdit{}, fmt.Errorf("range %d:%d splits a character or an escape sequence", start, end)
	}
	pos := s.lit.Pos()
	return analysis.TextEdit{
		Pos:     pos + token.Pos(s.source[start]),
		End:     pos + token.Pos(s.source[end]),
		NewText: []byte(text),
	}, nil
}
