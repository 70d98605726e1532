package markdown

import "github.com/alecthomas/chroma/v2"

// scanners are blog's own scanners by the name of the chroma lexer whose
// tokens they make. Each takes code or, with ok false, leaves it to chroma.
var scanners = map[string]func(code string) (tokens []chroma.Token, ok bool){
	"Go":           lexGo,
	"JSON":         lexJSON,
	"YAML":         lexYAML,
	"Bash":         lexBash,
	"Bash Session": lexConsole,
	"Docker":       lexDockerfile,
	"Python":       lexPython,
	"Rust":         lexRust,
	"TypeScript":   lexTypeScript,
}
