package site

import (
	"strings"

	"blog/internal/problem"
)

// checkPaths finds what no file system can hold, among every output path
// of a build: two files at one path; a file where another file needs a
// folder ("rss.xml" and "rss.xml/index.html"); and, as warnings, names
// that differ only in case, which a clone on macOS or Windows makes one
// file. Each such pair of names is reported once, at the shortest path
// where they differ. who names what makes each path.
func checkPaths(paths, who []string) (errs, warnings problem.List) {
	files := make(map[string]string, len(paths))
	for i, p := range paths {
		if first, dup := files[p]; dup {
			errs = append(errs, problem.At(who[i], 0, "writes %s, which %s writes too", p, first))
			continue
		}
		files[p] = who[i]
	}
	folded := make(map[string]int, 2*len(paths)) // by lower case: the path's index
	reported := map[string]bool{}
	for i, p := range paths {
		for c := 0; c < len(p); c++ {
			if p[c] != '/' && c != len(p)-1 {
				continue
			}
			prefix := p
			if p[c] == '/' {
				prefix = p[:c]
				if w, ok := files[prefix]; ok {
					errs = append(errs, problem.At(who[i], 0, "writes %s, inside a folder %s, where %s writes a file", p, prefix, w))
					break
				}
			}
			key := strings.ToLower(prefix)
			j, ok := folded[key]
			if !ok {
				folded[key] = i
				continue
			}
			if prev := paths[j][:len(prefix)]; prev != prefix {
				if pair := prev + "\x00" + prefix; !reported[pair] {
					reported[pair] = true
					warnings = append(warnings, problem.At(who[i], 0, "writes %s, and %s writes %s: names that differ only in case are one file on macOS and Windows, so a clone there loses one", prefix, who[j], prev))
				}
				break
			}
		}
	}
	return errs, warnings
}
