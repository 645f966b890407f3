// Package photo checks uploaded site photos and makes their thumbnails.
// Originals are kept as uploaded; only JPEG and PNG are taken, because
// they are what phones and WeChat send and the standard library decodes.
package photo

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
)

// MaxBytes bounds one photo: a phone photo is 2-6 MB.
const MaxBytes = 15 << 20

// MaxPixels refuses images that would take too much memory to decode.
const MaxPixels = 50_000_000

// ThumbSize is the longer side of a thumbnail in pixels.
const ThumbSize = 320

// ErrType and ErrTooLarge are the reasons an upload is refused.
var (
	ErrType     = errors.New("photo: not a JPEG or PNG image")
	ErrTooLarge = errors.New("photo: too large")
	ErrBroken   = errors.New("photo: the image cannot be read")
)

// Info is what is known of a checked photo.
type Info struct {
	ContentType   string
	Width, Height int
}

// Check sniffs the content (never trusting the name or the declared type)
// and reads the image's size.
func Check(data []byte) (Info, error) {
	if len(data) > MaxBytes {
		return Info{}, ErrTooLarge
	}
	ct := http.DetectContentType(data)
	if ct != "image/jpeg" && ct != "image/png" {
		return Info{}, ErrType
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Info{}, ErrBroken
	}
	if cfg.Width*cfg.Height > MaxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, ErrTooLarge
	}
	return Info{ContentType: ct, Width: cfg.Width, Height: cfg.Height}, nil
}

// Thumbnail decodes a checked photo and returns a JPEG no larger than
// ThumbSize on its longer side, each pixel the average of the area it
// covers.
func Thumbnail(data []byte) ([]byte, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, ErrBroken
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	tw, th := w, h
	if w > ThumbSize || h > ThumbSize {
		if w >= h {
			tw, th = ThumbSize, max(1, h*ThumbSize/w)
		} else {
			tw, th = max(1, w*ThumbSize/h), ThumbSize
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	for y := 0; y < th; y++ {
		y0, y1 := b.Min.Y+y*h/th, b.Min.Y+max((y+1)*h/th, y*h/th+1)
		for x := 0; x < tw; x++ {
			x0, x1 := b.Min.X+x*w/tw, b.Min.X+max((x+1)*w/tw, x*w/tw+1)
			dst.Set(x, y, average(src, x0, x1, y0, y1))
		}
	}
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func average(img image.Image, x0, x1, y0, y1 int) color.RGBA {
	var r, g, b, n uint64
	// Sample at most 8x8 points of a large area: enough for a thumbnail.
	sx, sy := max(1, (x1-x0)/8), max(1, (y1-y0)/8)
	for y := y0; y < y1; y += sy {
		for x := x0; x < x1; x += sx {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			r, g, b, n = r+uint64(cr), g+uint64(cg), b+uint64(cb), n+1
		}
	}
	return color.RGBA{uint8(r / n >> 8), uint8(g / n >> 8), uint8(b / n >> 8), 255}
}

var _ = png.Decode // registers PNG with image.Decode
