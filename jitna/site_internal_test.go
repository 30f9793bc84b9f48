package jitna

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/assert"
)

// The sites newConstruct derives in Go equal what the constructs library
// says, in a stage, under a user's construct, and for ids with a "/".
func TestSiteDerivedInGoMatchesTheConstructTree(t *testing.T) {
	app := awscdk.NewApp(nil)
	stage := awscdk.NewStage(app, jsii.String("Prod"), nil)
	stack := awscdk.NewStack(stage, jsii.String("Admin"), nil)
	outer := constructs.NewConstruct(stack, jsii.String("Outer"))

	for _, c := range []struct {
		scope constructs.Construct
		id    string
	}{{stack, "Direct"}, {outer, "Nested"}, {outer, "with/slash"}, {stack, "a/b/c"}} {
		made, s := newConstruct(c.scope, c.id)
		assert.Equal(t, *made.Node().Path(), s.path, c.id)
		assert.Equal(t, "Prod/Admin", s.stackPath, c.id)
		assert.Equal(t, stack, s.stack, c.id)
	}

	// A construct this library did not create is looked up.
	s := siteOf(outer)
	assert.Equal(t, "Prod/Admin/Outer", s.path)
	assert.Equal(t, "Prod/Admin", s.stackPath)
}
