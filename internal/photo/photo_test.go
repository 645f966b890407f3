package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func TestCheckAndThumbnail(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	for y := 0; y < 800; y++ {
		for x := 0; x < 1200; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 100, 255})
		}
	}
	var jb, pb bytes.Buffer
	jpeg.Encode(&jb, img, nil)
	png.Encode(&pb, img)
	for name, data := range map[string][]byte{"jpeg": jb.Bytes(), "png": pb.Bytes()} {
		info, err := Check(data)
		if err != nil || info.Width != 1200 || info.Height != 800 {
			t.Fatalf("%s: %+v %v", name, info, err)
		}
		th, err := Thumbnail(data)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(th))
		if err != nil || cfg.Width != 320 || cfg.Height != 213 {
			t.Fatalf("%s thumbnail: %+v %v", name, cfg, err)
		}
	}
	if _, err := Check([]byte("GIF89a not really")); err != ErrType {
		t.Fatalf("gif: %v", err)
	}
	if _, err := Check(append([]byte{0xFF, 0xD8, 0xFF}, make([]byte, 100)...)); err != ErrBroken {
		t.Fatalf("broken jpeg: %v", err)
	}
}
