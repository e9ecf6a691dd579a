package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// nullablePath is the import path of the Nullable type that oapi-codegen
// uses for provider fields with its nullable-type option.
const nullablePath = "github.com/oapi-codegen/nullable"

// generatedBody reads the body of a generated client's PATCH call: raw
// JSON for the WithBody variants, or a PatchedAccountTelephonyConfig value,
// wrapped by ogen in OptPatchedAccountTelephonyConfig. Each entry's unwrap
// edits make the body expression the provider's value alone.
func (c *checker) generatedBody(g *generatedCall) *requestBody {
	if g.withBody {
		return c.requestBody(&request{body: g.call.Args[2], bodyKind: bodyReaderKind})
	}
	var vars []*types.Var
	root := g.call.Args[1]
	e := root
	for range maxURLDepth {
		e = ast.Unparen(e)
		if g.ogen {
			if inner, ok := c.ogenOptValue(e); ok {
				e = inner
				continue
			}
		}
		v := c.localVar(e)
		if v == nil {
			break
		}
		def, ok := c.vars.assignedOnce(v)
		if !ok {
			return unknownBody("the body variable %s is changed after its declaration", v.Name())
		}
		if def.result >= 0 && c.isTuple(def.rhs) {
			return unknownBody("the body comes from %s, which is not followed", types.ExprString(def.rhs))
		}
		if spec, ok := def.stmt.(*ast.ValueSpec); ok && spec.Type != nil {
			return unknownBody("the body variable %s is declared with its type, which the fix would have to change", v.Name())
		}
		vars = append(vars, v)
		root, e = def.rhs, def.rhs
	}

	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return unknownBody("the body is not built from a literal or a variable holding one")
	}
	s, ok := c.pass.TypesInfo.TypeOf(lit).Underlying().(*types.Struct)
	if !ok {
		return unknownBody("the body is not a struct literal")
	}
	values := c.fieldValues(lit, s)
	if values == nil {
		return unknownBody("the body literal has fields without names")
	}

	body := &requestBody{vars: vars}
	for i := 0; i < s.NumFields(); i++ {
		field := s.Field(i)
		tag := parseJSONTag(field, s.Tag(i))
		p, isProvider := providerByKey(tag.name)
		value := values[field]
		if tag.skip || !isProvider || value == nil {
			continue // a missing member is left out of the JSON by every generator
		}
		entry, present := c.generatedMember(p, field.Type(), value)
		if !present {
			continue
		}
		if !entry.null && entry.unwrapReason == "" {
			entry.unwrap, entry.unwrapReason = c.unwrapEdits(root, entry.value)
		}
		body.entries = append(body.entries, entry)
	}
	return body
}

// ogenOptValue returns the value that an ogen Opt wrapper expression sets:
// x in NewOptT(x) or OptT{Value: x, Set: true}.
func (c *checker) ogenOptValue(e ast.Expr) (ast.Expr, bool) {
	switch e := e.(type) {
	case *ast.CallExpr:
		fn := c.calleeFunc(e)
		if fn != nil && strings.HasPrefix(fn.Name(), "NewOpt") && len(e.Args) == 1 {
			return e.Args[0], true
		}
	case *ast.CompositeLit:
		fields := compositeFields(e)
		if v, ok := fields["Value"]; ok && isTrue(c, fields["Set"]) {
			return v, true
		}
	}
	return nil, false
}

// generatedMember reads the value of a provider member of a generated body
// type. It returns false when the member is left out of the JSON.
func (c *checker) generatedMember(p provider, fieldType types.Type, value ast.Expr) (bodyEntry, bool) {
	entry := bodyEntry{provider: p}
	value = ast.Unparen(value)
	info := c.pass.TypesInfo
	switch {
	case isNamedType(fieldType, nullablePath, "Nullable"):
		call, ok := value.(*ast.CallExpr)
		fn := (*types.Func)(nil)
		if ok {
			fn = c.calleeFunc(call)
		}
		switch {
		case isNil(info, value):
			return entry, false
		case isFunc(fn, nullablePath, "NewNullNullable"):
			entry.null = true
		case isFunc(fn, nullablePath, "NewNullableWithValue") && len(call.Args) == 1:
			entry.value = call.Args[0]
		default:
			entry.unwrapReason = fmt.Sprintf("the %s member is not set with nullable.NewNullableWithValue or NewNullNullable", p)
		}
	case isOgenOptNil(fieldType):
		if call, ok := value.(*ast.CallExpr); ok {
			if fn := c.calleeFunc(call); fn != nil && strings.HasPrefix(fn.Name(), "NewOptNil") && len(call.Args) == 1 {
				entry.value = call.Args[0]
				break
			}
		}
		lit, ok := value.(*ast.CompositeLit)
		if !ok {
			entry.unwrapReason = fmt.Sprintf("the %s member is not set with a constructor or a literal", p)
			break
		}
		fields := compositeFields(lit)
		switch {
		case !isTrue(c, fields["Set"]):
			return entry, false // ogen leaves out a member whose Set is false
		case isTrue(c, fields["Null"]):
			entry.null = true
		case fields["Value"] != nil:
			entry.value = fields["Value"]
		default:
			entry.unwrapReason = fmt.Sprintf("the %s member's value is not known", p)
		}
	default:
		// oapi-codegen's default: a pointer with omitempty, which can
		// express no null.
		if isNil(info, value) {
			return entry, false
		}
		u, ok := value.(*ast.UnaryExpr)
		if !ok || u.Op != token.AND {
			entry.unwrapReason = fmt.Sprintf("the %s value may be nil, which would leave the provider out instead", p)
			break
		}
		entry.value = u.X
	}
	if entry.value != nil {
		entry.valueType = info.TypeOf(entry.value)
	}
	return entry, true
}

// isOgenOptNil reports whether t is an ogen OptNil wrapper: a struct with
// the fields Value, Set and Null.
func isOgenOptNil(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || !strings.HasPrefix(named.Obj().Name(), "OptNil") {
		return false
	}
	s, ok := named.Underlying().(*types.Struct)
	if !ok || s.NumFields() != 3 {
		return false
	}
	return s.Field(0).Name() == "Value" && s.Field(1).Name() == "Set" && s.Field(2).Name() == "Null"
}

// compositeFields returns the keyed elements of a struct literal by field
// name.
func compositeFields(lit *ast.CompositeLit) map[string]ast.Expr {
	fields := make(map[string]ast.Expr)
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok {
				fields[key.Name] = kv.Value
			}
		}
	}
	return fields
}

// isTrue reports whether e is the constant true.
func isTrue(c *checker, e ast.Expr) bool {
	if e == nil {
		return false
	}
	v := c.pass.TypesInfo.Types[e].Value
	return v != nil && v.String() == "true"
}

// generatedValueEdits returns the unwrap edits of entry adjusted to the
// replacement's body parameter want: a value of type T passed where *T is
// wanted gets its address taken, which is valid for a composite literal
// or a variable.
func (c *checker) generatedValueEdits(entry bodyEntry, want types.Type) ([]analysis.TextEdit, string) {
	if types.AssignableTo(entry.valueType, want) {
		return entry.unwrap, ""
	}
	ptr, ok := want.Underlying().(*types.Pointer)
	if !ok || !types.AssignableTo(entry.valueType, ptr.Elem()) || len(entry.unwrap) == 0 || entry.unwrap[0].End != entry.value.Pos() {
		byName := func(p *types.Package) string { return p.Name() }
		return nil, fmt.Sprintf("the replacement takes %s, which the provider's value of type %s does not fit",
			types.TypeString(want, byName), types.TypeString(entry.valueType, byName))
	}
	switch ast.Unparen(entry.value).(type) {
	case *ast.CompositeLit, *ast.Ident:
	default:
		return nil, "the provider's value is neither a literal nor a variable, so the fix cannot take its address"
	}
	edits := slices.Clone(entry.unwrap)
	edits[0].NewText = append([]byte("&"), edits[0].NewText...)
	return edits, ""
}
