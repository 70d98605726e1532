package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"blog/internal/corpus"
)

// stampFile, in a corpus folder, records the -n and -seed it was written
// with, so a later run can reuse it instead of writing it again.
const stampFile = ".blog-bench-corpus.json"

type stamp struct {
	N     int          `json:"n"`
	Seed  int64        `json:"seed"`
	Stats corpus.Stats `json:"stats"`
}

// prepareCorpus makes dir hold the corpus of n posts from seed: it reuses
// the folder when its stamp matches, and otherwise writes it again. It
// removes only a folder that is empty or looks like a corpus (blog.yaml and
// content/), never anything else.
func prepareCorpus(dir string, n int, seed int64) (st corpus.Stats, reused bool, err error) {
	if data, err := os.ReadFile(filepath.Join(dir, stampFile)); err == nil {
		var s stamp
		if json.Unmarshal(data, &s) == nil && s.N == n && s.Seed == seed {
			return s.Stats, true, nil
		}
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return st, false, err
	case len(entries) == 0:
	case !isCorpus(dir):
		return st, false, fmt.Errorf("%s is neither empty nor a corpus; remove it or choose another -work folder", dir)
	default:
		if err := os.RemoveAll(dir); err != nil {
			return st, false, err
		}
	}
	st, err = corpus.Generate(dir, n, seed)
	if err != nil {
		return st, false, err
	}
	data, err := json.MarshalIndent(stamp{N: n, Seed: seed, Stats: st}, "", "  ")
	if err != nil {
		return st, false, err
	}
	return st, false, os.WriteFile(filepath.Join(dir, stampFile), append(data, '\n'), 0o644)
}

func isCorpus(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "blog.yaml"))
	return err == nil && isDir(filepath.Join(dir, "content"))
}
