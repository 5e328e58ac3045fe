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

// exportStartups returns the handler that sends the directory as filtered
// on its page (query and filters) as a CSV file or XLSX workbook, for
// staff.
func (d *dirPages) exportStartups(format string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		q := r.URL.Query()
		f := directory.Filter{Query: q.Get("q"), Region: q.Get("region"), Sector: q.Get("sector"), Stage: directory.Stage(q.Get("stage"))}
		items, more, err := d.store.ExportStartups(r.Context(), viewer(r), f)
		if err != nil {
			return err
		}
		header, rows := directory.ExportTable(items)
		return sendTable(w, "startups", format, header, rows, more)
	}
}

// exportInvestors is exportStartups for the investor directory.
func (d *dirPages) exportInvestors(format string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		q := r.URL.Query()
		f := directory.InvestorFilter{Query: q.Get("q"), Sector: q.Get("sector"), Stage: directory.Stage(q.Get("stage")), Region: q.Get("region")}
		items, more, err := d.store.ExportInvestors(r.Context(), viewer(r), f)
		if err != nil {
			return err
		}
		header, rows := directory.InvestorTable(items)
		return sendTable(w, "investors", format, header, rows, more)
	}
}

// sendTable sends a table as a CSV file or an XLSX workbook named after
// what it lists and the day; more says it was cut at MaxExportRows.
func sendTable(w http.ResponseWriter, what, format string, header []string, rows [][]string, more bool) error {
	var buf bytes.Buffer
	contentType := "text/csv; charset=utf-8"
	var err error
	if format == "xlsx" {
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = sheet.WriteXLSX(&buf, what, header, rows)
	} else {
		err = sheet.WriteCSV(&buf, header, rows)
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	name := "startbridge-" + what + "-" + time.Now().UTC().Format("20060102") + "." + format
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
