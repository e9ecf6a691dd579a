package analyzer

import "go/ast"

// SetTestHook makes hook run before each node is checked, until the
// returned function restores the previous hook.
func SetTestHook(hook func(ast.Node)) (restore func()) {
	old := testHook
	testHook = hook
	return func() { testHook = old }
}
