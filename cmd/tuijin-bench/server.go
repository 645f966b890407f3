package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The harness knows the passwords because it sets them when seeding.
const (
	seedPassword  = "Bench-Seed-2026!"
	adminPassword = "Bench-Admin-2026!"
)

// seedDB runs "tuijin seed" against dsn and returns how long it took.
func seedDB(ctx context.Context, bin, dsn string, projects int, seed uint64, logTo io.Writer) (time.Duration, error) {
	start := time.Now()
	cmd := exec.CommandContext(ctx, bin, "seed", "--db", dsn, "--projects", strconv.Itoa(projects), "--seed", strconv.FormatUint(seed, 10))
	cmd.Env = append(os.Environ(), "TUIJIN_SEED_PASSWORD="+seedPassword, "TUIJIN_ADMIN_PASSWORD="+adminPassword)
	cmd.Stdout, cmd.Stderr = logTo, logTo
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("seed %s: %w (see the log in bench/tmp)", dsn, err)
	}
	return time.Since(start), nil
}

// sqliteCopy seeds a pristine SQLite file once per binary, data size,
// seed and day, and copies it to path: the load test reuses the
// benchmark's province while the binary stays the same.
func sqliteCopy(ctx context.Context, bin, dir, path string, projects int, seed uint64, logTo io.Writer) (time.Duration, error) {
	sum, err := fileHash(bin)
	if err != nil {
		return 0, err
	}
	pristine := filepath.Join(dir, fmt.Sprintf("seed-%d-%d-%s-%s.db", projects, seed, time.Now().Format("20060102"), sum))
	// The seeding time is kept beside the copy, to report it on reuse.
	took, err := time.ParseDuration(readString(pristine + ".took"))
	if _, statErr := os.Stat(pristine); statErr != nil || err != nil {
		old, _ := filepath.Glob(filepath.Join(dir, "seed-*.db*"))
		for _, f := range old {
			os.Remove(f) // a quarter of a gigabyte each
		}
		if took, err = seedDB(ctx, bin, "sqlite:"+pristine, projects, seed, logTo); err != nil {
			removeDB(pristine)
			return 0, err
		}
		os.WriteFile(pristine+".took", []byte(took.String()), 0o644)
	}
	removeDB(path)
	return took, copyFile(pristine, path)
}

// fileHash is a short digest of a file's content.
func fileHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func readString(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// server is "tuijin serve" running as a child process on loopback.
type server struct {
	cmd  *exec.Cmd
	base string
	done chan error
}

// startServer starts bin on a free loopback port and waits until /readyz
// answers.
func startServer(bin, dsn string, logTo io.Writer) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", dsn, "--log-level", "warn")
	cmd.Env = append(os.Environ(), "TUIJIN_ADMIN_PASSWORD="+adminPassword)
	cmd.Stdout, cmd.Stderr = logTo, logTo
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: "http://" + addr, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("server exited at start: %v (see bench/tmp/server.log)", err)
		case <-time.After(100 * time.Millisecond):
		}
		if res, err := http.Get(s.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
	}
	s.stop()
	return nil, errors.New("server not ready after 2 minutes")
}

// stop asks the server to finish (SIGTERM) and kills it if it does not.
func (s *server) stop() error {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		return err
	case <-time.After(40 * time.Second):
		_ = s.cmd.Process.Kill()
		return errors.New("server did not stop in 40 s; killed")
	}
}

// resetPeak restarts the kernel's record of the server's peak resident
// memory, so that each scenario reports its own.
func (s *server) resetPeak() {
	_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", s.cmd.Process.Pid), []byte("5"), 0)
}

// peakMB is the server's peak resident memory (VmHWM) since the last reset.
func (s *server) peakMB() float64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// fileMB is the size of a SQLite database with its WAL.
func fileMB(path string) float64 {
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		if st, err := os.Stat(path + suffix); err == nil {
			n += st.Size()
		}
	}
	return float64(n) / (1 << 20)
}

// goSysMB is the memory the server's Go runtime has taken from the system,
// from its /metrics.
func (s *server) goSysMB() float64 {
	res, err := http.Get(s.base + "/metrics")
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "tuijin_go_sys_bytes "); ok {
			b, _ := strconv.ParseFloat(rest, 64)
			return round(b/(1<<20), 1)
		}
	}
	return 0
}
