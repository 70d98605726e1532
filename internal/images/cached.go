package images

import (
	"encoding/binary"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"

	"blog/internal/cache"
)

// resizerVersion names what Resize writes besides the image packages'
// own work: the kernel, JPEG quality, PNG compression and how orientation
// is applied. Changing any must change it.
var resizerVersion = "catmullrom/q" + strconv.Itoa(jpegQuality) + "/png-default/exif-1"

// Version names the copies this program makes: resizerVersion and the
// version of golang.org/x/image it was built with. A store of copies is
// salted with it.
func Version() string {
	imageVersion.once.Do(func() {
		imageVersion.v = "x-image-unknown"
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, d := range bi.Deps {
				if d.Path == "golang.org/x/image" {
					imageVersion.v = "x-image-" + d.Version
				}
			}
		}
	})
	return "images/" + imageVersion.v + "/" + resizerVersion
}

var imageVersion struct {
	once sync.Once
	v    string
}

// Resizer makes copies through a store: a copy made once, in this process
// or an earlier one, is taken from it. It is safe for concurrent use.
type Resizer struct {
	store        *cache.Store
	made, reused atomic.Int64
}

// Stats reports how many copies the Resizer made and how many it took
// from its store. A copy that is the original, unchanged, counts as
// neither.
func (r *Resizer) Stats() (made, reused int) {
	return int(r.made.Load()), int(r.reused.Load())
}

// NewResizer returns a Resizer keeping its copies in store, which should
// be salted with Version. A nil store keeps them in memory.
func NewResizer(store *cache.Store) *Resizer {
	if store == nil {
		store = cache.OpenStore(nil, Version())
	}
	return &Resizer{store: store}
}

// Resize is Resize through the store, keyed by a hash of the image's bytes
// and the width.
func (r *Resizer) Resize(data []byte, width int) (Copy, error) {
	cs, err := r.ResizeEach(data, []int{width})
	if err != nil {
		return Copy{}, err
	}
	return cs[0], nil
}

// sameBytes reports whether a and b are the same slice of memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
}

// ResizeEach is ResizeEach through the store: the copies it lacks are
// made with the image decoded once.
func (r *Resizer) ResizeEach(data []byte, widths []int) ([]Copy, error) {
	out := make([]Copy, len(widths))
	var missing []int // indexes into widths
	keys := make([]cache.Key, len(widths))
	for i, w := range widths {
		keys[i] = cache.MakeKey([]byte(Version()), data, []byte(strconv.Itoa(w)))
		if b, ok := r.store.GetBytes(keys[i]); ok {
			if c, ok := decodeCopy(b); ok {
				out[i] = c
				r.reused.Add(1)
				continue
			}
		}
		missing = append(missing, i)
	}
	if len(missing) == 0 {
		return out, nil
	}
	ws := make([]int, len(missing))
	for j, i := range missing {
		ws[j] = widths[i]
	}
	made, err := ResizeEach(data, ws)
	if err != nil {
		return nil, err
	}
	for j, i := range missing {
		out[i] = made[j]
		// A copy that is the original (an image that needed no resizing)
		// is not stored twice: the original is at hand.
		if !sameBytes(made[j].Data, data) {
			r.store.Put(keys[i], encodeCopy(made[j]))
			r.made.Add(1)
		}
	}
	return out, nil
}

// Social is Social through the store.
func (r *Resizer) Social(data []byte) (Copy, error) { return r.Resize(data, SocialWidth) }

// A cached copy is its format's initial ('p' or 'j'), its width and
// height as uvarints, and its bytes.
func encodeCopy(c Copy) []byte {
	b := make([]byte, 0, len(c.Data)+12)
	if c.Format == JPEG {
		b = append(b, 'j')
	} else {
		b = append(b, 'p')
	}
	b = binary.AppendUvarint(b, uint64(c.Width))
	b = binary.AppendUvarint(b, uint64(c.Height))
	return append(b, c.Data...)
}

func decodeCopy(b []byte) (Copy, bool) {
	if len(b) < 3 {
		return Copy{}, false
	}
	var c Copy
	switch b[0] {
	case 'j':
		c.Format = JPEG
	case 'p':
		c.Format = PNG
	default:
		return Copy{}, false
	}
	rest := b[1:]
	w, n := binary.Uvarint(rest)
	if n <= 0 {
		return Copy{}, false
	}
	rest = rest[n:]
	h, n := binary.Uvarint(rest)
	if n <= 0 || w == 0 || h == 0 || w > 1<<20 || h > 1<<20 {
		return Copy{}, false
	}
	c.Width, c.Height, c.Data = int(w), int(h), rest[n:]
	return c, true
}
