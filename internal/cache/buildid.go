package cache

import (
	"fmt"
	"os"
	"runtime/debug"
)

// BuildID names the running program's build, for salts of entries that
// depend on its code (rendered Markdown): the VCS revision it was built
// from when the tree was clean, else the executable's size and time.
func BuildID() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev string
		modified := true
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" && !modified {
			return bi.GoVersion + " " + rev
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	st, err := os.Stat(exe)
	if err != nil {
		return exe
	}
	return fmt.Sprintf("%s %d %d", exe, st.Size(), st.ModTime().UnixNano())
}
