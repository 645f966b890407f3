package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"tuijin"
)

const sessionCookie = "tuijin_session"

// Login throttling: the tenth wrong try for one account within a minute is
// refused, and so is a flood from one address across accounts.
const (
	throttleWindow     = time.Minute
	maxFailuresAccount = 9
	maxFailuresAddress = 30
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type sessionResponse struct {
	User *tuijin.User `json:"user"`
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	var req loginRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	ctx := r.Context()
	ip := s.clientIP(r)
	userKey, ipKey := "u:"+strings.ToLower(strings.TrimSpace(req.Username)), "ip:"+ip
	if err := s.checkThrottle(ctx, userKey, ipKey); err != nil {
		return err
	}
	u, err := s.DB.UserByUsername(ctx, strings.TrimSpace(req.Username))
	if err != nil && !errors.Is(err, tuijin.ErrNotFound) {
		return err
	}
	ok := false
	s.hashSlots <- struct{}{}
	if u != nil {
		ok, err = s.Hasher.Verify(u.PasswordHash, req.Password)
	} else {
		// Spend the same time on unknown names, so that timing does not
		// tell which usernames exist.
		_, _ = s.Hasher.Verify(s.dummyHash, req.Password)
	}
	<-s.hashSlots
	if err != nil {
		return err
	}
	if !ok {
		if err := s.DB.RecordLoginFailure(ctx, userKey, ipKey); err != nil {
			return err
		}
		return tuijin.Errorf(tuijin.EUNAUTHORIZED, "wrong_credentials")
	}
	if !u.Active {
		return tuijin.Errorf(tuijin.EFORBIDDEN, "account_disabled")
	}
	secret, err := s.DB.CreateSession(ctx, u, ip, r.UserAgent())
	if err != nil {
		return err
	}
	_ = s.DB.ClearLoginFailures(ctx, userKey)
	s.setSessionCookie(w, r, secret, int(SessionMaxAge.Seconds()))
	writeJSON(w, http.StatusOK, sessionResponse{User: u})
	return nil
}

// SessionMaxAge is the cookie's lifetime; the server ends idle sessions
// sooner.
const SessionMaxAge = 12 * time.Hour

func (s *Server) checkThrottle(ctx context.Context, userKey, ipKey string) error {
	since := s.DB.Now().Add(-throttleWindow)
	for key, limit := range map[string]int{userKey: maxFailuresAccount, ipKey: maxFailuresAddress} {
		n, err := s.DB.LoginFailures(ctx, key, since)
		if err != nil {
			return err
		}
		if n >= limit {
			return tuijin.Errorf(tuijin.ETHROTTLED, "throttled", int(throttleWindow.Seconds()))
		}
	}
	return nil
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.SecureCookies || r.TLS != nil,
	})
}

func (s *Server) currentSession(w http.ResponseWriter, r *http.Request) error {
	u, err := s.DB.User(r.Context(), actorFrom(r.Context()), actorFrom(r.Context()).UserID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sessionResponse{User: u})
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if sid, ok := r.Context().Value(sessionKey).(string); ok {
		if err := s.DB.DeleteSession(r.Context(), actorFrom(r.Context()), sid); err != nil {
			return err
		}
	}
	s.setSessionCookie(w, r, "", -1)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type passwordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	var req passwordChange
	if err := decode(w, r, &req); err != nil {
		return err
	}
	ctx, actor := r.Context(), actorFrom(r.Context())
	u, err := s.DB.User(ctx, actor, actor.UserID)
	if err != nil {
		return err
	}
	if ok, err := s.Hasher.Verify(u.PasswordHash, req.CurrentPassword); err != nil {
		return err
	} else if !ok {
		var v tuijin.Validation
		v.Add("current_password", "wrong_current_password")
		return v.Err()
	}
	if msg := tuijin.PasswordProblem(req.NewPassword); msg != "" {
		var v tuijin.Validation
		v.Add("new_password", msg)
		return v.Err()
	}
	hash, err := s.Hasher.Hash(req.NewPassword)
	if err != nil {
		return err
	}
	sid, _ := ctx.Value(sessionKey).(string)
	if err := s.DB.SetPassword(ctx, actor, actor.UserID, hash, false, sid); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
