// Package region knows the AWS Regions: which names are Regions, and the
// partition (aws, aws-cn, aws-us-gov, …) each belongs to. The list is
// generated from the partitions file of the AWS SDK for Go v2 (see Source and
// AsOf), the file the SDK's own endpoint resolution reads; regenerate it with
// go generate after raising the version in the directive below.
//
// A Region AWS opened after AsOf is not in the list. Every check that names a
// Region takes the Regions its caller declares as newer (the NewRegions
// fields of the props that name Regions): such a name is accepted when it
// follows a partition's naming pattern.
package region

//go:generate go run ../../dev/regiongen -version v1.48.0 -out list.go

import (
	"regexp"
	"slices"
	"strings"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/check"
)

// Partition is one AWS partition and its Regions, sorted.
type Partition struct {
	// ID is the partition id: aws, aws-cn, aws-us-gov, aws-iso, ….
	ID string
	// Regions are its Region names, such as us-east-1.
	Regions []string
}

// Partitions returns every partition of the list with its Regions (a new
// slice each call), sorted by id.
func Partitions() []Partition { return listed() }

// Known reports whether name is a Region of the list.
func Known(name string) bool {
	_, ok := partitionOf(name)
	return ok
}

// PartitionOf returns the partition of name: the list's, or, for a name the
// list does not hold, the partition whose naming pattern it follows ("" when
// none does).
func PartitionOf(name string) string {
	if p, ok := partitionOf(name); ok {
		return p
	}
	for _, p := range listed() {
		if regexp.MustCompile(patternOf(p.ID)).MatchString(name) {
			return p.ID
		}
	}
	return ""
}

// Closest returns the Region of the list nearest to name by edit distance,
// when at most two single-character edits away ("us-est-2" gives
// "us-east-2"), or "".
func Closest(name string) string {
	return check.Closest(name, Names(), 2)
}

// Describe says what the list is, for messages: "the AWS Regions of
// github.com/aws/aws-sdk-go-v2 v1.48.0 (2026-11-10)".
func Describe() string {
	return "the AWS Regions of " + Source + " (" + AsOf + ")"
}

// Names returns every Region of the list, sorted.
func Names() []string {
	var out []string
	for _, p := range listed() {
		out = append(out, p.Regions...)
	}
	slices.SortFunc(out, strings.Compare)
	return out
}
