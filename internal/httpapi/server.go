// Package httpapi is Tuijin's HTTP edge: the route table, middleware,
// handlers that decode, call the store and respond, and the embedded front
// end.
package httpapi

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"tuijin"
	"tuijin/internal/auth"
	"tuijin/internal/store"
)

// Server holds what the handlers need. It is built in cmd/tuijin.
type Server struct {
	DB      *store.DB
	Log     *slog.Logger
	Hasher  auth.Hasher
	Loc     *time.Location // the office's time zone for "today"
	Version string
	// Web is the built front end (web/dist); nil or empty serves a notice.
	Web fs.FS
	// SecureCookies marks cookies Secure even when the request itself came
	// over plain HTTP (TLS ended at a load balancer).
	SecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For.
	TrustProxy bool
	// Calendar is the working-day calendar in memory; Handler makes one
	// that rechecks the database every few seconds when it is nil.
	Calendar *store.CalendarCache

	// ReportHooks run inside the transaction of every approval and
	// amendment (the warning lights follow the figures there).
	ReportHooks []store.OnReportChange

	metrics *metrics
	// hashSlots bounds the argon2id hashes running at once: each takes 64
	// MiB, and a burst of logins must not take the server's memory with it.
	hashSlots chan struct{}
	// bulkSlot lets one whole-file import or export run at a time (bulk.go).
	bulkSlot chan struct{}
	// dummyHash is checked against for unknown usernames so that a login
	// takes as long whether or not the name exists.
	dummyHash string
	// heavy keeps what the heavy pages computed (see heavy.go).
	heavy *heavyReads
}

// route is one line of the route table.
type route struct {
	pattern string // "METHOD /path", as http.ServeMux takes it
	handler handlerFunc
	public  bool // no login needed
}

// routes is the API's one route table; the OpenAPI document must list
// exactly these (see openapi_test.go).
func (s *Server) routes() []route {
	return []route{
		{"GET /healthz", s.healthz, true},
		{"GET /readyz", s.readyz, true},
		{"GET /metrics", s.serveMetrics, true},
		{"GET /api/openapi.json", s.openAPI, true},

		{"POST /api/v1/session", s.login, true},
		{"GET /api/v1/session", s.currentSession, false},
		{"DELETE /api/v1/session", s.logout, false},
		{"PUT /api/v1/session/password", s.changePassword, false},

		{"GET /api/v1/departments", s.listDepartments, false},
		{"POST /api/v1/departments", s.createDepartment, false},
		{"GET /api/v1/departments/{id}", s.getDepartment, false},
		{"PATCH /api/v1/departments/{id}", s.updateDepartment, false},

		{"GET /api/v1/users", s.listUsers, false},
		{"POST /api/v1/users", s.createUser, false},
		{"GET /api/v1/users/{id}", s.getUser, false},
		{"PATCH /api/v1/users/{id}", s.updateUser, false},
		{"POST /api/v1/users/{id}/password", s.resetPassword, false},

		{"GET /api/v1/tokens", s.listTokens, false},
		{"POST /api/v1/tokens", s.createToken, false},
		{"DELETE /api/v1/tokens/{id}", s.revokeToken, false},

		{"GET /api/v1/audit", s.listAudit, false},

		{"GET /api/v1/projects", s.listProjects, false},
		{"POST /api/v1/projects", s.createProject, false},
		{"GET /api/v1/projects/{id}", s.getProject, false},
		{"PATCH /api/v1/projects/{id}", s.updateProject, false},
		{"DELETE /api/v1/projects/{id}", s.archiveProject, false},
		{"POST /api/v1/projects/{id}/restore", s.restoreProject, false},
		{"POST /api/v1/projects/{id}/stage", s.changeStage, false},
		{"GET /api/v1/projects/{id}/stages", s.stageHistory, false},
		{"POST /api/v1/years/{year}/carry-over", s.carryOver, false},
		{"GET /api/v1/node-templates", s.listNodeTemplates, false},
		{"GET /api/v1/projects/{id}/nodes", s.listNodes, false},
		{"POST /api/v1/projects/{id}/nodes", s.createNode, false},
		{"POST /api/v1/projects/{id}/nodes/template", s.applyTemplate, false},
		{"GET /api/v1/nodes/{id}", s.getNode, false},
		{"PATCH /api/v1/nodes/{id}", s.updateNode, false},
		{"DELETE /api/v1/nodes/{id}", s.deleteNode, false},
		{"GET /api/v1/schedule", s.getSchedule, false},
		{"GET /api/v1/inbox", s.listInbox, false},
		{"POST /api/v1/inbox/{id}/read", s.markRead, false},
		{"POST /api/v1/inbox/read-all", s.markAllRead, false},
		{"GET /api/v1/settings/reminders", s.getReminderSettings, false},
		{"PUT /api/v1/settings/reminders", s.putReminderSettings, false},
		{"GET /api/v1/settings/auto-periods", s.getAutoPeriods, false},
		{"PUT /api/v1/settings/auto-periods", s.putAutoPeriods, false},
		{"GET /api/v1/periods", s.listPeriods, false},
		{"POST /api/v1/periods", s.openPeriod, false},
		{"GET /api/v1/periods/{id}", s.getPeriod, false},
		{"POST /api/v1/periods/{id}/close", s.closePeriod, false},
		{"GET /api/v1/periods/{id}/reports", s.listReports, false},
		{"GET /api/v1/periods/{id}/export", s.bulk(s.exportPeriod), false},
		{"POST /api/v1/periods/{id}/import", s.bulk(s.importPeriod), false},
		{"GET /api/v1/reports", s.listReports, false},
		{"GET /api/v1/reports/{id}", s.getReport, false},
		{"PATCH /api/v1/reports/{id}", s.saveReport, false},
		{"POST /api/v1/reports/{id}/submit", s.stepHandler(store.ActionSubmit), false},
		{"POST /api/v1/reports/{id}/approve", s.stepHandler(store.ActionApprove), false},
		{"POST /api/v1/reports/{id}/return", s.stepHandler(store.ActionReturn), false},
		{"POST /api/v1/reports/{id}/amend", s.stepHandler(store.ActionAmend), false},
		{"POST /api/v1/reports/{id}/photos", s.uploadPhoto, false},
		{"GET /api/v1/photos/{id}", s.getPhoto, false},
		{"GET /api/v1/photos/{id}/thumb", s.getThumb, false},
		{"DELETE /api/v1/photos/{id}", s.deletePhoto, false},
		{"GET /api/v1/figures", s.getFigures, false},
		{"GET /api/v1/projects/{id}/light", s.getProjectLight, false},
		{"PUT /api/v1/projects/{id}/light/override", s.overrideLight, false},
		{"DELETE /api/v1/projects/{id}/light/override", s.clearOverride, false},
		{"GET /api/v1/lights", s.getLights, false},
		{"POST /api/v1/lights/recompute", s.bulk(s.recomputeLights), false},
		{"GET /api/v1/light-rules", s.listRuleSets, false},
		{"POST /api/v1/light-rules", s.createRuleSet, false},
		{"PUT /api/v1/light-rules/{id}", s.updateRuleSet, false},
		{"POST /api/v1/light-rules/{id}/activate", s.activateRuleSet, false},
		{"POST /api/v1/light-rules/preview", s.previewRules, false},
		{"GET /api/v1/problems", s.listProblems, false},
		{"POST /api/v1/problems", s.createProblem, false},
		{"GET /api/v1/problems/counts", s.problemCounts, false},
		{"GET /api/v1/problems/{id}", s.getProblem, false},
		{"POST /api/v1/problems/{id}/transitions", s.stepProblem, false},
		{"POST /api/v1/problems/{id}/attachments", s.uploadAttachment("problem"), false},
		{"GET /api/v1/attachments/{id}", s.getAttachment, false},
		{"GET /api/v1/supervision/orders", s.listOrders, false},
		{"POST /api/v1/supervision/orders", s.createOrder, false},
		{"GET /api/v1/supervision/orders/{id}", s.getOrder, false},
		{"POST /api/v1/supervision/orders/{id}/steps", s.stepOrder, false},
		{"GET /api/v1/meetings", s.listMeetings, false},
		{"POST /api/v1/meetings", s.createMeeting, false},
		{"GET /api/v1/meetings/{id}", s.getMeeting, false},
		{"GET /api/v1/visits", s.listVisits, false},
		{"POST /api/v1/visits", s.createVisit, false},
		{"GET /api/v1/visits/{id}", s.getVisit, false},
		{"POST /api/v1/visits/{id}/photos", s.uploadAttachment("visit"), false},
		{"GET /api/v1/leader-activity", s.leaderActivity, false},
		{"GET /api/v1/problems/documents", s.problemDocument, false},
		{"GET /api/v1/briefings", s.getBriefing, false},
		{"GET /api/v1/dashboard", s.getDashboard, false},
		{"GET /api/v1/map/boundary", s.getBoundary, false},
		{"PUT /api/v1/map/boundary", s.putBoundary, false},
		{"DELETE /api/v1/map/boundary", s.deleteBoundary, false},
		{"GET /api/v1/map/points", s.getMapPoints, false},
		{"GET /api/v1/assessments", s.getAssessment, false},
		{"POST /api/v1/assessments/publish", s.publishAssessment, false},
		{"GET /api/v1/assessments/history", s.rankingHistory, false},
		{"GET /api/v1/settings/assessment", s.getScheme, false},
		{"PUT /api/v1/settings/assessment", s.putScheme, false},
		{"POST /api/v1/ledger/import", s.bulk(s.importLedger), false},
		{"GET /api/v1/ledger/export", s.bulk(s.exportLedger), false},

		{"GET /api/v1/calendar", s.listCalendarYears, false},
		{"GET /api/v1/calendar/add-working-days", s.addWorkingDays, false},
		{"GET /api/v1/calendar/working-days", s.workingDaysBetween, false},
		{"GET /api/v1/calendar/{year}", s.getCalendarYear, false},
		{"PUT /api/v1/calendar/{year}", s.replaceCalendarYear, false},
		{"DELETE /api/v1/calendar/{year}", s.deleteCalendarYear, false},
	}
}

// Handler returns the whole HTTP handler: routes, front end, middleware.
func (s *Server) Handler() http.Handler {
	if s.Loc == nil {
		s.Loc = time.UTC
	}
	s.metrics = newMetrics()
	if s.ReportHooks == nil {
		s.ReportHooks = []store.OnReportChange{s.reportLightHook}
	}
	if s.Calendar == nil {
		s.Calendar = store.NewCalendarCache(s.DB, 5*time.Second)
	}
	s.dummyHash, _ = s.Hasher.Hash(auth.Secret(16))
	s.hashSlots = make(chan struct{}, runtime.NumCPU())
	s.bulkSlot = make(chan struct{}, 1)
	s.heavy = newHeavyReads()
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		h := s.handle(rt.handler)
		if !rt.public {
			h = s.requireLogin(h)
		}
		mux.Handle(rt.pattern, s.metrics.instrument(rt.pattern, h))
	}
	mux.Handle("/", s.fallback(s.frontEnd()))

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return tuijin.Errorf(tuijin.EFORBIDDEN, "cross_origin")
	}))
	var h http.Handler = mux
	h = s.authenticate(h)
	h = cop.Handler(h)
	h = securityHeaders(h)
	h = s.logRequests(h)
	h = s.recoverPanics(h)
	h = requestID(h)
	return h
}

// fallback answers what no route matched: unknown API paths get the API's
// error shape, GET of anything else gets the front end.
func (s *Server) fallback(web http.Handler) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/"):
			return tuijin.Errorf(tuijin.ENOTFOUND, "route_not_found")
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			return tuijin.Errorf(tuijin.EINVALID, "method_not_allowed")
		}
		web.ServeHTTP(w, r)
		return nil
	})
}

// handle turns a handlerFunc into an http.Handler that writes its error.
func (s *Server) handle(f handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := f(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.Version})
	return nil
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status, code := "ready", http.StatusOK
	pending, err := s.DB.Pending(ctx)
	if err != nil {
		status, code = "database unreachable", http.StatusServiceUnavailable
	} else if pending > 0 {
		status, code = "migrations pending", http.StatusServiceUnavailable
	}
	writeJSON(w, code, map[string]any{"status": status, "database": s.DB.Dialect().String(), "pending_migrations": pending})
	return nil
}
