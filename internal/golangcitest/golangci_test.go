package golangcitest

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// golangciEnvVar names the environment variable with the path of the
// golangci-lint binary that build.sh built.
const golangciEnvVar = "TELEPHONYCONFIG_GCL"

var (
	// golangciBinary is the custom golangci-lint, or "" to skip the tests.
	golangciBinary string
	// commandBinary is the telephonyconfig command, built by TestMain.
	commandBinary string
	// golangciCache is golangci-lint's cache for this test process, so
	// that no result of an earlier run is reused.
	golangciCache string
	// repoRoot is the root of this repository.
	repoRoot string
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	golangciBinary = os.Getenv(golangciEnvVar)
	if golangciBinary == "" {
		return m.Run() // each test skips
	}

	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	repoRoot = root
	tmp, err := os.MkdirTemp("", "golangcitest")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)

	golangciCache = filepath.Join(tmp, "golangci-lint-cache")
	commandBinary = filepath.Join(tmp, "telephonyconfig")
	build := exec.Command("go", "build", "-o", commandBinary, "./cmd/telephonyconfig")
	build.Dir = repoRoot
	if output, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build the telephonyconfig command: %v\n%s", err, output)
		return 1
	}
	return m.Run()
}

// requireGolangci skips the test unless build.sh's binary is given.
func requireGolangci(t *testing.T) {
	t.Helper()
	if golangciBinary == "" {
		t.Skipf("%s is not set; run %s=$(bash internal/golangcitest/build.sh) go test ./internal/golangcitest",
			golangciEnvVar, golangciEnvVar)
	}
}

// golangciConfig returns a .golangci.yml for users: it enables only the
// plugin, with its patch setting, and shows every issue. With
// allGenerated, it also keeps the issues in generated files, which
// golangci-lint drops by default.
func golangciConfig(patch, allGenerated bool) string {
	exclusions := ""
	if allGenerated {
		exclusions = "  exclusions:\n    generated: disable\n"
	}
	return fmt.Sprintf(`version: "2"
linters:
  default: none
  enable:
    - telephonyconfig
%s  settings:
    custom:
      telephonyconfig:
        type: module
        description: Reports calls of the deprecated Ultravox telephony_config endpoint.
        settings:
          patch: %t
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
`, exclusions, patch)
}

// inputCase is one input to analyze: a copy of an example or of golden-file
// test data.
type inputCase struct {
	name string
	// prepare copies the input into root and returns the package patterns
	// to analyze and the go.work file to use, or "" for none.
	prepare func(t *testing.T, root string) (patterns []string, goWork string)
	// patch is the value of the plugin's patch setting and the command's
	// -patch flag.
	patch bool
}

var inputCases = []inputCase{
	{name: "example", prepare: prepareRootExamples},
	{name: "example-resty", prepare: prepareModule("example/resty")},
	{name: "example-restyv3", prepare: prepareModule("example/restyv3")},
	{name: "example-retryablehttp", prepare: prepareModule("example/retryablehttp")},
	{name: "testdata-src", prepare: prepareGopathWorkspace("helpers", "nethttp", "servers", "ultravoxpaths")},
	{name: "testdata-src-patchflag", prepare: prepareGopathWorkspace("patchflag"), patch: true},
	{name: "testdata-thirdparty", prepare: prepareModule("testdata/thirdparty")},
	{name: "testdata-generated", prepare: prepareModule("testdata/generated")},
	{name: "same-line", prepare: prepareModule("internal/golangcitest/testdata/sameline")},
}

// prepareRootExamples copies the examples that belong to the root module,
// with the root module's go.mod and go.sum.
func prepareRootExamples(t *testing.T, root string) ([]string, string) {
	for _, name := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(repoRoot, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var patterns []string
	for _, dir := range []string{"example/nethttp", "example/helper"} {
		copyTree(t, filepath.Join(repoRoot, dir), filepath.Join(root, dir))
		patterns = append(patterns, "./"+dir+"/...")
	}
	return patterns, ""
}

// prepareModule copies a module of this repository whole.
func prepareModule(dir string) func(*testing.T, string) ([]string, string) {
	return func(t *testing.T, root string) ([]string, string) {
		copyTree(t, filepath.Join(repoRoot, dir), root)
		return []string{"./..."}, ""
	}
}

// prepareGopathWorkspace copies top-level folders of testdata/src, a GOPATH
// for analysistest, and makes each a module named after it. A go.work file
// joins the modules, so GOPATH import paths such as "helpers/uvapi"
// resolve in module mode and no copied file changes.
func prepareGopathWorkspace(dirs ...string) func(*testing.T, string) ([]string, string) {
	return func(t *testing.T, root string) ([]string, string) {
		var patterns []string
		goWork := "go 1.26\n\nuse (\n"
		for _, dir := range dirs {
			copyTree(t, filepath.Join(repoRoot, "testdata", "src", dir), filepath.Join(root, dir))
			goMod := fmt.Sprintf("module %s\n\ngo 1.26\n", dir)
			if err := os.WriteFile(filepath.Join(root, dir, "go.mod"), []byte(goMod), 0o644); err != nil {
				t.Fatal(err)
			}
			goWork += "\t./" + dir + "\n"
			patterns = append(patterns, "./"+dir+"/...")
		}
		goWork += ")\n"
		workPath := filepath.Join(root, "go.work")
		if err := os.WriteFile(workPath, []byte(goWork), 0o644); err != nil {
			t.Fatal(err)
		}
		return patterns, workPath
	}
}

// workspace is one prepared input with the configuration to check it.
type workspace struct {
	inputCase
	base     string            // the untouched copy
	files    map[string][]byte // the files of base
	patterns []string
	goWork   string
	configs  string // folder with the .golangci.yml files
	// command is what the telephonyconfig command reports on base.
	command report
	// generated holds the Go files with a generated-code header.
	generated map[string]bool
}

// newWorkspace prepares c in a temporary folder and runs the command on it.
func newWorkspace(t *testing.T, c inputCase) *workspace {
	t.Helper()
	w := &workspace{inputCase: c, base: tempDir(t), configs: tempDir(t)}
	w.patterns, w.goWork = c.prepare(t, w.base)
	w.files = snapshot(t, w.base)
	w.generated = generatedGoFiles(t, w.files)
	for name, allGenerated := range map[string]bool{"user.yml": false, "all.yml": true} {
		config := golangciConfig(c.patch, allGenerated)
		if err := os.WriteFile(filepath.Join(w.configs, name), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w.command = w.runCommand(t, w.base)
	if len(w.command.sites) == 0 {
		t.Fatalf("the telephonyconfig command reports nothing on %s, so there is nothing to compare", c.name)
	}
	return w
}

// tempDir returns a new temporary folder with symbolic links resolved, so
// that the paths in the tools' output start with it.
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyBase returns a new copy of the untouched input.
func (w *workspace) copyBase(t *testing.T) string {
	t.Helper()
	dir := tempDir(t)
	copyTree(t, w.base, dir)
	return dir
}

// env returns the environment of the commands run in dir, a copy of base.
func (w *workspace) env(dir string) []string {
	goWork := ""
	if w.goWork != "" {
		goWork = filepath.Join(dir, "go.work")
	}
	return toolEnv(goWork, golangciCache)
}

// runCommand runs telephonyconfig -json in dir.
func (w *workspace) runCommand(t *testing.T, dir string) report {
	t.Helper()
	args := []string{"-json"}
	if w.patch {
		args = append(args, "-patch")
	}
	result := run(t, dir, w.env(dir), commandBinary, append(args, w.patterns...)...)
	if result.exitCode != 0 {
		t.Fatalf("telephonyconfig -json exited with status %d\nstderr:\n%s", result.exitCode, result.stderr)
	}
	return parseCommandJSON(t, dir, result.stdout)
}

// fixWithCommand runs telephonyconfig -fix in dir.
func (w *workspace) fixWithCommand(t *testing.T, dir string) {
	t.Helper()
	args := []string{"-fix"}
	if w.patch {
		args = append(args, "-patch")
	}
	result := run(t, dir, w.env(dir), commandBinary, append(args, w.patterns...)...)
	if result.exitCode != 0 {
		t.Fatalf("telephonyconfig -fix exited with status %d\nstderr:\n%s", result.exitCode, result.stderr)
	}
}

// runGolangci runs golangci-lint run in dir with the configuration file
// config ("user.yml" or "all.yml"), with --fix when fix is set, and
// returns the issues it prints. golangci-lint exits with status 1 when it
// prints issues, so only other statuses fail the test. It also fails the
// test when golangci-lint skips a fix because two edits conflict.
func (w *workspace) runGolangci(t *testing.T, dir, config string, fix bool) report {
	t.Helper()
	jsonPath := filepath.Join(tempDir(t), "issues.json")
	args := []string{"run",
		"--config", filepath.Join(w.configs, config),
		"--output.json.path", jsonPath,
		"--show-stats=false",
		"--path-mode=abs",
	}
	if fix {
		args = append(args, "--fix")
	}
	result := run(t, dir, w.env(dir), golangciBinary, append(args, w.patterns...)...)
	if result.exitCode != 0 && result.exitCode != 1 {
		t.Fatalf("golangci-lint %s exited with status %d\nstderr:\n%s", strings.Join(args, " "), result.exitCode, result.stderr)
	}
	// golangci-lint v2.15.0 warns "Changes related to … are skipped for the
	// file …" and drops all of a linter's edits in a file when two overlap.
	if strings.Contains(result.stderr, "are skipped") {
		t.Errorf("golangci-lint skipped fixes:\n%s", result.stderr)
	}
	output, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatalf("golangci-lint wrote no JSON output: %v\nstderr:\n%s", err, result.stderr)
	}
	return parseGolangciJSON(t, dir, output)
}

// build compiles the packages in dir and their tests, and fails the test
// with the compiler's output when that fails. go list -export compiles
// without linking, which is faster than go test -run for the large
// generated clients.
func (w *workspace) build(t *testing.T, dir, label string) {
	t.Helper()
	args := append([]string{"list", "-export", "-test", "-f", "{{.ImportPath}}"}, w.patterns...)
	result := run(t, dir, w.env(dir), "go", args...)
	if result.exitCode != 0 {
		t.Errorf("%s does not build:\n%s", label, result.stderr)
	}
}

// checkGeneratedUnchanged fails the test for each generated file in dir
// that differs from base.
func (w *workspace) checkGeneratedUnchanged(t *testing.T, dir, label string) {
	t.Helper()
	after := snapshot(t, dir)
	for name := range w.generated {
		if !bytes.Equal(after[name], w.files[name]) {
			t.Errorf("%s changed the generated file %s:\n%s", label, name, after[name])
		}
	}
}

func TestGolangciLint(t *testing.T) {
	requireGolangci(t)
	for _, c := range inputCases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorkspace(t, c)
			t.Run("report", w.testReport)
			t.Run("fix", w.testFix)
			t.Run("nolint", w.testNolint)
		})
	}
}

// testReport compares what golangci-lint reports with what the command
// reports, with a configuration that keeps issues in generated files and,
// where there are generated files, with the user's configuration, which
// drops them.
func (w *workspace) testReport(t *testing.T) {
	all := w.runGolangci(t, w.base, "all.yml", false)
	compareReports(t, "with generated files", all, w.command)

	// The two configurations differ only in how they treat generated files.
	inGenerated := func(s site) bool { return w.generated[s.File] }
	if len(w.generated) > 0 {
		user := w.runGolangci(t, w.base, "user.yml", false)
		compareReports(t, "with golangci-lint's default for generated files", user, w.command.without(inGenerated))
	}

	t.Logf("%d sites, %d of them with a fix, %d in generated files",
		len(w.command.sites), len(w.command.without(func(s site) bool { return !w.command.fixable[s] }).sites),
		len(w.command.without(func(s site) bool { return !inGenerated(s) }).sites))
}

// testFix checks that golangci-lint run --fix writes the same files as the
// command's -fix, that the result builds and matches the golden files, and
// that the issues it still prints are those without a fix.
func (w *workspace) testFix(t *testing.T) {
	golangciDir := w.copyBase(t)
	remaining := w.runGolangci(t, golangciDir, "all.yml", true)
	unfixable := w.command.without(func(s site) bool { return w.command.fixable[s] })
	compareReports(t, "issues left by --fix", remaining, unfixable)

	commandDir := w.copyBase(t)
	w.fixWithCommand(t, commandDir)

	fixed := snapshot(t, golangciDir)
	compareTrees(t, "golangci-lint run --fix compared with telephonyconfig -fix", fixed, snapshot(t, commandDir))
	w.checkGeneratedUnchanged(t, golangciDir, "golangci-lint run --fix")
	w.build(t, golangciDir, "the result of golangci-lint run --fix")
	w.compareGolden(t, fixed)
}

// compareGolden compares each fixed file that has a .golden file with it,
// both formatted with gofmt as analysistest does.
func (w *workspace) compareGolden(t *testing.T, fixed map[string][]byte) {
	t.Helper()
	for name, golden := range w.files {
		source, ok := strings.CutSuffix(name, ".golden")
		if !ok {
			continue
		}
		got, err := format.Source(fixed[source])
		if err != nil {
			t.Errorf("format fixed %s: %v", source, err)
			continue
		}
		want, err := format.Source(golden)
		if err != nil {
			t.Errorf("format %s: %v", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("golangci-lint run --fix made %s differ from %s\n--- got:\n%s\n--- want:\n%s", source, name, got, want)
		}
	}
}

// nolintLine is a reported line that the test marks with nolintComment.
type nolintLine struct {
	file string
	line int
	text string // the line with the comment
}

// testNolint marks every second reported line, outside generated files,
// with //nolint:telephonyconfig and checks that golangci-lint reports and
// fixes only the other sites, and that --fix leaves the marked lines as
// they are.
func (w *workspace) testNolint(t *testing.T) {
	dir := w.copyBase(t)
	marked := w.markEverySecondLine(t, dir)
	isMarked := func(s site) bool {
		return slices.ContainsFunc(marked, func(m nolintLine) bool { return m.file == s.File && m.line == s.Line })
	}

	reported := w.runGolangci(t, dir, "all.yml", false)
	compareReports(t, "with //nolint:telephonyconfig on every second line", reported, w.command.without(isMarked))

	before := snapshot(t, dir)
	w.runGolangci(t, dir, "all.yml", true)
	after := snapshot(t, dir)
	for _, m := range marked {
		if got, want := lineCount(after[m.file], m.text), lineCount(before[m.file], m.text); got != want {
			t.Errorf("after --fix, %s has the line %q %d times, want %d", m.file, m.text, got, want)
		}
	}
	w.checkGeneratedUnchanged(t, dir, "golangci-lint run --fix with //nolint comments")
	w.build(t, dir, "the result of golangci-lint run --fix with //nolint comments")

	// Each marked site is still there for the command, which ignores
	// //nolint comments, on a line with the same text. The reason for no
	// fix may differ, because the analyzer withholds a fix that would drop
	// a comment, and the new comment can be one.
	again := w.runCommand(t, dir)
	for s := range w.command.without(func(s site) bool { return !isMarked(s) }).sites {
		text := lineText(before[s.File], s.Line)
		found := false
		for s2 := range again.sites {
			if s2.File == s.File && withoutNoFixReason(s2.Message) == withoutNoFixReason(s.Message) &&
				lineText(after[s2.File], s2.Line) == text {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("the site %s, on a line marked %s, was changed by --fix", s, nolintComment)
		}
	}
}

// markEverySecondLine adds nolintComment to every second reported line
// outside generated files, skipping lines where a comment cannot go.
func (w *workspace) markEverySecondLine(t *testing.T, dir string) []nolintLine {
	t.Helper()
	var lines []nolintLine
	seen := make(map[nolintLine]bool)
	for s := range w.command.sites {
		key := nolintLine{file: s.File, line: s.Line}
		if !w.generated[s.File] && !seen[key] {
			seen[key] = true
			lines = append(lines, key)
		}
	}
	slices.SortFunc(lines, func(a, b nolintLine) int {
		if c := strings.Compare(a.file, b.file); c != 0 {
			return c
		}
		return a.line - b.line
	})

	var marked []nolintLine
	for i, m := range lines {
		if i%2 != 0 {
			continue
		}
		text, ok := addNolint(t, filepath.Join(dir, filepath.FromSlash(m.file)), m.line)
		if !ok {
			t.Logf("%s:%d: a comment cannot end this line, so it is not marked", m.file, m.line)
			continue
		}
		m.text = text
		marked = append(marked, m)
	}
	if len(marked) == 0 {
		t.Fatalf("no reported line could be marked with %s", nolintComment)
	}
	return marked
}

// withoutNoFixReason removes the reason that a message gives for having no
// fix, " (no fix: …)", from its end.
func withoutNoFixReason(message string) string {
	before, _, _ := strings.Cut(message, " (no fix: ")
	return before
}

// TestInvalidSettingsRejected checks that golangci-lint stops with the
// plugin's error, and exit status 3, for settings that the plugin rejects.
func TestInvalidSettingsRejected(t *testing.T) {
	requireGolangci(t)
	dir := tempDir(t)
	copyTree(t, filepath.Join(repoRoot, "internal", "golangcitest", "testdata", "sameline"), dir)

	tests := []struct {
		name, setting, want string
	}{
		{"unknown key", "pach: true", `unknown key "pach" (known keys: patch)`},
		{"quoted string", `patch: "true"`, `key "patch" must be a bool, got string "true"`},
		{"YAML 1.1 boolean", "patch: yes", `key "patch" must be a bool, got string "yes"`},
		{"number", "patch: 1", `key "patch" must be a bool, got number 1`},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			config := strings.Replace(golangciConfig(false, false), "patch: false", test.setting, 1)
			configPath := filepath.Join(tempDir(t), ".golangci.yml")
			if err := os.WriteFile(configPath, []byte(config), 0o644); err != nil {
				t.Fatal(err)
			}

			result := run(t, dir, toolEnv("", golangciCache), golangciBinary, "run", "--config", configPath, "./...")
			if result.exitCode != 3 {
				t.Errorf("golangci-lint exited with status %d, want 3\nstdout:\n%s\nstderr:\n%s",
					result.exitCode, result.stdout, result.stderr)
			}
			if want := "plugin(telephonyconfig): newPlugin invalid settings: " + test.want; !strings.Contains(result.stderr, want) {
				t.Errorf("golangci-lint's error output does not contain %q:\n%s", want, result.stderr)
			}
		})
	}
}
