package sheet

import (
	"bytes"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads the first sheet of a workbook with raw cell values: a date
// is then its Excel serial number ("44256"), never a display format that
// depends on the author's locale; the importer turns serials into dates.
func readXLSX(data []byte, hint func(string) bool) (*Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read XLSX: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, ErrEmpty
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("read XLSX: %w", err)
	}
	defer rows.Close()
	var raw [][]string
	for rows.Next() {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("read XLSX: %w", err)
		}
		raw = append(raw, cells)
		if len(raw) > MaxRows+10 {
			return nil, &TooManyRowsError{Rows: len(raw)}
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("read XLSX: %w", err)
	}
	return table(raw, nil, "XLSX", hint)
}

// WriteXLSX writes rows as a workbook of one sheet with a bold, frozen
// header. Cells are written as text, so business numbers and codes keep
// their leading zeros and nothing is read as a formula.
func WriteXLSX(w io.Writer, sheetName string, header []string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetName)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	head := make([]any, len(header))
	for i, h := range header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, c := range r {
			cells[j] = c
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
