package cedar

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/cedar-policy/cedar-go/types"
	"github.com/cedar-policy/cedar-go/x/exp/schema"
	"github.com/cedar-policy/cedar-go/x/exp/schema/resolved"
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
	// attributes are the attributes the schema declares under each path a
	// `has` test can start from: "principal", "resource", "context",
	// "context.iam" (the union over the action's types). A path absent
	// from the map is not checked.
	attributes map[string]map[string]bool
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
	attrs := map[string]map[string]bool{"principal": {}, "resource": {}, "context": {}}
	for _, a := range resolved.Actions {
		if a.AppliesTo == nil {
			continue
		}
		for _, pt := range a.AppliesTo.Principals {
			addShape(attrs, "principal", resolved.Entities[pt].Shape, resolved)
		}
		for _, rt := range a.AppliesTo.Resources {
			addShape(attrs, "resource", resolved.Entities[rt].Shape, resolved)
		}
		addShape(attrs, "context", a.AppliesTo.Context, resolved)
	}
	return &Validator{v: validate.New(resolved, validate.WithStrict()), attributes: attrs}, nil
}

// addShape records the attributes of a record under path, and those of
// the records and entities it holds under path.NAME.
func addShape(attrs map[string]map[string]bool, path string, shape resolved.RecordType, s *resolved.Schema) {
	if attrs[path] == nil {
		attrs[path] = map[string]bool{}
	}
	for name, a := range shape {
		attrs[path][string(name)] = true
		switch t := a.Type.(type) {
		case resolved.RecordType:
			addShape(attrs, path+"."+string(name), t, s)
		case resolved.EntityType:
			addShape(attrs, path+"."+string(name), s.Entities[types.EntityType(t)].Shape, s)
		}
	}
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
