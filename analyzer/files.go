package analyzer

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"

	"golang.org/x/tools/go/ast/inspector"
)

// fileInfo is the per-file data of the package, computed once and reused
// for every site in the file.
type fileInfo struct {
	syntax    *ast.File
	cursor    inspector.Cursor // the cursor of syntax
	generated bool             // the file has a generated-code header
	// src is the file's text, read on first use. srcErr is the read error.
	src    []byte
	srcErr error
	read   bool
	// gofmtClean reports that src is gofmt-formatted. It is computed on
	// first use, which sets gofmtKnown.
	gofmtClean, gofmtKnown bool
}

// fileOf returns the information of the package file that contains pos, or
// nil for a position outside the package's files.
func (c *checker) fileOf(pos token.Pos) *fileInfo {
	if c.fileInfos == nil {
		c.fileInfos = make(map[*token.File]*fileInfo, len(c.pass.Files))
		for cur := range c.root.Children() {
			file, ok := cur.Node().(*ast.File)
			if !ok {
				continue
			}
			c.fileInfos[c.pass.Fset.File(file.Pos())] = &fileInfo{syntax: file, cursor: cur, generated: ast.IsGenerated(file)}
		}
	}
	return c.fileInfos[c.pass.Fset.File(pos)]
}

// text returns the file's source text.
func (c *checker) text(info *fileInfo) ([]byte, error) {
	if !info.read {
		info.src, info.srcErr = c.pass.ReadFile(c.pass.Fset.File(info.syntax.Pos()).Name())
		info.read = true
	}
	return info.src, info.srcErr
}

// isGofmtClean reports whether the file's source text is gofmt-formatted.
func (c *checker) isGofmtClean(info *fileInfo) bool {
	if !info.gofmtKnown {
		src, err := c.text(info)
		if err == nil {
			formatted, err := format.Source(src)
			info.gofmtClean = err == nil && bytes.Equal(formatted, src)
		}
		info.gofmtKnown = true
	}
	return info.gofmtClean
}
