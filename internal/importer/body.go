package importer

import (
	"fmt"
	"regexp"
	"strings"
)

// The body of a Docusaurus post is Markdown or MDX. What the site's
// Markdown reads the same way is kept; what it reads differently is
// converted; what it cannot read is kept and noted.

var (
	fence        = regexp.MustCompile("^\\s*(```+|~~~+)")
	mdxImport    = regexp.MustCompile(`^(import|export)\s`)
	mdxTruncate  = regexp.MustCompile(`^\s*\{/\*\s*truncate\s*\*/\}\s*$`)
	admonition   = regexp.MustCompile(`^(\s*)(:::+)\s*(note|tip|info|warning|danger|caution|important|success|secondary)\b(.*)$`)
	classNameRe  = regexp.MustCompile(`(\s)className=`)
	jsxComponent = regexp.MustCompile(`<([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)[\s/>]`)
	jsxExpr      = regexp.MustCompile(`=\{\{|\{\s*[a-zA-Z_$][\w$.]*\s*\}|require\(`)
	mdImage      = regexp.MustCompile(`!\[([^\]]*)\]\(\s*(<[^>]+>|[^)\s]+)(\s+"[^"]*")?\s*\)`)
	htmlImgSrc   = regexp.MustCompile(`(<img\b[^>]*\bsrc=)("([^"]*)"|'([^']*)')`)
	codeSpan     = regexp.MustCompile("(`+)[^`]*?(`+)")
	escapedLT    = regexp.MustCompile(`\\<`)
	mdLink       = regexp.MustCompile(`\]\(\s*([^)\s]+\.mdx?)(#[^)\s]*)?\s*\)`)
)

// admonitionKinds maps Docusaurus admonition types to the site's.
var admonitionKinds = map[string]string{
	"note": "note", "tip": "tip", "info": "info", "warning": "warning", "danger": "danger",
	"caution": "warning", "important": "info", "success": "tip", "secondary": "note",
}

// converter converts one post's body; image references go through
// asset, which copies the file and returns the reference to write.
type converter struct {
	file    string // in the old blog, for notes
	line0   int    // the file line of the body's first line
	plan    *Plan
	asset   func(ref string, line int) string
	seenJSX map[string]bool
	// docLinks says the new site follows links to .md files (a doc's or
	// a page's), so they need no note.
	docLinks bool
}

func (c *converter) convert(body string) string {
	lines := strings.Split(body, "\n")
	var fenceMark string
	for i, l := range lines {
		n := c.line0 + i
		if m := fence.FindStringSubmatch(l); m != nil {
			switch {
			case fenceMark == "":
				fenceMark = m[1]
			case strings.HasPrefix(strings.TrimSpace(l), fenceMark) && strings.TrimSpace(strings.Trim(strings.TrimSpace(l), fenceMark[:1])) == "":
				fenceMark = ""
			}
			continue
		}
		if fenceMark != "" {
			continue
		}
		switch {
		case mdxImport.MatchString(l):
			c.plan.note(c.file, n, "MDX %s kept as an HTML comment (%s); what it brings in needs a human look", strings.Fields(l)[0], strings.TrimSuffix(strings.TrimSpace(l), ";"))
			lines[i] = "<!-- mdx: " + strings.ReplaceAll(strings.TrimSpace(l), "--", "- -") + " -->"
			continue
		case mdxTruncate.MatchString(l):
			lines[i] = "<!-- truncate -->"
			continue
		}
		if m := admonition.FindStringSubmatch(l); m != nil {
			kind := admonitionKinds[m[3]]
			title := strings.TrimSpace(m[4])
			if title != "" && !strings.HasPrefix(title, "[") {
				title = "[" + title + "]"
			}
			if kind != m[3] {
				c.plan.note(c.file, n, ":::%s written as :::%s, the nearest kind the site has", m[3], kind)
			}
			lines[i] = m[1] + m[2] + kind + title
			continue
		}
		if strings.Contains(l, "<") {
			l = classNameRe.ReplaceAllString(l, "${1}class=") // JSX's name for the class attribute
		}
		// What is inside code spans, or escaped, is text: <IntOrString>
		// between backticks, \<I …\> in a sentence.
		scan := codeSpan.ReplaceAllString(l, "")
		scan = escapedLT.ReplaceAllString(scan, "")
		for _, m := range jsxComponent.FindAllStringSubmatch(scan, -1) {
			if !c.seenJSX[m[1]] {
				c.seenJSX[m[1]] = true
				c.plan.note(c.file, n, "JSX component <%s> kept as is; the site renders it as an unknown HTML element, so check how it reads", m[1])
			}
		}
		if jsxExpr.MatchString(scan) {
			c.plan.note(c.file, n, "JSX expression kept as is; it shows as text: %s", clipLine(l))
		}
		l = mdImage.ReplaceAllStringFunc(l, func(s string) string {
			m := mdImage.FindStringSubmatch(s)
			ref := strings.Trim(m[2], "<>")
			return fmt.Sprintf("![%s](%s%s)", m[1], c.asset(ref, n), m[3])
		})
		l = htmlImgSrc.ReplaceAllStringFunc(l, func(s string) string {
			m := htmlImgSrc.FindStringSubmatch(s)
			ref := m[3] + m[4]
			return m[1] + `"` + c.asset(ref, n) + `"`
		})
		if c.docLinks {
			// The import drops the number prefixes that ordered docs
			// ("02-patterns"), so links to them follow.
			l = mdLink.ReplaceAllStringFunc(l, func(s string) string {
				m := mdLink.FindStringSubmatch(s)
				if strings.Contains(m[1], "://") {
					return s
				}
				return "](" + stripNumbers(m[1]) + m[2] + ")"
			})
		}
		if m := mdLink.FindStringSubmatch(scan); m != nil && !strings.Contains(m[1], "://") && !c.docLinks {
			c.plan.note(c.file, n, "link to the Markdown file %s; point it at that post's address", m[1])
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

func clipLine(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
