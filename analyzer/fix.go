package analyzer

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// A finding is one diagnostic with its planned fix.
type finding struct {
	file     *token.File
	pos, end token.Pos
	// surface, operation, providers and replacements describe the site
	// for the Analyzer's result.
	surface      string
	operation    string
	providers    providerSet
	replacements []string
	message      string
	reason       string // the reason for having no fix, or empty
	fixMessage   string
	edits        []analysis.TextEdit
	// keepImports lists the packages that the fix's inserted text uses,
	// although its edits cover their uses in the original text.
	keepImports []*types.PkgName
}

// Pos and End make a finding an ast.Node spanning its diagnostic's range.
func (f *finding) Pos() token.Pos { return f.pos }
func (f *finding) End() token.Pos { return f.end }

func (c *checker) newFinding(n ast.Node) *finding {
	return &finding{file: c.pass.Fset.File(n.Pos()), pos: n.Pos(), end: n.End()}
}

func (f *finding) addEdits(edits ...analysis.TextEdit) {
	f.edits = append(f.edits, edits...)
}

// removeImport deletes an import spec's line, with the blank line before it
// when the spec ends its group, so that the result stays gofmt-clean. A
// spec that is alone in its declaration goes with the whole declaration.
func (f *finding) removeImport(c *checker, file *ast.File, spec *ast.ImportSpec) {
	if decl := importDeclOf(file, spec); decl != nil && len(decl.Specs) == 1 {
		f.removeImportDecl(c, decl)
		return
	}
	f.removeLine(c, spec)
	src, ok := c.source(spec)
	if !ok {
		return
	}
	last := &f.edits[len(f.edits)-1]
	start, end := c.offset(last.Pos), c.offset(last.End)
	rest := bytes.TrimLeft(src[end:], " \t")
	if start >= 2 && src[start-1] == '\n' && src[start-2] == '\n' && (len(rest) > 0 && rest[0] == ')' || bytes.HasPrefix(rest, []byte("\n"))) {
		last.Pos-- // the blank line that separated the spec's group
	}
}

// removeImportDecl deletes an import declaration with its doc comment and
// a comment that ends its last line. When blank lines surround it, one of
// them goes too, because gofmt keeps at most one blank line between
// declarations.
func (f *finding) removeImportDecl(c *checker, decl *ast.GenDecl) {
	pos, end := decl.Pos(), decl.End()
	if decl.Doc != nil {
		pos = decl.Doc.Pos()
	}
	src, ok := c.source(decl)
	if !ok {
		f.addEdits(analysis.TextEdit{Pos: pos, End: end})
		return
	}
	stop := c.offset(end)
	rest := stop
	for rest < len(src) && (src[rest] == ' ' || src[rest] == '\t') {
		rest++
	}
	if bytes.HasPrefix(src[rest:], []byte("//")) {
		lineEnd := bytes.IndexByte(src[rest:], '\n')
		if lineEnd < 0 {
			lineEnd = len(src) - rest
		}
		end += token.Pos(rest + lineEnd - stop)
	}
	f.removeRange(c, decl, pos, end)

	last := &f.edits[len(f.edits)-1]
	editStart, editEnd := c.offset(last.Pos), c.offset(last.End)
	wholeLines := editEnd > 0 && src[editEnd-1] == '\n'
	blankBefore := editStart >= 2 && src[editStart-1] == '\n' && src[editStart-2] == '\n'
	blankAfter := editEnd < len(src) && src[editEnd] == '\n'
	if wholeLines && blankBefore && blankAfter {
		last.End++
	}
}

// importDeclOf returns the import declaration of file that contains spec.
func importDeclOf(file *ast.File, spec *ast.ImportSpec) *ast.GenDecl {
	for _, decl := range file.Decls {
		if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.IMPORT && slices.Contains(gen.Specs, ast.Spec(spec)) {
			return gen
		}
	}
	return nil
}

// removeLine deletes the node n, with its whole line when nothing else is
// on it.
func (f *finding) removeLine(c *checker, n ast.Node) {
	f.removeRange(c, n, n.Pos(), n.End())
}

// removeRange deletes the text from pos to end, which is in the file of n,
// with the whole lines it spans when nothing else is on them.
func (f *finding) removeRange(c *checker, n ast.Node, pos, end token.Pos) {
	if src, ok := c.source(n); ok {
		start, stop := c.offset(pos), c.offset(end)
		lineStart := start
		for lineStart > 0 && (src[lineStart-1] == ' ' || src[lineStart-1] == '\t') {
			lineStart--
		}
		lineEnd := stop
		for lineEnd < len(src) && (src[lineEnd] == ' ' || src[lineEnd] == '\t') {
			lineEnd++
		}
		if (lineStart == 0 || src[lineStart-1] == '\n') && lineEnd < len(src) && src[lineEnd] == '\n' {
			pos = pos - token.Pos(start-lineStart)
			end = end + token.Pos(lineEnd-stop+1)
		}
	}
	f.addEdits(analysis.TextEdit{Pos: pos, End: end})
}

func (c *checker) add(f *finding) {
	if f.reason == "" && len(f.edits) == 0 {
		f.reason = "nothing to edit was found"
	}
	if _, seen := c.findings[f.file]; !seen {
		c.files = append(c.files, f.file)
	}
	c.findings[f.file] = append(c.findings[f.file], f)
}

// reportAll checks the fixes of each file together and reports every
// finding. A generated file gets one diagnostic for all its findings: its
// code changes only by regenerating it, and generators keep emitting a
// deprecated operation for as long as the spec lists it.
func (c *checker) reportAll() {
	for _, file := range c.files {
		findings := c.findings[file]
		if first := findings[0]; c.inGeneratedFile(first) {
			c.report(&finding{
				file: file, pos: first.pos, end: first.end, surface: SurfaceGeneratedCode,
				message: fmt.Sprintf("generated code uses the deprecated %s (%d %s in this file)", oldPath, len(findings), plural(len(findings), "site", "sites")),
				reason:  "regenerate the client instead of editing it, and migrate the callers of its deprecated operations",
			})
			continue
		}
		c.guard(findings[0], func() { c.checkFile(file, findings) })
		for _, f := range findings {
			c.report(f)
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// cgoReason is the reason for giving no fix in a file that imports "C".
// The drivers give the analyzer cmd/cgo's rewrite of such a file, whose
// offsets differ from the file's own. Pass.ReadFile rejects the file
// itself, because it is not among the names of Pass.Files, so the
// analyzer cannot map the edits into it. The standalone -fix reads files
// through the same check, so it could not apply them either (x/tools
// v0.52.0).
const cgoReason = `this file imports "C", and the drivers analyze cmd/cgo's rewrite of it without the file's own text to edit`

// checkFile withholds the fixes of one file that would break it: fixes in
// files that import "C", fixes whose edits overlap another's, fixes that
// leave an import unused, and fixes whose result does not parse or is not
// gofmt-clean.
func (c *checker) checkFile(file *token.File, findings []*finding) {
	if info := c.fileOf(token.Pos(file.Base())); info != nil && info.cgoSource != "" {
		for _, f := range findings {
			if f.reason == "" {
				f.reason = cgoReason
			}
		}
		return
	}
	syntax := c.syntaxOf(file)
	var claimed []analysis.TextEdit
	for _, f := range findings {
		if f.reason != "" {
			continue
		}
		for _, e := range f.edits {
			for _, other := range claimed {
				if e.Pos < other.End && other.Pos < e.End || e.Pos == other.Pos && e.End == other.End {
					f.reason = "its edits overlap those of another fix in the file"
				}
			}
		}
		if f.reason == "" {
			claimed = append(claimed, f.edits...)
		}
	}
	if syntax != nil {
		c.checkImports(syntax, findings)
	}
	for _, f := range findings {
		if f.reason == "" {
			f.reason = c.verifyFix(file, f)
		}
	}
}

// checkImports keeps the imports of a file right after its fixes, because
// the drivers that apply raw edits do not remove unused imports. When the
// edits of one fix remove the last use of an imported package, that fix
// also deletes the import. When the edits of several fixes only together
// remove it, those fixes are withheld, because each must compile alone.
func (c *checker) checkImports(file *ast.File, findings []*finding) {
	var edited []analysis.TextEdit
	for _, f := range findings {
		if f.reason == "" {
			edited = append(edited, f.edits...)
		}
	}
	within := func(pos token.Pos, edits []analysis.TextEdit) bool {
		for _, e := range edits {
			if e.Pos <= pos && pos < e.End {
				return true
			}
		}
		return false
	}
	kept := make(map[*types.PkgName]bool)
	for _, f := range findings {
		if f.reason == "" {
			for _, pkg := range f.keepImports {
				kept[pkg] = true
			}
		}
	}
	removers := make(map[*types.PkgName][]*finding)
	ast.Inspect(file, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		pkg, ok := c.pass.TypesInfo.Uses[id].(*types.PkgName)
		if !ok {
			return true
		}
		if !within(id.Pos(), edited) {
			kept[pkg] = true
			return true
		}
		for _, f := range findings {
			if f.reason == "" && within(id.Pos(), f.edits) && !slices.Contains(removers[pkg], f) {
				removers[pkg] = append(removers[pkg], f)
			}
		}
		return true
	})
	for pkg, fs := range removers {
		if kept[pkg] {
			continue
		}
		if len(fs) > 1 {
			for _, f := range fs {
				f.reason = fmt.Sprintf("the fixes in this file together remove every use of %q, and each must compile alone", pkg.Imported().Path())
			}
			continue
		}
		spec := importSpecOf(c.pass.TypesInfo, file, pkg)
		if spec == nil {
			fs[0].reason = fmt.Sprintf("the fix would leave the import of %q unused", pkg.Imported().Path())
			continue
		}
		fs[0].removeImport(c, file, spec)
	}
}

// importSpecOf returns the import declaration that defines pkg in file.
func importSpecOf(info *types.Info, file *ast.File, pkg *types.PkgName) *ast.ImportSpec {
	for _, spec := range file.Imports {
		var obj types.Object
		if spec.Name != nil {
			obj = info.Defs[spec.Name]
		} else {
			obj = info.Implicits[spec]
		}
		if obj == pkg {
			return spec
		}
	}
	return nil
}

// verifyFix applies the fix's edits to its file and returns a reason when
// the result does not parse, or is not gofmt-clean although the file was.
// When the edits lie within one top-level declaration, only that
// declaration is checked, so that the cost of a check does not grow with
// the size of the file.
func (c *checker) verifyFix(file *token.File, f *finding) string {
	info := c.fileOf(f.pos)
	if info == nil {
		return "the source file cannot be read"
	}
	src, err := c.text(info)
	if err != nil {
		return "the source file cannot be read"
	}
	if decl, start, end := c.declAround(info, file, f.edits); decl != nil {
		return c.verifyDeclFix(info, file, decl, start, end, f.edits)
	}
	fixed, ok := applyEdits(file, src, 0, len(src), f.edits)
	if !ok {
		return "its edits overlap"
	}
	return checkEdited(file.Name(), fixed, c.isGofmtClean(info))
}

// applyEdits returns src[start:end] with the edits, which are in file,
// applied in position order, those at one position in their given order.
// It returns false when two edits overlap or one lies outside the range.
func applyEdits(file *token.File, src []byte, start, end int, edits []analysis.TextEdit) ([]byte, bool) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b analysis.TextEdit) int { return cmp.Compare(a.Pos, b.Pos) })
	var out bytes.Buffer
	last := start
	for _, e := range sorted {
		from, to := file.Offset(e.Pos), file.Offset(e.End)
		if from < last || to < from || to > end {
			return nil, false
		}
		out.Write(src[last:from])
		out.Write(e.NewText)
		last = to
	}
	out.Write(src[last:end])
	return out.Bytes(), true
}

// checkEdited returns why the edited text of a file is not acceptable: it
// does not parse, or it needs reformatting although the original text was
// gofmt-clean. format.Source parses the text too, so only text whose
// original was not clean needs a parse of its own.
func checkEdited(name string, fixed []byte, wasClean bool) string {
	if !wasClean {
		if _, err := parser.ParseFile(token.NewFileSet(), name, fixed, parser.ParseComments); err != nil {
			return "the edited file would not parse"
		}
		return ""
	}
	formatted, err := format.Source(fixed)
	if err != nil {
		return "the edited file would not parse"
	}
	if !bytes.Equal(formatted, fixed) {
		return "the edited file would need reformatting"
	}
	return ""
}

func (c *checker) report(f *finding) {
	d := analysis.Diagnostic{Pos: f.pos, End: f.end, Category: categoryDeprecated, Message: f.message}
	c.result.Sites = append(c.result.Sites, Site{
		Pos:          f.pos,
		Category:     categoryDeprecated,
		Surface:      f.surface,
		Operation:    f.operation,
		Providers:    f.providers.names(),
		Replacements: f.replacements,
		Fixed:        f.reason == "",
		Reason:       f.reason,
		Message:      f.message,
	})
	if f.reason != "" {
		d.Message += " (no fix: " + f.reason + ")"
	} else {
		edits := make([]analysis.TextEdit, 0, len(f.edits))
		for _, e := range f.edits {
			if e.Pos == e.End && len(e.NewText) == 0 {
				continue
			}
			edits = append(edits, e)
		}
		slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return int(a.Pos - b.Pos) })
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: f.fixMessage, TextEdits: c.placeEdits(f.file, edits)}}
	}
	c.diagnostics = append(c.diagnostics, d)
}

// placeEdits returns edits, which are in file, with positions that name
// file under FileSet.Position. The drivers apply an edit at its offset in
// the token.File that contains it, but -json names the edit's file from
// FileSet.Position, which follows //line directives (x/tools v0.52.0 and
// v0.53.0). An edit after a directive that names another file would then
// be printed as an edit of that file, so such edits move to the twin of
// file, at the same offsets.
func (c *checker) placeEdits(file *token.File, edits []analysis.TextEdit) []analysis.TextEdit {
	redirected := func(pos token.Pos) bool {
		return pos.IsValid() && c.pass.Fset.Position(pos).Filename != file.Name()
	}
	if !slices.ContainsFunc(edits, func(e analysis.TextEdit) bool { return redirected(e.Pos) || redirected(e.End) }) {
		return edits
	}
	twin := c.twinOf(file)
	moved := make([]analysis.TextEdit, len(edits))
	for i, e := range edits {
		moved[i] = analysis.TextEdit{Pos: twin.Pos(file.Offset(e.Pos)), NewText: e.NewText}
		if e.End.IsValid() {
			moved[i].End = twin.Pos(file.Offset(e.End))
		}
	}
	return moved
}

// declAround returns the top-level declaration of the file whose text,
// doc comment included, contains every edit, with the offsets of that
// text, or nil.
func (c *checker) declAround(info *fileInfo, file *token.File, edits []analysis.TextEdit) (ast.Decl, int, int) {
	if len(edits) == 0 {
		return nil, 0, 0
	}
	first, last := file.Offset(edits[0].Pos), 0
	for _, e := range edits {
		first, last = min(first, file.Offset(e.Pos)), max(last, file.Offset(e.End))
	}
	for _, decl := range info.syntax.Decls {
		start, end := file.Offset(decl.Pos()), file.Offset(decl.End())
		if doc := declDoc(decl); doc != nil {
			start = file.Offset(doc.Pos())
		}
		if start <= first && last <= end {
			return decl, start, end
		}
	}
	return nil, 0, 0
}

func declDoc(decl ast.Decl) *ast.CommentGroup {
	switch decl := decl.(type) {
	case *ast.FuncDecl:
		return decl.Doc
	case *ast.GenDecl:
		return decl.Doc
	}
	return nil
}

// verifyDeclFix checks a fix whose edits lie within src[start:end], the
// text of decl: the edited text must parse, and stay gofmt-clean when it
// was. Each text is checked as the only declaration of a file.
func (c *checker) verifyDeclFix(info *fileInfo, file *token.File, decl ast.Decl, start, end int, edits []analysis.TextEdit) string {
	src, _ := c.text(info)
	const header = "package p\n\n"
	edited, ok := applyEdits(file, src, start, end, edits)
	if !ok {
		return "its edits overlap"
	}
	fixed := append([]byte(header), edited...)
	fixed = append(fixed, '\n')

	clean, known := info.cleanDecls[decl]
	if !known {
		original := append([]byte(header), src[start:end]...)
		original = append(original, '\n')
		formatted, err := format.Source(original)
		clean = err == nil && bytes.Equal(formatted, original)
		if info.cleanDecls == nil {
			info.cleanDecls = make(map[ast.Decl]bool)
		}
		info.cleanDecls[decl] = clean
	}
	return checkEdited(file.Name(), fixed, clean)
}

// syntaxOf returns the syntax tree of a file of the package.
func (c *checker) syntaxOf(file *token.File) *ast.File {
	if file == nil {
		return nil
	}
	info := c.fileOf(token.Pos(file.Base()))
	if info == nil {
		return nil
	}
	return info.syntax
}

// source returns the text of the file holding n.
func (c *checker) source(n ast.Node) ([]byte, bool) {
	info := c.fileOf(n.Pos())
	if info == nil {
		return nil, false
	}
	src, err := c.text(info)
	return src, err == nil
}

// offset returns the byte offset of pos in its file.
func (c *checker) offset(pos token.Pos) int {
	return c.pass.Fset.File(pos).Offset(pos)
}

// lineStart returns the offset of the start of the line containing offset.
func lineStart(src []byte, offset int) int {
	return bytes.LastIndexByte(src[:offset], '\n') + 1
}

// indentOf returns the number of tabs that indent the line holding offset.
func indentOf(src []byte, offset int) int {
	start := lineStart(src, offset)
	n := 0
	for start+n < len(src) && src[start+n] == '\t' {
		n++
	}
	return n
}
