// Package plugin registers the telephonyconfig analyzer as a golangci-lint
// v2 module plugin.
//
// Importing the package registers the plugin under the name
// telephonyconfig, which is also the analyzer's name, so golangci-lint
// prints the analyzer's messages without a prefix. Build a golangci-lint
// binary that contains it with golangci-lint custom, naming this module in
// .custom-gcl.yml and this package as the import, and enable it in
// .golangci.yml:
//
//	linters:
//	  default: none
//	  enable:
//	    - telephonyconfig
//	  settings:
//	    custom:
//	      telephonyconfig:
//	        type: module
//	        settings:
//	          patch: false
//
// The settings are those of [Settings]. The analyzer's flags are
// package-level variables, so BuildAnalyzers sets them for every user of
// the analyzer in the process.
package plugin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"github.com/uvtools/telephonyconfig/analyzer"
	"golang.org/x/tools/go/analysis"
)

// Name is the name under which the plugin registers, the analyzer's name.
const Name = "telephonyconfig"

func init() {
	register.Plugin(Name, New)
}

// Settings is the plugin's configuration in .golangci.yml, under
// linters.settings.custom.telephonyconfig.settings.
type Settings struct {
	// Patch sets the analyzer's -patch flag, which replaces a PATCH of the
	// old endpoint with PATCH of the provider endpoint instead of POST.
	Patch bool `json:"patch"`
}

// telephonyConfigPlugin implements register.LinterPlugin.
type telephonyConfigPlugin struct {
	settings Settings
}

// New decodes the settings that golangci-lint passes (nil when the
// configuration has none) and returns the plugin. It rejects unknown keys
// and values of the wrong type.
func New(rawSettings any) (register.LinterPlugin, error) {
	settings, err := decodeSettings(rawSettings)
	if err != nil {
		return nil, fmt.Errorf("invalid settings: %w", err)
	}
	return &telephonyConfigPlugin{settings: settings}, nil
}

// BuildAnalyzers sets the analyzer's flags from the settings and returns
// the analyzer.
func (p *telephonyConfigPlugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	if err := analyzer.Analyzer.Flags.Set("patch", strconv.FormatBool(p.settings.Patch)); err != nil {
		return nil, fmt.Errorf("set flag -patch of analyzer %s: %w", Name, err)
	}
	return []*analysis.Analyzer{analyzer.Analyzer}, nil
}

// GetLoadMode returns register.LoadModeTypesInfo, because the analyzer
// needs type information and the facts of imported packages.
func (p *telephonyConfigPlugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// decodeSettings decodes rawSettings, a map from the YAML configuration,
// through JSON into Settings. Keys must match a json tag of Settings
// exactly, so that an error names the key and the keys that exist.
func decodeSettings(rawSettings any) (Settings, error) {
	var settings Settings
	if rawSettings == nil {
		return settings, nil
	}

	encoded, err := json.Marshal(rawSettings)
	if err != nil {
		return settings, fmt.Errorf("encode settings as JSON: %w", err)
	}
	var values map[string]json.RawMessage
	if err := json.Unmarshal(encoded, &values); err != nil || values == nil {
		return settings, fmt.Errorf("settings must be a mapping of keys to values, got %s", encoded)
	}

	known := settingsKeys()
	for _, key := range slices.Sorted(maps.Keys(values)) {
		if !slices.Contains(known, key) {
			return settings, fmt.Errorf("unknown key %q (known keys: %s)", key, strings.Join(known, ", "))
		}
		// encoding/json leaves a field unchanged for null, which is what a
		// YAML key without a value becomes.
		if bytes.Equal(values[key], []byte("null")) {
			return settings, fmt.Errorf("key %q has no value", key)
		}
	}

	if err := json.Unmarshal(encoded, &settings); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return settings, fmt.Errorf("key %q must be a %s, got %s %s",
				typeErr.Field, typeErr.Type, typeErr.Value, values[typeErr.Field])
		}
		return settings, fmt.Errorf("decode settings: %w", err)
	}
	return settings, nil
}

// settingsKeys returns the keys of Settings, its fields' json tags, sorted.
func settingsKeys() []string {
	var keys []string
	settingsType := reflect.TypeFor[Settings]()
	for field := range settingsType.Fields() {
		name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys = append(keys, name)
		}
	}
	slices.Sort(keys)
	return keys
}
