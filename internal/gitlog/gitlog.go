// Package gitlog tells when files last changed, from the history of the
// git checkout they are in: one git command for a whole site, not one a
// file.
//
// # Input and output
//
// LastChanged takes a folder and paths in it (folders included) and
// returns, for each file git knows below them, the time of the newest
// commit that changed it, by slash path relative to the folder. A folder
// that is not a git checkout, or a machine without git, gives nil and an
// error; callers show no dates then.
package gitlog

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// LastChanged reads `git log` once for paths below dir.
func LastChanged(dir string, paths ...string) (map[string]time.Time, error) {
	top, err := exec.Command("git", "-C", dir, "rev-parse", "--show-prefix").Output()
	if err != nil {
		return nil, fmt.Errorf("not a git checkout: %w", err)
	}
	prefix := strings.TrimSpace(string(top)) // dir's path in the checkout
	args := []string{"-C", dir, "-c", "core.quotepath=off", "log", "--no-renames", "--format=%x00%ct", "--name-only", "--"}
	args = append(args, paths...)
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		return nil, err
	}
	dates := map[string]time.Time{}
	var at time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "\x00") {
			secs, err := strconv.ParseInt(strings.TrimPrefix(line, "\x00"), 10, 64)
			if err == nil {
				at = time.Unix(secs, 0).UTC()
			}
			continue
		}
		if line == "" {
			continue
		}
		rel := norm.NFC.String(filepath.ToSlash(strings.TrimPrefix(line, prefix)))
		if _, seen := dates[rel]; !seen {
			dates[rel] = at // the log is newest first
		}
	}
	return dates, sc.Err()
}

// FirstAdded is when file (a path relative to dir) first came into the
// history of the checkout dir is in, following it through renames: the
// author date of that commit, in the author's own offset.
func FirstAdded(dir, file string) (time.Time, error) {
	out, err := exec.Command("git", "-C", dir, "-c", "core.quotepath=off", "log", "--follow", "--diff-filter=A", "--format=%aI", "--", file).Output()
	if err != nil {
		return time.Time{}, fmt.Errorf("git log: %w", err)
	}
	lines := strings.Fields(string(out))
	if len(lines) == 0 {
		return time.Time{}, fmt.Errorf("%s is not in the git history", file)
	}
	return time.Parse(time.RFC3339, lines[len(lines)-1]) // the log is newest first
}
