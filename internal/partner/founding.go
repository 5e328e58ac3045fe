package partner

import (
	"context"
	"fmt"
	"time"

	"startbridge/internal/database"
	"startbridge/internal/text"
)

// FoundingRegions are the two regions that signed the agreement.
var FoundingRegions = []Region{
	{Code: "gyeonggi", Country: "KR", TimeZone: "Asia/Seoul", Currency: "KRW", Language: "ko",
		Name: text.Text{Ko: "경기도", Zh: "京畿道", En: "Gyeonggi Province"}},
	{Code: "hangzhou", Country: "CN", TimeZone: "Asia/Shanghai", Currency: "CNY", Language: "zh",
		Name: text.Text{Ko: "항저우시", Zh: "杭州市", En: "Hangzhou City"}},
}

// FoundingInstitutions are the seven signatories of the agreement.
var FoundingInstitutions = []Institution{
	{Slug: "gyeonggi-government", Region: "gyeonggi", Kind: "government",
		Name: text.Text{Ko: "경기도청", Zh: "京畿道政府", En: "Gyeonggi Provincial Government"}},
	{Slug: "hangzhou-government", Region: "hangzhou", Kind: "government",
		Name: text.Text{Ko: "항저우시 인민정부", Zh: "杭州市人民政府", En: "Hangzhou Municipal Government"}},
	{Slug: "gbsa", Region: "gyeonggi", Kind: "accelerator", ShortName: "GBSA",
		Name: text.Text{Ko: "경기도경제과학진흥원", Zh: "京畿道经济科学振兴院", En: "Gyeonggi Business & Science Accelerator"}},
	{Slug: "gccei", Region: "gyeonggi", Kind: "innovation_center", ShortName: "GCCEI",
		Name: text.Text{Ko: "경기창조경제혁신센터", Zh: "京畿创造经济革新中心", En: "Gyeonggi Center for Creative Economy & Innovation"}},
	{Slug: "aict", Region: "gyeonggi", Kind: "research_institute", ShortName: "AICT",
		Name: text.Text{Ko: "차세대융합기술연구원", Zh: "新一代融合技术研究院", En: "Advanced Institutes of Convergence Technology"}},
	{Slug: "hangzhou-advanced-tech-investment", Region: "hangzhou", Kind: "investment_company",
		Name: text.Text{Ko: "항저우 첨단기술투자유한공사", Zh: "杭州高新技术投资有限公司", En: "Hangzhou Advanced Technology Investment Co., Ltd."}},
	{Slug: "hangzhou-global-innovation-center", Region: "hangzhou", Kind: "innovation_center",
		Name: text.Text{Ko: "항저우 글로벌혁신센터", Zh: "杭州全球创新中心", En: "Hangzhou Global Innovation Center"}},
}

// SeedFounding creates the founding regions and institutions that are not
// there yet. It is safe to run on every start and from several instances at
// once.
func SeedFounding(ctx context.Context, db *database.DB) (created int, err error) {
	err = db.InTx(ctx, func(tx *database.Tx) error {
		created = 0
		for i, r := range FoundingRegions {
			res, err := tx.Exec(ctx, `INSERT INTO regions (code, country, time_zone, currency, language, name_ko, name_zh, name_en, position)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
				r.Code, r.Country, r.TimeZone, r.Currency, r.Language, r.Name.Ko, r.Name.Zh, r.Name.En, i)
			if err != nil {
				return fmt.Errorf("seed region %s: %w", r.Code, err)
			}
			n, _ := res.RowsAffected()
			created += int(n)
		}
		now := time.Now()
		for _, in := range FoundingInstitutions {
			res, err := tx.Exec(ctx, `INSERT INTO institutions (slug, region_code, kind, name_ko, name_zh, name_en, short_name, website, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING`,
				in.Slug, in.Region, in.Kind, in.Name.Ko, in.Name.Zh, in.Name.En, in.ShortName, in.Website, now)
			if err != nil {
				return fmt.Errorf("seed institution %s: %w", in.Slug, err)
			}
			n, _ := res.RowsAffected()
			created += int(n)
		}
		return nil
	})
	return created, err
}
