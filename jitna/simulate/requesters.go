package simulate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/cdk-jitna/cdk-jitna-go/internal/strictjson"
)

// Requesters is what a requesters file holds: named requesters (this
// library's JSON), or what the Identity Store exports: users, group
// memberships and groups, joined by JoinRequesters.
type Requesters struct {
	// Named are requesters as the library's JSON names them.
	Named []NamedRequester
	// Users are the users of `aws identitystore list-users`.
	Users []NamedRequester
	// Memberships are user id → group ids, from `aws identitystore
	// list-group-memberships-for-member` (or list-group-memberships).
	Memberships map[string][]string
	// Groups are group id → display name, from `aws identitystore
	// list-groups`.
	Groups map[string]string
	// Skipped are the records left out, each with why.
	Skipped []string
}

// enterpriseExtension is where `aws identitystore list-users --extensions
// aws:identitystore:enterprise` puts a user's enterprise attributes. The
// extension's name and field names are inferred from the SCIM enterprise
// user schema, whose employeeNumber, costCenter, organization and division
// are the attributes JITNA's Cedar schema gives a user.
const enterpriseExtension = "aws:identitystore:enterprise"

// ReadRequesters reads a requesters file: a JSON array of {name, user,
// groups, attributes, iamRole, principalTags}, or the JSON of `aws
// identitystore list-users` (Users; each user named by UserName, its
// attributes from the enterprise extension when listed with it), of
// list-group-memberships-for-member or list-group-memberships
// (GroupMemberships), or of list-groups (Groups). The format is told from
// the content.
func ReadRequesters(data []byte) (Requesters, error) {
	t := bytes.TrimSpace(data)
	if len(t) == 0 || t[0] != '{' {
		var rs []NamedRequester
		// A misspelt or repeated key would change a requester's groups silently.
		if err := strictjson.Decode(t, &rs); err != nil {
			return Requesters{}, err
		}
		first := map[string]int{}
		for i, r := range rs {
			if r.Name == "" {
				return Requesters{}, fmt.Errorf("requester %d has no name", i+1)
			}
			if j, twice := first[r.Name]; twice {
				return Requesters{}, fmt.Errorf("requester %d: the name %q is requester %d's already: name each requester once", i+1, r.Name, j+1)
			}
			first[r.Name] = i
			if err := r.Requester.Check(); err != nil {
				return Requesters{}, fmt.Errorf("requester %d (%s): %w", i+1, r.Name, err)
			}
		}
		return Requesters{Named: rs}, nil
	}
	if err := strictjson.RepeatedKeys(t); err != nil {
		return Requesters{}, err
	}
	var out struct {
		Users []struct {
			UserId, UserName string
			Extensions       map[string]map[string]any
		}
		GroupMemberships []struct {
			GroupId  string
			MemberId struct{ UserId string }
		}
		Groups []struct{ GroupId, DisplayName string }
	}
	if err := json.Unmarshal(t, &out); err != nil {
		return Requesters{}, fmt.Errorf("Identity Store export: %w", err)
	}
	var r Requesters
	switch {
	case out.Users != nil:
		for _, u := range out.Users {
			if u.UserId == "" {
				r.Skipped = append(r.Skipped, "a user without UserId")
				continue
			}
			n := NamedRequester{Name: u.UserName, Requester: Requester{UserID: u.UserId}}
			if n.Name == "" {
				n.Name = u.UserId
			}
			for _, k := range []string{"employeeNumber", "costCenter", "organization", "division"} {
				if v, ok := u.Extensions[enterpriseExtension][k].(string); ok && v != "" {
					if n.Attributes == nil {
						n.Attributes = map[string]string{}
					}
					n.Attributes[k] = v
				}
			}
			r.Users = append(r.Users, n)
		}
	case out.GroupMemberships != nil:
		r.Memberships = map[string][]string{}
		for _, m := range out.GroupMemberships {
			if m.MemberId.UserId == "" || m.GroupId == "" {
				r.Skipped = append(r.Skipped, "a membership without a user or group id")
				continue
			}
			r.Memberships[m.MemberId.UserId] = append(r.Memberships[m.MemberId.UserId], m.GroupId)
		}
	case out.Groups != nil:
		r.Groups = map[string]string{}
		for _, g := range out.Groups {
			r.Groups[g.GroupId] = g.DisplayName
		}
	default:
		return Requesters{}, fmt.Errorf("not a requesters file: give a JSON array of requesters, or the JSON of aws identitystore list-users (Users), list-group-memberships-for-member (GroupMemberships) or list-groups (Groups)")
	}
	return r, nil
}

// JoinRequesters joins requesters files: the named requesters as they are,
// and each Identity Store user with the groups its memberships name. A
// membership of a user no file lists, or in a group that list-groups (when
// given) does not list, is skipped with a note; so is a requester named
// twice (the first is kept).
func JoinRequesters(files ...Requesters) ([]NamedRequester, []string) {
	var out []NamedRequester
	var skipped []string
	memberships := map[string][]string{}
	var groups map[string]string
	for _, f := range files {
		skipped = append(skipped, f.Skipped...)
		for user, gs := range f.Memberships {
			memberships[user] = append(memberships[user], gs...)
		}
		if f.Groups != nil && groups == nil {
			groups = map[string]string{}
		}
		for id, name := range f.Groups {
			groups[id] = name
		}
	}
	seen := map[string]bool{}
	users := map[string]bool{}
	for _, f := range files {
		for _, n := range f.Named {
			if seen[n.Name] {
				skipped = append(skipped, n.Name+": listed twice")
				continue
			}
			seen[n.Name] = true
			out = append(out, n)
		}
		for _, u := range f.Users {
			if seen[u.Name] {
				skipped = append(skipped, u.Name+": listed twice")
				continue
			}
			seen[u.Name], users[u.UserID] = true, true
			for _, g := range memberships[u.UserID] {
				if _, known := groups[g]; groups != nil && !known {
					skipped = append(skipped, fmt.Sprintf("%s: a membership in group %s, which list-groups does not list", u.Name, g))
					continue
				}
				u.Groups = append(u.Groups, g)
			}
			out = append(out, u)
		}
	}
	for _, user := range slices.Sorted(maps.Keys(memberships)) {
		if !users[user] {
			skipped = append(skipped, user+": group memberships of a user no list-users file lists")
		}
	}
	return out, skipped
}
