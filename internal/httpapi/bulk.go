package httpapi

import (
	"bytes"
	"io"
	"net/http"
	"runtime/debug"
)

// bulk runs h as whole-list work (a ledger or period sheet read or
// written in one piece, the lights of a year's list recomputed), one at a
// time: a 10,000-row import holds a hundred megabytes or more while it
// runs, and two at once would double that. An upload is received before
// its turn, so that a slow county network holds up nobody else. When the
// work ends, its memory goes back to the operating system before the next
// starts, rather than over the following minutes: a county's server is a
// small machine that runs other things too.
func (s *Server) bulk(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.Body != nil && r.Body != http.NoBody {
			var body bytes.Buffer
			if r.ContentLength > 0 && r.ContentLength <= maxUpload {
				body.Grow(int(r.ContentLength) + bytes.MinRead)
			}
			if _, err := body.ReadFrom(http.MaxBytesReader(w, r.Body, maxUpload)); err != nil {
				return err
			}
			r.Body = io.NopCloser(&body)
		}
		select {
		case s.bulkSlot <- struct{}{}:
		case <-r.Context().Done():
			return r.Context().Err()
		}
		err := h(w, r)
		go func() {
			debug.FreeOSMemory()
			<-s.bulkSlot
		}()
		return err
	}
}
