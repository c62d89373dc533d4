// Package stubtest starts the contract-stubs command for Go tests: copy this file into your module.
//
// In one test, Start starts a stub and stops it when the test ends:
//
//	stub := stubtest.Start(t)
//	client, _ := accessprofiles.NewClientWithResponses(stub.URL() + "/v3")
//
// For a whole package, Launch it in TestMain and Stop it after m.Run:
//
//	var stub *stubtest.Stub
//
//	func TestMain(m *testing.M) {
//		var err error
//		if stub, err = stubtest.Launch(); err != nil {
//			fmt.Fprintln(os.Stderr, err)
//			os.Exit(2)
//		}
//		code := m.Run()
//		stub.Stop()
//		os.Exit(code)
//	}
//
// The command is $CONTRACT_STUBS if set, else node_modules/.bin/contract-stubs in the working
// directory or one above it, else contract-stubs on PATH, else npx --no-install contract-stubs. It
// listens on a free port on 127.0.0.1. Its standard input is a pipe this process holds and it runs
// with --stop-with-stdin, so it stops however the test binary ends: a failed test, an interrupt, a
// panic or a kill. With STUB_URL set, the stub there is used and none is started
// (STUB_ADMIN_TOKEN, if set, goes to its admin API).
package stubtest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Stub is a running contract stub.
type Stub struct {
	url        string
	adminToken string
	cmd        *exec.Cmd
	stdin      io.Closer
	exited     chan struct{}
	output     *tail
	stopOnce   sync.Once
}

// StartTimeout is how long Launch waits for the stub to answer on /__stub/health.
var StartTimeout = 30 * time.Second

var banner = regexp.MustCompile(`listening on (http://\S+)`)

// Start launches a stub for one test and stops it in t.Cleanup; it fails the test if the stub
// does not start.
func Start(t testing.TB, args ...string) *Stub {
	t.Helper()
	stub, err := Launch(args...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stub.Stop)
	return stub
}

// Launch starts the command with the given extra options, or returns the stub at STUB_URL, and
// returns once it answers 200 on /__stub/health.
func Launch(args ...string) (*Stub, error) {
	adminToken := os.Getenv("STUB_ADMIN_TOKEN")
	if running := os.Getenv("STUB_URL"); running != "" {
		return &Stub{url: strings.TrimSuffix(running, "/"), adminToken: adminToken}, nil
	}
	command, err := Command()
	if err != nil {
		return nil, err
	}
	command = append(command, "--port", "0", "--quiet", "--stop-with-stdin")
	cmd := exec.Command(command[0], append(command[1:], args...)...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start contract-stubs: %w", err)
	}
	stub := &Stub{adminToken: adminToken, cmd: cmd, stdin: stdin, exited: make(chan struct{}), output: &tail{}}

	found := make(chan string, 1)
	go func() {
		// Reads to the end, so that the stub never blocks on a full pipe.
		lines := bufio.NewScanner(stdout)
		for lines.Scan() {
			stub.output.add(lines.Text())
			if m := banner.FindStringSubmatch(lines.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		cmd.Wait()
		close(stub.exited)
	}()

	fail := func(problem string) (*Stub, error) {
		stub.Stop()
		return nil, fmt.Errorf("contract-stubs did not start: %s\n%s", problem, stub.output)
	}
	deadline := time.After(StartTimeout)
	select {
	case stub.url = <-found:
	case <-stub.exited:
		return fail(fmt.Sprintf("it exited (%s)", cmd.ProcessState))
	case <-deadline:
		return fail(fmt.Sprintf("it printed no URL within %s", StartTimeout))
	}
	for !stub.healthy() {
		select {
		case <-stub.exited:
			return fail(fmt.Sprintf("it exited (%s)", cmd.ProcessState))
		case <-deadline:
			return fail(fmt.Sprintf("/__stub/health did not answer 200 within %s", StartTimeout))
		case <-time.After(50 * time.Millisecond):
		}
	}
	return stub, nil
}

// Command is the contract-stubs command Launch runs, found as the package documentation says.
func Command() ([]string, error) {
	if given := os.Getenv("CONTRACT_STUBS"); given != "" {
		return []string{given}, nil
	}
	if dir, err := os.Getwd(); err == nil {
		for {
			local := filepath.Join(dir, "node_modules", ".bin", "contract-stubs")
			if info, err := os.Stat(local); err == nil && !info.IsDir() {
				return []string{local}, nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	if onPath, err := exec.LookPath("contract-stubs"); err == nil {
		return []string{onPath}, nil
	}
	if npx, err := exec.LookPath("npx"); err == nil {
		return []string{npx, "--no-install", "contract-stubs"}, nil
	}
	return nil, errors.New("contract-stubs not found: npm install --save-dev contract-stubs, " +
		"or set CONTRACT_STUBS to the command's path, or STUB_URL to a running stub")
}

// URL is the stub's root URL, without a trailing slash.
func (s *Stub) URL() string { return s.url }

// Stop sends SIGTERM, as the command documents (requests in flight finish, then it exits), and
// waits for it; a stub it did not start is left running.
func (s *Stub) Stop() {
	if s.cmd == nil {
		return
	}
	s.stopOnce.Do(func() {
		s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.exited
		}
		s.stdin.Close()
	})
}

// Reset puts the stub back to its demo data, with no faults armed and an empty journal.
func (s *Stub) Reset(t testing.TB) {
	t.Helper()
	res, err := s.admin(http.MethodPost, "/__stub/reset")
	if err != nil {
		t.Fatalf("reset the stub: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("reset the stub: %s", res.Status)
	}
}

// Requests decodes into page what the stub recorded since the last reset, oldest first, for one
// API (customer-profiles, access-profiles, …) or, with api empty, all: GET /__stub/requests.
func (s *Stub) Requests(t testing.TB, api string, page any) {
	t.Helper()
	path := "/__stub/requests"
	if api != "" {
		path += "?api=" + url.QueryEscape(api)
	}
	res, err := s.admin(http.MethodGet, path)
	if err != nil {
		t.Fatalf("read the journal: %v", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("read the journal: %s", res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(page); err != nil {
		t.Fatalf("read the journal: %v", err)
	}
}

func (s *Stub) admin(method, path string) (*http.Response, error) {
	req, err := http.NewRequest(method, s.url+path, nil)
	if err != nil {
		return nil, err
	}
	if s.adminToken != "" {
		req.Header.Set("Authorization", "Bearer "+s.adminToken)
	}
	return http.DefaultClient.Do(req)
}

func (s *Stub) healthy() bool {
	client := http.Client{Timeout: 2 * time.Second}
	res, err := client.Get(s.url + "/__stub/health")
	if err != nil {
		return false
	}
	res.Body.Close()
	return res.StatusCode == http.StatusOK
}

// tail keeps the last lines the stub printed, for the error when it does not start.
type tail struct {
	mu    sync.Mutex
	lines []string
}

func (t *tail) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.lines = append(t.lines, line); len(t.lines) > 50 {
		t.lines = t.lines[1:]
	}
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, "\n")
}
