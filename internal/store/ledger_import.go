package store

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"tuijin"
)

// ImportItem is one project row of an uploaded ledger, already parsed.
type ImportItem struct {
	Project tuijin.Project
	// Fields are the JSON names of the project fields the sheet has columns
	// for: an update changes only these, so a sheet without a phone column
	// does not blank the phones already in the ledger.
	Fields []string
}

// ImportAction says what an import does to one row.
type ImportAction struct {
	Action    string            `json:"action"` // create, update, unchanged, duplicate
	ProjectID int64             `json:"project_id,omitempty"`
	MatchedBy string            `json:"matched_by,omitempty"` // code or name
	Changes   map[string][2]any `json:"changes,omitempty"`
	// DuplicateOf is the index of the earlier row that names the same
	// project; a duplicate row is left out.
	DuplicateOf int `json:"duplicate_of,omitempty"`
}

// ImportPlan is what an import did, or would do on a dry run.
type ImportPlan struct {
	Actions        []ImportAction `json:"actions"`
	NewDepartments []string       `json:"new_departments"`
	// Missing are projects on the year's list that the sheet does not name;
	// an import never removes them, but the office should know.
	Missing []tuijin.ProjectRef `json:"missing"`
}

var errDryRun = errors.New("dry run")

// ImportLedger matches each item to a project (by code, else by name),
// creates or updates it, and puts it on year's list. All of it happens in
// one transaction; with dryRun the transaction is rolled back, so the
// preview is exactly what a commit would do.
func (db *DB) ImportLedger(ctx context.Context, actor *tuijin.Actor, year int, items []ImportItem, dryRun bool) (*ImportPlan, error) {
	if err := actor.Require(tuijin.PermImportLedger); err != nil {
		return nil, err
	}
	var plan *ImportPlan
	err := db.InTx(ctx, actor, func(tx *Tx) error {
		var err error
		if plan, err = tx.importLedger(year, items); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, err
	}
	return plan, nil
}

type ledgerIndex struct {
	byCode, byName map[string]int64
	depts          map[string]int64
	// leaders and officers map a display name to the one active user of
	// that role with it (0 when two share it: the import does not guess).
	leaders, officers map[string]int64
}

func (tx *Tx) loadLedgerIndex() (*ledgerIndex, error) {
	ix := &ledgerIndex{byCode: map[string]int64{}, byName: map[string]int64{}, depts: map[string]int64{},
		leaders: map[string]int64{}, officers: map[string]int64{}}
	rows, err := tx.Query("SELECT id, code, name FROM projects WHERE archived = ? ORDER BY id", false)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var code, name string
		if err := rows.Scan(&id, &code, &name); err != nil {
			rows.Close()
			return nil, err
		}
		if code != "" {
			ix.byCode[code] = id
		}
		ix.byName[name] = id
	}
	rows.Close()
	if err := tx.loadNames("SELECT id, name FROM departments", ix.depts); err != nil {
		return nil, err
	}
	const q = "SELECT id, display_name FROM users WHERE active = ? AND role = ?"
	if err := tx.loadNames(q, ix.leaders, true, tuijin.RoleLeader); err != nil {
		return nil, err
	}
	return ix, tx.loadNames(q, ix.officers, true, tuijin.RoleOfficer)
}

// loadNames fills m with name → id; a name that two rows share maps to 0
// (ambiguous: the import will not guess).
func (tx *Tx) loadNames(q string, m map[string]int64, args ...any) error {
	rows, err := tx.Query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		if _, dup := m[name]; dup {
			m[name] = 0
		} else {
			m[name] = id
		}
	}
	return rows.Err()
}

func (tx *Tx) importLedger(year int, items []ImportItem) (*ImportPlan, error) {
	ix, err := tx.loadLedgerIndex()
	if err != nil {
		return nil, err
	}
	plan := &ImportPlan{Actions: make([]ImportAction, len(items)), NewDepartments: []string{}, Missing: []tuijin.ProjectRef{}}
	seen := map[int64]int{}     // project id → first row naming it
	seenNew := map[string]int{} // code or name of a new project → first row
	for i := range items {
		it := &items[i]
		p := &it.Project
		if err := tx.resolveNames(ix, p, plan); err != nil {
			return nil, err
		}
		id, by := ix.match(p)
		key := p.Code
		if key == "" {
			key = "name:" + p.Name
		}
		if first, dup := seen[id]; id != 0 && dup {
			plan.Actions[i] = ImportAction{Action: "duplicate", ProjectID: id, DuplicateOf: first + 1}
			continue
		} else if first, dup := seenNew[key]; id == 0 && dup {
			plan.Actions[i] = ImportAction{Action: "duplicate", DuplicateOf: first + 1}
			continue
		}
		if id == 0 {
			seenNew[key] = i
			created, err := tx.CreateProject(p)
			if err != nil {
				return nil, rowError(i, err)
			}
			plan.Actions[i] = ImportAction{Action: "create", ProjectID: created.ID}
			seen[created.ID] = i
			continue
		}
		seen[id] = i
		act, err := tx.mergeImported(id, it)
		if err != nil {
			return nil, rowError(i, err)
		}
		act.MatchedBy = by
		plan.Actions[i] = act
	}
	missing, err := tx.missingFromList(year, seen)
	if err != nil {
		return nil, err
	}
	plan.Missing = missing
	return plan, nil
}

// match finds the project a row names: by code first, since names get
// edited between versions of a sheet, then by exact name.
func (ix *ledgerIndex) match(p *tuijin.Project) (int64, string) {
	if p.Code != "" {
		if id, ok := ix.byCode[p.Code]; ok {
			return id, "code"
		}
	}
	if id, ok := ix.byName[p.Name]; ok {
		return id, "name"
	}
	return 0, ""
}

// resolveNames turns the department, leader and officer named in a sheet
// into records: an unknown department is created (towns by their suffix),
// a person is linked when exactly one user has that name.
func (tx *Tx) resolveNames(ix *ledgerIndex, p *tuijin.Project, plan *ImportPlan) error {
	if name := strings.TrimSpace(p.DepartmentName); name != "" && p.DepartmentID == nil {
		id, ok := ix.depts[name]
		if !ok {
			kind := tuijin.KindBureau
			if isTownName(name) {
				kind = tuijin.KindTown
			}
			d, err := tx.CreateDepartment(tuijin.DepartmentInput{Name: name, Kind: kind})
			if err != nil {
				return err
			}
			id, ix.depts[name] = d.ID, d.ID
			plan.NewDepartments = append(plan.NewDepartments, name)
		}
		if id != 0 {
			p.DepartmentID = &id
		}
	}
	for _, ref := range []struct {
		name  *string
		id    **int64
		users map[string]int64
	}{{&p.LeaderName, &p.LeaderID, ix.leaders}, {&p.OfficerName, &p.OfficerID, ix.officers}} {
		if n := strings.TrimSpace(*ref.name); n != "" && *ref.id == nil {
			if id := ref.users[n]; id != 0 {
				*ref.id = &id
			}
		}
	}
	return nil
}

func isTownName(name string) bool {
	for _, s := range []string{"镇", "乡", "街道", "街道办", "办事处"} {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// mergeImported updates project id with the fields the sheet provides.
func (tx *Tx) mergeImported(id int64, it *ImportItem) (ImportAction, error) {
	before, err := projectByID(tx.reader(), tuijin.SystemActor, id)
	if err != nil {
		return ImportAction{}, err
	}
	after := before.Clone()
	if err := overlayFields(after, &it.Project, it.Fields); err != nil {
		return ImportAction{}, err
	}
	// A name the sheet repeats keeps the person it is linked to, even when
	// the import could not tell who it is from the name alone.
	keepLink(&after.LeaderID, before.LeaderID, after.LeaderName, before.LeaderName)
	keepLink(&after.OfficerID, before.OfficerID, after.OfficerName, before.OfficerName)
	keepLink(&after.DepartmentID, before.DepartmentID, after.DepartmentName, before.DepartmentName)
	diff := tuijin.Changes(before, after)
	if len(diff) == 0 {
		return ImportAction{Action: "unchanged", ProjectID: id}, nil
	}
	if _, err := tx.updateProject(before, after); err != nil {
		return ImportAction{}, err
	}
	return ImportAction{Action: "update", ProjectID: id, Changes: diff}, nil
}

// overlayFields copies the named JSON fields of src onto dst. Year plans
// merge by year and extra columns by header, so that a sheet of one year
// leaves the other years alone; the stage is never changed by an import
// (stages move with their history).
func overlayFields(dst, src *tuijin.Project, fields []string) error {
	want := map[string]bool{"name": true, "flagship": true, "category": src.Category != ""}
	for _, f := range fields {
		for _, name := range strings.Split(f, ",") {
			if name = strings.TrimSpace(name); name != "" {
				want[name] = true
			}
		}
	}
	if want["department_name"] {
		want["department_id"] = true
	}
	if want["leader_name"] {
		want["leader_id"] = true
	}
	if want["officer_name"] {
		want["officer_id"] = true
	}
	raw, err := json.Marshal(src)
	if err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		return err
	}
	patch := map[string]json.RawMessage{}
	for k, v := range all {
		if want[k] && k != "years" && k != "extra" && k != "stage" {
			patch[k] = v
		}
	}
	b, _ := json.Marshal(patch)
	years, extra := dst.Years, dst.Extra
	if err := json.Unmarshal(b, dst); err != nil {
		return err
	}
	dst.Years = mergeYears(years, src.Years)
	dst.Extra = map[string]string{}
	for k, v := range extra {
		dst.Extra[k] = v
	}
	for k, v := range src.Extra {
		dst.Extra[k] = v
	}
	return nil
}

func keepLink(id **int64, old *int64, name, oldName string) {
	if *id == nil && old != nil && name == oldName {
		v := *old
		*id = &v
	}
}

func mergeYears(old, imported []tuijin.YearPlan) []tuijin.YearPlan {
	out := []tuijin.YearPlan{}
	have := map[int]bool{}
	for _, y := range imported {
		have[y.Year] = true
	}
	for _, y := range old {
		if !have[y.Year] {
			out = append(out, y)
		}
	}
	out = append(out, imported...)
	return sortYears(out)
}

func sortYears(ys []tuijin.YearPlan) []tuijin.YearPlan {
	for i := 1; i < len(ys); i++ {
		for j := i; j > 0 && ys[j].Year < ys[j-1].Year; j-- {
			ys[j], ys[j-1] = ys[j-1], ys[j]
		}
	}
	return ys
}

func (tx *Tx) missingFromList(year int, seen map[int64]int) ([]tuijin.ProjectRef, error) {
	out := []tuijin.ProjectRef{}
	if year == 0 {
		return out, nil
	}
	rows, err := tx.Query(`SELECT p.id, p.code, p.name FROM projects p JOIN project_years y ON y.project_id = p.id AND y.year = ?
		WHERE p.archived = ? ORDER BY p.id`, year, false)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r tuijin.ProjectRef
		if err := rows.Scan(&r.ID, &r.Code, &r.Name); err != nil {
			return nil, err
		}
		if _, ok := seen[r.ID]; !ok {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// RowError is a store error tied to one import row (a duplicate code, a
// value the database refuses), so the preview can point at the row.
type RowError struct {
	Index int
	Err   error
}

func (e *RowError) Error() string { return e.Err.Error() }
func (e *RowError) Unwrap() error { return e.Err }

func rowError(i int, err error) error { return &RowError{Index: i, Err: err} }

// ExportProjects returns every live project on year's list (all live
// projects when year is 0) in ledger order: sections as they first appeared, projects by id within them.
func (db *DB) ExportProjects(ctx context.Context, actor *tuijin.Actor, year int) ([]tuijin.Project, error) {
	f := tuijin.ProjectFilter{Year: year}
	from, where, args := db.projectWhere(actor, f)
	r := db.reader(ctx)
	rows, err := r.Query("SELECT "+projectCols+from+where+" ORDER BY p.id", args...)
	if err != nil {
		return nil, err
	}
	var ptrs []*tuijin.Project
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		ptrs = append(ptrs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Year plans in batches, to keep each IN list a sane size.
	for i := 0; i < len(ptrs); i += 500 {
		if err := r.loadYears(ptrs[i:min(i+500, len(ptrs))]); err != nil {
			return nil, err
		}
	}
	// Sections in the order their first project joined the ledger.
	first := map[string]int64{}
	for _, p := range ptrs {
		if _, ok := first[p.Category]; !ok {
			first[p.Category] = p.ID
		}
	}
	sort.SliceStable(ptrs, func(i, j int) bool { return first[ptrs[i].Category] < first[ptrs[j].Category] })
	out := make([]tuijin.Project, len(ptrs))
	for i, p := range ptrs {
		out[i] = *p
	}
	return out, nil
}
