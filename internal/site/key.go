package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"math"
	"reflect"
	"slices"
	"time"
	"unsafe"

	"blog/internal/cache"
)

// A page is keyed by its complete input: everything its layout can reach.
// That is the value the layout receives (a *Page, or a card's data), every
// field of it, exported or not, and of every value it points to, hashed
// here by reflection, so that no field can be left out by hand; plus the
// layouts themselves and the config, which the page's *Site stands for by
// its own key. A value whose type has a Key() cache.Key method (a post's
// Body, the Site) is hashed as that key: a hash of what it was made from.
// Two pages with one key render the same bytes, so a page whose key is
// unchanged is taken from the last build or the page cache instead of
// being rendered. The view types of page.go hold no functions, channels
// or cycles, and their methods read nothing but their receiver, their
// arguments and the Site.

// keyed is a value that names itself by a hash of what it was made from.
type keyed interface{ Key() cache.Key }

var (
	keyedType = reflect.TypeFor[keyed]()
	timeType  = reflect.TypeFor[time.Time]()
)

// hasher lays out a value's bytes for hashing. memo holds the keys of the
// shared values of one build (each *Post and *Tag), made once and read by
// every page that shows them.
type hasher struct {
	buf []byte
	// sum is the key being made, fed from buf whenever buf passes
	// hashChunk, so that a key of a large value (a search index's every
	// post) never holds all its bytes at once; nil in a map's entries,
	// which are sorted before they are hashed.
	sum  hash.Hash
	memo map[unsafe.Pointer]cache.Key
	// page is the worker's buffer for a page read from the cache, out the
	// one it renders pages into (render).
	page []byte
	out  bytes.Buffer
}

// maxDepth bounds how deep values nest: a cycle is a mistake in the view
// types, reported rather than followed.
const maxDepth = 48

// hashChunk is how many bytes a key takes in before they are hashed.
const hashChunk = 64 << 10

// key hashes v, a value of the view types.
func (h *hasher) key(v any) (cache.Key, error) {
	h.buf = h.buf[:0]
	if h.sum == nil {
		h.sum = sha256.New()
	}
	h.sum.Reset()
	if err := h.value(reflect.ValueOf(v), 0); err != nil {
		return cache.Key{}, err
	}
	h.sum.Write(h.buf)
	h.buf = h.buf[:0]
	var sum [sha256.Size]byte
	var k cache.Key
	copy(k[:], h.sum.Sum(sum[:0]))
	return k, nil
}

// exported gives a value read through an unexported field the rights of
// an exported one, so its methods (Key) can be called.
func exported(v reflect.Value) reflect.Value {
	if v.CanInterface() || !v.CanAddr() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

func (h *hasher) value(v reflect.Value, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("internal error: page data nests deeper than %d: a cycle in %s", maxDepth, v.Type())
	}
	if h.sum != nil && len(h.buf) >= hashChunk {
		h.sum.Write(h.buf)
		h.buf = h.buf[:0]
	}
	if !v.IsValid() {
		h.buf = append(h.buf, 'z')
		return nil
	}
	t := v.Type()
	if t.Implements(keyedType) && !(t.Kind() == reflect.Pointer && v.IsNil()) {
		ev := exported(v)
		if !ev.CanInterface() {
			return fmt.Errorf("internal error: cannot read the key of a %s", t)
		}
		k := ev.Interface().(keyed).Key()
		h.buf = append(append(h.buf, 'k'), k[:]...)
		return nil
	}
	if t == timeType {
		tm := exported(v)
		if !tm.CanInterface() {
			return fmt.Errorf("internal error: cannot read a time")
		}
		at := tm.Interface().(time.Time)
		name, off := at.Zone()
		h.buf = append(h.buf, 't')
		h.buf = binary.AppendVarint(h.buf, at.UnixNano())
		h.buf = binary.AppendVarint(h.buf, int64(off))
		h.str(name)
		return nil
	}
	switch t.Kind() {
	case reflect.Bool:
		if v.Bool() {
			h.buf = append(h.buf, 'T')
		} else {
			h.buf = append(h.buf, 'F')
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.buf = binary.AppendVarint(append(h.buf, 'i'), v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.buf = binary.AppendUvarint(append(h.buf, 'u'), v.Uint())
	case reflect.Float32, reflect.Float64:
		h.buf = binary.LittleEndian.AppendUint64(append(h.buf, 'f'), math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		h.buf = binary.LittleEndian.AppendUint64(append(h.buf, 'c'), math.Float64bits(real(c)))
		h.buf = binary.LittleEndian.AppendUint64(h.buf, math.Float64bits(imag(c)))
	case reflect.String:
		h.buf = append(h.buf, 's')
		h.str(v.String())
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && v.IsNil() {
			h.buf = append(h.buf, 'n')
			return nil
		}
		h.buf = binary.AppendUvarint(append(h.buf, 'a'), uint64(v.Len()))
		if t.Elem().Kind() == reflect.Uint8 {
			if t.Kind() == reflect.Slice {
				h.buf = append(h.buf, v.Bytes()...)
			} else {
				for i := range v.Len() {
					h.buf = append(h.buf, byte(v.Index(i).Uint()))
				}
			}
			return nil
		}
		for i := range v.Len() {
			if err := h.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		if v.IsNil() {
			h.buf = append(h.buf, 'n')
			return nil
		}
		// Entries in the order of their keys' bytes, whatever the map's.
		type entry struct{ k, v []byte }
		entries := make([]entry, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			sub := hasher{memo: h.memo}
			if err := sub.value(it.Key(), depth+1); err != nil {
				return err
			}
			kb := sub.buf
			sub.buf = nil
			if err := sub.value(it.Value(), depth+1); err != nil {
				return err
			}
			entries = append(entries, entry{kb, sub.buf})
		}
		slices.SortFunc(entries, func(a, b entry) int { return bytes.Compare(a.k, b.k) })
		h.buf = binary.AppendUvarint(append(h.buf, 'm'), uint64(len(entries)))
		for _, e := range entries {
			h.buf = append(append(h.buf, e.k...), e.v...)
		}
	case reflect.Struct:
		h.buf = append(h.buf, '{')
		for i := range v.NumField() {
			if err := h.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
		h.buf = append(h.buf, '}')
	case reflect.Pointer:
		if v.IsNil() {
			h.buf = append(h.buf, 'n')
			return nil
		}
		if k, ok := h.memo[v.UnsafePointer()]; ok {
			h.buf = append(append(h.buf, 'k'), k[:]...)
			return nil
		}
		h.buf = append(h.buf, '*')
		return h.value(v.Elem(), depth+1)
	case reflect.Interface:
		if v.IsNil() {
			h.buf = append(h.buf, 'n')
			return nil
		}
		e := v.Elem()
		h.buf = append(h.buf, 'I')
		h.str(e.Type().String())
		return h.value(e, depth+1)
	default:
		return fmt.Errorf("internal error: page data holds a %s, which cannot be keyed", t)
	}
	return nil
}

func (h *hasher) str(s string) {
	h.buf = append(binary.AppendUvarint(h.buf, uint64(len(s))), s...)
}
