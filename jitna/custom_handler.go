package jitna

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-jitna/cdk-jitna-go/jitna/internal/handler"
)

// handlerID is the id, under its stack, of the construct that holds the
// stack's custom-resource handler.
const handlerID = "JitnaHandler"

// customHandler is a stack's custom-resource handler: one Lambda function
// whose code is inline in the template (no file asset, so the stack needs no
// CDK bootstrap), its role and its log group. Each resource that uses it adds
// the statements its calls need to the role.
type customHandler struct {
	function awslambda.CfnFunction
	role     awsiam.Role
}

// handlerOf returns the handler of s's stack, created on first use. The app's
// state holds it, by stack path.
func handlerOf(s site) *customHandler {
	st := s.state
	st.mu.Lock()
	h := st.open().handlers[s.stackPath]
	st.mu.Unlock()
	if h != nil {
		return h
	}
	h = newCustomHandler(s.stack)
	st.mu.Lock()
	st.open().handlers[s.stackPath] = h
	st.mu.Unlock()
	return h
}

func newCustomHandler(stack awscdk.Stack) *customHandler {
	scope := constructs.NewConstruct(stack, jsii.String(handlerID))
	logs := awslogs.NewLogGroup(scope, jsii.String("Logs"), &awslogs.LogGroupProps{
		Retention:     awslogs.RetentionDays_ONE_YEAR,
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	role := awsiam.NewRole(scope, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Runs the custom resources of cdk-jitna-go"),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents"),
		Resources: jsii.Strings(*logs.LogGroupArn()),
	}))
	fn := awslambda.NewCfnFunction(scope, jsii.String("Function"), &awslambda.CfnFunctionProps{
		Description:   jsii.String("Custom resources of cdk-jitna-go: AWS Organizations and AWS RAM prerequisites, Session Manager preferences, waits for Quick Setup"),
		Runtime:       jsii.String(handler.Runtime),
		Handler:       jsii.String("index.handler"),
		Code:          &awslambda.CfnFunction_CodeProperty{ZipFile: jsii.String(handler.Source())},
		Role:          role.RoleArn(),
		Timeout:       jsii.Number(300),
		MemorySize:    jsii.Number(256),
		LoggingConfig: &awslambda.CfnFunction_LoggingConfigProperty{LogGroup: logs.LogGroupName()},
	})
	suppressNag(fn, nagSuppression{id: "AwsSolutions-L1", reason: "the handler runs on " + handler.Runtime + ", the Node.js the handler's tests run on and the newest " +
		"the Lambda Node.js page lists with its deprecation dates (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html); aws-cdk-lib also names a newer " +
		"runtime, which the rule takes as the latest"})
	return &customHandler{function: fn, role: role}
}

// newResource creates a custom resource of the handler's resourceType in
// scope, after the role can make the calls of statements.
func (h *customHandler) newResource(scope constructs.Construct, id, resourceType string, properties map[string]any, statements ...awsiam.PolicyStatement) awscdk.CfnResource {
	for _, s := range statements {
		h.role.AddToPrincipalPolicy(s)
	}
	props := map[string]any{"ServiceToken": h.function.AttrArn()}
	for k, v := range properties {
		props[k] = v
	}
	r := awscdk.NewCfnResource(scope, jsii.String(id), &awscdk.CfnResourceProps{Type: jsii.String(resourceType), Properties: &props})
	r.Node().AddDependency(h.role)
	return r
}
