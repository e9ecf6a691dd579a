package analyzer

import (
	"fmt"
	"go/scanner"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// excludedNote returns the text appended to the package's diagnostics when
// build constraints exclude Go files of the package from this pass, as
// GOOS=linux excludes client_other.go, and some of them mention the old
// endpoint. It returns "" when none does. The analyzer neither checks nor
// fixes such a file, because it is not type-checked in this configuration
// and may depend on declarations that exist only under its own
// constraints. The note names the files and the settings to run again with.
func (c *checker) excludedNote() string {
	var names []string
	for _, name := range c.pass.IgnoredFiles {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		src, err := c.pass.ReadFile(name)
		if err != nil || !hasOldEndpointLiteral(src) {
			continue
		}
		names = append(names, filepath.Base(name))
	}
	if len(names) == 0 {
		return ""
	}
	slices.Sort(names)
	list := strings.Join(names, ", ")
	if len(names) > 1 {
		list = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return fmt.Sprintf(" (%s also %s %s, but build constraints exclude %s from this run, so run again with the GOOS, GOARCH or tags that select %s)",
		list, plural(len(names), "mentions", "mention"), candidateText, plural(len(names), "it", "them"), plural(len(names), "it", "them"))
}

// hasOldEndpointLiteral reports whether a string literal of the Go source
// src contains candidateText not followed by a letter, digit or
// underscore, so that the new endpoint /api/telephony_configs/PROVIDER
// does not count. The scan needs no parse, so it works on files that the
// build excludes, whatever they contain.
func hasOldEndpointLiteral(src []byte) bool {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, 0) // errors are ignored: the scan goes on past them
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return false
		}
		if tok == token.STRING && containsWord(lit, candidateText) {
			return true
		}
	}
}

// containsWord reports whether text contains word with no letter, digit
// or underscore right after it.
func containsWord(text, word string) bool {
	for {
		i := strings.Index(text, word)
		if i < 0 {
			return false
		}
		text = text[i+len(word):]
		if text == "" || !isWordByte(text[0]) {
			return true
		}
	}
}

func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// noteExcluded appends excludedNote to the message of every diagnostic
// about the old endpoint.
func (c *checker) noteExcluded(diagnostics []analysis.Diagnostic) {
	if len(diagnostics) == 0 {
		return
	}
	note := c.excludedNote()
	if note == "" {
		return
	}
	for i := range diagnostics {
		if diagnostics[i].Category != categoryInternal {
			diagnostics[i].Message += note
		}
	}
}
