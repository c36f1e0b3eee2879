package page

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fivecalls/app/ui"
)

// StateCSS writes the state stylesheet (web/state.css) out for the story,
// as two: state, the page's (/state.css), and radios, the rules about the
// steps again on the step radios, for a page without its script
// (/radio-steps.css, which the script turns off). First the names the
// template refers to by their identifiers in braces (ui.ExpandStyle);
// then each rule that starts with a condition on the step shown ({if:X},
// {unless:X}, {ahead:X}, {focus:X}, X being step, frame or 0) is written
// into state on the classes on <html> (written by the server, kept by
// web/page.js) and into radios on the radios (conditions); every other
// rule into state alone. Each rule naming a call's placeholders ({step},
// {left}, {width}, {room}) is written once per call, each naming a
// framing's ({frame}, {zoom}, {zx}, {zy}) once per step, the overview's
// too, each naming a question's ({question}, {qid}) once per question,
// each naming {preset} once per embed. When only the selector names them, the copies share one
// declaration block as a list of selectors. The template is flat: comments
// and rules, no at-rules, no nesting; anything else is an error, found
// when the server starts.
//
// A framing's rule is written for the first label tier, the phone's; then,
// at the end, for each wider tier, in a container query on the map's width
// from the tier's (labelTiers), for the steps that tier frames otherwise:
// the widest query that holds wins. The strip's queries come before those
// (writeStripQueries).
func (w *Widget) StateCSS(template string) (state, radios string, err error) {
	template, err = ui.ExpandStyle(template)
	if err != nil {
		return "", "", err
	}
	s, cs, views := w.story, w.calls, w.geo.views
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	var callVars, questionVars []map[string]string
	lefts := w.markLefts()
	for i, c := range cs {
		_, width := w.markSpan(c)
		left := lefts[i]
		// {room} is the strip from the mark's start to the next one's (to
		// the end for the last): a mark is never made wider than that.
		next := 100.0
		if i+1 < len(cs) {
			next = lefts[i+1]
		}
		callVars = append(callVars, map[string]string{
			"{step}":  strconv.Itoa(c.Step),
			"{left}":  num(left),
			"{width}": num(width),
			"{room}":  num(max(next-left, 0)),
		})
	}
	// frameVars per tier: every step for the first, and for each other
	// tier the steps it frames otherwise than the tier before it, as
	// written.
	same := func(a, b mapZoom) bool { return num(a.K) == num(b.K) && num(a.X) == num(b.X) && num(a.Y) == num(b.Y) }
	frameVars := make([][]map[string]string, len(labelTiers))
	for step, vs := range views {
		for t, v := range vs {
			if t > 0 && same(v, vs[t-1]) {
				continue
			}
			frameVars[t] = append(frameVars[t], map[string]string{
				"{frame}": strconv.Itoa(step),
				"{zoom}":  num(v.K),
				"{zx}":    num(v.X),
				"{zy}":    num(v.Y),
			})
		}
	}
	for i, q := range s.Quiz.Questions {
		questionVars = append(questionVars, map[string]string{
			"{question}": strconv.Itoa(i + 1),
			"{qid}":      q.ID,
		})
	}
	var presetVars []map[string]string
	for i := range ui.EmbedPages {
		presetVars = append(presetVars, map[string]string{"{preset}": strconv.Itoa(i)})
	}

	// write writes a rule into a sheet, once per call, framing, question
	// or embed that it names.
	write := func(sh *sheet, selector, decls string) {
		vars := callVars
		switch {
		case strings.Contains(selector+decls, "{question}") || strings.Contains(selector+decls, "{qid}"):
			vars = questionVars
		case strings.Contains(selector+decls, "{preset}"):
			vars = presetVars
		case strings.Contains(selector+decls, "{frame}"):
			vars = frameVars[0]
			if hasPlaceholder(decls) {
				for t := 1; t < len(labelTiers); t++ {
					for _, v := range frameVars[t] {
						fmt.Fprintf(&sh.tiered[t], "%s{%s}\n", fill(selector, v), fill(decls, v))
					}
				}
			}
		case !hasPlaceholder(selector + decls):
			fmt.Fprintf(&sh.out, "%s{%s}\n", selector, decls)
			return
		}
		if hasPlaceholder(decls) {
			for _, v := range vars {
				fmt.Fprintf(&sh.out, "%s{%s}\n", fill(selector, v), fill(decls, v))
			}
			return
		}
		if len(vars) == 0 {
			return
		}
		sels := make([]string, len(vars))
		for i, v := range vars {
			sels[i] = fill(selector, v)
		}
		fmt.Fprintf(&sh.out, "%s{%s}\n", strings.Join(sels, ",\n"), decls)
	}

	byClass, byRadio := conditions()
	st := &sheet{tiered: make([]strings.Builder, len(labelTiers))}
	ra := &sheet{tiered: make([]strings.Builder, len(labelTiers))}
	rest := template
	for {
		rest = strings.TrimLeft(rest, " \t\r\n")
		if rest == "" {
			break
		}
		if strings.HasPrefix(rest, "/*") {
			end := strings.Index(rest, "*/")
			if end < 0 {
				return "", "", fmt.Errorf("state.css: a comment is not closed")
			}
			rest = rest[end+2:]
			continue
		}
		open := nextBrace(rest, 0, '{')
		end := nextBrace(rest, open+1, '}')
		if open < 0 || end < 0 {
			return "", "", fmt.Errorf("state.css: expected a rule at %.40q", rest)
		}
		selector := strings.TrimSpace(rest[:open])
		decls := strings.TrimSpace(rest[open+1 : end])
		if selector == "" {
			return "", "", fmt.Errorf("state.css: a rule without a selector at %.40q (a condition is {if:, {unless:, {ahead: or {focus:)", rest)
		}
		rest = rest[end+1:]
		if strings.HasPrefix(selector, "@") || nextBrace(decls, 0, '{') >= 0 {
			return "", "", fmt.Errorf("state.css: %q: at-rules and nesting are not supported", selector)
		}
		if c := byClass.Replace(selector); c != selector {
			write(st, c, decls)
			write(ra, byRadio.Replace(selector), decls)
			continue
		}
		write(st, selector, decls)
	}
	w.writeStripQueries(&st.out)
	state, radios = st.css(), ra.css()
	for _, out := range []string{state, radios} {
		if left := unknownPlaceholder(out); left != "" {
			return "", "", fmt.Errorf("state.css: unknown placeholder %s", left)
		}
		for _, k := range conditionKinds {
			if i := strings.Index(out, k); i >= 0 {
				return "", "", fmt.Errorf("state.css: unknown condition %s (a condition is on step, frame or 0)", conditionAt(out[i:]))
			}
		}
	}
	return state, radios, nil
}

// sheet is one stylesheet StateCSS writes: its rules, and the framings'
// rules of each wider label tier, which follow them in container queries.
type sheet struct {
	out    strings.Builder
	tiered []strings.Builder
}

// css is the sheet's text: its rules, then the tiers' queries.
func (sh *sheet) css() string {
	var b strings.Builder
	b.WriteString(sh.out.String())
	for t := 1; t < len(sh.tiered); t++ {
		if sh.tiered[t].Len() > 0 {
			fmt.Fprintf(&b, "@container (min-width: %spx) {\n%s}\n", strconv.FormatFloat(labelTiers[t].minPx, 'f', -1, 64), sh.tiered[t].String())
		}
	}
	return b.String()
}

// conditions are the conditions on the step shown that a rule of the
// template may start with, written on the classes on <html> that
// web/page.js keeps (byClass) and on the step radios (byRadio); each is
// followed by the parts' sections, as a descendant of <html> or a later
// sibling of the radios' fieldset.
func conditions() (byClass, byRadio *strings.Replacer) {
	var class, radio []string
	for _, x := range []string{"{step}", "{frame}", "0"} {
		r := "#" + ui.StepRadioName + "-" + x
		class = append(class,
			"{if:"+strings.Trim(x, "{}")+"}", ":root."+ui.ScriptStepsClass+"."+ui.AtClassPrefix+x,
			"{unless:"+strings.Trim(x, "{}")+"}", ":root."+ui.ScriptStepsClass+":not(."+ui.AtClassPrefix+x+")",
			"{ahead:"+strings.Trim(x, "{}")+"}", ":root."+ui.ScriptStepsClass+":not(."+ui.UpToClassPrefix+x+")",
			"{focus:"+strings.Trim(x, "{}")+"}", ":root."+ui.FocusClassPrefix+x)
		radio = append(radio,
			"{if:"+strings.Trim(x, "{}")+"}", "."+ui.StepsClass+":has("+r+":checked) ~",
			"{unless:"+strings.Trim(x, "{}")+"}", "."+ui.StepsClass+":not(:has("+r+":checked)) ~",
			"{ahead:"+strings.Trim(x, "{}")+"}", "."+ui.StepsClass+":has(:checked ~ "+r+"):not(:has(#"+ui.StepRadioName+"-0:checked)) ~",
			"{focus:"+strings.Trim(x, "{}")+"}", "."+ui.StepsClass+":has("+r+":focus-visible) ~")
	}
	return strings.NewReplacer(class...), strings.NewReplacer(radio...)
}

// placeholders are the names ExpandStateCSS fills in.
var placeholders = []string{"{step}", "{left}", "{width}", "{room}", "{frame}", "{zoom}", "{zx}", "{zy}", "{question}", "{qid}", "{preset}"}

func hasPlaceholder(s string) bool {
	for _, p := range placeholders {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func fill(s string, vars map[string]string) string {
	for k, v := range vars {
		s = strings.ReplaceAll(s, k, v)
	}
	return s
}

// nextBrace is the index of the next brace b at or after from that is not
// part of a placeholder, or -1.
func nextBrace(s string, from int, b byte) int {
	if from < 0 {
		return -1
	}
	for i := from; i < len(s); i++ {
		if s[i] == '{' {
			if p := placeholderAt(s[i:]); p != "" {
				i += len(p) - 1
				continue
			}
		}
		if s[i] == b {
			return i
		}
	}
	return -1
}

// placeholderAt returns the placeholder or condition s starts with, if
// any.
func placeholderAt(s string) string {
	for _, p := range placeholders {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	if c := conditionAt(s); c != "" {
		return c
	}
	return ""
}

// conditionKinds are the conditions' names, as in {if:step}.
var conditionKinds = []string{"{if:", "{unless:", "{ahead:", "{focus:"}

// conditionAt returns the condition s starts with, known or not: {if:step}.
func conditionAt(s string) string {
	for _, k := range conditionKinds {
		if strings.HasPrefix(s, k) {
			if end := strings.IndexByte(s, '}'); end > 0 {
				return s[:end+1]
			}
		}
	}
	return ""
}

// unknownPlaceholder returns a {word} left in the output, if any: a typo in
// the template that would otherwise silently match nothing.
func unknownPlaceholder(s string) string {
	for i := strings.IndexByte(s, '{'); i >= 0; {
		j := i + 1
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z') {
			j++
		}
		if j < len(s) && s[j] == '}' && j > i+1 {
			return s[i : j+1]
		}
		next := strings.IndexByte(s[i+1:], '{')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return ""
}

// writeStripQueries writes, for each level of the strip's labels but the
// last, a container query on the strip's width in rem (the reader's text
// size) below which its labels do not fit: there the labels of that level
// hide, and the next level's show (timeScale.levels). Without it "1 p.m."
// ran into "2" at 1280 px in 200% text.
func (w *Widget) writeStripQueries(out *strings.Builder) {
	_, fits := w.scale.levels(w.scale.labels(w.loc))
	for i, need := range fits[:len(fits)-1] {
		fmt.Fprintf(out, "@container (max-width: %srem) {\n.%s > [%s=\"%d\"]{visibility:hidden}\n}\n",
			strconv.FormatFloat(math.Ceil(need*100)/100, 'f', -1, 64), ui.HoursClass, ui.LevelAttr, i+1)
	}
}
