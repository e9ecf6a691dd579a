package analyzer

// The fuzz targets in this file check properties of the analyzer's parsers
// of arbitrary text, and of whole-file analysis, beyond the absence of
// panics. A plain go test runs each target on its seed corpus, which is the
// f.Add calls and testdata/fuzz/NAME, and go test -fuzz=NAME mutates it.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	analysischecker "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// FuzzParseFormat checks that the pieces of a format string lie in it in
// order, and that fmt.Sprintf prints what they predict.
func FuzzParseFormat(f *testing.F) {
	for _, format := range []string{
		"%s/api/accounts/me/telephony_config",
		"%s/accounts/me/telephony_config?x=%d",
		"%[1]s/%[1]s/%s",
		"100%% of %s",
		"%-5s|%+v|%#v|% d|%05d",
		"%*d %.*f %[2]*[1]d",
		"%.2s %.[2]s %[3].2s %[1]2s",
		"%[0]s %[x]s %[]s",
		"%[2",
		"%",
		"path%",
		"%.[1][2]s %s",
		"%v%v%v%v%v%v",
		"",
	} {
		f.Add(format, uint8(2))
	}
	f.Fuzz(func(t *testing.T, format string, argCount uint8) {
		pieces := parseFormat(format)
		checkFormatLayout(t, format, pieces)
		checkFormatOutput(t, format, pieces, int(argCount%6))
	})
}

// checkFormatLayout checks that the literal pieces are the runs of format
// at their offsets, in order, and that the text between two runs holds the
// verbs parsed there: it starts with % and ends with the last verb.
func checkFormatLayout(t *testing.T, format string, pieces []formatPiece) {
	t.Helper()
	pos := 0          // the end of the last literal run
	verbs := 0        // the verbs since that run
	var lastVerb rune // the last of those verbs
	lastLiteral := -1 // the index of that run, or -1
	checkGap := func(gap string) {
		t.Helper()
		switch {
		case gap == "" && verbs > 0:
			t.Fatalf("parseFormat(%q) = %+v: %d verbs at offset %d take no text", format, pieces, verbs, pos)
		case gap != "" && verbs == 0:
			t.Fatalf("parseFormat(%q) = %+v: no piece covers %q at offset %d", format, pieces, gap, pos)
		case gap == "":
		case gap[0] != '%':
			t.Fatalf("parseFormat(%q) = %+v: the verbs at offset %d do not start with %%", format, pieces, pos)
		case len(gap) < 2*verbs:
			t.Fatalf("parseFormat(%q) = %+v: %d verbs in the %d bytes %q", format, pieces, verbs, len(gap), gap)
		default:
			// The bytes before a verb are ASCII, so an invalid byte that
			// fmt reads as U+FFFD is one here too.
			if last, _ := utf8.DecodeLastRuneInString(gap); last != lastVerb {
				t.Fatalf("parseFormat(%q) = %+v: the verbs %q end in %q, not in the verb %q", format, pieces, gap, last, lastVerb)
			}
		}
	}
	for i, p := range pieces {
		switch p.verb {
		case malformedVerb:
			if i != len(pieces)-1 {
				t.Fatalf("parseFormat(%q) = %+v: pieces follow the malformed verb", format, pieces)
			}
			if pos >= len(format) || !strings.Contains(format[pos:], "%") {
				t.Fatalf("parseFormat(%q) = %+v: a malformed verb after offset %d, where there is no %%", format, pieces, pos)
			}
			return
		case literalText:
			if p.text == "" || strings.Contains(p.text, "%") {
				t.Fatalf("parseFormat(%q) = %+v: literal piece %d is %q", format, pieces, i, p.text)
			}
			if p.offset < pos || p.offset+len(p.text) > len(format) || format[p.offset:p.offset+len(p.text)] != p.text {
				t.Fatalf("parseFormat(%q) = %+v: literal piece %d, %q at offset %d, is not the format's text there (the previous run ends at %d)", format, pieces, i, p.text, p.offset, pos)
			}
			if p.offset == pos && lastLiteral == i-1 && i > 0 {
				t.Fatalf("parseFormat(%q) = %+v: literal pieces %d and %d are one run", format, pieces, i-1, i)
			}
			checkGap(format[pos:p.offset])
			pos, verbs, lastLiteral = p.offset+len(p.text), 0, i
		default:
			if p.arg < 0 {
				t.Fatalf("parseFormat(%q) = %+v: verb piece %d has operand index %d", format, pieces, i, p.arg)
			}
			verbs++
			lastVerb = p.verb
		}
	}
	checkGap(format[pos:])
}

// checkFormatOutput formats marker operands with fmt.Sprintf and checks that
// the output has the shape the pieces predict. The literal runs and each %%
// print as written, each plain %s or %v of an existing operand as that
// operand, a verb with a bad index as %!V(BADINDEX), and a malformed verb
// as %!(NOVERB), with nothing of the format after it. The other verbs may
// print any text.
func checkFormatOutput(t *testing.T, format string, pieces []formatPiece, argCount int) {
	t.Helper()
	const open, close = "\x1e", "\x1f" // marker delimiters, which the format must not contain
	if strings.ContainsAny(format, open+close) {
		return
	}
	args := make([]any, argCount)
	for i := range args {
		args[i] = open + strconv.Itoa(i) + close
	}

	// The expected output is a glob: literal segments joined by wildcards.
	segments := []string{""}
	wildcard := func() { segments = append(segments, "") }
	for _, p := range pieces {
		switch {
		case p.verb == literalText:
			segments[len(segments)-1] += p.text
		case p.verb == '%':
			segments[len(segments)-1] += "%"
		case p.verb == malformedVerb:
			segments[len(segments)-1] += "%!(NOVERB)"
		case p.badIndex:
			segments[len(segments)-1] += "%!" + string(p.verb) + "(BADINDEX)"
		case (p.verb == 's' || p.verb == 'v') && p.plain && p.arg < argCount:
			segments[len(segments)-1] += args[p.arg].(string)
		default:
			wildcard()
		}
	}

	out := fmt.Sprintf(format, args...)
	// The operands are strings, so fmt reports a bad width or precision
	// before a verb with a * that takes one, and %% does not hide that. With
	// the int operands that * needs there is no such report.
	if strings.Contains(format, "*") {
		badOperand := strings.NewReplacer("%!(BADWIDTH)", "", "%!(BADPREC)", "")
		out = badOperand.Replace(out)
		for i := range segments {
			segments[i] = badOperand.Replace(segments[i])
		}
	}
	if matchGlob(out, segments) {
		return
	}

	// Unless the format numbers its operands, fmt reports unused ones after
	// the output, as in %!(EXTRA string=x).
	if i := strings.LastIndex(out, "%!(EXTRA "); i >= 0 && matchGlob(out[:i], segments) {
		return
	}
	t.Fatalf("fmt.Sprintf(%q) with %d operands prints %q, but parseFormat's pieces %+v predict %q (… for any text)",
		format, argCount, out, pieces, strings.Join(segments, "…"))
}

// matchGlob reports whether s is the segments in order, with any text
// between two consecutive segments.
func matchGlob(s string, segments []string) bool {
	if len(segments) == 1 {
		return s == segments[0]
	}
	first, last := segments[0], segments[len(segments)-1]
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = s[len(first):]
	for _, middle := range segments[1 : len(segments)-1] {
		i := strings.Index(s, middle)
		if i < 0 {
			return false
		}
		s = s[i+len(middle):]
	}
	return strings.HasSuffix(s, last)
}

// FuzzStringLiteral checks that an edit made by replace inside a string
// literal gives a literal whose value is the replaced value, in the same
// form, and that arbitrary literal text does not make either function
// panic.
func FuzzStringLiteral(f *testing.F) {
	type seed struct {
		content    string
		kind       uint8
		start, end uint16
		text       string
	}
	for _, s := range []seed{
		{"https://api.ultravox.ai/api/accounts/me/telephony_config", 0, 24, 52, "telephony_configs/twilio"},
		{"/api/accounts/me/telephony_config?x=1", 2, 5, 33, "telephony_configs/plivo"},
		{"héllo\twörld\x00\xff", 0, 1, 3, "x"},
		{"héllo\twörld\U0001F600", 1, 7, 9, "y"},
		{`\101\x41\u0041\U00000041\a\b\f\n\r\t\v\\\"`, 3, 2, 4, "w"},
		{`"\'"`, 4, 0, 1, "v"},
		{"`raw`", 4, 1, 2, "u"},
		{`"unterminated`, 4, 0, 3, "t"},
		{`"\400"`, 4, 0, 1, "s"},
	} {
		f.Add(s.content, s.kind, s.start, s.end, s.text)
	}
	f.Fuzz(func(t *testing.T, content string, kind uint8, start, end uint16, text string) {
		text = plainText(text)
		switch kind % 5 {
		case 0:
			checkLiteralReplace(t, strconv.Quote(content), start, end, text)
		case 1:
			checkLiteralReplace(t, strconv.QuoteToASCII(content), start, end, text)
		case 2:
			checkLiteralReplace(t, "`"+strings.ReplaceAll(content, "`", "")+"`", start, end, text)
		case 3:
			checkLiteralReplace(t, `"`+content+`"`, start, end, text)
		case 4:
			checkArbitraryLiteral(t, content, start, end, text)
		}
	})
}

// plainText keeps the bytes of s that need no escape in either kind of
// string literal, which is what replace requires of its text.
func plainText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' || r == '"' || r == '\\' || r == '`' {
			return -1
		}
		return r
	}, s)
}

// rangeIn maps two fuzzed numbers to a range start <= end <= n.
func rangeIn(start, end uint16, n int) (int, int) {
	a, b := int(start)%(n+1), int(end)%(n+1)
	if a > b {
		a, b = b, a
	}
	return a, b
}

// checkLiteralReplace checks parseStringLiteral and replace on source, the
// text of a string literal, when Go accepts it. The value must be the one
// strconv.Unquote gives. The edited source must be a literal of the same
// kind whose value is the replaced value.
func checkLiteralReplace(t *testing.T, source string, start, end uint16, text string) {
	t.Helper()
	fset := token.NewFileSet()
	expr, err := parser.ParseExprFrom(fset, "literal.go", source, 0)
	if err != nil {
		return // not a Go literal, such as raw text with a NUL byte or "\z"
	}
	lit, ok := expr.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return // such as "" + "" from content ending in `" + "`
	}
	// A comment may follow the literal, as in the content x"//, so only the
	// literal's own text is kept.
	source = source[:lit.End()-lit.Pos()]

	want, err := strconv.Unquote(lit.Value)
	if err != nil {
		t.Fatalf("go/parser accepts %q, but strconv.Unquote returns %v", source, err)
	}
	s, ok := parseStringLiteral(lit, source)
	if !ok {
		t.Fatalf("parseStringLiteral rejects %q, which Go accepts", source)
	}
	if s.value != want {
		t.Fatalf("parseStringLiteral(%q) has value %q, want %q", source, s.value, want)
	}
	if s.raw != (source[0] == '`') {
		t.Fatalf("parseStringLiteral(%q) has raw = %v", source, s.raw)
	}

	a, b := rangeIn(start, end, len(want))
	edit, err := s.replace(a, b, text)
	if err != nil {
		// Each character of a raw literal, and of a quoted ASCII literal
		// without escapes, is written as itself, so any range that does not
		// split a character can be replaced.
		if (s.raw || !strings.Contains(source, `\`) && isASCII(source)) && startsRune(want, a) && startsRune(want, b) {
			t.Fatalf("replace(%d, %d, %q) in %q: %v", a, b, text, source, err)
		}
		return
	}
	// Go source must be valid UTF-8, and a raw literal has no escapes to
	// write part of a character with.
	if s.raw && !(startsRune(want, a) && startsRune(want, b)) {
		t.Fatalf("replace(%d, %d, %q) in %q accepts a range that splits a UTF-8 sequence", a, b, text, source)
	}
	if string(edit.NewText) != text {
		t.Fatalf("replace(%d, %d, %q) in %q inserts %q", a, b, text, source, edit.NewText)
	}

	from, to := int(edit.Pos-lit.Pos()), int(edit.End-lit.Pos())
	if from < 1 || to < from || to > len(source)-1 {
		t.Fatalf("replace(%d, %d, %q) in %q edits source bytes %d:%d, outside the quotes", a, b, text, source, from, to)
	}
	edited := source[:from] + text + source[to:]
	got, ok := literalValue(edited)
	if !ok {
		t.Fatalf("replace(%d, %d, %q) turns %q into %q, which is not a Go string literal", a, b, text, source, edited)
	}
	if expected := want[:a] + text + want[b:]; got != expected {
		t.Fatalf("replace(%d, %d, %q) turns %q into %q, whose value is %q, want %q", a, b, text, source, edited, got, expected)
	}
	if (edited[0] == '`') != s.raw {
		t.Fatalf("replace(%d, %d, %q) turns %q into %q, a literal of the other kind", a, b, text, source, edited)
	}
	// An edit keeps or removes each CRLF line ending whole.
	if splitsCRLF(source, from) || splitsCRLF(source, to) {
		t.Fatalf("replace(%d, %d, %q) in %q edits source bytes %d:%d, which split a CRLF line ending", a, b, text, source, from, to)
	}
}

// splitsCRLF reports whether offset i of s lies between a carriage return
// and a line feed.
func splitsCRLF(s string, i int) bool {
	return i > 0 && i < len(s) && s[i-1] == '\r' && s[i] == '\n'
}

// literalValue returns the value of source when it is exactly one Go
// string literal.
func literalValue(source string) (string, bool) {
	expr, err := parser.ParseExpr(source)
	if err != nil {
		return "", false
	}
	lit, ok := expr.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING || int(lit.End()-lit.Pos()) != len(source) {
		return "", false
	}
	value, err := strconv.Unquote(lit.Value)
	return value, err == nil
}

// startsRune reports whether offset i of s starts a UTF-8 sequence or is
// the end of s.
func startsRune(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// checkArbitraryLiteral runs parseStringLiteral and replace on text that
// need not be a literal, as the value of a string BasicLit, and checks that
// a literal Go accepts is read as Go reads it.
func checkArbitraryLiteral(t *testing.T, source string, start, end uint16, text string) {
	t.Helper()
	// go/scanner drops carriage returns from the Value of a raw literal,
	// and ValueEnd keeps the length of its source.
	value := source
	if strings.HasPrefix(source, "`") {
		value = strings.ReplaceAll(source, "\r", "")
	}
	lit := &ast.BasicLit{ValuePos: 1, ValueEnd: token.Pos(1 + len(source)), Kind: token.STRING, Value: value}
	s, ok := parseStringLiteral(lit, source)
	want, valid := literalValue(source)
	if valid && (!ok || s.value != want) {
		t.Fatalf("parseStringLiteral(%q) = %v, %v; Go reads the value %q", source, s, ok, want)
	}
	if !ok {
		return
	}
	if len(s.source) != len(s.value)+1 || len(s.boundary) != len(s.value)+1 {
		t.Fatalf("parseStringLiteral(%q) maps %d value bytes with %d source offsets and %d boundaries", source, len(s.value), len(s.source), len(s.boundary))
	}
	a, b := rangeIn(start, end, len(s.value))
	edit, err := s.replace(a, b, text)
	if err != nil {
		return
	}
	from, to := int(edit.Pos-lit.Pos()), int(edit.End-lit.Pos())
	if from < 1 || to < from || to > len(source)-1 {
		t.Fatalf("replace(%d, %d, %q) in %q edits source bytes %d:%d, outside the quotes", a, b, text, source, from, to)
	}
}

// FuzzMatchOldEndpoint checks that a match of the old endpoint in URL parts
// lies in them and is the old path where the README describes it. It also
// checks that the old path is found after each base the README names, and
// that joinArguments writes a path as join arguments that rebuild it.
func FuzzMatchOldEndpoint(f *testing.F) {
	for _, s := range []string{
		"/api/accounts/me/telephony_config",
		"*/api/accounts/me/telephony_config/?verbose=1",
		"https://api.ultravox.ai/api/accounts/me/telephony_config#top",
		"*accounts/me/telephony_config",
		"*/accounts/me/|telephony_config",
		"/api/|accounts/me/tele|phony_config",
		"/v1/api/accounts/me/telephony_config",
		"*/api/accounts/me/telephony_configs",
		"/api/accounts/me/telephony_config/x",
		"//a//b/",
		"",
	} {
		f.Add(s, byte('*'), byte('|'), uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, dynamicMarker, splitMarker byte, layout uint8) {
		parts := fuzzedParts(s, dynamicMarker, splitMarker)
		checkOldEndpointMatch(t, parts)
		checkOldEndpointFound(t, s, layout)
		checkJoinArguments(t, s)
	})
}

// fuzzedParts splits s into URL parts: each splitMarker byte ends a text
// part, so empty parts occur as from an empty constant, and each
// dynamicMarker byte is a dynamic part.
func fuzzedParts(s string, dynamicMarker, splitMarker byte) []urlPart {
	chunks := []string{s}
	if splitMarker != dynamicMarker {
		chunks = strings.Split(s, string(splitMarker))
	}
	var parts []urlPart
	for _, chunk := range chunks {
		text := strings.ReplaceAll(chunk, string(dynamicMarker), dynamicText)
		if text == "" {
			parts = append(parts, urlPart{})
			continue
		}
		parts = append(parts, textParts(text)...)
	}
	return parts
}

// checkOldEndpointMatch checks a match that matchOldEndpoint reports in
// parts: its range is the old suffix, its first and last parts hold the
// range's ends, no dynamic part is inside it, and the text around it is a
// base and the end of a path.
func checkOldEndpointMatch(t *testing.T, parts []urlPart) {
	t.Helper()
	m, ok := matchOldEndpoint(parts)
	if !ok {
		return
	}
	text := partsText(parts)
	describe := fmt.Sprintf("matchOldEndpoint on parts %q", partTexts(parts))
	if m.start < 0 || m.end != m.start+len(oldSuffix) || m.end > len(text) {
		t.Fatalf("%s: match %d:%d is not a range of %d bytes in the %d bytes of text", describe, m.start, m.end, len(oldSuffix), len(text))
	}
	if text[m.start:m.end] != oldSuffix {
		t.Fatalf("%s: match %d:%d is %q", describe, m.start, m.end, text[m.start:m.end])
	}

	if m.first < 0 || m.last < m.first || m.last >= len(parts) {
		t.Fatalf("%s: parts %d to %d of %d", describe, m.first, m.last, len(parts))
	}
	starts := make([]int, len(parts)+1)
	for i, p := range parts {
		starts[i+1] = starts[i] + partLen(p)
	}
	if m.start < starts[m.first] || m.start >= starts[m.first+1] {
		t.Fatalf("%s: match starts at %d, outside part %d (%d:%d)", describe, m.start, m.first, starts[m.first], starts[m.first+1])
	}
	if m.end-1 < starts[m.last] || m.end-1 >= starts[m.last+1] {
		t.Fatalf("%s: match ends at %d, outside part %d (%d:%d)", describe, m.end, m.last, starts[m.last], starts[m.last+1])
	}
	for i := m.first; i <= m.last; i++ {
		if parts[i].dynamic {
			t.Fatalf("%s: dynamic part %d is inside the match", describe, i)
		}
	}

	before, after := text[:m.start], text[m.end:]
	if strings.ContainsAny(before, "?#") {
		t.Fatalf("%s: the match is in the query or fragment of %q", describe, text)
	}
	if m.full != strings.HasSuffix(before, "/api/") {
		t.Fatalf("%s: full = %v, but the text before the match is %q", describe, m.full, before)
	}
	if !isBaseURL(before) {
		t.Fatalf("%s: the text before the match, %q, is not a base URL", describe, before)
	}
	if rest := strings.TrimPrefix(after, "/"); rest != "" && rest[0] != '?' && rest[0] != '#' {
		t.Fatalf("%s: the text after the match, %q, continues the path", describe, after)
	}
}

// isBaseURL reports whether before may precede accounts/me/telephony_config
// in the old endpoint's URL, as the README describes: a dynamic base URL,
// with a slash or not, or /api/ after nothing, a dynamic base, or a scheme
// and host.
func isBaseURL(before string) bool {
	if strings.HasSuffix(before, dynamicText) || strings.HasSuffix(before, dynamicText+"/") {
		return true
	}
	host, ok := strings.CutSuffix(before, "/api/")
	if !ok {
		return false
	}
	if host == "" || strings.HasSuffix(host, dynamicText) {
		return true
	}
	scheme, authority, ok := strings.Cut(host, "://")
	// A dynamic part of the host, such as a region, keeps it a host.
	return ok && scheme != "" && !strings.ContainsAny(scheme, "/?#"+dynamicText) && !strings.ContainsAny(authority, "/?#")
}

func partTexts(parts []urlPart) []string {
	texts := make([]string, len(parts))
	for i, p := range parts {
		texts[i] = p.text
		if p.dynamic {
			texts[i] = "<dynamic>"
		}
	}
	return texts
}

// checkOldEndpointFound builds the old endpoint's URL from a base, chosen by
// layout, and an ending that holds s, and checks that matchOldEndpoint
// finds the old suffix right after the base.
func checkOldEndpointFound(t *testing.T, s string, layout uint8) {
	t.Helper()
	bases := []string{"/api/", dynamicText, dynamicText + "/", dynamicText + "/api/", "https://api.ultravox.ai/api/", "http://127.0.0.1:8080/api/"}
	endings := []string{"", "/", "?" + s, "#" + s, "/?" + s}
	base := bases[int(layout)%len(bases)]
	ending := endings[int(layout)/len(bases)%len(endings)]
	parts := textParts(base + oldSuffix + ending)
	m, ok := matchOldEndpoint(parts)
	if !ok || m.start != len(base) {
		t.Fatalf("matchOldEndpoint on parts %q = %+v, %v; want a match at %d", partTexts(parts), m, ok, len(base))
	}
}

// checkJoinArguments checks that joinArguments(path) is a list of Go string
// literals whose values, joined with slashes, have path's segments and its
// leading and trailing slash.
func checkJoinArguments(t *testing.T, path string) {
	t.Helper()
	arguments := joinArguments(path)
	expr, err := parser.ParseExpr("join(" + arguments + ")")
	if err != nil {
		t.Fatalf("joinArguments(%q) = %s, which is not an argument list: %v", path, arguments, err)
	}
	call := expr.(*ast.CallExpr)
	var values []string
	for _, arg := range call.Args {
		lit, ok := arg.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			t.Fatalf("joinArguments(%q) = %s, which has an argument other than a string literal", path, arguments)
		}
		value, err := strconv.Unquote(lit.Value)
		if err != nil {
			t.Fatalf("joinArguments(%q) = %s: %v", path, arguments, err)
		}
		values = append(values, value)
	}
	joined := strings.Join(values, "/")
	if got, want := nonEmptySegments(joined), nonEmptySegments(path); !slices.Equal(got, want) {
		t.Fatalf("joinArguments(%q) = %s, whose segments are %q, want %q", path, arguments, got, want)
	}
	if strings.HasPrefix(joined, "/") != strings.HasPrefix(path, "/") || strings.HasSuffix(joined, "/") != strings.HasSuffix(path, "/") {
		t.Fatalf("joinArguments(%q) = %s, which joins to %q: the leading or trailing slash differs", path, arguments, joined)
	}
}

func nonEmptySegments(path string) []string {
	return slices.DeleteFunc(strings.Split(path, "/"), func(s string) bool { return s == "" })
}

// FuzzJSONBody checks readJSONObject against encoding/json, and that the
// edits jsonText plans to cut a body down to a provider's object leave a
// string literal whose value is that object.
func FuzzJSONBody(f *testing.F) {
	for _, text := range []string{
		`{"twilio": {"accountSid": "AC123", "authToken": "token"}}`,
		"{\n\t\"telnyx\": {\n\t\t\"accountSid\": \"x\"\n\t},\n\t\"plivo\": null\n}\n",
		`{"plivo":{"authId":"MA1","nested":{"a":[1,2,{"b":null}]}}}`,
		`{"twilio": {"note": "\u00e9\ud83d\ude00 \"quoted\" \\ / \b\f\n\r\t"}}`,
		`{"twilio": {}, "twilio": {}}`,
		`{"twilio": 1}`,
		`{"other": {}}`,
		`{"twilio": {}} {}`,
		`[{"twilio": {}}]`,
		`{"twilio" : {"a": 1e400}}`,
		`{"\u0074wilio": {"a": 1}}`,
		`{`,
		``,
	} {
		for form := range uint8(3) {
			f.Add(text, form)
		}
	}
	f.Fuzz(func(t *testing.T, text string, form uint8) {
		members, err := readJSONObject(text)
		checkJSONMembers(t, text, members, err)
		checkJSONCut(t, text, form)
	})
}

// checkJSONMembers checks the members that readJSONObject returns for text
// against encoding/json: it must read every JSON object with distinct keys,
// and each member's value range must hold that member's value.
func checkJSONMembers(t *testing.T, text string, members []jsonMember, err error) {
	t.Helper()
	object, keys, isObject := decodeObject(text)
	distinct := isObject && len(object) == keys
	if err != nil {
		if distinct {
			t.Fatalf("readJSONObject(%q) fails on a JSON object with distinct keys: %v", text, err)
		}
		return
	}
	if !distinct {
		t.Fatalf("readJSONObject(%q) accepts text that is not a JSON object with distinct keys", text)
	}
	if len(members) != len(object) {
		t.Fatalf("readJSONObject(%q) returns %d members, want %d", text, len(members), len(object))
	}
	for _, m := range members {
		want, ok := object[m.key]
		if !ok {
			t.Fatalf("readJSONObject(%q) returns the key %q, which the object does not have", text, m.key)
		}
		if m.start < 0 || m.end < m.start || m.end > len(text) {
			t.Fatalf("readJSONObject(%q): member %q has the range %d:%d", text, m.key, m.start, m.end)
		}
		checkJSONValue(t, fmt.Sprintf("readJSONObject(%q): member %q at %d:%d", text, m.key, m.start, m.end), text[m.start:m.end], want)
		_, isMap := want.(map[string]any)
		if m.null != (want == nil) || m.object != isMap {
			t.Fatalf("readJSONObject(%q): member %q has null = %v and object = %v for the value %v", text, m.key, m.null, m.object, want)
		}
	}
}

// decodeObject decodes text with decodeJSON and counts the keys of the
// top-level object, repeated ones included. isObject reports whether text
// is one valid JSON object.
func decodeObject(text string) (object map[string]any, keys int, isObject bool) {
	value, err := decodeJSON(text)
	object, ok := value.(map[string]any)
	if err != nil || !ok {
		return nil, 0, false
	}
	dec := json.NewDecoder(strings.NewReader(text))
	if _, err := dec.Token(); err != nil {
		return nil, 0, false
	}
	for dec.More() {
		if _, err := dec.Token(); err != nil {
			return nil, 0, false
		}
		keys++
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, 0, false
		}
	}
	return object, keys, true
}

// decodeJSON returns the value of text, which must be one valid JSON
// value. Numbers are kept as json.Number, which holds any number's text,
// such as 1e400, which a float64 cannot hold.
func decodeJSON(text string) (any, error) {
	if !json.Valid([]byte(text)) {
		return nil, fmt.Errorf("invalid JSON")
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var value any
	err := dec.Decode(&value)
	return value, err
}

// checkJSONValue checks that raw is valid JSON whose value is want.
func checkJSONValue(t *testing.T, describe, raw string, want any) {
	t.Helper()
	got, err := decodeJSON(raw)
	if err != nil {
		t.Fatalf("%s: %q: %v", describe, raw, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: %q has the value %v, want %v", describe, raw, got, want)
	}
}

// checkJSONCut writes text as a Go expression, chosen by form: a quoted
// literal, a raw literal, or a concatenation of two literals. It runs
// jsonText on it and applies each provider's cut edits to the expression,
// which must leave one string literal whose value is the provider's object.
func checkJSONCut(t *testing.T, text string, form uint8) {
	t.Helper()
	var source string
	switch form % 3 {
	case 0:
		source = strconv.Quote(text)
	case 1:
		source = "`" + text + "`"
	case 2:
		half := len(text) / 2
		source = strconv.Quote(text[:half]) + " + " + strconv.Quote(text[half:])
	}

	fset := token.NewFileSet()
	expr, err := parser.ParseExprFrom(fset, "body.go", source, 0)
	if err != nil {
		return // a raw literal that Go rejects, or holds a backquote
	}
	value, ok := constantString(expr)
	if !ok {
		return
	}
	members, err := readJSONObject(value)
	if err != nil {
		return
	}

	body := sourceChecker(fset, expr.Pos(), source).jsonText(expr, value)
	if body.unknown != "" {
		for _, m := range members {
			if _, isProvider := providerByKey(m.key); !isProvider || !m.null && !m.object {
				return // the reason is right
			}
		}
		t.Fatalf("jsonText(%s) gives no providers (%s), but the body sets only providers to objects or null", source, body.unknown)
	}
	if len(body.entries) != len(members) {
		t.Fatalf("jsonText(%s) has %d entries for %d members", source, len(body.entries), len(members))
	}
	object, _, ok := decodeObject(value)
	if !ok {
		t.Fatalf("readJSONObject accepts %q, but encoding/json does not read it as an object", value)
	}

	for _, entry := range body.entries {
		if entry.null {
			continue
		}
		describe := fmt.Sprintf("jsonText(%s): the cut to %s", source, entry.provider)
		if len(entry.unwrap) == 0 {
			// JSON objects start and end with { and }, which no kind of
			// literal escapes, so the cut is always possible.
			t.Fatalf("%s has no edits: %s", describe, entry.unwrapReason)
		}
		edited, err := applyFileEdits(fset.File(expr.Pos()), []byte(source), entry.unwrap)
		if err != nil {
			t.Fatalf("%s: %v", describe, err)
		}
		cut, ok := literalValue(string(edited))
		if !ok {
			t.Fatalf("%s gives %q, which is not a Go string literal", describe, edited)
		}
		checkJSONValue(t, describe+fmt.Sprintf(" gives %q, whose value", edited), cut, object[entry.provider.String()])
	}
}

// sourceChecker returns a checker that can map a literal at pos, in a file
// of fset whose text is source, to that text, as a pass does with the files
// of its package.
func sourceChecker(fset *token.FileSet, pos token.Pos, source string) *checker {
	file := fset.File(pos)
	return &checker{
		pass:      &analysis.Pass{Fset: fset},
		fileInfos: map[*token.File]*fileInfo{file: {src: []byte(source), read: true}},
	}
}

// constantString returns the value of a string literal, or of a
// concatenation of string literals.
func constantString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		value, err := strconv.Unquote(e.Value)
		return value, err == nil
	case *ast.BinaryExpr:
		x, ok1 := constantString(e.X)
		y, ok2 := constantString(e.Y)
		return x + y, ok1 && ok2 && e.Op == token.ADD
	}
	return "", false
}

// applyFileEdits applies edits, which must lie in file and not overlap, to
// source, the file's text.
func applyFileEdits(file *token.File, source []byte, edits []analysis.TextEdit) ([]byte, error) {
	var out bytes.Buffer
	sorted := slices.Clone(edits)
	// An insertion sorts before an edit that starts at the same position.
	slices.SortStableFunc(sorted, func(x, y analysis.TextEdit) int {
		if x.Pos != y.Pos {
			return int(x.Pos - y.Pos)
		}
		return int(x.End - y.End)
	})
	last := 0
	for _, e := range sorted {
		if int(e.Pos) < file.Base() || e.End < e.Pos || int(e.End) > file.Base()+file.Size() {
			return nil, fmt.Errorf("edit %d:%d lies outside the file", e.Pos, e.End)
		}
		start, end := file.Offset(e.Pos), file.Offset(e.End)
		if start < last {
			return nil, fmt.Errorf("edit at offsets %d:%d overlaps the one before it", start, end)
		}
		out.Write(source[last:start])
		out.Write(e.NewText)
		last = end
	}
	out.Write(source[last:])
	return out.Bytes(), nil
}

// FuzzAnalyzeFile runs the analyzer on mutated Go files, each the only file
// of its package. For a file that type-checks, the analysis must not fail
// or report an internal error, and each suggested fix, applied alone or with
// all the others as raw edits, must leave a file that parses and
// type-checks.
func FuzzAnalyzeFile(f *testing.F) {
	harness := newFileAnalysis(f)
	fixes := 0
	for _, seed := range realSeedFiles(f) {
		if err := harness.loadError(f, seed.source); err != nil {
			f.Fatalf("seed %s does not load as a file of its own: %v", seed.name, err)
		}
		_, n := harness.check(f, seed.source)
		fixes += n
		f.Add(seed.source)
	}
	if fixes == 0 {
		f.Fatal("no seed gets a fix, so the checks of fixes never run")
	}
	f.Fuzz(func(t *testing.T, source []byte) {
		harness.check(t, source)
	})
}

// seedFile is a file of the repository made into a package of its own.
type seedFile struct {
	name   string
	source []byte
}

// realSeedFiles returns each file of testdata/src/nethttp and
// example/nethttp merged with the files that declare what it uses, so that
// it type-checks alone.
func realSeedFiles(tb testing.TB) []seedFile {
	tb.Helper()
	testdata := func(name string) string { return filepath.Join("..", "testdata", "src", "nethttp", name) }
	example := func(name string) string { return filepath.Join("..", "example", "nethttp", name) }
	sets := [][]string{
		{testdata("delete.go"), testdata("types.go")},
		{testdata("generated.go"), testdata("types.go")},
		{testdata("nearmiss.go"), testdata("types.go")},
		{testdata("nofix.go"), testdata("types.go")},
		{testdata("retrieve.go"), testdata("types.go")},
		{testdata("update.go"), testdata("types.go")},
		{example("client.go"), example("types.go")},
		{example("main.go"), example("client.go"), example("types.go")},
	}
	var seeds []seedFile
	for _, paths := range sets {
		source, err := mergeGoFiles(paths...)
		if err != nil {
			tb.Fatalf("merging %s: %v", strings.Join(paths, ", "), err)
		}
		seeds = append(seeds, seedFile{name: paths[0], source: source})
	}
	return seeds
}

// mergeGoFiles joins Go files of one package into one file: the comments
// before the first file's package clause, the package clause, one import
// declaration with every file's imports, and the rest of each file.
func mergeGoFiles(paths ...string) ([]byte, error) {
	fset := token.NewFileSet()
	var header, imports, rest bytes.Buffer
	seen := make(map[string]bool)
	for i, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		file, err := parser.ParseFile(fset, path, src, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return nil, err
		}
		tokenFile := fset.File(file.Pos())
		if i == 0 {
			header.Write(src[:tokenFile.Offset(file.Package)])
			fmt.Fprintf(&header, "package %s\n\n", file.Name.Name)
		}
		end := tokenFile.Offset(file.Name.End())
		for _, spec := range file.Imports {
			text := string(src[tokenFile.Offset(spec.Pos()):tokenFile.Offset(spec.End())])
			if !seen[text] {
				seen[text] = true
				fmt.Fprintf(&imports, "\t%s\n", text)
			}
		}
		for _, decl := range file.Decls {
			if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.IMPORT {
				end = tokenFile.Offset(gen.End())
			}
		}
		rest.Write(src[end:])
		rest.WriteString("\n")
	}
	merged := header.String() + "import (\n" + imports.String() + ")\n" + rest.String()
	return format.Source([]byte(merged))
}

// fuzzImports lists the packages a fuzzed file may import: the standard
// packages of the seeds, and ultravoxpaths, a package of path constants
// from testdata/src. A file that imports another package is skipped.
var fuzzImports = []string{
	"bytes", "context", "encoding/json", "errors", "fmt", "io", "log",
	"net/http", "net/url", "os", "path", "strings", "time", "ultravoxpaths",
}

// fileAnalysis runs the analyzer on one-file packages the way the checker
// driver does after go/packages loads them. go/packages loads the
// importable packages once, from export data. Each file is then parsed and
// type-checked in process against them, as go/packages would after its go
// list call, because a go list call per input would allow only a few inputs
// a second.
type fileAnalysis struct {
	path    string // the file, the only one of package fuzzed in a temporary GOPATH
	fset    *token.FileSet
	sizes   types.Sizes
	imports map[string]*packages.Package
}

func newFileAnalysis(tb testing.TB) *fileAnalysis {
	tb.Helper()
	gopath := tb.TempDir()
	pathsDir := filepath.Join(gopath, "src", "ultravoxpaths")
	if err := os.CopyFS(pathsDir, os.DirFS(filepath.Join("..", "testdata", "src", "ultravoxpaths"))); err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(gopath, "src", "fuzzed")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}

	fset := token.NewFileSet()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedTypesSizes | packages.NeedImports | packages.NeedDeps,
		Dir:  gopath,
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOPROXY=off", "GOWORK=off"),
		Fset: fset,
	}
	pkgs, err := packages.Load(cfg, fuzzImports...)
	if err != nil {
		tb.Fatalf("loading the packages a fuzzed file may import: %v", err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		tb.Fatal("loading the packages a fuzzed file may import failed")
	}

	a := &fileAnalysis{
		path:    filepath.Join(dir, "fuzzed.go"),
		fset:    fset,
		sizes:   pkgs[0].TypesSizes,
		imports: make(map[string]*packages.Package),
	}
	for _, pkg := range pkgs {
		// The checker runs the analyzer on each import for its facts. An
		// import without syntax or imports of its own gives none and ends
		// the walk there. TestFileAnalysisMatchesDriver checks that the
		// seeds get the diagnostics that analyzing every import gives.
		a.imports[pkg.PkgPath] = &packages.Package{
			ID:         pkg.ID,
			Name:       pkg.Name,
			PkgPath:    pkg.PkgPath,
			Fset:       fset,
			Types:      pkg.Types,
			TypesSizes: pkg.TypesSizes,
			TypesInfo:  newTypesInfo(),
		}
	}
	return a
}

func newTypesInfo() *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
}

// load writes source as the package's file, parses and type-checks it, and
// returns the package, or the reason it cannot be analyzed: a syntax error,
// an import outside fuzzImports or a type error. done removes the file from
// the shared file set, and must be called after the analysis.
func (a *fileAnalysis) load(tb testing.TB, source []byte) (pkg *packages.Package, done func(), err error) {
	tb.Helper()
	if err := os.WriteFile(a.path, source, 0o644); err != nil {
		tb.Fatal(err)
	}
	// go/packages parses with these flags too.
	file, err := parser.ParseFile(a.fset, a.path, source, parser.AllErrors|parser.ParseComments)
	done = func() {}
	if file != nil {
		tokenFile := a.fset.File(file.FileStart)
		done = func() { a.fset.RemoveFile(tokenFile) }
	}
	if err != nil {
		return nil, done, err
	}

	imports := make(map[string]*packages.Package)
	for _, spec := range file.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil || a.imports[path] == nil {
			return nil, done, fmt.Errorf("the file imports %s, which is not in fuzzImports", spec.Path.Value)
		}
		imports[path] = a.imports[path]
	}

	info := newTypesInfo()
	var typeErr error
	config := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			return a.imports[path].Types, nil // every import is in a.imports
		}),
		Sizes: a.sizes,
		Error: func(err error) {
			if typeErr == nil {
				typeErr = err
			}
		},
	}
	checked, _ := config.Check("fuzzed", a.fset, []*ast.File{file}, info)
	if typeErr != nil {
		return nil, done, typeErr
	}

	return &packages.Package{
		ID:              "fuzzed",
		Name:            file.Name.Name,
		PkgPath:         "fuzzed",
		GoFiles:         []string{a.path},
		CompiledGoFiles: []string{a.path},
		Fset:            a.fset,
		Syntax:          []*ast.File{file},
		Types:           checked,
		TypesInfo:       info,
		TypesSizes:      a.sizes,
		Imports:         imports,
	}, done, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// loadError returns the reason source cannot be analyzed, or nil.
func (a *fileAnalysis) loadError(tb testing.TB, source []byte) error {
	tb.Helper()
	_, done, err := a.load(tb, source)
	done()
	return err
}

// check analyzes source when it loads, checks the diagnostics and fixes with
// checkResults, and checks that each fix, and all of them together, leave a
// file that type-checks. It returns the summary of the diagnostics and the
// number of fixes.
func (a *fileAnalysis) check(tb testing.TB, source []byte) (summary []string, fixes int) {
	tb.Helper()
	pkg, done, err := a.load(tb, source)
	defer done()
	if err != nil {
		return nil, 0
	}
	graph, err := analysischecker.Analyze([]*analysis.Analyzer{Analyzer}, []*packages.Package{pkg}, nil)
	if err != nil {
		tb.Fatalf("checker.Analyze: %v", err)
	}
	summary, fixed, combined := checkResults(tb, graph, source)
	for _, edited := range fixed {
		if err := a.loadError(tb, edited); err != nil {
			tb.Fatalf("a fix leaves a file that does not type-check: %v\n%s", err, edited)
		}
	}
	if len(fixed) > 1 {
		if err := a.loadError(tb, combined); err != nil {
			tb.Fatalf("the fixes together leave a file that does not type-check: %v\n%s", err, combined)
		}
	}
	return summary, len(fixed)
}

// editsInFile returns edits with their positions moved into file, found
// as the drivers find the file of an edit: by the name of the token.File
// that contains the position, and the offset in it. The analyzer places
// edits after a //line directive in a copy of file's token.File. It
// returns an error for an edit in a file of another name or size.
func editsInFile(fset *token.FileSet, file *token.File, edits []analysis.TextEdit) ([]analysis.TextEdit, error) {
	moved := make([]analysis.TextEdit, len(edits))
	for i, e := range edits {
		editFile := fset.File(e.Pos)
		if editFile == nil || editFile.Name() != file.Name() || editFile.Size() != file.Size() {
			return nil, fmt.Errorf("edit %d:%d is not in %s", e.Pos, e.End, file.Name())
		}
		if e.End < e.Pos || int(e.End) > editFile.Base()+editFile.Size() {
			return nil, fmt.Errorf("edit %d:%d lies outside the file", e.Pos, e.End)
		}
		moved[i] = analysis.TextEdit{Pos: file.Pos(editFile.Offset(e.Pos)), End: file.Pos(editFile.Offset(e.End)), NewText: e.NewText}
	}
	return moved, nil
}

// checkResults checks the result of analyzing one package of one file with
// the given source: no action failed, no diagnostic is an internal error,
// and each fix, alone or with all the others, leaves a file that parses. It
// returns one line per diagnostic, with its position, message and edits,
// the file after each fix, and the file after all of them.
func checkResults(tb testing.TB, graph *analysischecker.Graph, source []byte) (summary []string, fixed [][]byte, combined []byte) {
	tb.Helper()
	for act := range graph.All() {
		if act.Err != nil {
			tb.Fatalf("%s failed: %v", act, act.Err)
		}
	}
	if len(graph.Roots) != 1 {
		tb.Fatalf("%d root actions, want 1", len(graph.Roots))
	}

	act := graph.Roots[0]
	fset := act.Package.Fset
	file := fset.File(act.Package.Syntax[0].FileStart)
	var all []analysis.TextEdit
	for _, d := range act.Diagnostics {
		position := fset.Position(d.Pos)
		where := fmt.Sprintf("%d:%d", position.Line, position.Column)
		if d.Category == categoryInternal {
			tb.Fatalf("%s: %s", where, d.Message)
		}
		line := where + ": " + d.Message
		for _, fix := range d.SuggestedFixes {
			edits, err := editsInFile(fset, file, fix.TextEdits)
			if err != nil {
				tb.Fatalf("%s: the fix of %q: %v", where, d.Message, err)
			}
			edited, err := applyFileEdits(file, source, edits)
			if err != nil {
				tb.Fatalf("%s: the fix of %q: %v", where, d.Message, err)
			}
			if _, err := parser.ParseFile(token.NewFileSet(), file.Name(), edited, parser.ParseComments); err != nil {
				tb.Fatalf("%s: the fix of %q leaves a file that does not parse: %v\n%s", where, d.Message, err, edited)
			}
			fixed = append(fixed, edited)
			for _, e := range edits {
				line += fmt.Sprintf(" [%d:%d %q]", file.Offset(e.Pos), file.Offset(e.End), e.NewText)
			}
			all = append(all, edits...)
		}
		summary = append(summary, line)
	}

	// The drivers apply every fix of a file, and an edit that two fixes
	// share only once.
	slices.SortFunc(all, func(x, y analysis.TextEdit) int {
		if x.Pos != y.Pos {
			return int(x.Pos - y.Pos)
		}
		if x.End != y.End {
			return int(x.End - y.End)
		}
		return bytes.Compare(x.NewText, y.NewText)
	})
	all = slices.CompactFunc(all, func(x, y analysis.TextEdit) bool {
		return x.Pos == y.Pos && x.End == y.End && bytes.Equal(x.NewText, y.NewText)
	})
	combined, err := applyFileEdits(file, source, all)
	if err != nil {
		tb.Fatalf("the fixes together: %v", err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), file.Name(), combined, parser.ParseComments); err != nil {
		tb.Fatalf("the fixes together leave a file that does not parse: %v\n%s", err, combined)
	}
	return summary, fixed, combined
}

// TestFileAnalysisMatchesDriver checks that FuzzAnalyzeFile's loading, which
// type-checks a file against packages loaded from export data, gives the
// diagnostics and fixes that a go/packages load of every dependency from
// source gives, on the real seed files.
func TestFileAnalysisMatchesDriver(t *testing.T) {
	seeds := realSeedFiles(t)
	harness := newFileAnalysis(t)
	gopath := t.TempDir()
	if err := os.CopyFS(filepath.Join(gopath, "src", "ultravoxpaths"), os.DirFS(filepath.Join("..", "testdata", "src", "ultravoxpaths"))); err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for i, seed := range seeds {
		pattern := fmt.Sprintf("seed%d", i)
		dir := filepath.Join(gopath, "src", pattern)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "seed.go"), seed.source, 0o644); err != nil {
			t.Fatal(err)
		}
		patterns = append(patterns, pattern)
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  gopath,
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOPROXY=off", "GOWORK=off"),
	}, patterns...)
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading the seeds: %v", err)
	}
	reported := 0
	for i, pkg := range pkgs {
		t.Run(seeds[i].name, func(t *testing.T) {
			if pkg.PkgPath != patterns[i] {
				t.Fatalf("package %d is %s, want %s", i, pkg.PkgPath, patterns[i])
			}
			graph, err := analysischecker.Analyze([]*analysis.Analyzer{Analyzer}, []*packages.Package{pkg}, nil)
			if err != nil {
				t.Fatal(err)
			}
			want, _, _ := checkResults(t, graph, seeds[i].source)
			got, _ := harness.check(t, seeds[i].source)
			reported += len(want)
			if !slices.Equal(got, want) {
				t.Errorf("FuzzAnalyzeFile's loading gives\n%s\nThe driver gives\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	if reported == 0 {
		t.Error("the driver reports nothing on the seeds, so the comparison shows nothing")
	}
}
