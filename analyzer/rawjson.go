package analyzer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// jsonMember is one member of a JSON object, with the byte offsets of its
// value in the text it was read from.
type jsonMember struct {
	key        string
	start, end int
	null       bool
	object     bool
}

// readJSONObject reads text, which must hold exactly one JSON object, and
// returns its members in order with the offsets of their values. It uses the
// encoding/json tokenizer, so the text is validated as JSON and offsets
// account for whitespace and escapes.
func readJSONObject(text string) ([]jsonMember, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, errors.New("the body is not a JSON object")
	}
	var members []jsonMember
	seen := make(map[string]bool)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := tok.(string)
		if !ok {
			return nil, errors.New("the body is not a JSON object")
		}
		if seen[key] {
			return nil, errors.New("the body repeats a key")
		}
		seen[key] = true
		afterKey := int(dec.InputOffset())
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		end := int(dec.InputOffset())
		start := valueStart(text, afterKey)
		if start < 0 || start > end {
			return nil, errors.New("the body's layout cannot be read")
		}
		m := jsonMember{key: key, start: start, end: end}
		switch {
		case bytes.Equal(value, []byte("null")):
			m.null = true
		case len(value) > 0 && value[0] == '{':
			m.object = true
		}
		if text[start:end] != string(value) {
			return nil, fmt.Errorf("the body's layout cannot be read")
		}
		members = append(members, m)
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the body has text after its JSON object")
	}
	return members, nil
}

// valueStart returns the offset of the value that follows a member's key,
// which ends at afterKey, skipping whitespace and the colon.
func valueStart(text string, afterKey int) int {
	colon := false
	for i := afterKey; i < len(text); i++ {
		switch text[i] {
		case ' ', '\t', '\n', '\r':
		case ':':
			if colon {
				return -1
			}
			colon = true
		default:
			if !colon {
				return -1
			}
			return i
		}
	}
	return -1
}

// jsonText reads a body given as JSON text, the constant expression e with
// the given value. The unwrap edits cut the text down to the provider's
// object, keeping its layout.
func (c *checker) jsonText(e ast.Expr, value string) *requestBody {
	members, err := readJSONObject(value)
	if err != nil {
		// The tokenizer's message may quote the text, which can hold
		// credentials, so it is not repeated.
		return unknownBody("the body text is not a single JSON object")
	}
	body := &requestBody{}
	for _, m := range members {
		p, ok := providerByKey(m.key)
		if !ok {
			return unknownBody("the body names a key other than twilio, telnyx and plivo")
		}
		entry := bodyEntry{provider: p, null: m.null}
		switch {
		case m.null:
		case !m.object:
			return unknownBody("the body sets %s to something other than an object or null", p)
		default:
			entry.unwrap, entry.unwrapReason = c.cutJSON(e, value, m.start, m.end)
		}
		body.entries = append(body.entries, entry)
	}
	return body
}

// cutJSON returns the edits that keep only value[start:end] of the JSON
// text given by the constant expression e.
func (c *checker) cutJSON(e ast.Expr, value string, start, end int) ([]analysis.TextEdit, string) {
	lit, ok := ast.Unparen(e).(*ast.BasicLit)
	if !ok {
		inner := value[start:end]
		text := strconv.Quote(inner)
		if fitsRawLiteral(inner) {
			text = "`" + inner + "`"
		}
		return []analysis.TextEdit{{Pos: e.Pos(), End: e.End(), NewText: []byte(text)}}, ""
	}
	s, ok := c.stringLiteral(lit)
	if !ok {
		return nil, "the body literal cannot be read"
	}
	head, err1 := s.replace(0, start, "")
	tail, err2 := s.replace(end, len(s.value), "")
	if err1 != nil || err2 != nil {
		return nil, "the body literal cannot be cut at the provider's object"
	}
	return []analysis.TextEdit{head, tail}, ""
}

// fitsRawLiteral reports whether a raw string literal can have the value s.
// go/scanner rejects invalid UTF-8, NUL and byte order marks in source, a
// backquote would end the literal, and a carriage return would be dropped
// from its value.
func fitsRawLiteral(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsAny(s, "`\r\x00\uFEFF")
}
