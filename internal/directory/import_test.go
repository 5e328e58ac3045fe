package directory_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"

	"startbridge/internal/database"
	"startbridge/internal/database/dbtest"
	"startbridge/internal/directory"
	"startbridge/internal/directory/sheet"
)

// read parses a file as the importer does.
func read(t *testing.T, name string, data []byte) *sheet.Table {
	t.Helper()
	tab, err := sheet.Read(name, data, directory.IsKnownHeader)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return tab
}

// problems lists a report's problems as "line column key".
func problems(rep *directory.ImportReport) []string {
	var out []string
	for _, p := range rep.Problems {
		out = append(out, fmt.Sprintf("%d %s %s", p.Line, p.Column, p.Key))
	}
	return out
}

const importCSV = "회사명,영문명,지역,투자단계,분야,설립일,직원 수,홈페이지,사업자등록번호\n" +
	"판교바이오랩,Pangyo BioLab,경기도,시리즈 A,\"바이오, ai\",2020-05-11,34명,pangyo.example.kr,124-81-00998\n" +
	"\n" +
	"수원핀테크,Suwon Fintech,Gyeonggi,seed,핀테크,2021/02/15,12,,\n" +
	",,,,,,,,\n" +
	"서호AI,West Lake AI,杭州,种子轮,人工智能,2019年9月2日,18,https://westlake.example.cn,\n"

func TestImportDryRunThenCommitFromUTF8WithBOM(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		tab := read(t, "startups.csv", append([]byte{0xef, 0xbb, 0xbf}, importCSV...))
		m := directory.GuessMapping(tab.Header)
		rep, err := f.store.PrepareImport(t.Context(), tab, m)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() || rep.Rows != 3 || rep.Encoding != "UTF-8" || !slices.Equal(rep.Lines, []int{2, 4, 6}) {
			t.Fatalf("report %+v, problems %v", rep, problems(rep))
		}
		ids, _, err := f.store.CommitImport(t.Context(), f.staff, tab, m)
		if err != nil || len(ids) != 3 {
			t.Fatalf("commit: %v %v", ids, err)
		}
		st, _ := f.store.Startup(t.Context(), f.staff, ids[2])
		if st.Region != "hangzhou" || st.Stage != "seed" || st.FoundedOn != "2019-09-02" || !slices.Equal(st.Sectors, []string{"ai"}) {
			t.Errorf("third row stored as %+v", st)
		}
		st, _ = f.store.Startup(t.Context(), f.staff, ids[0])
		if *st.Employees != 34 || st.Website != "https://pangyo.example.kr" || st.Stage != "series_a" || len(st.Sectors) != 2 {
			t.Errorf("first row stored as %+v", st)
		}
		// The same file again: every name is already there, and nothing is stored.
		_, rep, err = f.store.CommitImport(t.Context(), f.staff, tab, m)
		if !errors.Is(err, directory.ErrImportRefused) || !slices.Contains(problems(rep), "6 영문명 directory.import.name_exists") ||
			!slices.Contains(problems(rep), "2 사업자등록번호 directory.field.taken") {
			t.Errorf("second import: %v %v", err, problems(rep))
		}
	})
}

func TestImportDryRunListsEveryProblemWithRowAndColumn(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		csv := "name_en,region,stage,sectors,founded_on,kr_business_number,website,investment_min,currency\n" +
			"Alpha,gyeonggi,seed,ai,2020-01-01,,,,\n" +
			"Beta,mars,seed,ai,2020-01-01,,,,\n" +
			"Gamma,gyeonggi,unicorn,web3,yesterday,124-81-00999,http//x,,\n" +
			"Alpha,hangzhou,seed,,2999-01-01,,,1.5,KRW\n"
		tab := read(t, "bad.csv", []byte(csv))
		m := directory.GuessMapping(tab.Header)
		_, rep, err := f.store.CommitImport(t.Context(), f.staff, tab, m)
		if !errors.Is(err, directory.ErrImportRefused) {
			t.Fatalf("commit of a bad file: %v", err)
		}
		want := []string{
			"3 region directory.import.region",
			"4 sectors directory.field.sector",
			"4 founded_on directory.import.date",
			"4 stage directory.field.stage",
			"4 website directory.field.url",
			"4 kr_business_number directory.field.kr_business_number",
			"5 investment_min directory.import.amount",
			"5 founded_on directory.field.date_future",
			"5 name_en directory.import.duplicate_name",
		}
		got := problems(rep)
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("missing %q in %v", w, got)
			}
		}
		if n := count(t, db, "startups"); n != 0 {
			t.Errorf("%d start-ups stored from a refused import", n)
		}
		// A mapping without a stage is refused as a whole.
		m[slices.Index(m, "stage")] = ""
		rep, _ = f.store.PrepareImport(t.Context(), tab, m)
		if got := problems(rep); !slices.Equal(got, []string{"0 stage directory.import.unmapped"}) {
			t.Errorf("mapping problems %v", got)
		}
	})
}

func count(t *testing.T, db *database.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(t.Context(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportReadsLegacyEncodings(t *testing.T) {
	kr, _ := korean.EUCKR.NewEncoder().Bytes([]byte("회사명,지역,투자단계,분야\n판교바이오랩,경기도,시드,바이오\n수원로봇,경기도,시리즈 A,로봇\n"))
	cn, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("公司名称,地区,融资阶段,行业\n杭州西湖智能科技有限公司,杭州市,种子轮,人工智能\n钱塘物流,杭州,A轮,物流\n"))
	for _, tt := range []struct {
		data     []byte
		encoding string
		first    string
	}{{kr, "EUC-KR", "판교바이오랩"}, {cn, "GB18030", "杭州西湖智能科技有限公司"}} {
		tab := read(t, "legacy.csv", tt.data)
		if tab.Encoding != tt.encoding || len(tab.Rows) != 2 || tab.Rows[0].Cells[0] != tt.first {
			t.Errorf("read as %s: %v", tab.Encoding, tab.Rows)
		}
	}
}

func TestImportReadsExcelDatesAndMergedHeaders(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		x := excelize.NewFile()
		defer x.Close()
		sh := "Sheet1"
		x.SetSheetRow(sh, "A1", &[]any{"Name", "", "", "Region", "Stage", "Founded"})
		x.MergeCell(sh, "A1", "C1")
		x.SetSheetRow(sh, "A2", &[]any{"ko", "zh", "en"})
		x.SetSheetRow(sh, "A3", &[]any{"판교바이오", "板桥生物", "Pangyo Bio", "경기도", "Seed", 44256})
		date, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
		x.SetCellStyle(sh, "F3", "F3", date)
		x.SetSheetRow(sh, "A5", &[]any{"", "西湖智能", "West Lake AI", "Hangzhou", "Series A", "2019-09-02"})
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Fatal(err)
		}
		tab := read(t, "merged.xlsx", buf.Bytes())
		if tab.HeaderRows != 2 || tab.Encoding != "XLSX" || len(tab.Rows) != 2 || tab.Rows[1].Line != 5 {
			t.Fatalf("table %+v", tab)
		}
		m := directory.GuessMapping(tab.Header)
		if strings.Join(m, " ") != "name_ko name_zh name_en region stage founded_on" {
			t.Fatalf("mapping %v from %q", m, tab.Header)
		}
		ids, rep, err := f.store.CommitImport(t.Context(), f.staff, tab, m)
		if err != nil {
			t.Fatalf("commit: %v %v", err, problems(rep))
		}
		st, _ := f.store.Startup(t.Context(), f.staff, ids[0])
		if st.FoundedOn != "2021-03-01" || st.Name.Zh != "板桥生物" {
			t.Errorf("serial 44256 stored as %q; %+v", st.FoundedOn, st.Name)
		}
	})
}

func TestExportImportsAgainUnchanged(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		in := valid()
		in.Seeks = directory.Seeks{Investment: true, InvestmentMin: ptr[int64](150050), InvestmentMax: ptr[int64](2000000), Currency: "CNY"}
		in.Markets = []string{"KR", "CN"}
		in.KRBizNumber = "1248100998"
		in.Employees = ptr(7)
		f.startup(t, in)
		items, more, err := f.store.ExportStartups(t.Context(), f.staff, directory.Filter{Query: "西湖"})
		if err != nil || more || len(items) != 1 {
			t.Fatalf("export %v %v %v", len(items), more, err)
		}
		header, rows := directory.ExportTable(items)
		var csvBuf, xlsxBuf bytes.Buffer
		if err := sheet.WriteCSV(&csvBuf, header, rows); err != nil {
			t.Fatal(err)
		}
		if err := sheet.WriteXLSX(&xlsxBuf, "startups", header, rows); err != nil {
			t.Fatal(err)
		}
		for name, data := range map[string][]byte{"x.csv": csvBuf.Bytes(), "x.xlsx": xlsxBuf.Bytes()} {
			tab := read(t, name, data)
			if len(tab.Rows) != 1 || !slices.Equal(tab.Rows[0].Cells[:len(rows[0])], rows[0]) {
				t.Errorf("%s: read back %v, want %q", name, tab.Rows, rows)
			}
			// Imported into an empty directory, it makes the same profile.
			_, _ = db.Exec(t.Context(), `DELETE FROM startups`)
			if db.Dialect() == database.SQLite {
				db.Exec(t.Context(), `INSERT INTO startup_search (startup_search) VALUES ('delete-all')`)
			}
			ids, rep, err := f.store.CommitImport(t.Context(), f.staff, tab, directory.GuessMapping(tab.Header))
			if err != nil {
				t.Fatalf("%s: import %v %v", name, err, problems(rep))
			}
			got, _ := f.store.Startup(t.Context(), f.staff, ids[0])
			if *got.Seeks.InvestmentMin != 150050 || got.Seeks.Currency != "CNY" || !slices.Equal(got.Markets, []string{"KR", "CN"}) ||
				got.KRBizNumber != "1248100998" || *got.Employees != 7 || got.Name != in.Name || got.Description != in.Description {
				t.Errorf("%s: round trip gave %+v", name, got)
			}
		}
		if _, _, err := f.store.ExportStartups(t.Context(), nil, directory.Filter{}); err == nil {
			t.Error("a visitor exported the directory")
		}
	})
}

// fiveThousand is a real-looking sheet of 5,000 start-ups from both
// regions; broken puts a problem into five rows.
func fiveThousand(broken bool) []byte {
	var b strings.Builder
	b.WriteString("\ufeff기업명,企业名称,Company name,지역,투자단계,분야,설립일,직원 수,사업자등록번호\n")
	for i := range 5000 {
		stage, date, brn := "시드", fmt.Sprintf("20%02d-%02d-%02d", 10+i%14, 1+i%12, 1+i%28), ""
		if broken {
			switch i {
			case 100:
				stage = "unicorn"
			case 1000:
				date = "2999-12-31"
			case 2000:
				brn = "123-45-67890"
			case 3000:
				date = "next week"
			}
		}
		name := fmt.Sprintf("Startup %04d", i)
		if broken && i == 4000 {
			name = "Startup 0001"
		}
		if i%2 == 0 {
			fmt.Fprintf(&b, "판교바이오%04d,,%s,경기도,%s,바이오,%s,%d,%s\n", i, name, stage, date, 3+i%90, brn)
		} else {
			fmt.Fprintf(&b, ",杭州智能%04d,%s,杭州市,%s,人工智能,%s,%d,%s\n", i, name, stage, date, 3+i%90, brn)
		}
	}
	return []byte(b.String())
}

func TestImportOfFiveThousandStartups(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 5,000 rows")
	}
	dbtest.Engines(t, func(t *testing.T, db *database.DB) {
		f := newFixture(t, db)
		tab := read(t, "5000.csv", fiveThousand(true))
		m := directory.GuessMapping(tab.Header)
		rep, err := f.store.PrepareImport(t.Context(), tab, m)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"102 투자단계 directory.field.stage", "1002 설립일 directory.field.date_future", "2002 사업자등록번호 directory.field.kr_business_number",
			"3002 설립일 directory.import.date", "4002 Company name directory.import.duplicate_name"}
		if got := problems(rep); !slices.Equal(got, want) {
			t.Fatalf("problems %v, want %v", got, want)
		}
		ids, rep, err := f.store.CommitImport(t.Context(), f.staff, read(t, "5000.csv", fiveThousand(false)), m)
		if err != nil || len(ids) != 5000 {
			t.Fatalf("commit: %d, %v %v", len(ids), err, problems(rep))
		}
		page, err := f.store.ListStartups(t.Context(), f.staff, directory.Filter{Query: "杭州"}, "", 20)
		if err != nil || len(page.Items) != 20 || page.Facets.Region["hangzhou"] != directory.SearchWindow || !page.FacetsPartial {
			t.Errorf("search 杭州: %d items, facets %v partial %v, %v", len(page.Items), page.Facets, page.FacetsPartial, err)
		}
		page, _ = f.store.ListStartups(t.Context(), f.staff, directory.Filter{Sector: "bio"}, "", 20)
		if page.Facets.Region["gyeonggi"] != 2500 || page.Facets.Stage["seed"] != 2500 {
			t.Errorf("bio facets %v", page.Facets)
		}
	})
}
