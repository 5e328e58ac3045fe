package api

import (
	"net/http"

	"startbridge/internal/directory"
)

// memberInput is the body of POST /startups/{id}/members.
type memberInput struct {
	UserID int64                `json:"user_id"`
	Role   directory.MemberRole `json:"role"`
	Title  string               `json:"title"`
}

// listMembers lists a start-up's team as the caller may see it: names and
// roles for the signed-in, contact details under the consent rule.
func (d *directoryAPI) listMembers(w http.ResponseWriter, r *http.Request) error {
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	members, err := d.store.Members(r.Context(), CurrentViewer(r), id)
	if err != nil {
		return err
	}
	return WriteJSON(w, http.StatusOK, List[directory.Member]{Items: members})
}

// addMember puts a user on the team, for the team and staff.
func (d *directoryAPI) addMember(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := d.store.Startup(r.Context(), actor, id); err != nil {
		return err
	}
	var in memberInput
	if err := Decode(w, r, &in); err != nil {
		return err
	}
	if err := d.store.AddMember(r.Context(), actor, id, in.UserID, in.Role, in.Title); err != nil {
		return err
	}
	members, err := d.store.Members(r.Context(), actor, id)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.UserID == in.UserID {
			return WriteJSON(w, http.StatusCreated, m)
		}
	}
	return WriteJSON(w, http.StatusCreated, in)
}

// removeMember takes a user off the team.
func (d *directoryAPI) removeMember(w http.ResponseWriter, r *http.Request) error {
	actor, err := CurrentUser(r)
	if err != nil {
		return err
	}
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	userID, err := PathID(r, "user_id")
	if err != nil {
		return err
	}
	if _, err := d.store.Startup(r.Context(), actor, id); err != nil {
		return err
	}
	if err := d.store.RemoveMember(r.Context(), actor, id, userID); err != nil {
		return err
	}
	return NoContent(w)
}
