// Command vetbench times the telephonyconfig analyzer against two other
// analysis tools on large corpora, under go vet and standalone.
//
//	go run ./bench/cmd/vetbench [-work DIR] [-runs N] [-corpora LIST] [-modes LIST] [-fix=false]
//
// Run it from the repository root. It builds three tools from bench/:
// floor (an analyzer that does nothing), peer (printf, hostport and
// httpresponse from golang.org/x/tools) and telephonyconfig (the
// analyzer). Each round times every tool once on every corpus and mode, in
// an order that rotates by round, so that a load change on the machine
// affects all tools alike. Each timed command runs under GNU time
// (/usr/bin/time -v), which gives wall time, user and system CPU time and
// the peak resident set size of the largest single process in the tree.
//
// go vet caches a tool's results under a hash of the tool's file, so the
// harness relinks each tool with a fresh -X main.nonce value before every
// timed command. The package compilations that go vet needs stay cached;
// they are warmed by an untimed run of the floor tool on each corpus.
//
// Every run is appended to DIR/results.tsv, and a summary of medians and
// of ratios to the floor is printed at the end. Invocations that run at
// the same time need separate -work folders, because each one relinks its
// tools into DIR/bin, and a shared binary would share go vet's cache.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uvtools/telephonyconfig/bench/synth"
)

// tools lists the tool folders under bench/, the floor first.
var tools = []string{"floor", "peer", "telephonyconfig"}

// corpus is a set of packages to analyze and the folder to run in.
type corpus struct {
	name    string
	dir     string
	pattern string
	env     []string // added to the environment of every command
	sites   int      // call sites of the old endpoint, for synthetic corpora
}

// measurement is the result of one timed command.
type measurement struct {
	wall, user, sys time.Duration
	maxRSSKiB       int64
	exitStatus      int
}

func (m measurement) cpu() time.Duration { return m.user + m.sys }

func main() {
	work := flag.String("work", filepath.Join(os.TempDir(), "vetbench"), "folder for binaries, corpora and logs")
	runs := flag.Int("runs", 3, "timed runs of each tool on each corpus and mode")
	corporaFlag := flag.String("corpora", "synth1k,synth10k,std,xtools", "comma-separated corpora: synth1k, synth10k, std, xtools")
	modesFlag := flag.String("modes", "vet,standalone", "comma-separated modes: vet (go vet -vettool), standalone")
	fix := flag.Bool("fix", true, "also time telephonyconfig -fix on the synthetic corpora")
	flag.Parse()
	log.SetFlags(log.Ltime)
	log.SetPrefix("vetbench: ")

	repo, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(repo, "bench", "floor")); err != nil {
		log.Fatalf("bench/floor not found in %s: run vetbench from the repository root", repo)
	}
	if _, err := exec.LookPath("/usr/bin/time"); err != nil {
		log.Fatal("GNU time is missing at /usr/bin/time; install the Debian package time")
	}
	b := &bench{repo: repo, work: *work}
	for _, dir := range []string{b.bin(), b.logs()} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			log.Fatal(err)
		}
	}

	var corpora []corpus
	for _, name := range strings.Split(*corporaFlag, ",") {
		c, err := b.prepare(name)
		if err != nil {
			log.Fatalf("prepare corpus %s: %v", name, err)
		}
		corpora = append(corpora, c)
	}
	modes := strings.Split(*modesFlag, ",")
	for _, mode := range modes {
		if mode != "vet" && mode != "standalone" {
			log.Fatalf("unknown mode %q: use vet or standalone", mode)
		}
	}

	for _, c := range corpora {
		if err := b.warm(c, modes); err != nil {
			log.Fatalf("warm up %s: %v", c.name, err)
		}
	}

	results, err := os.OpenFile(filepath.Join(b.work, "results.tsv"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		log.Fatal(err)
	}
	defer results.Close()
	session := time.Now().Format("20060102-150405")
	all := make(map[key][]measurement)
	for round := range *runs {
		for _, c := range corpora {
			for _, mode := range modes {
				for i := range tools {
					tool := tools[(i+round)%len(tools)]
					m, err := b.timeTool(c, mode, tool, fmt.Sprintf("%s-%d", session, round))
					if err != nil {
						log.Fatalf("%s %s %s: %v", c.name, mode, tool, err)
					}
					k := key{c.name, mode, tool}
					all[k] = append(all[k], m)
					writeRow(results, session, round, k, m)
					log.Printf("round %d %-8s %-10s %-15s wall %6.2fs cpu %7.2fs rss %6d MiB exit %d",
						round, c.name, mode, tool, m.wall.Seconds(), m.cpu().Seconds(), m.maxRSSKiB/1024, m.exitStatus)
				}
			}
			if *fix && c.sites > 0 {
				m, err := b.timeFix(c, fmt.Sprintf("%s-%d", session, round), round == 0)
				if err != nil {
					log.Fatalf("%s fix: %v", c.name, err)
				}
				k := key{c.name, "fix", "telephonyconfig"}
				all[k] = append(all[k], m)
				writeRow(results, session, round, k, m)
				log.Printf("round %d %-8s %-10s %-15s wall %6.2fs cpu %7.2fs rss %6d MiB exit %d",
					round, c.name, "fix", "telephonyconfig", m.wall.Seconds(), m.cpu().Seconds(), m.maxRSSKiB/1024, m.exitStatus)
			}
		}
	}
	printSummary(os.Stdout, corpora, modes, all, *fix)
}

// key names one series of measurements.
type key struct{ corpus, mode, tool string }

type bench struct {
	repo, work string
}

func (b *bench) bin() string  { return filepath.Join(b.work, "bin") }
func (b *bench) logs() string { return filepath.Join(b.work, "logs") }

// prepare creates the named corpus under the work folder. A synthetic
// module that already exists there is reused.
func (b *bench) prepare(name string) (corpus, error) {
	dir := filepath.Join(b.work, name)
	switch name {
	case "xtools":
		// A scratch module that requires x/tools. With -mod=mod, go adds
		// the go.sum lines and any missing requirement of its packages.
		goMod := "module example.com/xtoolsbench\n\ngo 1.26\n\nrequire golang.org/x/tools v0.52.0\n"
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return corpus{}, err
		}
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
			return corpus{}, err
		}
		goflags := strings.TrimSpace(os.Getenv("GOFLAGS") + " -mod=mod")
		return corpus{name: name, dir: dir, pattern: "golang.org/x/tools/...", env: []string{"GOFLAGS=" + goflags}}, nil
	case "std":
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return corpus{}, err
		}
		goMod := "module example.com/stdbench\n\ngo 1.26\n"
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
			return corpus{}, err
		}
		return corpus{name: name, dir: dir, pattern: "std"}, nil
	case "synth1k", "synth10k":
		packages, sites := 100, 10
		if name == "synth10k" {
			packages, sites = 400, 25
		}
		if _, err := os.Stat(dir); err != nil {
			if err := synth.WriteModule(dir, "example.com/"+name, packages, sites); err != nil {
				return corpus{}, err
			}
		}
		return corpus{name: name, dir: dir, pattern: "./...", sites: packages * sites}, nil
	}
	return corpus{}, fmt.Errorf("unknown corpus %q: use xtools, std, synth1k or synth10k", name)
}

// warm runs the floor tool once on the corpus, untimed, so that the
// compiled packages and the export data are in the build cache, and the
// xtools module has its go.sum.
func (b *bench) warm(c corpus, modes []string) error {
	bin, err := b.build("floor", "warm")
	if err != nil {
		return err
	}
	for _, mode := range modes {
		args := b.command(c, mode, bin)
		log.Printf("warm up %s %s: %s", c.name, mode, strings.Join(args, " "))
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = c.dir
		cmd.Env = append(os.Environ(), c.env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			// A finding also exits non-zero, so only an empty run fails.
			if len(out) == 0 {
				return err
			}
			log.Printf("warm up %s %s exited with %v; output in logs/warm-%s-%s.txt", c.name, mode, err, c.name, mode)
		}
		if err := os.WriteFile(filepath.Join(b.logs(), fmt.Sprintf("warm-%s-%s.txt", c.name, mode)), out, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// build links bench/TOOL with the given nonce and returns its path.
func (b *bench) build(tool, nonce string) (string, error) {
	out := filepath.Join(b.bin(), tool)
	cmd := exec.Command("go", "build", "-ldflags=-X=main.nonce="+nonce, "-o", out, "./bench/"+tool)
	cmd.Dir = b.repo
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./bench/%s: %v\n%s", tool, err, msg)
	}
	return out, nil
}

func (b *bench) command(c corpus, mode, bin string) []string {
	if mode == "vet" {
		return []string{"go", "vet", "-vettool=" + bin, c.pattern}
	}
	return []string{bin, c.pattern}
}

// timeTool relinks the tool with a fresh nonce and times one run of it.
func (b *bench) timeTool(c corpus, mode, tool, round string) (measurement, error) {
	bin, err := b.build(tool, strings.Join([]string{round, c.name, mode, tool}, "-"))
	if err != nil {
		return measurement{}, err
	}
	logName := fmt.Sprintf("%s-%s-%s", c.name, mode, tool)
	return b.timeCommand(c.dir, c.env, logName, b.command(c, mode, bin))
}

// timeFix copies the synthetic corpus and times telephonyconfig -fix on
// the copy. With check set, it then builds the fixed copy and runs the
// tool again, which must report nothing, so that the timing is known to
// cover fixes that apply.
func (b *bench) timeFix(c corpus, round string, check bool) (measurement, error) {
	bin, err := b.build("telephonyconfig", round+"-"+c.name+"-fix")
	if err != nil {
		return measurement{}, err
	}
	dir := filepath.Join(b.work, c.name+"-fix")
	if err := os.RemoveAll(dir); err != nil {
		return measurement{}, err
	}
	if out, err := exec.Command("cp", "-a", c.dir, dir).CombinedOutput(); err != nil {
		return measurement{}, fmt.Errorf("copy corpus: %v\n%s", err, out)
	}
	m, err := b.timeCommand(dir, c.env, c.name+"-fix", []string{bin, "-fix", c.pattern})
	if err != nil || !check {
		return m, err
	}
	build := exec.Command("go", "build", c.pattern)
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		return m, fmt.Errorf("fixed corpus does not build: %v\n%s", err, out)
	}
	again := exec.Command(bin, c.pattern)
	again.Dir = dir
	if out, err := again.CombinedOutput(); err != nil || len(out) != 0 {
		return m, fmt.Errorf("telephonyconfig still reports findings after -fix (%v):\n%.2000s", err, out)
	}
	log.Printf("checked %s: the fixed copy builds and has no findings left", c.name)
	return m, nil
}

// timeCommand runs args in dir under GNU time. The command's output goes
// to logs/NAME.txt, replacing the previous run's.
func (b *bench) timeCommand(dir string, env []string, name string, args []string) (measurement, error) {
	timeFile := filepath.Join(b.logs(), name+".time")
	output, err := os.Create(filepath.Join(b.logs(), name+".txt"))
	if err != nil {
		return measurement{}, err
	}
	defer output.Close()
	fmt.Fprintf(output, "# %s (in %s)\n", strings.Join(args, " "), dir)
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", "-o", timeFile}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = output
	cmd.Stderr = output
	// A finding makes the tool exit non-zero; GNU time reports the status.
	_ = cmd.Run()
	data, err := os.ReadFile(timeFile)
	if err != nil {
		return measurement{}, err
	}
	return parseTime(string(data))
}

// parseTime reads the report of GNU time -v.
func parseTime(report string) (measurement, error) {
	var m measurement
	found := 0
	sc := bufio.NewScanner(strings.NewReader(report))
	for sc.Scan() {
		label, value, ok := strings.Cut(strings.TrimSpace(sc.Text()), ": ")
		if !ok {
			continue
		}
		var err error
		switch {
		case label == "User time (seconds)":
			m.user, err = parseSeconds(value)
		case label == "System time (seconds)":
			m.sys, err = parseSeconds(value)
		case strings.HasPrefix(label, "Elapsed (wall clock) time"):
			m.wall, err = parseClock(value)
		case label == "Maximum resident set size (kbytes)":
			m.maxRSSKiB, err = strconv.ParseInt(value, 10, 64)
		case label == "Exit status":
			m.exitStatus, err = strconv.Atoi(value)
		default:
			continue
		}
		if err != nil {
			return m, fmt.Errorf("invalid %q in GNU time output: %v", label, err)
		}
		found++
	}
	if found != 5 {
		return m, fmt.Errorf("GNU time output lacks some of its fields:\n%s", report)
	}
	return m, nil
}

func parseSeconds(s string) (time.Duration, error) {
	f, err := strconv.ParseFloat(s, 64)
	return time.Duration(f * float64(time.Second)), err
}

// parseClock reads [h:]m:ss.ss.
func parseClock(s string) (time.Duration, error) {
	parts := strings.Split(s, ":")
	var total float64
	for _, p := range parts {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return 0, err
		}
		total = total*60 + f
	}
	return time.Duration(total * float64(time.Second)), nil
}

func writeRow(w io.Writer, session string, round int, k key, m measurement) {
	fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%d\t%d\n", session, round, k.corpus, k.mode, k.tool,
		m.wall.Seconds(), m.user.Seconds(), m.sys.Seconds(), m.maxRSSKiB, m.exitStatus)
}

// median returns the median of the values (the mean of the middle two
// for an even count).
func median(values []float64) float64 {
	s := slices.Clone(values)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// series returns one figure of each measurement.
func series(ms []measurement, figure func(measurement) float64) []float64 {
	values := make([]float64, len(ms))
	for i, m := range ms {
		values[i] = figure(m)
	}
	return values
}

// roundRatios returns, for each round, the tool's figure divided by the
// floor's figure of the same round.
func roundRatios(tool, floor []measurement, figure func(measurement) float64) []float64 {
	ratios := make([]float64, min(len(tool), len(floor)))
	for i := range ratios {
		ratios[i] = figure(tool[i]) / figure(floor[i])
	}
	return ratios
}

var (
	wallSeconds = func(m measurement) float64 { return m.wall.Seconds() }
	cpuSeconds  = func(m measurement) float64 { return m.cpu().Seconds() }
	rssMiB      = func(m measurement) float64 { return float64(m.maxRSSKiB) / 1024 }
)

// printSummary prints a Markdown table of medians and of ratios to the
// floor. A ratio is the median over rounds of tool/floor within a round.
func printSummary(w io.Writer, corpora []corpus, modes []string, all map[key][]measurement, fix bool) {
	fmt.Fprintln(w, "| corpus | mode | tool | wall s | CPU s | peak RSS MiB | wall / floor | CPU / floor | RSS / floor | exit |")
	fmt.Fprintln(w, "|---|---|---|---:|---:|---:|---:|---:|---:|---|")
	for _, c := range corpora {
		for _, mode := range modes {
			floor := all[key{c.name, mode, "floor"}]
			for _, tool := range tools {
				ms := all[key{c.name, mode, tool}]
				if len(ms) == 0 {
					continue
				}
				fmt.Fprintf(w, "| %s | %s | %s | %.2f | %.2f | %.0f | %.2f | %.2f | %.2f | %s |\n", c.name, mode, tool,
					median(series(ms, wallSeconds)), median(series(ms, cpuSeconds)), median(series(ms, rssMiB)),
					median(roundRatios(ms, floor, wallSeconds)), median(roundRatios(ms, floor, cpuSeconds)),
					median(roundRatios(ms, floor, rssMiB)), exitStatuses(ms))
			}
		}
	}
	if !fix {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| corpus | call sites | -fix wall s | CPU s | peak RSS MiB | wall ms per site | CPU ms per site |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, c := range corpora {
		ms := all[key{c.name, "fix", "telephonyconfig"}]
		if len(ms) == 0 {
			continue
		}
		wall := median(series(ms, wallSeconds))
		cpu := median(series(ms, cpuSeconds))
		fmt.Fprintf(w, "| %s | %d | %.2f | %.2f | %.0f | %.2f | %.2f |\n", c.name, c.sites, wall, cpu,
			median(series(ms, rssMiB)), 1000*wall/float64(c.sites), 1000*cpu/float64(c.sites))
	}
}

// exitStatuses lists the distinct exit statuses of the runs.
func exitStatuses(ms []measurement) string {
	var codes []string
	for _, m := range ms {
		code := strconv.Itoa(m.exitStatus)
		if !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	return strings.Join(codes, ",")
}
