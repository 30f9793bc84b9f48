package cedar

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/cedar-policy/cedar-go/x/exp/schema"
	"github.com/cedar-policy/cedar-go/x/exp/schema/validate"
)

// Schema is the JITNA Cedar schema in Cedar's human-readable schema format:
// Identity Center users (attributes employeeNumber, costCenter, organization,
// division) in groups, IAM roles, EC2 instances and managed instances with
// String tags, the context's IAM principal tags, and the one action
// AWS::SSM::Action::"getTokenForInstanceAccess".
//
//go:embed jitna.cedarschema
var Schema string

// Action is the only action JITNA policies authorize.
const Action = `AWS::SSM::Action::"getTokenForInstanceAccess"`

// Validator checks Cedar text against one schema. The zero value is not
// usable: use Default or NewValidator.
type Validator struct {
	v *validate.Validator
	// principalAttributes are the attributes any principal type declares.
	principalAttributes map[string]bool
}

// NewValidator returns a Validator for a schema in Cedar's human-readable
// format: an escape hatch for when the service's schema grows before this
// package's does.
func NewValidator(schemaText string) (*Validator, error) {
	var s schema.Schema
	s.SetFilename("schema")
	if err := s.UnmarshalCedar([]byte(schemaText)); err != nil {
		return nil, fmt.Errorf("cedar schema: %w", err)
	}
	resolved, err := s.Resolve()
	if err != nil {
		return nil, fmt.Errorf("cedar schema: %w", err)
	}
	attrs := map[string]bool{}
	for _, a := range resolved.Actions {
		if a.AppliesTo == nil {
			continue
		}
		for _, pt := range a.AppliesTo.Principals {
			for name := range resolved.Entities[pt].Shape {
				attrs[string(name)] = true
			}
		}
	}
	return &Validator{v: validate.New(resolved, validate.WithStrict()), principalAttributes: attrs}, nil
}

var defaultValidator = sync.OnceValue(func() *Validator {
	v, err := NewValidator(Schema)
	if err != nil {
		// The embedded schema is tested; a failure here is a build defect.
		panic(err)
	}
	return v
})

// Default returns the Validator for the embedded JITNA schema, built once.
func Default() *Validator { return defaultValidator() }
