// Package web holds the built front end (Vue 3, see web/src) for embedding
// in the binary. `make web` fills dist/; without it the server says so.
package web

import "embed"

//go:embed all:dist
var Dist embed.FS
