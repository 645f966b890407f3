package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"tuijin"
)

type ctxKey int

const (
	actorKey ctxKey = iota
	sessionKey
	logStateKey
)

// logState lets inner middleware tell the request log who the user was.
type logState struct{ user string }

// requestID gives every request an id (or keeps the one a proxy set), in
// the response header, the logs and the audit trail.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(tuijin.WithRequest(r.Context(), tuijin.RequestInfo{ID: id})))
	})
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		// Element Plus sets inline styles; scripts come only from us.
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
			"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "+
			"form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "geolocation=(self), camera=(self), microphone=()")
		if strings.HasPrefix(r.URL.Path, "/api/") {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ip := s.clientIP(r)
		info := tuijin.RequestFrom(r.Context())
		info.IP = ip
		state := &logState{}
		ctx := context.WithValue(tuijin.WithRequest(r.Context(), info), logStateKey, state)
		r = r.WithContext(ctx)
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		// Query strings are not logged: they may carry names and phones.
		s.Log.LogAttrs(r.Context(), levelFor(sw.status), "http",
			slog.String("request_id", info.ID), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int("bytes", sw.bytes), slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
			slog.String("ip", ip), slog.String("user", state.user))
	})
}

func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Log.ErrorContext(r.Context(), "panic", "value", v, "stack", string(debug.Stack()))
				s.writeError(w, r, &tuijin.Error{Code: tuijin.EINTERNAL})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// clientIP is the peer address, or with TrustProxy the address the nearest
// proxy reports (the last X-Forwarded-For entry, which a client cannot forge).
func (s *Server) clientIP(r *http.Request) string {
	if s.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// authenticate resolves the session cookie or bearer token into an actor;
// it refuses nothing (requireLogin does).
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/v1/") {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
			if u, err := s.DB.TokenUser(ctx, strings.TrimSpace(h[7:])); err == nil {
				ctx = context.WithValue(ctx, actorKey, tuijin.ActorFor(u))
				noteUser(ctx, u.Username)
			}
		} else if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			if u, sid, err := s.DB.SessionUser(ctx, c.Value); err == nil {
				actor := tuijin.ActorFor(u)
				actor.MustChangePassword = u.MustChangePassword
				ctx = context.WithValue(ctx, actorKey, actor)
				ctx = context.WithValue(ctx, sessionKey, sid)
				noteUser(ctx, u.Username)
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (s *Server) requireLogin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := actorFrom(r.Context())
		if a == nil {
			s.writeError(w, r, tuijin.Errorf(tuijin.EUNAUTHORIZED, ""))
			return
		}
		// A password someone else set (the first admin's, an admin reset)
		// must be replaced before the account does anything else.
		if a.MustChangePassword && !strings.HasPrefix(r.URL.Path, "/api/v1/session") {
			s.writeError(w, r, tuijin.Errorf(tuijin.EPASSWORD, "password_change_required"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func actorFrom(ctx context.Context) *tuijin.Actor {
	a, _ := ctx.Value(actorKey).(*tuijin.Actor)
	return a
}

func noteUser(ctx context.Context, name string) {
	if st, ok := ctx.Value(logStateKey).(*logState); ok {
		st.user = name
	}
}
