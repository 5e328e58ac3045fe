package directory

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"startbridge/internal/auth"
	"startbridge/internal/directory/sheet"
	"startbridge/internal/errs"
	"startbridge/internal/search"
	"startbridge/internal/text"
)

// ImportProblem is one thing wrong with an import: in a row (Line, as the
// spreadsheet numbers it; 0 for the mapping as a whole) and a column
// (its title), with a catalogue key and its arguments.
type ImportProblem struct {
	Line   int
	Column string
	Key    string
	Args   map[string]any
}

// ImportReport is the dry run of an import: what would be stored, and
// every problem that keeps it from being stored.
type ImportReport struct {
	Encoding   string
	HeaderRows int
	Rows       int
	Problems   []ImportProblem
	// Inputs are the rows as start-ups, in file order; Lines their lines.
	Inputs []StartupInput
	Lines  []int
}

// OK reports whether the import can be committed.
func (r *ImportReport) OK() bool { return len(r.Problems) == 0 && len(r.Inputs) > 0 }

// ErrImportRefused is the commit of an import whose dry run has problems;
// nothing was stored.
var ErrImportRefused = errors.New("import has problems; nothing was stored")

// PrepareImport is the dry run: it reads every row of t through the
// mapping, checks it as CreateStartup would, and looks for names that are
// twice in the file or already in the directory. Nothing is stored.
func (s *Store) PrepareImport(ctx context.Context, t *sheet.Table, m Mapping) (*ImportReport, error) {
	tx, err := loadTaxonomy(ctx, s.db)
	if err != nil {
		return nil, err
	}
	rep := &ImportReport{Encoding: t.Encoding, HeaderRows: t.HeaderRows, Rows: len(t.Rows)}
	title := func(field string) string {
		if i := m.column(field); i >= 0 && i < len(t.Header) && t.Header[i] != "" {
			return t.Header[i]
		}
		return field
	}
	if !checkMapping(rep, m) {
		return rep, nil
	}
	// A cell that could not be read has said so; the rules need not say
	// it again about the empty value left in its place.
	unreadable := map[string]bool{}
	for _, row := range t.Rows {
		in, problems := rowInput(row, m, tx)
		for _, p := range problems {
			rep.Problems = append(rep.Problems, ImportProblem{Line: row.Line, Column: title(p.Field), Key: p.Key, Args: p.Args})
			unreadable[fmt.Sprint(row.Line, title(p.Field))] = true
		}
		rep.Inputs, rep.Lines = append(rep.Inputs, in), append(rep.Lines, row.Line)
	}
	checked := append([]StartupInput(nil), rep.Inputs...)
	rowProblems, err := s.checkBatch(ctx, s.db, tx, checked)
	if err != nil {
		return nil, err
	}
	for _, rp := range rowProblems {
		line := rep.Lines[rp.Row-1]
		for _, f := range rp.Fields {
			column := title(importField(f.Field, m))
			if unreadable[fmt.Sprint(line, column)] {
				continue
			}
			args := f.Args
			if row, ok := args["row"].(int); ok {
				args = map[string]any{"row": rep.Lines[row-1]}
			}
			rep.Problems = append(rep.Problems, ImportProblem{Line: line, Column: column, Key: f.Key, Args: args})
		}
	}
	if err := s.checkNames(ctx, rep, checked, title); err != nil {
		return nil, err
	}
	sortProblems(rep.Problems)
	return rep, nil
}

// CommitImport stores every row of t as a start-up in one transaction, or
// nothing: when the dry run finds any problem it returns the report and
// ErrImportRefused. actor must be staff; nil means the command line.
func (s *Store) CommitImport(ctx context.Context, actor *auth.User, t *sheet.Table, m Mapping) ([]int64, *ImportReport, error) {
	actorID := int64(0)
	if actor != nil {
		if err := auth.Can(actor, auth.ImportStartups, auth.Target{}); err != nil {
			return nil, nil, err
		}
		actorID = actor.ID
	}
	rep, err := s.PrepareImport(ctx, t, m)
	if err != nil {
		return nil, nil, err
	}
	if !rep.OK() {
		return nil, rep, ErrImportRefused
	}
	ids, err := s.InsertStartups(ctx, actorID, rep.Inputs)
	var batch *ErrBatchInvalid
	if errors.As(err, &batch) {
		// Someone stored a clashing profile between the dry run and now.
		return nil, rep, ErrImportRefused
	}
	if err != nil {
		return nil, rep, err
	}
	return ids, rep, nil
}

// checkMapping refuses a mapping without a name column, a region or a
// stage, or with a field mapped twice.
func checkMapping(rep *ImportReport, m Mapping) bool {
	seen := map[string]bool{}
	for _, f := range m {
		if f == "" {
			continue
		}
		if seen[f] {
			rep.Problems = append(rep.Problems, ImportProblem{Column: f, Key: "directory.import.mapped_twice"})
		}
		seen[f] = true
	}
	if !seen["name_ko"] && !seen["name_zh"] && !seen["name_en"] {
		rep.Problems = append(rep.Problems, ImportProblem{Column: "name", Key: "directory.import.unmapped"})
	}
	for _, f := range []string{"region", "stage"} {
		if !seen[f] {
			rep.Problems = append(rep.Problems, ImportProblem{Column: f, Key: "directory.import.unmapped"})
		}
	}
	return len(rep.Problems) == 0
}

// rowInput turns one row into a start-up, with the problems of values that
// cannot be read (the rules themselves are checked later, as for any
// profile).
func rowInput(row sheet.Row, m Mapping, t *taxonomy) (StartupInput, []errs.FieldError) {
	var in StartupInput
	var v errs.Invalid
	get := func(field string) string { return row.Cell(m.column(field)) }
	in.Name = text.Text{Ko: get("name_ko"), Zh: get("name_zh"), En: get("name_en")}
	in.Description = text.Text{Ko: get("description_ko"), Zh: get("description_zh"), En: get("description_en")}
	in.LegalName, in.City, in.Website = get("legal_name"), get("city"), get("website")
	in.KRBizNumber, in.CNCreditNo = get("kr_business_number"), get("cn_credit_code")
	if s := get("region"); s != "" {
		in.Region = t.regionCode(s)
		if in.Region == "" {
			v.Add("region", "directory.import.region", map[string]any{"value": s})
		}
	} else {
		v.Add("region", "field.required", nil)
	}
	if s := get("stage"); s != "" {
		in.Stage = stageAliases[foldHeader(s)]
		if in.Stage == "" {
			in.Stage = Stage(s)
		}
	}
	for _, s := range splitCells(get("sectors")) {
		code := t.sectorCode(s)
		if code == "" {
			v.Add("sectors", "directory.field.sector", map[string]any{"value": strings.TrimSpace(s)})
			continue
		}
		in.Sectors = append(in.Sectors, code)
	}
	if s := get("founded_on"); s != "" {
		date, err := parseImportDate(s)
		if err != nil {
			v.Fields = append(v.Fields, err.(*errs.Invalid).Fields...)
		}
		in.FoundedOn = date
	}
	if s := get("employees"); s != "" {
		n, ok := parseCount(s)
		if !ok {
			v.Add("employees", "directory.import.number", map[string]any{"value": s})
		}
		in.Employees = &n
	}
	for _, s := range splitCells(get("target_markets")) {
		s = strings.TrimSpace(s)
		if code, ok := countryAliases[foldHeader(s)]; ok {
			s = code
		}
		in.Markets = append(in.Markets, s)
	}
	in.Seeks.Currency = strings.ToUpper(get("currency"))
	for _, f := range []struct {
		field string
		into  **int64
	}{{"investment_min", &in.Seeks.InvestmentMin}, {"investment_max", &in.Seeks.InvestmentMax}} {
		s := get(f.field)
		if s == "" {
			continue
		}
		n, ok := parseAmount(s, in.Seeks.Currency)
		if !ok {
			v.Add(f.field, "directory.import.amount", map[string]any{"value": s})
			continue
		}
		*f.into = &n
		in.Seeks.Investment = true
	}
	switch vis := foldHeader(get("visibility")); vis {
	case "", "public", "공개", "公开":
		in.Visibility = Public
	case "partners", "partnersonly", "파트너", "파트너전용", "合作伙伴", "仅合作伙伴":
		in.Visibility = PartnersOnly
	default:
		in.Visibility = Visibility(vis)
	}
	return in, v.Fields
}

// importField maps a validation field ("name.ko", "seeks.currency",
// "sectors[1]") to the import field whose column it came from.
func importField(field string, m Mapping) string {
	base, _, _ := strings.Cut(field, "[")
	switch base {
	case "name", "description":
		for _, l := range []string{"en", "ko", "zh"} {
			if m.column(base+"_"+l) >= 0 {
				return base + "_" + l
			}
		}
		return base
	case "name.ko", "name.zh", "name.en", "description.ko", "description.zh", "description.en":
		return strings.Replace(base, ".", "_", 1)
	case "seeks.investment_min", "seeks.investment_max", "seeks.currency":
		return strings.TrimPrefix(base, "seeks.")
	}
	return base
}

// checkNames refuses a name that is twice in the file, or that a start-up
// in the directory already has, in any of its languages.
func (s *Store) checkNames(ctx context.Context, rep *ImportReport, ins []StartupInput, title func(string) string) error {
	first := map[string]int{}
	for i, in := range ins {
		line := rep.Lines[i]
		for _, n := range []struct{ field, name string }{{"name_ko", in.Name.Ko}, {"name_zh", in.Name.Zh}, {"name_en", in.Name.En}} {
			key := foldHeader(n.name)
			if key == "" {
				continue
			}
			if row, dup := first[n.field+key]; dup {
				rep.Problems = append(rep.Problems, ImportProblem{Line: line, Column: title(n.field), Key: "directory.import.duplicate_name",
					Args: map[string]any{"name": n.name, "row": row}})
				continue
			}
			first[n.field+key] = line
			id, err := s.startupNamed(ctx, n.name)
			if err != nil {
				return err
			}
			if id != 0 {
				rep.Problems = append(rep.Problems, ImportProblem{Line: line, Column: title(n.field), Key: "directory.import.name_exists",
					Args: map[string]any{"name": n.name, "id": id}})
			}
		}
	}
	return nil
}

// startupNamed returns the id of a start-up with exactly this name in some
// language (ignoring case, spaces and punctuation), 0 when there is none.
// It asks the names tier of the search index, so it costs the same at any
// size.
func (s *Store) startupNamed(ctx context.Context, name string) (int64, error) {
	q := search.Parse(name)
	if q.Empty() {
		return 0, nil
	}
	if err := s.ensureIndex(ctx); err != nil {
		return 0, err
	}
	broad, err := s.broad(ctx, q, 1)
	if err != nil {
		return 0, err
	}
	candidates, err := s.matchStartups(ctx, tierQuery(s.db.Dialect(), q, 1), broad, conditions{}, 0, 50)
	if err != nil {
		return 0, err
	}
	ids := make([]int64, len(candidates))
	for i, c := range candidates {
		ids[i] = c.id
	}
	found, err := s.startupsByID(ctx, ids)
	if err != nil {
		return 0, err
	}
	key := foldHeader(name)
	for _, st := range found {
		if foldHeader(st.Name.Ko) == key || foldHeader(st.Name.Zh) == key || foldHeader(st.Name.En) == key {
			return st.ID, nil
		}
	}
	return 0, nil
}

func sortProblems(ps []ImportProblem) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Line < ps[j-1].Line; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// regionCode finds a region by code or by any of its names, also without
// the "province"/"city" part ("Gyeonggi", "경기", "杭州").
func (t *taxonomy) regionCode(s string) string {
	key := foldHeader(s)
	for code, r := range t.regions {
		if key == foldHeader(code) {
			return code
		}
		for _, n := range []string{r.name.Ko, r.name.Zh, r.name.En} {
			name := foldHeader(n)
			if name != "" && (key == name || strings.HasPrefix(name, key) && len([]rune(key)) >= 2) {
				return code
			}
		}
	}
	return ""
}

// sectorCode finds a sector by code or by its name in any language, or by
// the start of one name when only one sector's name starts so ("바이오" for
// 바이오·헬스케어, "Clean tech" for Clean technology).
func (t *taxonomy) sectorCode(s string) string {
	key := foldHeader(s)
	if key == "" {
		return ""
	}
	var prefixed []string
	for code, name := range t.sectors {
		names := []string{foldHeader(code), foldHeader(name.Ko), foldHeader(name.Zh), foldHeader(name.En)}
		if slices.Contains(names, key) {
			return code
		}
		for _, n := range names[1:] {
			if len([]rune(key)) >= 2 && strings.HasPrefix(n, key) {
				prefixed = append(prefixed, code)
				break
			}
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
}

// String describes a problem for logs and the command line in English.
func (p ImportProblem) String() string {
	return fmt.Sprintf("row %d, %s: %s %v", p.Line, p.Column, p.Key, p.Args)
}
