package stubtest_test

import (
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"example.com/contract-stubs-go/stubtest"
)

// The stub a test starts is gone when the test binary ends, however it ends. Each case runs
// TestHelperProcess in a child test binary, which starts a stub, writes its URL to a file, and
// fails or panics once this test has seen the stub answer (the go file), or waits to be stopped.
func TestStubStopsWithTheTestBinary(t *testing.T) {
	cases := []struct {
		name string
		mode string
		end  func(*os.Process) error // nil: the child ends by itself
	}{
		{name: "the test fails", mode: "fail"},
		{name: "the test panics", mode: "panic"},
		{name: "interrupted", mode: "wait", end: func(p *os.Process) error { return p.Signal(os.Interrupt) }},
		{name: "terminated", mode: "wait", end: func(p *os.Process) error { return p.Signal(syscall.SIGTERM) }},
		{name: "killed", mode: "wait", end: func(p *os.Process) error { return p.Kill() }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			urlFile, goFile := filepath.Join(dir, "url"), filepath.Join(dir, "go")
			child := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestHelperProcess$")
			child.Env = append(withoutStubURL(os.Environ()), "STUBTEST_HELPER="+tc.mode, "STUBTEST_URL_FILE="+urlFile, "STUBTEST_GO_FILE="+goFile)
			var output strings.Builder
			child.Stdout, child.Stderr = &output, &output
			if err := child.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- child.Wait() }()
			var url string
			for url == "" {
				select {
				case err := <-exited:
					t.Fatalf("the child ended (%v) before starting a stub:\n%s", err, &output)
				case <-time.After(20 * time.Millisecond):
					url = contents(urlFile)
				}
			}
			if !answers(url) {
				t.Fatalf("the child's stub at %s is not answering", url)
			}
			if err := os.WriteFile(goFile, []byte("go"), 0o600); err != nil {
				t.Fatal(err)
			}
			if tc.end != nil {
				if err := tc.end(child.Process); err != nil {
					t.Fatal(err)
				}
			}
			var exit *exec.ExitError
			if err := <-exited; !errors.As(err, &exit) {
				t.Fatalf("the child test binary should have failed or been stopped, got %v:\n%s", err, &output)
			}
			deadline := time.Now().Add(10 * time.Second)
			for answers(url) {
				if time.Now().After(deadline) {
					t.Fatalf("the stub at %s still answers 10 s after the test binary ended", url)
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}

// TestHelperProcess is the child of TestStubStopsWithTheTestBinary; run on its own it does nothing.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("STUBTEST_HELPER")
	if mode == "" {
		return
	}
	stub := stubtest.Start(t)
	urlFile := os.Getenv("STUBTEST_URL_FILE")
	if err := os.WriteFile(urlFile+".part", []byte(stub.URL()), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(urlFile+".part", urlFile); err != nil {
		t.Fatal(err)
	}
	if mode != "wait" {
		for contents(os.Getenv("STUBTEST_GO_FILE")) == "" {
			time.Sleep(20 * time.Millisecond)
		}
	}
	switch mode {
	case "fail":
		t.Fatal("failing on purpose, with a stub running")
	case "panic":
		panic("panicking on purpose, with a stub running")
	default:
		time.Sleep(time.Minute)
	}
}

// As in a project that installed the package: node_modules/.bin/contract-stubs in a folder above
// the test's, no CONTRACT_STUBS.
func TestStartFindsTheCommandInNodeModules(t *testing.T) {
	given := os.Getenv("CONTRACT_STUBS")
	if given == "" {
		t.Fatal("the launcher's tests need CONTRACT_STUBS naming the command to install")
	}
	project := t.TempDir()
	bin := filepath.Join(project, "node_modules", ".bin")
	nested := filepath.Join(project, "service", "internal")
	for _, dir := range []string{bin, nested} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(given, filepath.Join(bin, "contract-stubs")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(nested)
	t.Setenv("CONTRACT_STUBS", "")
	t.Setenv("STUB_URL", "")

	command, err := stubtest.Command()
	if err != nil || len(command) != 1 || command[0] != filepath.Join(bin, "contract-stubs") {
		t.Fatalf("Command() = %v, %v; want the one in %s", command, err, bin)
	}
	if stub := stubtest.Start(t); !answers(stub.URL()) {
		t.Fatalf("the stub at %s is not answering", stub.URL())
	}
}

func TestStartUsesTheStubAtStubURL(t *testing.T) {
	t.Setenv("STUB_URL", "http://127.0.0.1:9/")
	t.Setenv("CONTRACT_STUBS", "/nonexistent/contract-stubs")
	stub := stubtest.Start(t)
	if stub.URL() != "http://127.0.0.1:9" {
		t.Fatalf("URL() = %q", stub.URL())
	}
}

func TestLaunchSaysWhatWentWrong(t *testing.T) {
	t.Setenv("STUB_URL", "")
	t.Setenv("CONTRACT_STUBS", "/nonexistent/contract-stubs")
	_, err := stubtest.Launch()
	if err == nil || !strings.Contains(err.Error(), "start contract-stubs") {
		t.Fatalf("Launch() error = %v", err)
	}
}

func withoutStubURL(env []string) []string {
	var out []string
	for _, e := range env {
		if !strings.HasPrefix(e, "STUB_URL=") {
			out = append(out, e)
		}
	}
	return out
}

// contents is what path holds, "" while it does not exist (writers create it whole, then rename it).
func contents(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(b)
}

func answers(url string) bool {
	client := http.Client{Timeout: time.Second}
	res, err := client.Get(url + "/__stub/health")
	if err != nil {
		return false
	}
	res.Body.Close()
	return res.StatusCode == http.StatusOK
}
