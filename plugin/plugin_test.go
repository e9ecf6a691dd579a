package plugin_test

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"github.com/uvtools/telephonyconfig/analyzer"
	"github.com/uvtools/telephonyconfig/plugin"
)

// newPlugin looks the plugin up by name, as golangci-lint does, and
// creates it from rawSettings.
func newPlugin(t *testing.T, rawSettings any) (register.LinterPlugin, error) {
	t.Helper()
	newFunc, err := register.GetPlugin("telephonyconfig")
	if err != nil {
		t.Fatalf("GetPlugin: %v", err)
	}
	return newFunc(rawSettings)
}

// patchFlag returns the current value of the analyzer's -patch flag.
func patchFlag(t *testing.T) string {
	t.Helper()
	return analyzer.Analyzer.Flags.Lookup("patch").Value.String()
}

// restorePatchFlag sets the analyzer's -patch flag to value and restores
// the old value when the test ends, because the flag is global.
func restorePatchFlag(t *testing.T, value string) {
	t.Helper()
	old := patchFlag(t)
	if err := analyzer.Analyzer.Flags.Set("patch", value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := analyzer.Analyzer.Flags.Set("patch", old); err != nil {
			t.Errorf("restore flag -patch: %v", err)
		}
	})
}

func TestPluginName(t *testing.T) {
	if plugin.Name != analyzer.Analyzer.Name {
		t.Errorf("plugin name %q differs from analyzer name %q, so golangci-lint would prefix messages",
			plugin.Name, analyzer.Analyzer.Name)
	}
}

func TestPatchSetting(t *testing.T) {
	tests := []struct {
		name        string
		rawSettings any
		initialFlag string
		want        string
	}{
		{"true", map[string]any{"patch": true}, "false", "true"},
		{"false", map[string]any{"patch": false}, "true", "false"},
		{"key missing", map[string]any{}, "true", "false"},
		{"settings missing", nil, "true", "false"},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			restorePatchFlag(t, test.initialFlag)

			p, err := newPlugin(t, test.rawSettings)
			if err != nil {
				t.Fatalf("New(%v): %v", test.rawSettings, err)
			}
			if got := patchFlag(t); got != test.initialFlag {
				t.Errorf("New changed flag -patch to %s before BuildAnalyzers", got)
			}
			if _, err := p.BuildAnalyzers(); err != nil {
				t.Fatalf("BuildAnalyzers: %v", err)
			}
			if got := patchFlag(t); got != test.want {
				t.Errorf("after BuildAnalyzers, flag -patch = %s, want %s", got, test.want)
			}
		})
	}
}

func TestInvalidSettings(t *testing.T) {
	tests := []struct {
		name        string
		rawSettings any
		wantParts   []string
	}{
		{
			name:        "unknown key",
			rawSettings: map[string]any{"pach": true},
			wantParts:   []string{"invalid settings", `unknown key "pach"`, "known keys: patch"},
		},
		{
			name:        "unknown key beside a known one",
			rawSettings: map[string]any{"patch": true, "fix": true},
			wantParts:   []string{`unknown key "fix"`, "known keys: patch"},
		},
		{
			name:        "key in another case",
			rawSettings: map[string]any{"Patch": true},
			wantParts:   []string{`unknown key "Patch"`, "known keys: patch"},
		},
		{
			name:        "string for bool",
			rawSettings: map[string]any{"patch": "yes"},
			wantParts:   []string{`key "patch" must be a bool`, `got string "yes"`},
		},
		{
			name:        "quoted true for bool",
			rawSettings: map[string]any{"patch": "true"},
			wantParts:   []string{`key "patch" must be a bool`, `got string "true"`},
		},
		{
			name:        "number for bool",
			rawSettings: map[string]any{"patch": 1},
			wantParts:   []string{`key "patch" must be a bool`, "got number 1"},
		},
		{
			name:        "list for bool",
			rawSettings: map[string]any{"patch": []any{true}},
			wantParts:   []string{`key "patch" must be a bool`, "got array [true]"},
		},
		{
			name:        "null for bool",
			rawSettings: map[string]any{"patch": nil},
			wantParts:   []string{`key "patch" has no value`},
		},
		{
			name:        "settings not a mapping",
			rawSettings: []any{"patch"},
			wantParts:   []string{"settings must be a mapping", `["patch"]`},
		},
		{
			name:        "settings a scalar",
			rawSettings: true,
			wantParts:   []string{"settings must be a mapping", "got true"},
		},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			restorePatchFlag(t, "false")

			p, err := newPlugin(t, test.rawSettings)
			if err == nil {
				t.Fatalf("New(%#v) returned plugin %v and no error", test.rawSettings, p)
			}
			for _, part := range test.wantParts {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not contain %q", err, part)
				}
			}
			if got := patchFlag(t); got != "false" {
				t.Errorf("rejected settings changed flag -patch to %s", got)
			}
		})
	}
}

func TestLoadMode(t *testing.T) {
	p, err := newPlugin(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
}

func TestBuildAnalyzers(t *testing.T) {
	restorePatchFlag(t, "false")

	p, err := newPlugin(t, map[string]any{"patch": false})
	if err != nil {
		t.Fatal(err)
	}
	analyzers, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatalf("BuildAnalyzers: %v", err)
	}
	if len(analyzers) != 1 {
		t.Fatalf("BuildAnalyzers returned %d analyzers, want 1", len(analyzers))
	}
	if analyzers[0] != analyzer.Analyzer {
		t.Errorf("BuildAnalyzers returned analyzer %q, want analyzer.Analyzer", analyzers[0].Name)
	}
}
