package simulate

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readRequestersFile(t *testing.T, path string) Requesters {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	r, err := ReadRequesters(data)
	require.NoError(t, err, path)
	return r
}

// Users, their groups and the attributes JITNA's schema knows, from what
// the Identity Store exports; a user without an id, a membership of a user
// no file lists are noted.
func TestRequestersFromTheIdentityStore(t *testing.T) {
	users := readRequestersFile(t, "testdata/identitystore-list-users.json")
	memberships := readRequestersFile(t, "testdata/identitystore-list-group-memberships-for-member.json")
	groups := readRequestersFile(t, "testdata/identitystore-list-groups.json")
	got, skipped := JoinRequesters(users, memberships, groups)
	assert.Equal(t, []NamedRequester{
		{Name: "mary.major", Requester: Requester{UserID: "94482488-3041-7026-18f3-be45837cd0e4",
			Groups:     []string{"34688438-1061-702c-a03d-1fa788dccfd1", "d4q81745-r081-7079-d789-14da1EXAMPLE"},
			Attributes: map[string]string{"employeeNumber": "E-1042", "costCenter": "CC-310", "organization": "Platform", "division": "Engineering"}}},
		{Name: "paulo.santos", Requester: Requester{UserID: "f4c8a4b8-d0a1-70c2-5b6e-3f2a1c9d8e7f"}},
	}, got)
	assert.Equal(t, []string{"a user without UserId", "00000000-dead-beef-0000-000000000000: group memberships of a user no list-users file lists"}, skipped)

	// Without list-groups, memberships are taken as they are; with a
	// list-groups that lacks a group, that membership is noted.
	got, _ = JoinRequesters(users, memberships)
	assert.Len(t, got[0].Groups, 2)
	_, skipped = JoinRequesters(users, memberships, Requesters{Groups: map[string]string{"34688438-1061-702c-a03d-1fa788dccfd1": "Ops"}})
	assert.Contains(t, skipped, "mary.major: a membership in group d4q81745-r081-7079-d789-14da1EXAMPLE, which list-groups does not list")
	_, skipped = JoinRequesters(users, users)
	assert.Contains(t, skipped, "mary.major: listed twice")
}

func TestReadRequestersRefusesWhatItCannotRead(t *testing.T) {
	for input, want := range map[string]string{
		`{"Users": [], "Users": []}`:                              "repeated",
		`{"Accounts": []}`:                                        "not a requesters file",
		`{"Users": {}}`:                                           "Identity Store export",
		`[{"name": "a", "grups": []}]`:                            "unknown field",
		`[{"user": "u"}]`:                                         "requester 1 has no name",
		`[{"name": "a"}, {"name": "b"}, {"name": "a"}]`:           `requester 3: the name "a" is requester 1's already: name each requester once`,
		`[{"name": "c", "attributes": {"employeNumber": "C-7"}}]`: `requester 1 (c): attribute "employeNumber" is not one a JITNA user has (did you mean employeeNumber?): the attributes are costCenter, division, employeeNumber, organization`,
		`[{"name": "c", "attributes": {"department": "ops"}}]`:    `attribute "department" is not one a JITNA user has: the attributes are`,
		`[{"name": "c", "groups": [" sre", ""]}]`:                 `group " sre" has spaces around it: a group id has none; group 2 is empty`,
	} {
		_, err := ReadRequesters([]byte(input))
		assert.ErrorContains(t, err, want, input)
	}
	r, err := ReadRequesters([]byte(`[{"name": "oncall", "groups": ["g"]}]`))
	require.NoError(t, err)
	assert.Equal(t, []NamedRequester{{Name: "oncall", Requester: Requester{Groups: []string{"g"}}}}, r.Named)
}
