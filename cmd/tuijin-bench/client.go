package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"time"
)

// transport is shared by every simulated user: connections are kept alive
// and reused, as browsers do.
var transport = &http.Transport{MaxIdleConns: 512, MaxIdleConnsPerHost: 512, IdleConnTimeout: time.Minute}

// session is one logged-in user.
type session struct {
	base string
	hc   *http.Client
	User string
}

func newSession(base string) *session {
	jar, _ := cookiejar.New(nil)
	return &session{base: base, hc: &http.Client{Transport: transport, Jar: jar, Timeout: 2 * time.Minute}}
}

// login opens a session for username, or fails.
func login(base, username, password string) (*session, error) {
	s := newSession(base)
	s.User = username
	status, body, err := s.do("POST", "/api/v1/session", map[string]string{"username": username, "password": password}, nil)
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("login %s: %d %s", username, status, body)
	}
	return s, nil
}

// do sends a JSON request. When out is non-nil a 2xx body is decoded into
// it; otherwise the body is read and dropped (the client's CPU is the
// server's too on a two-core machine). Non-2xx bodies are returned, short.
func (s *session) do(method, path string, in, out any) (int, string, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return 0, "", err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.base+path, body)
	if err != nil {
		return 0, "", err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return s.send(req, out)
}

func (s *session) send(req *http.Request, out any) (int, string, error) {
	res, err := s.hc.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		b, _ := io.ReadAll(io.LimitReader(res.Body, 300))
		return res.StatusCode, string(b), nil
	}
	if out != nil {
		return res.StatusCode, "", json.NewDecoder(res.Body).Decode(out)
	}
	_, err = io.Copy(io.Discard, res.Body)
	return res.StatusCode, "", err
}

// want checks a response's status: want(200)(s.do(...)).
func want(status int) func(int, string, error) error {
	return func(got int, body string, err error) error {
		if err != nil {
			return err
		}
		if got != status {
			return fmt.Errorf("status %d, want %d: %s", got, status, body)
		}
		return nil
	}
}
