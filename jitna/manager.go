package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssmquicksetup"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// managerSpec is everything one AWS::SSMQuickSetup::ConfigurationManager with
// a single configuration definition needs, computed by the core.
type managerSpec struct {
	definitionType string
	name           string
	description    string
	tags           map[string]string
	parameters     map[string]string
}

// newManager renders a configuration manager in one jsii call, wired to the
// Quick Setup roles and depending on them.
func newManager(scope constructs.Construct, id string, spec managerSpec, roles *QuickSetupRoles) awsssmquicksetup.CfnConfigurationManager {
	m := awsssmquicksetup.NewCfnConfigurationManager(scope, jsii.String(id), &awsssmquicksetup.CfnConfigurationManagerProps{
		Name:        jsii.String(spec.name),
		Description: jsii.String(spec.description),
		ConfigurationDefinitions: []any{&awsssmquicksetup.CfnConfigurationManager_ConfigurationDefinitionProperty{
			Type:                                 jsii.String(spec.definitionType),
			LocalDeploymentAdministrationRoleArn: roles.AdministrationRoleArn,
			LocalDeploymentExecutionRoleName:     roles.ExecutionRoleName,
			Parameters:                           stringMap(spec.parameters),
		}},
		Tags: stringMap(spec.tags),
	})
	for _, d := range roles.dependencies() {
		m.AddResourceDependency(d, nil)
	}
	return m
}
