package report

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Progress writes one status line, rewritten in place with a carriage
// return, for a terminal. The methods of a nil *Progress do nothing, and
// they may be called from several goroutines.
type Progress struct {
	w        io.Writer
	interval time.Duration

	mu      sync.Mutex
	phase   string
	done    int
	total   int
	written time.Time // when the line was last written
	width   int       // length of the line last written
}

// NewProgress returns a Progress that writes to w. While it counts steps,
// it rewrites the line only when interval has passed since the last write,
// and at the last step.
func NewProgress(w io.Writer, interval time.Duration) *Progress {
	return &Progress{w: w, interval: interval}
}

// Phase shows a phase that has no count, such as loading.
func (p *Progress) Phase(phase string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.phase, p.done, p.total = phase, 0, 0
	p.write(phase + "...")
}

// Start shows a phase of total steps.
func (p *Progress) Start(phase string, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.phase, p.done, p.total = phase, 0, total
	p.write(p.counted())
}

// Step counts one step of the current phase.
func (p *Progress) Step() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if time.Since(p.written) >= p.interval || p.done == p.total {
		p.write(p.counted())
	}
}

// Done clears the line, so that what follows on the terminal starts on a
// clean line.
func (p *Progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%*s\r", p.width, "")
		p.width = 0
	}
}

func (p *Progress) counted() string {
	return fmt.Sprintf("%s: %d/%d", p.phase, p.done, p.total)
}

// write replaces the line with text, padding it with spaces to cover a
// longer line written before.
func (p *Progress) write(text string) {
	line := "telephonyconfig: " + text
	fmt.Fprintf(p.w, "\r%-*s", p.width, line)
	p.width = max(p.width, len(line))
	p.written = time.Now()
}
