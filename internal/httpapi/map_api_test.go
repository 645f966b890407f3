package httpapi

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"tuijin"
	"tuijin/internal/store"
	"tuijin/internal/testdb"
)

// putFile sends a file as the multipart field "file", with other fields.
func (c *client) putFile(path, name string, data []byte, fields map[string]string) response {
	c.e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("PUT", c.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for k, v := range c.header {
		req.Header[k] = v
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	return response{status: res.StatusCode, body: b.String(), header: res.Header}
}

const countyBoundary = `{"type":"FeatureCollection","features":[
	{"type":"Feature","properties":{"name":"永宁县","adcode":350121},"geometry":{"type":"Polygon",
	 "coordinates":[[[118.9,26.0],[119.5,26.05],[119.6,26.5],[119.2,26.7],[118.85,26.4],[118.9,26.0]]]}},
	{"type":"Feature","properties":{"name":"县政府"},"geometry":{"type":"Point","coordinates":[119.2,26.3]}}]}`

type pointsBody struct {
	Year    int              `json:"year"`
	Items   []store.MapPoint `json:"items"`
	Missing int              `json:"missing_coordinates"`
	Bound   *store.Boundary  `json:"boundary"`
}

func TestMapBoundary(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		zj := e.dept("住建局")
		e.user("office", tuijin.RoleOffice, nil)
		e.user("leader", tuijin.RoleLeader, nil)
		e.user("zjj", tuijin.RoleDepartment, &zj.ID)
		office, leader, dept := e.login("office"), e.login("leader"), e.login("zjj")
		const path = "/api/v1/map/boundary"

		res := leader.do("GET", path, nil)
		if res.status != 404 || !strings.Contains(res.body, "尚未上传行政区边界") {
			t.Fatalf("before any upload: %d %s", res.status, res.body)
		}
		for _, c := range []*client{leader, dept} {
			if res := c.putFile(path, "永宁县.geojson", []byte(countyBoundary), nil); res.status != 403 {
				t.Fatalf("upload by a reader: %d %s", res.status, res.body)
			}
			if res := c.do("DELETE", path, nil); res.status != 403 {
				t.Fatalf("delete by a reader: %d %s", res.status, res.body)
			}
		}
		var up boundaryResponse
		res = office.putFile(path, "永宁县.geojson", []byte(countyBoundary), nil)
		res.json(t, &up)
		if res.status != 200 || up.Name != "永宁县" || up.Polygons != 1 || up.IgnoredFeatures != 1 || up.UploadedBy != "office" {
			t.Fatalf("upload: %d %s", res.status, res.body)
		}

		res = leader.do("GET", path, nil)
		if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "application/geo+json") ||
			!strings.Contains(res.body, `"FeatureCollection"`) || !strings.Contains(res.body, `"adcode":350121`) || strings.Contains(res.body, "县政府") {
			t.Fatalf("read: %d %s %s", res.status, res.header, res.body)
		}
		leader.header.Set("If-None-Match", res.header.Get("ETag"))
		if res := leader.do("GET", path, nil); res.status != 304 {
			t.Fatalf("cached read: %d", res.status)
		}
		leader.header.Del("If-None-Match")

		big := append([]byte(countyBoundary), bytes.Repeat([]byte(" "), store.MaxBoundaryBytes)...)
		bad := []struct {
			name, file string
			data       []byte
			status     int
			says       string
		}{
			{"not JSON", "a.geojson", []byte("<html>不是地图</html>"), 400, "不是有效的 JSON"},
			{"wrong type", "a.json", []byte(`{"type":"LineString","coordinates":[[118,26],[119,27]]}`), 400, "顶层 type 应为 FeatureCollection"},
			{"out of range", "a.geojson", []byte(`{"type":"Polygon","coordinates":[[[118.9,26],[13240000,2990000],[119.6,26.5],[118.9,26]]]}`), 400, "超出经纬度范围"},
			{"no polygon", "a.geojson", []byte(`{"type":"Point","coordinates":[119,26]}`), 400, "顶层 type"},
			{"too large", "a.geojson", big, 413, "边界文件过大（上限 20 MiB）"},
			{"far too large", "a.geojson", append(big, bytes.Repeat([]byte(" "), 2<<20)...), 413, "边界文件过大"},
			{"not a GeoJSON file name", "a.shp", []byte(countyBoundary), 400, ".geojson 或 .json"},
			{"no file", "", nil, 400, "请选择要上传的边界文件"},
		}
		for _, tc := range bad {
			res := office.putFile(path, tc.file, tc.data, nil)
			if res.status != tc.status || !strings.Contains(res.body, tc.says) {
				t.Errorf("%s: %d %s", tc.name, res.status, res.body)
			}
		}
		var now store.Boundary
		office.do("GET", "/api/v1/map/points?year=2026", nil).json(t, &struct {
			B *store.Boundary `json:"boundary"`
		}{&now})
		if now.Version != up.Version {
			t.Fatalf("a refused file changed the boundary: %+v", now)
		}
		office.header.Set("Accept-Language", "en-US")
		res = office.putFile(path, "a.geojson", []byte(`{"type":"Polygon","coordinates":[[[118.9,26],[118.9,95],[119.6,26.5]]]}`), nil)
		if res.status != 400 || !strings.Contains(res.body, "outside longitude -180 to 180") {
			t.Fatalf("in English: %d %s", res.status, res.body)
		}
		office.header.Del("Accept-Language")

		res = office.putFile(path, "x.json", []byte(countyBoundary), map[string]string{"name": "永宁县行政区划（2024）"})
		var up2 boundaryResponse
		res.json(t, &up2)
		if res.status != 200 || up2.Name != "永宁县行政区划（2024）" || up2.Version <= up.Version {
			t.Fatalf("replace: %d %s", res.status, res.body)
		}
		if res := office.do("DELETE", path, nil); res.status != 204 {
			t.Fatalf("delete: %d %s", res.status, res.body)
		}
		if res := leader.do("GET", path, nil); res.status != 404 {
			t.Fatalf("after delete: %d", res.status)
		}
		if res := office.do("DELETE", path, nil); res.status != 404 || !strings.Contains(res.body, "尚未上传") {
			t.Fatalf("delete again: %d %s", res.status, res.body)
		}
	})
}

func TestMapPointsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		zj, jt := e.dept("住建局"), e.dept("交通局")
		e.user("office", tuijin.RoleOffice, nil)
		e.user("leader", tuijin.RoleLeader, nil)
		e.user("jtj", tuijin.RoleDepartment, &jt.ID)
		office, leader, dept := e.login("office"), e.login("leader"), e.login("jtj")
		mk := func(name string, d int64, lng, lat float64, placed bool) *tuijin.Project {
			p := tuijin.Project{Name: name, Code: name, Stage: tuijin.StageConstruction, TotalInvestmentYuan: 320_000_000, DepartmentID: &d,
				Years: []tuijin.YearPlan{{Year: 2026, PlannedYuan: 50_000_000}}}
			if placed {
				p.Longitude, p.Latitude = &lng, &lat
			}
			out, err := db.CreateProject(ctx, tuijin.SystemActor, &p)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		p1 := mk("污水处理厂", zj.ID, 119.1, 26.2, true)
		p2 := mk("国道改扩建", jt.ID, 119.3, 26.4, true)
		mk("产业园", jt.ID, 0, 0, false)
		if err := db.SetLightOverride(ctx, tuijin.SystemActor, p2.ID, 2026, store.LightOverride{Colour: "red", Reason: "滞后", Until: "2099-12-31"}); err != nil {
			t.Fatal(err)
		}

		var pts pointsBody
		res := leader.do("GET", "/api/v1/map/points?year=2026", nil)
		res.json(t, &pts)
		if res.status != 200 || len(pts.Items) != 2 || pts.Missing != 1 || pts.Bound != nil ||
			pts.Items[0].ID != p1.ID || pts.Items[0].Colour != "green" || pts.Items[1].Colour != "red" || pts.Items[1].DepartmentName != "交通局" {
			t.Fatalf("leader's points: %d %s", res.status, res.body)
		}
		dept.do("GET", "/api/v1/map/points?year=2026", nil).json(t, &pts)
		if len(pts.Items) != 1 || pts.Items[0].ID != p2.ID || pts.Missing != 1 {
			t.Fatalf("department's points: %+v", pts)
		}
		office.do("GET", "/api/v1/map/points?year=2026&light=red", nil).json(t, &pts)
		if len(pts.Items) != 1 || pts.Items[0].ID != p2.ID || pts.Missing != 0 {
			t.Fatalf("red only: %+v", pts)
		}
		office.do("GET", "/api/v1/map/points?year=2026&department_id="+strconv.FormatInt(zj.ID, 10), nil).json(t, &pts)
		if len(pts.Items) != 1 || pts.Items[0].ID != p1.ID {
			t.Fatalf("one department: %+v", pts)
		}
		if res := office.do("GET", "/api/v1/map/points?year=2026&light=purple", nil); res.status != 400 {
			t.Fatalf("bad light: %d %s", res.status, res.body)
		}
		if res := office.do("GET", "/api/v1/map/points?year=x", nil); res.status != 400 {
			t.Fatalf("bad year: %d %s", res.status, res.body)
		}
		office.putFile("/api/v1/map/boundary", "永宁县.geojson", []byte(countyBoundary), nil)
		leader.do("GET", "/api/v1/map/points?year=2026", nil).json(t, &pts)
		if pts.Bound == nil || pts.Bound.Name != "永宁县" || pts.Bound.BBox[0] != 118.85 {
			t.Fatalf("the boundary with the points: %+v", pts.Bound)
		}
	})
}
