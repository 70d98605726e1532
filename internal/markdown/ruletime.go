package markdown

import (
	"math"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// Chroma's regex lexers compile every rule with a 250 ms match timeout
// (RegexLexer.maybeCompile sets MatchTimeout), and a match that times out
// counts as no match: the text falls to a later rule and comes out as
// another token (a builtin as a plain name). How long a match takes depends
// on the machine's load and the garbage collector, and regexp2 measures it
// with a clock goroutine that ticks every 100 ms and can itself be late, so
// the same code could be highlighted two ways, and the highlight cache,
// keyed by the code, kept whichever came first.
//
// regexp2 (v2.2.1) gives a match the deadline "clock now + timeout + the
// clock's period", and its clock sleeps for that period between ticks.
// With a period no build lives to see, no deadline is ever reached: every
// rule of every lexer runs to its end, including the lexers chroma
// compiles later and the sub-lexers it looks up by name in the middle of a
// match (Using, UsingByGroup, delegating lexers). The price is that a rule
// that backtracks without end on some code would stall the build on that
// code, every time, instead of silently highlighting it differently from
// one run to the next. The test with a deliberately slow rule fails if a
// later regexp2 stops honouring this.
//
// The other ways were weighed and left:
//   - Setting MatchTimeout on a lexer's compiled rules after its first use
//     needs reflect and unsafe on chroma's unexported rules map, misses the
//     first run of every sub-lexer that chroma compiles in the middle of a
//     match, and writes to regexps other goroutines may be matching with.
//   - Building blog's own lexers from chroma's exported Rules and Config
//     compiles through the same code that sets the timeout, and sub-lexers
//     named inside the rules still come from chroma's registry.
//   - Detecting a timeout and trying again is not possible: chroma drops
//     the error, regexp2 keeps no record of it, and comparing two runs
//     proves nothing when both are slow.
func init() {
	regexp2.SetTimeoutCheckPeriod(neverTicks)
}

// neverTicks is the period of regexp2's clock: about 146 years, half the
// longest duration, so that adding a timeout to it cannot overflow. It is
// set once, before any match starts the clock's goroutine.
const neverTicks = time.Duration(math.MaxInt64 / 2)
