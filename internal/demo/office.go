package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/database"
	"startbridge/internal/office"
	"startbridge/internal/text"
)

// demoOffice is a cooperative office and the demo staff member of its host
// who decides its requests.
type demoOffice struct {
	host, staff string
	in          office.OfficeInput
}

var demoOffices = []demoOffice{
	{host: "gbsa", staff: "staff.gbsa@demo.startbridge.kr", in: office.OfficeInput{
		Name: text.Text{Ko: "경기-항저우 공동 수원 사무소", Zh: "京畿-杭州合作水原办公室", En: "Gyeonggi-Hangzhou Suwon Office"},
		City: "수원", Region: "gyeonggi", Desks: 6, Status: office.OfficeOpen,
		Services: []office.Service{office.ServiceDesk, office.ServiceRegisteredAddress, office.ServiceLegal, office.ServiceInterpretation}}},
	{host: "hangzhou-global-innovation-center", staff: "staff.hgic@demo.startbridge.cn", in: office.OfficeInput{
		Name: text.Text{Ko: "항저우-경기 공동 항저우 사무소", Zh: "杭州-京畿合作杭州办公室", En: "Hangzhou-Gyeonggi Hangzhou Office"},
		City: "杭州", Region: "hangzhou", Desks: 8, Status: office.OfficeOpen,
		Services: []office.Service{office.ServiceDesk, office.ServiceRegisteredAddress, office.ServiceAccounting,
			office.ServiceInterpretation, office.ServiceMarketResearch, office.ServicePartnerSearch}}},
	{host: "gccei", staff: "staff.gccei@demo.startbridge.kr", in: office.OfficeInput{
		Name: text.Text{Ko: "판교 글로벌 협력 사무소(제안)", Zh: "板桥全球合作办公室（拟设）", En: "Pangyo Global Office (proposed)"},
		City: "Pangyo", Region: "gyeonggi", Desks: 4, Status: office.OfficeProposed,
		Services: []office.Service{office.ServiceDesk, office.ServicePartnerSearch}}},
}

// demoRequest is a start-up's request; decide names the office (by city)
// its host approves it into, "" to leave it in the queue.
type demoRequest struct {
	startup, city, purpose string
	// start is the months from this one on.
	start, months, desks int
	decide               string
}

var demoRequests = []demoRequest{
	{"West Lake Vision", "Suwon", "Pilot AI inspection lines with Gyeonggi manufacturers.", 1, 6, 2, "수원"},
	{"Qiantang Smart Logistics", "수원", "Same-day delivery trial with Korean retailers.", 1, 4, 3, "수원"},
	{"Binjiang Chip Design", "水原", "Meet Korean IoT device makers.", 2, 3, 2, "수원"},
	{"Pangyo BioLab", "杭州", "Clinical research partners in Zhejiang.", 1, 6, 2, "杭州"},
	{"Suwon Fintech", "항저우", "Cross-border payment licence and partners.", 3, 3, 1, ""},
	{"Gwanggyo Mobility", "선전", "Autonomous shuttle suppliers in the Pearl River Delta.", 2, 3, 1, ""},
	{"Pangyo BioLab", "Shenzhen", "Medical device contract manufacturers.", 2, 6, 2, ""},
	{"Suwon Fintech", "深圳", "Fintech partners in Shenzhen.", 3, 2, 1, ""},
	{"Qiantang Smart Logistics", "Ho Chi Minh City", "Last-mile delivery in Vietnam.", 2, 3, 1, ""},
}

// SeedOffices adds the demo offices and requests, once: when the first demo
// office is there, it adds nothing. Requests of start-ups that are not in
// the directory are left out.
func SeedOffices(ctx context.Context, db *database.DB) (string, error) {
	var n int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM offices WHERE name_en = ?`, demoOffices[0].in.Name.En).Scan(&n); err != nil {
		return "", fmt.Errorf("demo offices: %w", err)
	}
	if n > 0 {
		return "demo offices: already there\n", nil
	}
	store, users := office.NewStore(db), auth.NewService(db)
	deciders := map[string]*auth.User{}
	offices := map[string]*office.Office{}
	for _, d := range demoOffices {
		if err := db.QueryRow(ctx, `SELECT id FROM institutions WHERE slug = ?`, d.host).Scan(&d.in.HostInstitutionID); err != nil {
			return "", fmt.Errorf("demo office host %s: %w", d.host, err)
		}
		staff, err := users.UserByEmail(ctx, d.staff)
		if err != nil {
			return "", fmt.Errorf("demo office staff %s: %w", d.staff, err)
		}
		o, err := store.CreateOffice(ctx, staff, d.in)
		if err != nil {
			return "", fmt.Errorf("demo office %s: %w", d.in.Name.En, err)
		}
		offices[d.in.City], deciders[d.in.City] = o, staff
	}
	this := office.MonthOf(time.Now(), time.FixedZone("UTC+8", 8*60*60))
	made := 0
	for _, r := range demoRequests {
		var startup int64
		err := db.QueryRow(ctx, `SELECT id FROM startups WHERE name_en = ? ORDER BY id LIMIT 1`, r.startup).Scan(&startup)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("demo start-up %s: %w", r.startup, err)
		}
		req, err := store.CreateRequestUnchecked(ctx, office.RequestInput{StartupID: startup, TargetCity: r.city,
			StartMonth: office.AddMonths(this, r.start), Months: r.months, Desks: r.desks,
			Services: []office.Service{office.ServiceDesk}, Purpose: r.purpose}, 0)
		if err != nil {
			return "", fmt.Errorf("demo request %s → %s: %w", r.startup, r.city, err)
		}
		made++
		if r.decide == "" {
			continue
		}
		if _, err := store.Decide(ctx, deciders[r.decide], req.ID, office.Decision{Decision: office.DecideApprove,
			OfficeID: offices[r.decide].ID}); err != nil {
			return "", fmt.Errorf("demo decision %s → %s: %w", r.startup, r.city, err)
		}
	}
	return fmt.Sprintf("demo offices: %d offices, %d requests\n", len(demoOffices), made), nil
}
