package quicksetup

import (
	"regexp"
	"strconv"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// Schedule is a Quick Setup association schedule: a rate expression such as
// "rate(14 days)", or "none" to opt out. Build one with RateDays, RateHours,
// RateMinutes or ScheduleNone; any string (a token included) converts.
type Schedule string

// ScheduleNone opts out of the association.
func ScheduleNone() Schedule { return "none" }

// RateDays runs the association every n days ("rate(1 day)", "rate(14 days)").
func RateDays(n int) Schedule { return rate(n, "day") }

// RateHours runs the association every n hours ("rate(24 hours)").
func RateHours(n int) Schedule { return rate(n, "hour") }

// RateMinutes runs the association every n minutes ("rate(30 minutes)").
func RateMinutes(n int) Schedule { return rate(n, "minute") }

func rate(n int, unit string) Schedule {
	if n != 1 {
		unit += "s"
	}
	return Schedule("rate(" + strconv.Itoa(n) + " " + unit + ")")
}

// String returns the expression.
func (s Schedule) String() string { return string(s) }

// DailySchedulePattern is the AWS sample's AllowedPattern for
// AgentUpdateSchedule and EnableDHMCSchedule, verbatim: 1 to 31 days, or none.
const DailySchedulePattern = `((?:rate\(\b([1-9]|[12][0-9]|3[01])\b (?:day|days)\))|none)`

// dailyRate is DailySchedulePattern anchored (CloudFormation matches the whole
// value).
var dailyRate = regexp.MustCompile(`^(?:` + DailySchedulePattern + `)$`)

// anyRate is the form the AWS sample gives (commented out) for
// InventoryCollectionSchedule: minutes, hours or days, or none.
var anyRate = regexp.MustCompile(`^(?:rate\(([1-9][0-9]{0,5}) (minute|minutes|hour|hours|day|days)\)|none)$`)

// MinInventoryMinutes is State Manager's shortest association interval.
const MinInventoryMinutes = 30

// checkDaily checks an agent-update or DHMC schedule.
func checkDaily(c *check.Collector, name string, s Schedule) {
	c.Match(name, string(s), dailyRate, `"rate(N days)" with N from 1 to 31 (RateDays), or "none" (ScheduleNone)`)
}

// checkInventory checks an inventory-collection schedule.
func checkInventory(c *check.Collector, name string, s Schedule) {
	v := string(s)
	if !c.Match(name, v, anyRate, `"rate(N minutes|hours|days)" (RateMinutes, RateHours, RateDays), or "none" (ScheduleNone)`) || check.IsToken(v) {
		return
	}
	m := anyRate.FindStringSubmatch(v)
	if m[1] == "" {
		return
	}
	n, _ := strconv.Atoi(m[1])
	if (m[2] == "minute" || m[2] == "minutes") && n < MinInventoryMinutes {
		c.Addf(name, v, "is too frequent: State Manager runs associations at most every %d minutes", MinInventoryMinutes)
	}
}
