// The plain Node.js rows of make bench: what the AWS CDK itself costs,
// without jsii and without Go, with the same aws-cdk-lib as the Go module.
//
//   node lowerbound.js floor           one empty stack (the floor in plain JS)
//   node lowerbound.js default DIR     a lower bound of the default app
//
// The lower bound rebuilds the default app's four stacks from the templates
// the Go app wrote to DIR, in the cheapest way the CDK allows while keeping
// what the library's prerequisites and documents must do:
//   - JitnaPrerequisites: one custom_resources.AwsCustomResource per step,
//     with the same SDK calls, policy statements and order as the library;
//   - the other stacks: every resource as a CfnResource with its final
//     properties (no L2, no validation, no member app: its template is
//     already in the StackSet's properties).
// Any implementation of the default app, in any language, does at least this
// work in the CDK, so its cost over the plain-JS floor bounds what a Go app
// can reach over the Go floor.
'use strict';

const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');
const { Construct } = require('constructs');

const [mode, dir] = process.argv.slice(2);
const app = new cdk.App({ outdir: process.env.CDK_OUTDIR, analyticsReporting: false });

function read(stack) {
  return JSON.parse(fs.readFileSync(path.join(dir, stack + '.template.json'), 'utf8'));
}

function prerequisites(env) {
  const cr = require('aws-cdk-lib/custom-resources');
  const iam = require('aws-cdk-lib/aws-iam');
  const stack = new cdk.Stack(app, 'JitnaPrerequisites', { env, analyticsReporting: false });
  const scope = new Construct(stack, 'Prerequisites');
  const resources = read('JitnaPrerequisites').Resources;
  const byLogicalId = {};
  for (const [logicalId, r] of Object.entries(resources)) {
    if (r.Type !== 'Custom::AWS') continue;
    const policy = resources[(r.DependsOn || []).find((d) => resources[d] && resources[d].Type === 'AWS::IAM::Policy')];
    const statements = policy.Properties.PolicyDocument.Statement.map((s) => new iam.PolicyStatement({
      actions: [].concat(s.Action), resources: [].concat(s.Resource), conditions: s.Condition,
    }));
    const call = (json) => {
      if (!json) return undefined;
      const c = JSON.parse(json);
      return { ...c, physicalResourceId: cr.PhysicalResourceId.of(c.physicalResourceId.id) };
    };
    const create = call(r.Properties.Create);
    byLogicalId[logicalId] = new cr.AwsCustomResource(scope, JSON.parse(r.Properties.Create).physicalResourceId.id, {
      onCreate: create,
      onDelete: call(r.Properties.Delete),
      policy: cr.AwsCustomResourcePolicy.fromStatements(statements),
      installLatestAwsSdk: false,
    });
  }
  // The steps' order: a step depends on the custom resources it comes after.
  for (const [logicalId, r] of Object.entries(resources)) {
    for (const d of r.Type === 'Custom::AWS' ? r.DependsOn || [] : []) {
      if (byLogicalId[d]) byLogicalId[logicalId].node.addDependency(byLogicalId[d]);
    }
  }
}

function literal(name, env) {
  const stack = new cdk.Stack(app, name, { env, analyticsReporting: false });
  for (const [logicalId, r] of Object.entries(read(name).Resources)) {
    new cdk.CfnResource(stack, logicalId, { type: r.Type, properties: r.Properties }).overrideLogicalId(logicalId);
  }
}

if (mode === 'floor') {
  new cdk.Stack(app, 'Floor', { analyticsReporting: false });
} else if (mode === 'default' && dir) {
  prerequisites({ account: '111111111111', region: 'us-east-1' });
  for (const name of ['JitnaEnablement', 'JitnaDenyAccess', 'JitnaMemberPolicies']) {
    literal(name, { account: '123456789012', region: 'us-east-1' });
  }
} else {
  console.error('usage: node lowerbound.js floor | default DIR');
  process.exit(2);
}
app.synth();
