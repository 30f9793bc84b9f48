package policy

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

func TestCheckTakeOver(t *testing.T) {
	for _, tc := range []struct {
		name  string
		props SessionPreferencesProps
		want  []string
	}{
		{"no take-over", SessionPreferencesProps{Tags: map[string]string{"a": "b"}}, nil},
		{"default", SessionPreferencesProps{TakeOver: &SessionTakeOver{}}, nil},
		{"retain", SessionPreferencesProps{TakeOver: &SessionTakeOver{OnDelete: TakeOverRetain}}, nil},
		{"restore", SessionPreferencesProps{TakeOver: &SessionTakeOver{OnDelete: TakeOverRestore}}, nil},
		{"bad", SessionPreferencesProps{TakeOver: &SessionTakeOver{OnDelete: "Restore"}},
			[]string{`TakeOver.OnDelete: "Restore" is not allowed (did you mean restore?): must be one of restore, retain`}},
		{"tags", SessionPreferencesProps{TakeOver: &SessionTakeOver{}, Tags: map[string]string{"a": "b"}},
			[]string{"Tags: are given with TakeOver: a document taken over keeps the tags it has (tag it where it exists, or leave Tags out)"}},
	} {
		c := check.New()
		tc.props.CheckTakeOver(c)
		var got []string
		if err := c.Err(); err != nil {
			for _, p := range check.Problems(err) {
				got = append(got, p.Error())
			}
		}
		assert.Equal(t, tc.want, got, tc.name)
	}
	assert.Equal(t, SessionTakeOver{OnDelete: TakeOverRestore}, SessionTakeOver{}.WithDefaults())
	assert.Equal(t, SessionTakeOver{OnDelete: TakeOverRetain}, SessionTakeOver{OnDelete: TakeOverRetain}.WithDefaults())
}
