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
	// source[i] is the offset in lit.Value of the escape or character that
	// produced value byte i; source[len(value)] is the closing quote.
	source []int
	// boundary[i] reports whether value byte i starts an escape or character,
	// so that a range starting or ending there maps to whole source units.
	boundary []bool
}

// parseStringLiteral returns the value map of a string literal, or false if
// lit is not a valid string literal.
func parseStringLiteral(lit *ast.BasicLit) (*stringLiteral, bool) {
	if lit.Kind != token.STRING || len(lit.Value) < 2 {
		return nil, false
	}
	s := &stringLiteral{lit: lit, raw: lit.Value[0] == '`'}
	body := lit.Value[1 : len(lit.Value)-1]
	var value []byte
	if s.raw {
		for i := 0; i < len(body); i++ {
			if body[i] == '\r' {
				continue // raw literals drop carriage returns from their value
			}
			value = append(value, body[i])
			s.source = append(s.source, i+1)
			s.boundary = append(s.boundary, true)
		}
	} else {
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
	s.source = append(s.source, len(lit.Value)-1)
	s.boundary = append(s.boundary, true)
	return s, true
}

// replace returns an edit that replaces value[start:end] with text, which
// must need no escaping in either kind of literal.
func (s *stringLiteral) replace(start, end int, text string) (analysis.TextEdit, error) {
	if start < 0 || end > len(s.value) || start > end {
		return analysis.TextEdit{}, fmt.Errorf("range %d:%d outside the literal", start, end)
	}
	if !s.boundary[start] || !s.boundary[end] {
		return analysis.TextEdit{}, fmt.Errorf("range %d:%d splits an escape sequence", start, end)
	}
	pos := s.lit.Pos()
	return analysis.TextEdit{
		Pos:     pos + token.Pos(s.source[start]),
		End:     pos + token.Pos(s.source[end]),
		NewText: []byte(text),
	}, nil
}
