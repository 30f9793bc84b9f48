package jitna

import (
	"fmt"
	"strings"

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
	stack    awscdk.Stack
	// resources are the stack's custom resources of the handler, with the
	// properties they were created with: the code holds them (handler.AllowedLine).
	resources []allowedResource
	// timeout is the function's timeout in seconds.
	timeout int
}

// allowedResource is a custom resource and its properties.
type allowedResource struct {
	resource   awscdk.CfnResource
	properties map[string]any
}

// defaultTimeout is the function's timeout, in seconds, unless a wait
// needs Lambda's longest.
const defaultTimeout = 300

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
	h := &customHandler{role: role, stack: stack, timeout: defaultTimeout}
	fn := awslambda.NewCfnFunction(scope, jsii.String("Function"), &awslambda.CfnFunctionProps{
		Description:   jsii.String("Custom resources of cdk-jitna-go: AWS Organizations and AWS RAM prerequisites, Session Manager preferences, waits for Quick Setup"),
		Runtime:       jsii.String(handler.Runtime),
		Handler:       jsii.String("index.handler"),
		Code:          &awslambda.CfnFunction_CodeProperty{ZipFile: awscdk.Lazy_String(&handlerCode{h}, nil)},
		Environment:   &awslambda.CfnFunction_EnvironmentProperty{Variables: &map[string]*string{handler.StackIDVariable: awscdk.Aws_STACK_ID()}},
		Role:          role.RoleArn(),
		Timeout:       jsii.Number(defaultTimeout),
		MemorySize:    jsii.Number(256),
		LoggingConfig: &awslambda.CfnFunction_LoggingConfigProperty{LogGroup: logs.LogGroupName()},
	})
	h.function = fn
	// A deletion undoes a create only while the stack rolls back: the
	// handler reads its own stack's status.
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("cloudformation:DescribeStacks"),
		Resources: jsii.Strings(*awscdk.Aws_STACK_ID()),
	}))
	suppressNag(fn, nagSuppression{id: "AwsSolutions-L1", reason: "the handler runs on " + handler.Runtime + ", the Node.js the handler's tests run on and the newest " +
		"the Lambda Node.js page lists with its deprecation dates (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html); aws-cdk-lib also names a newer " +
		"runtime, which the rule takes as the latest"})
	return h
}

// handlerCode produces the function's code at synthesis: index.js with the
// properties of the stack's resources in place of handler.AllowedLine.
type handlerCode struct{ h *customHandler }

// Produce renders the code; the properties may hold tokens (resolved by
// CloudFormation in the template's Fn::Join).
func (c *handlerCode) Produce() *string {
	allowed := map[string]any{}
	for _, r := range c.h.resources {
		allowed[fmt.Sprint(c.h.stack.Resolve(r.resource.LogicalId()))] = r.properties
	}
	code := strings.Replace(handler.Source(), handler.AllowedLine, "const ALLOWED = "+*c.h.stack.ToJsonString(allowed, nil)+";", 1)
	return &code
}

// setTimeout raises the function's timeout (seconds) and so the resources'
// ServiceTimeout.
func (h *customHandler) setTimeout(seconds int) {
	h.timeout = seconds
	h.function.SetTimeout(jsii.Number(seconds))
}

// newResource creates a custom resource of the handler's resourceType in
// scope, after the role can make the calls of statements.
func (h *customHandler) newResource(scope constructs.Construct, id, resourceType string, properties map[string]any, statements ...awsiam.PolicyStatement) awscdk.CfnResource {
	return h.newResourceAllowing(scope, id, resourceType, properties, properties, statements...)
}

// newResourceAllowing is newResource for a resource whose properties the
// handler's table holds in another form (allowed: a JSON text property as
// its value).
func (h *customHandler) newResourceAllowing(scope constructs.Construct, id, resourceType string, properties, allowed map[string]any, statements ...awsiam.PolicyStatement) awscdk.CfnResource {
	for _, s := range statements {
		h.role.AddToPrincipalPolicy(s)
	}
	props := map[string]any{"ServiceToken": h.function.AttrArn(), "ServiceTimeout": awscdk.Lazy_String(&serviceTimeout{h}, nil)}
	for k, v := range properties {
		props[k] = v
	}
	r := awscdk.NewCfnResource(scope, jsii.String(id), &awscdk.CfnResourceProps{Type: jsii.String(resourceType), Properties: &props})
	r.Node().AddDependency(h.role)
	h.resources = append(h.resources, allowedResource{resource: r, properties: allowed})
	return r
}

// serviceTimeout is how long CloudFormation waits for the handler's answer:
// the function's timeout and handler.ServiceTimeoutMargin.
type serviceTimeout struct{ h *customHandler }

// Produce renders the ServiceTimeout, in seconds.
func (t *serviceTimeout) Produce() *string {
	return jsii.String(fmt.Sprint(t.h.timeout + handler.ServiceTimeoutMargin))
}
