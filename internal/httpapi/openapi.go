package httpapi

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the API's OpenAPI 3.1 document, kept by hand beside the
// route table; openapi_test.go fails when the two disagree.
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err := w.Write(openAPIDoc)
	return err
}
