package events

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// matches is an EventBridge pattern matcher for the subset JITNA's patterns
// use: keys whose pattern value is a list of allowed scalars (the event's
// value, or any element of an event's list, must be one of them), and nested
// patterns for nested objects.
func matches(pattern map[string]any, event map[string]any) bool {
	for key, want := range pattern {
		got, present := event[key]
		if !present {
			return false
		}
		switch w := want.(type) {
		case map[string]any:
			inner, ok := got.(map[string]any)
			if !ok || !matches(w, inner) {
				return false
			}
		case []any:
			if !anyOf(w, got) {
				return false
			}
		default:
			panic("pattern values are lists or objects")
		}
	}
	return true
}

func anyOf(allowed []any, got any) bool {
	values := []any{got}
	if list, ok := got.([]any); ok {
		values = list
	}
	for _, v := range values {
		for _, a := range allowed {
			if v == a {
				return true
			}
		}
	}
	return false
}

func readEvents(t *testing.T, path string) []map[string]any {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var events []map[string]any
	require.NoError(t, json.Unmarshal(data, &events))
	return events
}

// Each rule's pattern matches each event of its detail-type and none of the
// others: our own sample events and the AWS reference events.
func TestPatternsMatchTheirEventsOnly(t *testing.T) {
	for _, file := range []string{"testdata/events.json", "testdata/aws-sample-events.json"} {
		events := readEvents(t, file)
		for _, dt := range DetailTypes() {
			p := roundTrip(t, Pattern(dt, nil))
			for i, e := range events {
				want := e["source"] == Source && e["detail-type"] == string(dt)
				assert.Equal(t, want, matches(p, e), "%s: event %d (%s) against %s", file, i, e["detail-type"], dt)
			}
		}
	}
}

func TestApproverFilter(t *testing.T) {
	events := readEvents(t, "testdata/events.json")
	p := roundTrip(t, Pattern(ApproverStatusUpdate, []string{"AccessApprover1"}))
	assert.True(t, matches(p, events[1]), "an approver in the list")
	assert.False(t, matches(p, events[2]), "another approver")
	assert.False(t, matches(p, events[0]), "another detail-type")
	// Only approver events take the filter.
	assert.NotContains(t, Pattern(RequestFailed, []string{"x"}), "detail")
}

func TestTheAWSSamplePatterns(t *testing.T) {
	data, err := os.ReadFile("testdata/aws-sample-patterns.json")
	require.NoError(t, err)
	var sample []map[string]any
	require.NoError(t, json.Unmarshal(data, &sample))
	assert.Equal(t, sample, []map[string]any{
		roundTrip(t, Pattern(RequesterStatusUpdate, nil)),
		roundTrip(t, Pattern(ApproverStatusUpdate, []string{"AccessApprover1"})),
		roundTrip(t, Pattern(RequestFailed, nil)),
	})
}

func TestCheck(t *testing.T) {
	assert.NoError(t, Check(RequestFailed))
	assert.ErrorContains(t, Check("Access Request Failed"), `"Access Request Failed" is not a JITNA detail-type`)
}

func roundTrip(t *testing.T, v any) map[string]any {
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(data, &out))
	return out
}

// The API-call pattern matches CloudTrail's records of the access calls,
// and neither other Systems Manager calls nor JITNA's own events.
func TestAPICallPattern(t *testing.T) {
	p := roundTrip(t, APICallPattern())
	call := func(source, name string) map[string]any {
		return map[string]any{"source": Source, "detail-type": "AWS API Call via CloudTrail",
			"detail": map[string]any{"eventSource": source, "eventName": name, "readOnly": name == "GetAccessToken"}}
	}
	assert.True(t, matches(p, call("ssm.amazonaws.com", "StartAccessRequest")))
	assert.True(t, matches(p, call("ssm.amazonaws.com", "GetAccessToken")))
	assert.False(t, matches(p, call("ssm.amazonaws.com", "StartSession")))
	assert.False(t, matches(p, call("ec2.amazonaws.com", "GetAccessToken")))
	for _, e := range readEvents(t, "testdata/events.json") {
		assert.False(t, matches(p, e), e["detail-type"])
	}
	assert.Equal(t, []string{"StartAccessRequest", "GetAccessToken"}, AccessAPICalls())
}

// Read-only calls reach a rule on the default bus only in the state that
// lets them through; forwarded to another bus, they are events like others.
func TestAPICallRuleState(t *testing.T) {
	assert.Equal(t, "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", APICallRuleState(""))
	assert.Equal(t, "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", APICallRuleState("default"))
	assert.Equal(t, "ENABLED", APICallRuleState("jitna-access-requests"))
}
