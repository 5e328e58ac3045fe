package web

import (
	"errors"
	"net/http"
	"strconv"

	"startbridge/internal/auth"
	"startbridge/internal/directory"
	"startbridge/internal/directory/sheet"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
)

// importView is the staff's import page: the upload form, then the column
// mapping with a few values of each column, and the dry run's report.
type importView struct {
	Page
	Form
	ID         int64
	Filename   string
	Encoding   string
	HeaderRows int
	Rows       int
	Columns    []importColumn
	Fields     []option
	Checked    bool
	Problems   []importProblem
	// Importable is true after a dry run without problems.
	Importable bool
}

// importColumn is one column of the file and the field it is mapped to.
type importColumn struct {
	Index   int
	Title   string
	Samples []string
	Field   string
}

// importProblem is one line of the dry run's report, translated.
type importProblem struct {
	Line    int
	Column  string
	Message string
}

// importSamples is how many values of each column the mapping shows.
const importSamples = 3

func (d *dirPages) importForm(w http.ResponseWriter, r *http.Request) error {
	if err := auth.Can(viewer(r), auth.ImportStartups, auth.Target{}); err != nil {
		return err
	}
	return d.render(w, r, http.StatusOK, "startup_import", &importView{Page: Page{Nav: "startups"}, Form: newForm("file")})
}

// importUpload keeps the uploaded file for the next steps, once it reads
// as a spreadsheet.
func (d *dirPages) importUpload(w http.ResponseWriter, r *http.Request) error {
	u := viewer(r)
	if err := auth.Can(u, auth.ImportStartups, auth.Target{}); err != nil {
		return err
	}
	v := &importView{Page: Page{Nav: "startups"}, Form: newForm("file")}
	data, name, err := readUpload(w, r, "file", directory.MaxImportBytes)
	if errors.Is(err, errUploadTooLarge) {
		err = errs.Field("file", "directory.import.too_large", map[string]any{"max_mb": directory.MaxImportBytes >> 20})
	}
	if err == nil {
		_, err = readSheet(name, data)
	}
	if err != nil {
		return reshow(err, "startup_import", v, &v.Form)
	}
	id, err := d.store.SaveImportFile(r.Context(), u, name, data)
	if err != nil {
		return err
	}
	return seeOther(w, r, "/import/startups/"+strconv.FormatInt(id, 10))
}

// readSheet reads a spreadsheet, or says in the user's language why not.
func readSheet(name string, data []byte) (*sheet.Table, error) {
	t, err := sheet.Read(name, data, directory.IsKnownHeader)
	var tooMany *sheet.TooManyRowsError
	switch {
	case errors.As(err, &tooMany):
		return nil, errs.Field("file", "directory.import.too_many_rows", map[string]any{"rows": tooMany.Rows, "max": sheet.MaxRows})
	case errors.Is(err, sheet.ErrEmpty):
		return nil, errs.Field("file", "directory.import.empty", nil)
	case err != nil:
		return nil, errs.Field("file", "directory.import.unreadable", nil)
	case len(t.Rows) == 0:
		return nil, errs.Field("file", "directory.import.empty", nil)
	}
	return t, nil
}

func (d *dirPages) loadImport(r *http.Request) (*importView, *sheet.Table, error) {
	id, err := dirPathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	f, err := d.store.ImportFile(r.Context(), viewer(r), id)
	if err != nil {
		return nil, nil, err
	}
	t, err := readSheet(f.Filename, f.Data)
	if err != nil {
		return nil, nil, err
	}
	p := httpx.From(r).P
	v := &importView{Page: Page{Nav: "startups"}, Form: newForm(), ID: id, Filename: f.Filename, Encoding: t.Encoding,
		HeaderRows: t.HeaderRows, Rows: len(t.Rows)}
	for _, field := range directory.ImportFields {
		v.Fields = append(v.Fields, option{Value: field, Label: p.T("directory.field_name." + field)})
	}
	mapping := directory.GuessMapping(t.Header)
	for i, title := range t.Header {
		c := importColumn{Index: i, Title: title, Field: mapping[i]}
		for _, row := range t.Rows[:min(importSamples, len(t.Rows))] {
			if s := row.Cell(i); s != "" {
				c.Samples = append(c.Samples, s)
			}
		}
		v.Columns = append(v.Columns, c)
	}
	return v, t, nil
}

func (d *dirPages) importMapping(w http.ResponseWriter, r *http.Request) error {
	v, _, err := d.loadImport(r)
	if err != nil {
		return err
	}
	return d.render(w, r, http.StatusOK, "startup_import", v)
}

// importRun checks the file with the mapping chosen (action=check), or
// stores it all (action=commit) when the check finds nothing.
func (d *dirPages) importRun(w http.ResponseWriter, r *http.Request) error {
	v, t, err := d.loadImport(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	mapping := make(directory.Mapping, len(v.Columns))
	for i := range v.Columns {
		field := r.PostFormValue("column_" + strconv.Itoa(i))
		if field != "" && !contains(directory.ImportFields, field) {
			return errBadForm
		}
		mapping[i], v.Columns[i].Field = field, field
	}
	var rep *directory.ImportReport
	var ids []int64
	if r.PostFormValue("action") == "commit" {
		ids, rep, err = d.store.CommitImport(r.Context(), viewer(r), t, mapping)
		if err == nil {
			d.store.DropImportFile(r.Context(), v.ID)
			return seeOther(w, r, "/startups?imported="+strconv.Itoa(len(ids)))
		}
	} else {
		rep, err = d.store.PrepareImport(r.Context(), t, mapping)
	}
	if err != nil && !errors.Is(err, directory.ErrImportRefused) {
		return err
	}
	p := httpx.From(r).P
	v.Checked, v.Importable = true, rep.OK()
	for _, pr := range rep.Problems {
		v.Problems = append(v.Problems, importProblem{Line: pr.Line, Column: pr.Column, Message: p.T(pr.Key, flatten(pr.Args)...)})
	}
	status := http.StatusOK
	if !rep.OK() {
		status = http.StatusUnprocessableEntity
	}
	return d.render(w, r, status, "startup_import", v)
}
