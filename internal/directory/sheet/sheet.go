// Package sheet reads the rows of spreadsheets that people export from
// other tools — CSV in UTF-8 (with or without a byte order mark), UTF-16,
// GBK/GB18030 or EUC-KR, and XLSX — and writes CSV and XLSX. It knows
// nothing of start-ups: it gives cells, with the line numbers a person sees
// in their spreadsheet program.
package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
)

// MaxRows bounds the data rows of one file; an import is a batch of
// profiles, not a database dump.
const MaxRows = 20000

// Row is one non-blank data row: Line is its number in the file (1 for the
// first row, as spreadsheet programs count), Cells its values, trimmed.
type Row struct {
	Line  int
	Cells []string
}

// Cell returns the value of column i, "" beyond the row's end.
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// Table is the rows of a sheet below its header.
type Table struct {
	// Header holds the column titles; a title merged over several columns
	// above a second header row is repeated in front of each sub-title
	// ("Name ko", "Name zh").
	Header []string
	// HeaderRows is how many rows the header took (1 or 2).
	HeaderRows int
	Rows       []Row
	// Encoding names how a CSV file was read (UTF-8, UTF-16, GB18030,
	// EUC-KR); "XLSX" for workbooks.
	Encoding string
}

// ErrUnknownFormat refuses a file that is neither CSV nor XLSX.
var ErrUnknownFormat = errors.New("not a CSV or XLSX file")

// ErrEmpty refuses a file without a header row.
var ErrEmpty = errors.New("the file has no rows")

// TooManyRowsError refuses a file with more than MaxRows data rows.
type TooManyRowsError struct{ Rows int }

func (e *TooManyRowsError) Error() string {
	return fmt.Sprintf("%d rows, at most %d are read", e.Rows, MaxRows)
}

// Read reads a CSV or XLSX file, told apart by content (an XLSX file is a
// ZIP archive) and then by name. headerHint scores a candidate header cell
// (how likely it names a known column); it decides between a one- and a
// two-row header and, for CSV files that are not UTF-8, between the
// encodings.
func Read(name string, data []byte, headerHint func(string) bool) (*Table, error) {
	isZip := bytes.HasPrefix(data, []byte("PK\x03\x04"))
	ext := strings.ToLower(path.Ext(name))
	switch {
	case isZip:
		return readXLSX(data, headerHint)
	case ext == ".xlsx" || ext == ".xls":
		// An .xls (BIFF) file, or something else named like a workbook.
		return nil, ErrUnknownFormat
	case bytes.IndexByte(data, 0) >= 0 && !hasUTF16BOM(data):
		return nil, ErrUnknownFormat
	}
	return readCSV(data, headerHint)
}

// table finds the header among raw rows and keeps the non-blank data rows
// below it; lines[i] is the line of raw[i] in the file (nil: i+1).
func table(raw [][]string, lines []int, encoding string, headerHint func(string) bool) (*Table, error) {
	line := func(i int) int {
		if lines == nil {
			return i + 1
		}
		return lines[i]
	}
	first := -1
	for i, cells := range raw {
		if !blank(cells) {
			first = i
			break
		}
	}
	if first < 0 {
		return nil, ErrEmpty
	}
	t := &Table{Encoding: encoding, HeaderRows: 1, Header: trimAll(raw[first])}
	next := first + 1
	if next < len(raw) && !blank(raw[next]) {
		two := combine(raw[first], raw[next])
		if score(two, headerHint) > score(t.Header, headerHint) {
			t.Header, t.HeaderRows, next = two, 2, next+1
		}
	}
	for i := next; i < len(raw); i++ {
		if blank(raw[i]) {
			continue
		}
		if len(t.Rows) == MaxRows {
			return nil, &TooManyRowsError{Rows: countRows(raw[next:])}
		}
		t.Rows = append(t.Rows, Row{Line: line(i), Cells: trimAll(raw[i])})
	}
	return t, nil
}

// combine makes one header of two rows: a title of the upper row stays in
// force over the blank cells to its right (a merged cell), and is put in
// front of each sub-title below it.
func combine(upper, lower []string) []string {
	n := max(len(upper), len(lower))
	out := make([]string, n)
	current := ""
	for i := range n {
		u, l := "", ""
		if i < len(upper) {
			u = strings.TrimSpace(upper[i])
		}
		if i < len(lower) {
			l = strings.TrimSpace(lower[i])
		}
		if u != "" {
			current = u
		}
		switch {
		case l == "":
			out[i] = current
		case current == "":
			out[i] = l
		default:
			out[i] = current + " " + l
		}
	}
	return out
}

func score(header []string, hint func(string) bool) int {
	n := 0
	for _, h := range header {
		if h != "" && hint != nil && hint(h) {
			n++
		}
	}
	return n
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func trimAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

func countRows(raw [][]string) int {
	n := 0
	for _, cells := range raw {
		if !blank(cells) {
			n++
		}
	}
	return n
}
