package markdown

import (
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
)

// slowRule matches a run of a's, but only after trying every way of
// splitting the run into "a" and "aa" in search of a "c": its time grows
// by about 1.6 with every a, so the run's length sets how long one match
// of the rule takes.
const slowRule = `(?:a|aa)*c|a+`

// Two test lexers in chroma's registry, where Highlight finds lexers: one
// whose first rule is slowRule (a quick rule behind it gives the same run
// another token, which is what chroma falls back to when a rule times out),
// and one that hands the inside of brackets to the first by name, the way
// chroma's own lexers delegate (Using, UsingByGroup, DelegatingLexer).
func init() {
	lexers.Register(chroma.MustNewLexer(&chroma.Config{Name: "blog slow rule", Aliases: []string{"blog-slow-rule"}},
		func() chroma.Rules {
			return chroma.Rules{"root": {
				{Pattern: slowRule, Type: chroma.NameBuiltin},
				{Pattern: `a+`, Type: chroma.Name},
				{Pattern: `\s+`, Type: chroma.Text},
			}}
		}))
	lexers.Register(chroma.MustNewLexer(&chroma.Config{Name: "blog slow rule inside", Aliases: []string{"blog-slow-rule-inside"}},
		func() chroma.Rules {
			return chroma.Rules{"root": {
				{Pattern: `(\[)(a+)(\])`, Type: chroma.ByGroups(chroma.Punctuation, chroma.Using("blog slow rule"), chroma.Punctuation)},
				{Pattern: `\s+`, Type: chroma.Text},
			}}
		}))
}

// slowRun returns a run of a's on which one match of slowRule, compiled
// the way chroma compiles its rules, takes at least 700 ms on this machine
// now: well past chroma's 250 ms timeout and the 100 ms tick of regexp2's
// clock, so that a timeout, if there is one, surely fires. Only the input is chosen by the clock; what
// the test checks is the output.
func slowRun(t *testing.T) string {
	t.Helper()
	re := regexp2.MustCompile(`\G(?m)(?:` + slowRule + `)`)
	for n := 20; n < 60; n++ {
		run := strings.Repeat("a", n)
		start := time.Now()
		m, err := re.FindRunesMatchStartingAt([]rune(run), 0)
		if err != nil || m == nil || m.String() != run {
			t.Fatalf("slowRule on %d a's: match %v, error %v", n, m, err)
		}
		if time.Since(start) >= 700*time.Millisecond {
			return run
		}
	}
	t.Fatal("slowRule never took 700 ms")
	return ""
}

// format is what Highlight writes for tokens.
func format(t *testing.T, c *Chroma, tokens ...chroma.Token) string {
	t.Helper()
	return string(chromaFormat(t, tokens))
}

func TestHighlightingDoesNotDependOnHowLongARuleTakes(t *testing.T) {
	run := slowRun(t)
	c := NewChroma()
	for _, tc := range []struct {
		lang, code string
		want       []chroma.Token
	}{
		{"blog-slow-rule", run + "\n", []chroma.Token{{Type: chroma.NameBuiltin, Value: run}, {Type: chroma.Text, Value: "\n"}}},
		{"blog-slow-rule-inside", "[" + run + "]\n", []chroma.Token{
			{Type: chroma.Punctuation, Value: "["}, {Type: chroma.NameBuiltin, Value: run},
			{Type: chroma.Punctuation, Value: "]"}, {Type: chroma.Text, Value: "\n"},
		}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			out, ok := c.Highlight(tc.lang, []byte(tc.code))
			if !ok {
				t.Fatalf("no lexer for %s", tc.lang)
			}
			if want := format(t, c, tc.want...); string(out) != want {
				t.Errorf("%d a's: got\n%s\nwant\n%s", len(run), out, want)
			}
		})
	}
}
