package directory

import (
	"context"
	"fmt"
	"strings"

	"startbridge/internal/database"
	"startbridge/internal/search"
)

// entry is the three parts of a search entry: names count most, then
// descriptions, then tags (taxonomy.tags), which also hold the filter
// tokens of a start-up (filterTokens).
type entry struct {
	name, body, tags string
	filters          []string
}

func startupEntry(in *StartupInput, l *taxonomy) entry {
	return entry{
		name:    in.Name.All() + " " + in.LegalName,
		body:    in.Description.All() + " " + in.City,
		tags:    l.tags(in.Region, in.Sectors),
		filters: filterTokens(in.Region, in.Sectors, in.Stage, in.Visibility),
	}
}

// filterTokens are the search tokens of the values a start-up's filters
// match (search.FilterToken); Filter.tokens asks for them.
func filterTokens(region string, sectors []string, stage Stage, visibility Visibility) []string {
	out := []string{search.FilterToken("r", region), search.FilterToken("t", string(stage)), search.FilterToken("v", string(visibility))}
	for _, s := range sectors {
		out = append(out, search.FilterToken("s", s))
	}
	return out
}

func investorEntry(in *InvestorInput, l *taxonomy) entry {
	return entry{
		name: in.Name.All(),
		body: in.Description.All(),
		tags: l.tags(in.Region, in.Sectors),
	}
}

// reindexStartup brings start-up id's search entry in line with its row, in
// the transaction that changed the row.
func reindexStartup(ctx context.Context, tx *database.Tx, id int64) error {
	st, err := loadStartup(ctx, tx, id)
	if err != nil {
		return err
	}
	l, err := loadTaxonomy(ctx, tx)
	if err != nil {
		return err
	}
	in := st.Input()
	return writeEntry(ctx, tx, "startup", id, startupEntry(&in, l))
}

// reindexInvestor brings investor id's search entry in line with its row.
func reindexInvestor(ctx context.Context, tx *database.Tx, id int64) error {
	iv, err := loadInvestor(ctx, tx, id)
	if err != nil {
		return err
	}
	l, err := loadTaxonomy(ctx, tx)
	if err != nil {
		return err
	}
	in := iv.Input()
	return writeEntry(ctx, tx, "investor", id, investorEntry(&in, l))
}

// columns returns the tokens of the entry's three FTS5 columns; names are
// indexed twice (search.NameDocument), so "every term in the name" is a
// plain term query.
func (e entry) columns() (name, body, tags string) {
	tags = search.Document(e.tags)
	if len(e.filters) > 0 {
		tags += " " + strings.Join(e.filters, " ")
	}
	return search.NameDocument(e.name), search.Document(e.body), tags
}

// eachToken calls fn with each token of the entry's columns, as columns
// has them (names' tokens plain, then marked when marked is set), without
// joining and splitting them; a token may come more than once.
func (e entry) eachToken(marked bool, fn func(string)) {
	for _, t := range search.Tokens(e.name) {
		fn(t)
		if marked {
			fn(search.NameMark + t)
		}
	}
	for _, t := range search.Tokens(e.body) {
		fn(t)
	}
	for _, t := range search.Tokens(e.tags) {
		fn(t)
	}
	for _, t := range e.filters {
		fn(t)
	}
}

// tsvector returns the entry as a PostgreSQL tsvector literal, with the
// same tokens as columns.
func (e entry) tsvector() string {
	return search.TSVector(e.columns())
}

// writeEntry replaces the search entry of object id of kind ("startup" or
// "investor"). The table names come from this package, never from input.
func writeEntry(ctx context.Context, q database.Querier, kind string, id int64, e entry) error {
	table := kind + "_search"
	if kind == "startup" {
		if err := stampChanges(ctx, q, []int64{id}); err != nil {
			return err
		}
	}
	if q.Dialect() == database.Postgres {
		_, err := q.Exec(ctx, `INSERT INTO `+table+` (`+kind+`_id, doc) VALUES (?, CAST(? AS tsvector))
			ON CONFLICT (`+kind+`_id) DO UPDATE SET doc = EXCLUDED.doc`, id, e.tsvector())
		if err != nil {
			return fmt.Errorf("index %s %d: %w", kind, id, err)
		}
		return nil
	}
	if _, err := q.Exec(ctx, `DELETE FROM `+table+` WHERE rowid = ?`, id); err != nil {
		return fmt.Errorf("unindex %s %d: %w", kind, id, err)
	}
	name, body, tags := e.columns()
	_, err := q.Exec(ctx, `INSERT INTO `+table+` (rowid, name, body, tags) VALUES (?, ?, ?, ?)`, id, name, body, tags)
	if err != nil {
		return fmt.Errorf("index %s %d: %w", kind, id, err)
	}
	return nil
}

// insertEntries adds new search entries with multi-row statements; the
// objects must have none yet.
func insertEntries(ctx context.Context, q database.Querier, kind string, ids []int64, entries []entry) error {
	if kind == "startup" {
		if err := stampChanges(ctx, q, ids); err != nil {
			return err
		}
	}
	for start := 0; start < len(ids); start += rowsPerStatement {
		end := min(start+rowsPerStatement, len(ids))
		var rows []string
		var args []any
		for i := start; i < end; i++ {
			if q.Dialect() == database.Postgres {
				rows = append(rows, "(?, CAST(? AS tsvector))")
				args = append(args, ids[i], entries[i].tsvector())
				continue
			}
			name, body, tags := entries[i].columns()
			rows = append(rows, "(?, ?, ?, ?)")
			args = append(args, ids[i], name, body, tags)
		}
		insert := `INSERT INTO ` + kind + `_search (rowid, name, body, tags) VALUES `
		if q.Dialect() == database.Postgres {
			insert = `INSERT INTO ` + kind + `_search (` + kind + `_id, doc) VALUES `
		}
		if _, err := q.Exec(ctx, insert+strings.Join(rows, ", "), args...); err != nil {
			return fmt.Errorf("index %s batch: %w", kind, err)
		}
	}
	return nil
}

// stampChanges records that the search entries of start-ups ids change in
// this transaction, at a directory generation it raises first (migration
// 0013), so that servers keeping the index in memory find them.
func stampChanges(ctx context.Context, q database.Querier, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var gen int64
	raise := `SELECT directory_generation_mark()`
	if q.Dialect() == database.SQLite {
		raise = `UPDATE directory_generation SET n = n + 1 WHERE id = 1 RETURNING n`
	}
	if err := q.QueryRow(ctx, raise).Scan(&gen); err != nil {
		return fmt.Errorf("raise directory generation: %w", err)
	}
	for start := 0; start < len(ids); start += rowsPerStatement {
		end := min(start+rowsPerStatement, len(ids))
		rows := make([]string, 0, end-start)
		args := make([]any, 0, 2*(end-start))
		for _, id := range ids[start:end] {
			rows = append(rows, "(?, ?)")
			args = append(args, id, gen)
		}
		_, err := q.Exec(ctx, `INSERT INTO startup_search_changes (startup_id, gen) VALUES `+strings.Join(rows, ", ")+`
			ON CONFLICT (startup_id) DO UPDATE SET gen = EXCLUDED.gen`, args...)
		if err != nil {
			return fmt.Errorf("record search changes: %w", err)
		}
	}
	return nil
}
