package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"startbridge/internal/directory"
	"startbridge/internal/directory/sheet"
)

// exportCSV sends the directory as filtered on the page (query and
// filters) as CSV, for staff.
func (d *dirPages) exportCSV(w http.ResponseWriter, r *http.Request) error {
	return d.export(w, r, "csv")
}

// exportXLSX is exportCSV as an Excel workbook.
func (d *dirPages) exportXLSX(w http.ResponseWriter, r *http.Request) error {
	return d.export(w, r, "xlsx")
}

func (d *dirPages) export(w http.ResponseWriter, r *http.Request, format string) error {
	q := r.URL.Query()
	f := directory.Filter{Query: q.Get("q"), Region: q.Get("region"), Sector: q.Get("sector"), Stage: directory.Stage(q.Get("stage"))}
	items, more, err := d.store.ExportStartups(r.Context(), viewer(r), f)
	if err != nil {
		return err
	}
	header, rows := directory.ExportTable(items)
	var buf bytes.Buffer
	contentType := "text/csv; charset=utf-8"
	if format == "xlsx" {
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = sheet.WriteXLSX(&buf, "startups", header, rows)
	} else {
		err = sheet.WriteCSV(&buf, header, rows)
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	name := "startbridge-startups-" + time.Now().UTC().Format("20060102") + "." + format
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if more {
		// The file holds the first MaxExportRows; a header tells tools so.
		h.Set("X-Truncated", strconv.Itoa(directory.MaxExportRows))
	}
	w.Write(buf.Bytes())
	return nil
}
