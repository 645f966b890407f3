package httpapi

import (
	"net/http"
	"time"

	"tuijin"
)

type tokenRequest struct {
	Name          string `json:"name"`
	UserID        *int64 `json:"user_id"`
	ExpiresInDays int    `json:"expires_in_days"`
}

type tokenCreated struct {
	Token string        `json:"token"`
	Item  *tuijin.Token `json:"item"`
}

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) error {
	list, err := s.DB.Tokens(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, tuijin.List[tuijin.Token]{Items: list, Total: len(list), Page: 1, PerPage: len(list)})
	return nil
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	var req tokenRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	actor := actorFrom(r.Context())
	userID := actor.UserID
	if req.UserID != nil {
		userID = *req.UserID
	}
	var expires *time.Time
	if req.ExpiresInDays < 0 || req.ExpiresInDays > 3650 {
		var v tuijin.Validation
		v.Add("expires_in_days", "invalid_number")
		return v.Err()
	} else if req.ExpiresInDays > 0 {
		t := s.DB.Now().AddDate(0, 0, req.ExpiresInDays)
		expires = &t
	}
	secret, tok, err := s.DB.CreateToken(r.Context(), actor, userID, req.Name, expires)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, tokenCreated{Token: secret, Item: tok})
	return nil
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.DB.RevokeToken(r.Context(), actorFrom(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) listAudit(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	f := tuijin.AuditFilter{UserID: q.id("user_id"), Entity: q.str("entity"), EntityID: q.id("entity_id"),
		From: q.str("from"), To: q.str("to"), Page: q.page()}
	if q.err != nil {
		return q.err
	}
	list, err := s.DB.AuditEntries(r.Context(), actorFrom(r.Context()), f, s.Loc)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}
