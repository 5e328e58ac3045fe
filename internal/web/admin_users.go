package web

import (
	"net/http"
	"regexp"
	"strconv"

	"startbridge/internal/auth"
	"startbridge/internal/errs"
	"startbridge/internal/httpx"
	"startbridge/internal/partner"
)

// adminUsersView lists the users a page at a time and holds the form that
// creates one.
type adminUsersView struct {
	Page
	Users []userRow
	// More is the address of the next page; After is set past the first.
	More  string
	After int64
	// Created is the account just created, for the notice.
	Created *auth.User
	Form
	Email, Name, Language, TimeZone, Region, Institution string
	Roles                                                map[auth.Role]bool
	AllRoles                                             []auth.Role
	Languages, Zones, Regions, Institutions              []option
	institutions                                         map[int64]partner.Institution
}

// userRow is a user as the viewer may see them: the email only where
// the consent rule allows it.
type userRow struct {
	*auth.User
	ShownEmail  string
	Memberships []roleLine
}

const usersPerPage = 50

var adminUserFields = []string{"email", "name", "password", "language", "time_zone", "region", "roles", "institution_id"}

// newAdminUsersView checks the viewer may manage users before anything is
// read, so a visitor is sent to the login and anyone else gets 403.
func (s *site) newAdminUsersView(r *http.Request) (*adminUsersView, error) {
	rq := httpx.From(r)
	if err := auth.Can(rq.User, auth.ManageUsers, auth.Target{}); err != nil {
		return nil, err
	}
	ctx := r.Context()
	v := &adminUsersView{Page: Page{Nav: "admin_users"}, Form: newForm(adminUserFields...), Language: rq.P.Lang,
		TimeZone: rq.P.Zone.String(), Roles: map[auth.Role]bool{}, AllRoles: auth.Roles,
		institutions: map[int64]partner.Institution{}}
	var err error
	v.Languages = languageOptions(rq.P)
	if v.Zones, err = s.zoneOptions(ctx, rq.P, rq.P.Zone.String()); err != nil {
		return nil, err
	}
	if v.Regions, err = s.regionOptions(ctx, rq.P); err != nil {
		return nil, err
	}
	institutions, err := s.svc.Partners.InstitutionPage(ctx, "", 0, 1000)
	if err != nil {
		return nil, err
	}
	for _, in := range institutions {
		v.institutions[in.ID] = in
		v.Institutions = append(v.Institutions, option{Value: strconv.FormatInt(in.ID, 10), Label: in.Name.In(rq.P.Lang)})
	}
	return v, nil
}

// loadUsers fills the page of users after the cursor.
func (s *site) loadUsers(r *http.Request, v *adminUsersView, after int64) error {
	viewer := httpx.From(r).User
	users, err := s.svc.Auth.UserPage(r.Context(), viewer, after, usersPerPage+1)
	if err != nil {
		return err
	}
	if len(users) > usersPerPage {
		users = users[:usersPerPage]
		v.More = "/admin/users?after=" + strconv.FormatInt(users[len(users)-1].ID, 10)
	}
	v.After = after
	for _, u := range users {
		row := userRow{User: u}
		if auth.MaySeePersonalData(viewer, u) {
			row.ShownEmail = u.Email
		}
		for _, m := range u.Roles {
			line := roleLine{Role: m.Role}
			line.ScopeKey, line.ScopeID = scopeOf(m)
			if in, ok := v.institutions[deref(m.InstitutionID)]; ok {
				line.Institution = &in
			}
			row.Memberships = append(row.Memberships, line)
		}
		v.Users = append(v.Users, row)
	}
	return nil
}

func (s *site) adminUsers(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminUsersView(r)
	if err != nil {
		return err
	}
	after, err := cursor(r.URL.Query().Get("after"))
	if err != nil {
		return err
	}
	if err := s.loadUsers(r, v, after); err != nil {
		return err
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("created"), 10, 64); err == nil {
		v.Created, _ = s.svc.Auth.User(r.Context(), id)
	}
	return s.render(w, r, http.StatusOK, "admin_users", v)
}

func (s *site) adminCreateUser(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminUsersView(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	v.Email, v.Name = r.PostFormValue("email"), r.PostFormValue("name")
	v.Language, v.TimeZone = r.PostFormValue("language"), r.PostFormValue("time_zone")
	v.Region, v.Institution = r.PostFormValue("region"), r.PostFormValue("institution_id")
	in := auth.NewUser{SignUp: auth.SignUp{Email: v.Email, Name: v.Name, Password: r.PostFormValue("password"),
		Language: v.Language, TimeZone: v.TimeZone, Region: v.Region}}
	var institution *int64
	if v.Institution != "" {
		id, err := strconv.ParseInt(v.Institution, 10, 64)
		if err != nil {
			return s.reshowUsers(r, v, errs.Field("institution_id", "field.institution", nil))
		}
		institution = &id
	}
	for _, name := range r.PostForm["roles"] {
		role := auth.Role(name)
		v.Roles[role] = true
		m := auth.Membership{Role: role}
		// Only staff are scoped to an institution; the other roles are
		// scoped to start-ups, investors and contests, set elsewhere.
		if role == auth.RoleStaff {
			m.InstitutionID = institution
		}
		in.Roles = append(in.Roles, m)
	}
	u, err := s.svc.Auth.CreateUser(r.Context(), httpx.From(r).User, in)
	if err != nil {
		return s.reshowUsers(r, v, err)
	}
	return seeOther(w, r, "/admin/users?created="+strconv.FormatInt(u.ID, 10))
}

// reshowUsers shows the create form again over the first page of users.
func (s *site) reshowUsers(r *http.Request, v *adminUsersView, err error) error {
	if lerr := s.loadUsers(r, v, 0); lerr != nil {
		return lerr
	}
	return &formError{err: err, page: "admin_users", view: v, form: &v.Form, rename: roleField}
}

func deref(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

var roleFieldPattern = regexp.MustCompile(`^roles\[\d+\]\.(role|institution_id)$`)

// roleField maps the service's per-role field names to the form's single
// roles and institution fields.
func roleField(field string) string {
	m := roleFieldPattern.FindStringSubmatch(field)
	switch {
	case m == nil:
		return field
	case m[1] == "role":
		return "roles"
	}
	return "institution_id"
}
