package diagram

import "strconv"

// Variant is one look of a diagram: drawn for a light page or a dark one.
type Variant string

// The two variants every diagram is drawn in.
const (
	Light Variant = "light"
	Dark  Variant = "dark"
)

// variants is every Variant, in the order they appear in a figure.
var variants = []Variant{Light, Dark}

// looksFor returns how a diagram is drawn in each variant, in the order of
// variants: its root gets the id root and the variant's initial.
func looksFor(root string) []look {
	out := make([]look, len(variants))
	for i, v := range variants {
		id := ""
		if root != "" {
			id = root + "-" + string(v[0])
		}
		out[i] = look{ID: id, Font: pageFont, Width: columnWidth, Config: config(v)}
	}
	return out
}

// pageFont is the default theme's body font (css/style.css), given to
// the page diagrams are drawn in: labels are measured in the first of these
// fonts that the browser drawing them has. The drawing itself says
// font-family: inherit, so it shows in the font of the text around it,
// whichever that is.
var pageFont = strconv.Itoa(fontSize) + "px " + `Pretendard, "Pretendard Variable", -apple-system, BlinkMacSystemFont, "Apple SD Gothic Neo", "Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic", "Segoe UI", Roboto, sans-serif`

// fontSize is the body's font size in CSS px (1.0625rem): a diagram shown
// at its natural width has labels as large as the text around it.
const fontSize = 17

// columnWidth is the default theme's column in CSS px (46rem less 1.25rem
// of padding each side). The page diagrams are drawn in is that wide, so a
// diagram that takes its width from its container (a Gantt chart) is drawn
// at the column's width, not shrunk into it.
const columnWidth = 696

// palette is the colours of one look, the default theme's own: page,
// text, muted text, accent, border and surface (css/style.css :root).
type palette struct {
	bg, fg, muted, accent, border, surface string
	node, note, noteBorder                 string
	// scale is a row of tints, one per hue, for diagrams that colour
	// their parts in turn (mind maps, timelines, pie charts); each holds
	// text in fg. strong is a row of stronger colours (git branches, a
	// mind map's root), each holding text in onStrong.
	scale, strong []string
	onStrong      string
}

var palettes = map[Variant]palette{
	Light: {bg: "#ffffff", fg: "#1f2328", muted: "#59636e", accent: "#0b62d6", border: "#d8dee4", surface: "#f6f8fa",
		node: "#ddeafc", note: "#fff8c5", noteBorder: "#d4a72c",
		scale:  []string{"#ddeafc", "#d5f5dd", "#efe2fe", "#ffe8d1", "#d3f3f1", "#ffe0ec", "#e8ebef", "#fff2b3"},
		strong: []string{"#0969da", "#1a7f37", "#8250df", "#bc4c00", "#1b7c83", "#bf3989", "#6e7781", "#9a6700"}, onStrong: "#ffffff"},
	Dark: {bg: "#0d1117", fg: "#e6edf3", muted: "#9198a1", accent: "#4493f8", border: "#30363d", surface: "#161b22",
		node: "#132a4a", note: "#2e2612", noteBorder: "#9e6a03",
		scale:  []string{"#132a4a", "#0f3320", "#2b1a47", "#3d2410", "#0c3533", "#3f1428", "#262c36", "#3a3010"},
		strong: []string{"#388bfd", "#3fb950", "#a371f7", "#d29922", "#39c5cf", "#db61a2", "#8b949e", "#e3b341"}, onStrong: "#0d1117"},
}

// themeCSS is added to every diagram's own style sheet. Mermaid draws the
// box behind an edge label at half opacity, so the line shows through the
// text and the contrast depends on what lies beneath; a label's box is
// drawn whole here, in the page's colour.
// A Gantt chart's dates are 10 px there; they are made larger here.
const themeCSS = `.edgeLabel rect { opacity: 1 !important; } .labelBkg { background-color: transparent; } .grid .tick text { font-size: 13px; fill: currentColor; }`

// config is Mermaid's whole configuration for drawing in variant v: strict
// security, labels as SVG text (readable where a reader drops
// foreignObject, as feed readers do), no random ids, no "today" line in a
// Gantt chart (it would change the drawing every day).
func config(v Variant) map[string]any {
	p := palettes[v]
	vars := map[string]any{
		"darkMode":             v == Dark,
		"background":           p.bg,
		"fontFamily":           "inherit",
		"fontSize":             strconv.Itoa(fontSize) + "px",
		"primaryColor":         p.node,
		"primaryTextColor":     p.fg,
		"primaryBorderColor":   p.accent,
		"secondaryColor":       p.surface,
		"secondaryTextColor":   p.fg,
		"secondaryBorderColor": p.border,
		"tertiaryColor":        p.surface,
		"tertiaryTextColor":    p.fg,
		"tertiaryBorderColor":  p.border,
		"lineColor":            p.muted,
		"textColor":            p.fg,
		"titleColor":           p.fg,
		"edgeLabelBackground":  p.bg,
		"noteBkgColor":         p.note,
		"noteTextColor":        p.fg,
		"noteBorderColor":      p.noteBorder,
		"errorBkgColor":        p.surface,
		"errorTextColor":       p.fg,
		// Mermaid draws these at 10 to 14 px.
		"commitLabelFontSize": "14px",
		"tagLabelFontSize":    "14px",
		"pieSectionTextSize":  strconv.Itoa(fontSize) + "px",
		"pieLegendTextSize":   strconv.Itoa(fontSize) + "px",
		"pieTitleTextSize":    "20px",
		"pieStrokeColor":      p.bg,
		"pieOuterStrokeColor": p.border,
		"pieSectionTextColor": p.fg,
		"pieLegendTextColor":  p.fg,
		"pieTitleTextColor":   p.fg,
	}
	// Mermaid has 12 steps of colour scale and 12 pie colours; the tints
	// repeat.
	for i := range 12 {
		tint := p.scale[i%len(p.scale)]
		n := strconv.Itoa(i)
		vars["cScale"+n] = tint
		vars["cScaleLabel"+n] = p.fg
		vars["cScalePeer"+n] = p.border
		vars["cScaleInv"+n] = p.fg
		vars["pie"+strconv.Itoa(i+1)] = tint
	}
	for i, c := range p.strong {
		n := strconv.Itoa(i)
		vars["git"+n] = c
		vars["gitInv"+n] = p.onStrong
		vars["gitBranchLabel"+n] = p.onStrong
	}
	return map[string]any{
		"theme":            "base",
		"securityLevel":    "strict",
		"deterministicIds": true,
		"htmlLabels":       false,
		"fontFamily":       "inherit",
		"fontSize":         fontSize,
		"themeCSS":         themeCSS,
		"themeVariables":   vars,
		"flowchart":        map[string]any{"htmlLabels": false},
		// Mermaid's sequence diagrams are wide (boxes 150 px apart by 50,
		// with 50 px margins): four participants would not fit the column
		// at their natural size.
		"sequence": map[string]any{
			"actorFontSize": fontSize, "messageFontSize": fontSize, "noteFontSize": fontSize,
			"actorFontFamily": "inherit", "messageFontFamily": "inherit", "noteFontFamily": "inherit",
			"width": 120, "actorMargin": 36, "diagramMarginX": 8, "diagramMarginY": 8,
		},
		// Mermaid's Gantt charts are as wide as the page (here the
		// column) with 11 px labels in 20 px bars.
		"gantt": map[string]any{
			"todayMarker": "off", "useWidth": columnWidth, "axisFormat": "%m-%d",
			"fontSize": fontSize - 2, "sectionFontSize": fontSize - 2, "barHeight": 26, "barGap": 6,
			"topPadding": 50, "leftPadding": 80, "gridLineStartPadding": 40,
		},
	}
}
