// The plain Node.js rows of make bench: what the AWS CDK itself costs,
// without jsii and without Go, with the same aws-cdk-lib as the Go module.
//
//   node lowerbound.js floor           one empty stack (the floor in plain JS)
//   node lowerbound.js default DIR     a lower bound of the default app
//
// The lower bound rebuilds the default app's four stacks from the templates
// the Go app wrote to DIR, in the cheapest way the CDK allows: every resource
// as a CfnResource with its final properties (no L2, no validation, no
// member app: its template is already in the StackSet's properties), the
// prerequisites with the same synthesizer as the library's.
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

function literal(name, env, synthesizer) {
  const stack = new cdk.Stack(app, name, { env, analyticsReporting: false, synthesizer });
  for (const [logicalId, r] of Object.entries(read(name).Resources)) {
    new cdk.CfnResource(stack, logicalId, { type: r.Type, properties: r.Properties }).overrideLogicalId(logicalId);
  }
}

if (mode === 'floor') {
  new cdk.Stack(app, 'Floor', { analyticsReporting: false });
} else if (mode === 'default' && dir) {
  literal('JitnaPrerequisites', { account: '111111111111', region: 'us-east-1' }, new cdk.LegacyStackSynthesizer());
  for (const name of ['JitnaEnablement', 'JitnaDenyAccess', 'JitnaMemberPolicies']) {
    literal(name, { account: '123456789012', region: 'us-east-1' });
  }
} else {
  console.error('usage: node lowerbound.js floor | default DIR');
  process.exit(2);
}
app.synth();
