package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"

	"tuijin"
)

func (s *Server) listDepartments(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	f := tuijin.DepartmentFilter{Q: q.str("q"), Kind: tuijin.DepartmentKind(q.str("kind")), Active: q.bool("active"), Page: q.page()}
	if q.err != nil {
		return q.err
	}
	list, err := s.DB.Departments(r.Context(), actorFrom(r.Context()), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) getDepartment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d, err := s.DB.Department(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (s *Server) createDepartment(w http.ResponseWriter, r *http.Request) error {
	var in tuijin.DepartmentInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	d, err := s.DB.CreateDepartment(r.Context(), actorFrom(r.Context()), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, d)
	return nil
}

func (s *Server) updateDepartment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var p tuijin.DepartmentPatch
	if err := decode(w, r, &p); err != nil {
		return err
	}
	if err := versionFrom(r, &p.Version); err != nil {
		return err
	}
	d, err := s.DB.UpdateDepartment(r.Context(), actorFrom(r.Context()), id, p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

// versionFrom takes the version an update read from If-Match when the body
// has none; an update without either is refused.
func versionFrom(r *http.Request, v *int64) error {
	if h := r.Header.Get("If-Match"); h != "" && *v == 0 {
		var n int64
		if err := json.Unmarshal([]byte(trimETag(h)), &n); err != nil {
			return tuijin.Errorf(tuijin.EINVALID, "bad_param", "If-Match", h)
		}
		*v = n
	}
	if *v <= 0 {
		var val tuijin.Validation
		val.Add("version", "invalid_version")
		return val.Err()
	}
	return nil
}

func trimETag(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	if len(s) > 2 && s[:2] == "W/" {
		return trimETag(s[2:])
	}
	return s
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) error {
	q := query{r: r}
	f := tuijin.UserFilter{Q: q.str("q"), Role: tuijin.Role(q.str("role")), DepartmentID: q.id("department_id"),
		Active: q.bool("active"), Page: q.page()}
	if q.err != nil {
		return q.err
	}
	list, err := s.DB.Users(r.Context(), actorFrom(r.Context()), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := s.DB.User(r.Context(), actorFrom(r.Context()), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	var in tuijin.UserInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	actor := actorFrom(r.Context())
	if err := actor.Require(tuijin.PermManageUsers); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	hash, err := s.Hasher.Hash(in.Password)
	if err != nil {
		return err
	}
	// A password set by an admin is known to two people: the user must
	// choose their own at first login.
	u, err := s.DB.CreateUser(r.Context(), actor, in, hash, true)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var raw map[string]json.RawMessage
	var p tuijin.UserPatch
	body, err := decodeRaw(w, r, &raw, &p)
	if err != nil {
		return err
	}
	if v, ok := body["department_id"]; ok && string(v) == "null" {
		p.ClearDept = true
	}
	if err := versionFrom(r, &p.Version); err != nil {
		return err
	}
	u, err := s.DB.UpdateUser(r.Context(), actorFrom(r.Context()), id, p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

// decodeRaw decodes a PATCH body into p and also into raw, so that a field
// sent as null (clear it) can be told from a field not sent (keep it).
func decodeRaw(w http.ResponseWriter, r *http.Request, raw *map[string]json.RawMessage, p any) (map[string]json.RawMessage, error) {
	if err := decode(w, r, raw); err != nil {
		return nil, err
	}
	b, _ := json.Marshal(*raw)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		return nil, tuijin.Errorf(tuijin.EINVALID, "bad_json", err.Error())
	}
	return *raw, nil
}

type passwordReset struct {
	Password string `json:"password"`
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req passwordReset
	if err := decode(w, r, &req); err != nil {
		return err
	}
	actor := actorFrom(r.Context())
	if err := actor.Require(tuijin.PermManageUsers); err != nil {
		return err
	}
	if msg := tuijin.PasswordProblem(req.Password); msg != "" {
		var v tuijin.Validation
		v.Add("password", msg)
		return v.Err()
	}
	hash, err := s.Hasher.Hash(req.Password)
	if err != nil {
		return err
	}
	if err := s.DB.SetPassword(r.Context(), actor, id, hash, true, ""); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
