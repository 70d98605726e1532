package diagram

import (
	"strings"
	"testing"
)

var testFigure = Figure{
	Light: SVG{Markup: []byte(`<svg id="dg-1-l" viewBox="0 0 400 100" width="400" height="100"><text>밝음</text></svg>`), Width: 400, Height: 100},
	Dark:  SVG{Markup: []byte(`<svg id="dg-1-d" viewBox="0 0 400 100" width="400" height="100"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><div>어둠</div></div></foreignObject></svg>`), Width: 400, Height: 100},
}

func TestFigureShowsLightAndHidesDark(t *testing.T) {
	got := string(testFigure.HTML())
	want := `<figure class="diagram" tabindex="0">` +
		`<div class="diagram-light" style="min-width:280px">` + string(testFigure.Light.Markup) + `</div>` +
		`<div class="diagram-dark" hidden style="min-width:280px">` + string(testFigure.Dark.Markup) + `</div>` +
		`</figure>`
	if got != want {
		t.Errorf("HTML =\n%s\nwant\n%s", got, want)
	}
}

func TestFeedHTMLKeepsOnlyTheLightDrawing(t *testing.T) {
	page := "<p>앞</p>\n" + string(testFigure.HTML()) + "\n<p>뒤 <DIV class=\"x\">kept</DIV></p>\n" + string(testFigure.HTML())
	got := FeedHTML([]byte(page))
	one := `<figure class="diagram" tabindex="0"><div class="diagram-light" style="min-width:280px">` + string(testFigure.Light.Markup) + `</div></figure>`
	want := "<p>앞</p>\n" + one + "\n<p>뒤 <DIV class=\"x\">kept</DIV></p>\n" + one
	if string(got) != want {
		t.Errorf("FeedHTML =\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(string(got), "어둠") {
		t.Error("the dark drawing's text is still there")
	}
}

func TestFeedHTMLLeavesOtherHTMLAsItIs(t *testing.T) {
	page := []byte("<p>글 <b>굵게</b></p><div class=\"diagram-darkish\">x</div>")
	if got := FeedHTML(page); string(got) != string(page) {
		t.Errorf("FeedHTML = %s, want the page unchanged", got)
	}
}
