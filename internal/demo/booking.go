package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"startbridge/internal/auth"
	"startbridge/internal/booking"
	"startbridge/internal/database"
	"startbridge/internal/text"
)

// demoBasePoint is a base point run by a demo staff member, with the
// resources it shares.
type demoBasePoint struct {
	staff     string
	in        booking.BasePointInput
	resources []booking.ResourceInput
}

func weekdays(open, close string, saturday ...string) booking.OpeningHours {
	h := booking.OpeningHours{}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
		h[d] = []string{open, close}
	}
	if len(saturday) == 2 {
		h["sat"] = saturday
	}
	return h
}

func hours(n int64) *int64 { return &n }

var demoBasePoints = []demoBasePoint{
	{staff: "staff.hgic@demo.startbridge.cn", in: booking.BasePointInput{Region: "hangzhou", TimeZone: "Asia/Shanghai",
		Name:    text.Text{Ko: "항저우 글로벌 혁신센터 창업기지", Zh: "杭州全球创新中心孵化基地", En: "Hangzhou Global Innovation Base"},
		Address: "浙江省杭州市余杭区文一西路 1818 号", OpeningHours: weekdays("09:00", "18:00", "10:00", "16:00")},
		resources: []booking.ResourceInput{
			{Kind: booking.MeetingRoom, Name: text.Text{Ko: "회의실 西湖", Zh: "西湖会议室", En: "West Lake meeting room"},
				Capacity: 3, GranularityMinutes: 30, CancelDeadlineMinutes: 60, MaxAdvanceDays: 90},
			{Kind: booking.Desk, Name: text.Text{Ko: "공유 데스크", Zh: "共享工位", En: "Shared desks"},
				Capacity: 20, WholeDays: true, ApprovalRequired: true, MaxAdvanceDays: 60, CancelDeadlineMinutes: 1440,
				MonthlyQuotaDays: hours(15)},
			{Kind: booking.Facility, Name: text.Text{Ko: "3D 프린팅 랩", Zh: "3D 打印实验室", En: "3D printing lab"},
				Capacity: 2, GranularityMinutes: 60, ApprovalRequired: true, LeadTimeMinutes: 1440, MaxAdvanceDays: 30,
				PriceMinor: hours(5000), PriceCurrency: "CNY", MonthlyQuotaHours: hours(20)},
			{Kind: booking.TechService, Name: text.Text{Ko: "AI 모델 검증 서비스", Zh: "AI 模型测评服务", En: "AI model evaluation service"},
				Capacity: 1, GranularityMinutes: 120, ApprovalRequired: true, OpenTo: booking.OwnRegion, LeadTimeMinutes: 2880, MaxAdvanceDays: 60},
		}},
	{staff: "staff.gbsa@demo.startbridge.kr", in: booking.BasePointInput{Region: "gyeonggi", TimeZone: "Asia/Seoul",
		Name:    text.Text{Ko: "판교 창업존", Zh: "板桥创业区", En: "Pangyo Startup Zone"},
		Address: "경기도 성남시 분당구 판교로 289번길 20", OpeningHours: weekdays("09:00", "18:00")},
		resources: []booking.ResourceInput{
			{Kind: booking.MeetingRoom, Name: text.Text{Ko: "회의실 판교", Zh: "板桥会议室", En: "Pangyo meeting room"},
				Capacity: 2, GranularityMinutes: 30, CancelDeadlineMinutes: 60, MaxAdvanceDays: 90},
			{Kind: booking.Desk, Name: text.Text{Ko: "자유석", Zh: "开放工位", En: "Hot desks"},
				Capacity: 15, WholeDays: true, ApprovalRequired: true, MaxAdvanceDays: 60, MonthlyQuotaDays: hours(10)},
			{Kind: booking.Facility, Name: text.Text{Ko: "피칭 스튜디오", Zh: "路演演播室", En: "Pitch studio"},
				Capacity: 1, GranularityMinutes: 60, CancelDeadlineMinutes: 120, MaxAdvanceDays: 45,
				PriceMinor: hours(30000), PriceCurrency: "KRW"},
			{Kind: booking.TechService, Name: text.Text{Ko: "반도체 측정 장비", Zh: "半导体测试设备", En: "Semiconductor test equipment"},
				Capacity: 1, WholeDays: true, ApprovalRequired: true, OpenTo: booking.OwnRegion, LeadTimeMinutes: 2880, MaxAdvanceDays: 90},
		}},
}

// SeedBookings adds the demo base points in both regions with their
// resources, and a few bookings of the demo founders' start-ups, once: when
// a base point exists already it adds nothing.
func SeedBookings(ctx context.Context, db *database.DB) (string, error) {
	var n int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM basepoints`).Scan(&n); err != nil || n > 0 {
		return "", err
	}
	svc, store := auth.NewService(db), booking.NewStore(db)
	var b strings.Builder
	b.WriteString("demo base points:\n")
	var first []*booking.Resource // the meeting room and the desks of each base point
	for _, d := range demoBasePoints {
		staff, err := svc.UserByEmail(ctx, d.staff)
		if err != nil {
			return "", fmt.Errorf("demo staff %s: %w", d.staff, err)
		}
		in := d.in
		in.InstitutionID = staffInstitution(staff)
		bp, err := store.CreateBasePoint(ctx, staff, in)
		if err != nil {
			return "", fmt.Errorf("demo base point %s: %w", d.in.Name.En, err)
		}
		for i, rin := range d.resources {
			rin.BasePointID = bp.ID
			res, err := store.CreateResource(ctx, staff, rin)
			if err != nil {
				return "", fmt.Errorf("demo resource %s: %w", rin.Name.En, err)
			}
			if i < 2 {
				first = append(first, res)
			}
		}
		fmt.Fprintf(&b, "  %-36s %d resources\n", d.in.Name.En, len(d.resources))
	}
	booked, err := demoBookings(ctx, svc, store, first)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "  %d demo bookings\n", booked)
	return b.String(), nil
}

// demoBookings books for the demo founders' start-ups: the Korean one a
// Hangzhou meeting room, the Chinese one Pangyo desks (pending approval).
func demoBookings(ctx context.Context, svc *auth.Service, store *booking.Store, rooms []*booking.Resource) (int, error) {
	plans := []struct {
		founder string
		res     *booking.Resource
		zone    string
		day     time.Weekday
		from    int // hour; -1 for whole days
		hours   int
		qty     int
	}{
		{"founder.kr@demo.startbridge.kr", rooms[0], "Asia/Shanghai", time.Tuesday, 10, 1, 2},
		{"founder.kr@demo.startbridge.kr", rooms[0], "Asia/Shanghai", time.Thursday, 14, 2, 1},
		{"founder.cn@demo.startbridge.cn", rooms[3], "Asia/Seoul", time.Wednesday, -1, 0, 2},
		{"founder.cn@demo.startbridge.cn", rooms[2], "Asia/Seoul", time.Wednesday, 11, 1, 1},
	}
	n := 0
	for _, p := range plans {
		founder, err := svc.UserByEmail(ctx, p.founder)
		if err != nil {
			return n, fmt.Errorf("demo founder %s: %w", p.founder, err)
		}
		var startup int64
		for _, m := range founder.Roles {
			if m.Role == auth.RoleStartup && m.StartupID != nil {
				startup = *m.StartupID
			}
		}
		if startup == 0 {
			continue
		}
		loc, err := time.LoadLocation(p.zone)
		if err != nil {
			return n, err
		}
		d := time.Now().In(loc).AddDate(0, 0, 3)
		for d.Weekday() != p.day {
			d = d.AddDate(0, 0, 1)
		}
		day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
		req := booking.Request{ResourceID: p.res.ID, StartupID: startup, Quantity: p.qty, Start: day, End: day.AddDate(0, 0, 1)}
		if p.from >= 0 {
			req.Start = day.Add(time.Duration(p.from) * time.Hour)
			req.End = req.Start.Add(time.Duration(p.hours) * time.Hour)
		}
		if _, err := store.Book(ctx, founder, req); err != nil {
			return n, fmt.Errorf("demo booking for %s: %w", p.founder, err)
		}
		n++
	}
	return n, nil
}
