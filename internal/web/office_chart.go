package web

import (
	"bytes"
	"fmt"
	"html/template"

	"startbridge/internal/i18n"
	"startbridge/internal/office"
)

// chartTemplate draws occupancy as bars against each month's desks. The
// words come from the catalogue; the drawing is plain SVG with presentation
// attributes, which the page's content security policy allows.
var chartTemplate = template.Must(template.New("chart").Parse(`<svg class="office-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{.Width}} {{.Height}}" width="100%" role="img" aria-labelledby="{{.ID}}-title {{.ID}}-desc">
<title id="{{.ID}}-title">{{.Title}}</title>
<desc id="{{.ID}}-desc">{{.Desc}}</desc>
<line x1="{{.Left}}" y1="{{.Base}}" x2="{{.Right}}" y2="{{.Base}}" stroke="#5b6473" stroke-width="1"/>
<text x="{{.AxisX}}" y="{{.Base}}" font-size="11" text-anchor="end" fill="#5b6473" dy="4">0</text>
<text x="{{.AxisX}}" y="{{.Top}}" font-size="11" text-anchor="end" fill="#5b6473" dy="4">{{.Max}}</text>
{{range .Bars}}<g>
<rect x="{{.X}}" y="{{.CapY}}" width="{{.W}}" height="{{.CapH}}" fill="#eef1f5" stroke="#c5ccd6" stroke-width="1"/>
{{if .H}}<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" fill="{{.Fill}}"/>{{end}}
<text x="{{.MidX}}" y="{{.LabelY}}" font-size="11" text-anchor="middle" fill="#1d2430">{{.Label}}</text>
<text x="{{.MidX}}" y="{{.ValueY}}" font-size="11" text-anchor="middle" fill="#1d2430">{{.Value}}</text>
</g>
{{end}}</svg>`))

type chartBar struct {
	X, W, Y, H, CapY, CapH, MidX, LabelY, ValueY int
	Fill, Label, Value                           string
}

type chartData struct {
	ID, Title, Desc                                   string
	Width, Height, Left, Right, Base, Top, AxisX, Max int
	Bars                                              []chartBar
}

// occupancyChart draws an office's months; id keeps the title and
// description ids unique on a page with several charts.
func occupancyChart(p *i18n.Printer, id, name string, months []office.MonthOccupancy) (template.HTML, error) {
	const width, height, left, right, top, base = 720, 220, 40, 710, 20, 180
	d := chartData{ID: id, Width: width, Height: height, Left: left, Right: right, Base: base, Top: top, AxisX: left - 6}
	for _, m := range months {
		d.Max = max(d.Max, m.Desks, m.Allocated)
	}
	if d.Max == 0 || len(months) == 0 {
		d.Max = 1
	}
	d.Title = p.T("office.chart.title", "office", name)
	full := 0
	for _, m := range months {
		if m.Allocated >= m.Desks {
			full++
		}
	}
	if len(months) > 0 {
		d.Desc = p.T("office.chart.desc", "from", months[0].Month, "to", months[len(months)-1].Month,
			"desks", months[0].Desks, "full", full)
	}
	slot := (right - left) / max(len(months), 1)
	plot := base - top
	for i, m := range months {
		b := chartBar{X: left + i*slot + slot/8, W: slot * 3 / 4, Label: m.Month[2:], Fill: "#2f6f9f",
			Value: fmt.Sprintf("%d/%d", m.Allocated, m.Desks)}
		b.MidX = b.X + b.W/2
		b.CapH = m.Desks * plot / d.Max
		b.CapY = base - b.CapH
		b.H = m.Allocated * plot / d.Max
		b.Y = base - b.H
		if m.Allocated >= m.Desks {
			b.Fill = "#b5482f"
		}
		b.LabelY, b.ValueY = base+16, base+32
		if b.ValueY > height-2 {
			b.ValueY = height - 2
		}
		d.Bars = append(d.Bars, b)
	}
	var buf bytes.Buffer
	if err := chartTemplate.Execute(&buf, d); err != nil {
		return "", fmt.Errorf("chart: %w", err)
	}
	return template.HTML(buf.String()), nil
}
