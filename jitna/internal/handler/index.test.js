'use strict';
// Unit tests of the custom-resource handler against a fake AWS SDK: run with
// `node --test` (HANDLER names the module to test; default ./index.js).
// lifecycle.test.js plays CloudFormation's sequences against a stateful fake.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');

const { makeHandler, put, sameContent, canonical, validResponseURL, organizationsRegion, sdkCall } = require(path.resolve(process.env.HANDLER || path.join(__dirname, 'index.js')));

const awsError = (name, message) => Object.assign(new Error(message || name), { name });
const STACK = 'arn:aws:cloudformation:us-east-1:111122223333:stack/S/1';
const URL_OK = 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws?X-Amz-Signature=abc';

// harness answers each call with the function registered for
// "Service.Action" (an error for one that is not), and records the calls,
// the responses, the waits and each response PUT's timeout; failPuts makes
// that many PUTs fail first. Its clock starts at START.
const START = 300000;
function harness(answers, allowed, failPuts) {
  const calls = [];
  const sent = [];
  const slept = [];
  const puts = [];
  let clock = START;
  let failing = failPuts || 0;
  const h = { calls, sent, slept, puts, now: () => clock, actions: () => calls.map((c) => c.action) };
  h.handler = makeHandler({
    allowed,
    region: 'us-east-1',
    stackId: STACK,
    call: async (service, region, action, input) => {
      calls.push({ service, region, action, input });
      const answer = answers[service + '.' + action];
      if (!answer) {
        throw new Error('unexpected call ' + service + '.' + action);
      }
      return answer(input, calls);
    },
    put: async (url, data, timeoutMs) => {
      puts.push({ at: clock, timeoutMs });
      if (failing-- > 0) {
        throw new Error('503');
      }
      sent.push(JSON.parse(data));
    },
    sleep: async (ms) => { slept.push(ms); clock += ms; },
    now: () => clock,
    log: () => {},
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 250,
    marginMs: 10,
    putTimeoutMs: 100,
  });
  return h;
}

const lambda = (ms) => ({ getRemainingTimeInMillis: () => ms });
const event = (type, resourceType, props, extra) => Object.assign({
  RequestType: type, ResourceType: resourceType, LogicalResourceId: 'R', RequestId: 'req-1', StackId: STACK, ResponseURL: URL_OK,
  ResourceProperties: Object.assign({ ServiceToken: 'arn:fn', ServiceTimeout: '360' }, props),
}, extra);

const sharing = { Step: 'RAMSharing' };
const PRE = 'Custom::JitnaPrerequisite';

test('a prerequisite makes its call, in the function\'s Region for AWS RAM', async () => {
  const h = harness({ 'RAM.EnableSharingWithAwsOrganization': () => ({}) }, { R: sharing });
  await h.handler(event('Create', PRE, sharing), lambda(60000));
  assert.deepEqual(h.calls, [{ service: 'RAM', region: 'us-east-1', action: 'EnableSharingWithAwsOrganization', input: {} }]);
  assert.deepEqual(h.sent, [{ StackId: STACK, RequestId: 'req-1', LogicalResourceId: 'R', Status: 'SUCCESS', PhysicalResourceId: 'RAMSharing' }]);
});

test('another error fails the resource with its code and message', async () => {
  const h = harness({ 'RAM.EnableSharingWithAwsOrganization': () => { throw awsError('AccessDeniedException', 'not the management account'); } }, { R: sharing });
  await h.handler(event('Create', PRE, sharing), lambda(60000));
  assert.equal(h.sent[0].Status, 'FAILED');
  assert.equal(h.sent[0].Reason, 'AccessDeniedException: not the management account');
  assert.equal(h.sent[0].PhysicalResourceId, 'failed-create:req-1');
});

test('throttling is retried with growing waits, capped; then it fails saying so', async () => {
  let n = 0;
  const h = harness({ 'RAM.EnableSharingWithAwsOrganization': () => { if (++n < 3) { throw awsError('TooManyRequestsException'); } return {}; } }, { R: sharing });
  await h.handler(event('Create', PRE, sharing), lambda(60000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.deepEqual(h.slept, [100, 200]);
  const g = harness({ 'RAM.EnableSharingWithAwsOrganization': () => { throw awsError('ConcurrentModificationException', 'busy'); } }, { R: sharing });
  await g.handler(event('Create', PRE, sharing), lambda(60000));
  assert.equal(g.calls.length, 4);
  assert.deepEqual(g.slept, [100, 200, 250]);
  assert.equal(g.sent[0].Reason, 'Error: EnableSharingWithAwsOrganization: still throttled after 4 attempts: busy');
});

test('a deletion of a resource whose create failed calls nothing', async () => {
  const props = { Step: 'DelegatedAdmin', ServicePrincipal: 'ssm.amazonaws.com', AccountId: '111122223333', DeregisterOnDelete: 'true' };
  const h = harness({}, { R: props });
  await h.handler(event('Delete', PRE, props, { PhysicalResourceId: 'failed-create:req-0' }), lambda(60000));
  assert.deepEqual(h.calls, []);
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.equal(h.sent[0].PhysicalResourceId, 'failed-create:req-0');
});

test('an unknown resource type fails, without a call', async () => {
  const h = harness({}, { R: {} });
  await h.handler(event('Create', 'Custom::Other', {}), lambda(60000));
  assert.equal(h.sent[0].Status, 'FAILED');
  assert.equal(h.sent[0].Reason, 'Error: resource type Custom::Other is not one this handler serves');
});

test('a request of another stack is ignored', async () => {
  const h = harness({}, { R: sharing });
  const out = await h.handler(event('Create', PRE, sharing, { StackId: STACK.replace('/S/', '/T/') }), lambda(60000));
  assert.equal(out.Status, 'IGNORED');
  assert.deepEqual(h.sent, []);
});

test('documents and properties compare as values, every scalar as a string', () => {
  assert.ok(sameContent('{"a":1,"b":[true,"x"]}', '{"b":[true,"x"],"a":1}'));
  assert.ok(sameContent('{"a":1}', '{"a":"1"}'));
  assert.ok(!sameContent('{"a":1}', '{"a":2}'));
  assert.ok(!sameContent('{"a":[1,2]}', '{"a":[2,1]}'));
  assert.ok(!sameContent('not json', 'not json'));
  assert.equal(canonical({ b: 1, a: null, c: [false] }), '{"a":"","b":"1","c":["false"]}');
});

test('response URLs are CloudFormation\'s pre-signed S3 URLs of the partition', () => {
  for (const [url, region, ok] of [
    [URL_OK, 'us-east-1', true],
    ['https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/a?b=c', 'eu-west-1', true],
    ['https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/a?b=c', 'cn-north-1', true],
    ['https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/a?b=c', 'us-east-1', false],
    ['https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/a', 'us-east-1', false],
    ['https://cloudformation-custom-resource-response-useast1.example.com/a?b=c', 'us-east-1', false],
    ['https://example.com/cloudformation-custom-resource-response-x.s3.amazonaws.com?b=c', 'us-east-1', false],
  ]) {
    assert.equal(validResponseURL(url, region), ok, url + ' in ' + region);
  }
  assert.equal(organizationsRegion(undefined), 'us-east-1');
});

// Session preferences, unit by unit (lifecycle.test.js plays them through
// CloudFormation's sequences).
const ours = { schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { idleSessionTimeout: '20' } };
const prefs = { DocumentName: 'SSM-SessionManagerRunShell', Content: ours, OnDelete: 'restore' };
const prefsEvent = (type, extra) => event(type, 'Custom::JitnaSessionPreferences', Object.assign({}, prefs, { Content: JSON.stringify(ours) }), extra);

test('session preferences: content already in an older version (DuplicateDocumentContent) makes that version the default', async () => {
  const h = harness({
    'SSM.DescribeDocument': () => ({ Document: { DefaultVersion: '2' } }),
    'SSM.ListTagsForResource': () => ({ TagList: [] }),
    'SSM.AddTagsToResource': () => ({}),
    'SSM.GetDocument': (i) => ({ Content: i.DocumentVersion === '1' ? JSON.stringify(ours) : '{"other":1}' }),
    'SSM.UpdateDocument': () => { throw awsError('DuplicateDocumentContent'); },
    'SSM.ListDocumentVersions': (i) => (i.NextToken ? { DocumentVersions: [{ DocumentVersion: '1' }] } : { DocumentVersions: [{ DocumentVersion: '2' }], NextToken: 't' }),
    'SSM.UpdateDocumentDefaultVersion': () => ({}),
  }, { R: prefs });
  await h.handler(prefsEvent('Create'), lambda(60000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.equal(h.sent[0].PhysicalResourceId, 'SSM-SessionManagerRunShell@2');
  assert.deepEqual(h.calls.find((c) => c.action === 'UpdateDocumentDefaultVersion').input, { Name: 'SSM-SessionManagerRunShell', DocumentVersion: '1' });
});

test('session preferences: content equal as JSON needs no new version', async () => {
  const h = harness({
    'SSM.DescribeDocument': () => ({ Document: { DefaultVersion: '1' } }),
    'SSM.ListTagsForResource': () => ({ TagList: [] }),
    'SSM.AddTagsToResource': () => ({}),
    'SSM.GetDocument': () => ({ Content: JSON.stringify({ inputs: { idleSessionTimeout: '20' }, sessionType: 'Standard_Stream', schemaVersion: '1.0' }) }),
  }, { R: prefs });
  await h.handler(prefsEvent('Create'), lambda(60000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.ok(!h.actions().includes('UpdateDocument'));
});

const JITNA = 'AWSQuickSetupType-JITNA';
const waitProps = { ManagerName: 'jitna', DefinitionType: JITNA, Region: 'us-west-2', PollSeconds: '30' };
const managers = (...list) => () => {
  const s = list.length > 1 ? list.shift() : list[0];
  return { ConfigurationManagersList: s === undefined ? [] : [
    { ManagerArn: 'arn:other', Name: 'jitna', ConfigurationDefinitionSummaries: [{ Type: 'AWSQuickSetupType-SSM' }] },
    { ManagerArn: 'arn:m', Name: 'jitna', ConfigurationDefinitionSummaries: [{ Type: JITNA }],
      StatusSummaries: s ? [{ StatusType: 'AsyncExecutions', Status: 'SUCCEEDED' }, Object.assign({ StatusType: 'Deployment' }, s)] : [] }] };
};
const waitEvent = (type, extra) => event(type, 'Custom::JitnaDeployed', waitProps, extra);

test('deployed: waits until Quick Setup reports the deployment SUCCEEDED, asking in the home Region', async () => {
  const h = harness({ 'QuickSetup.ListConfigurationManagers': managers(undefined, null, { Status: 'DEPLOYING' }, { Status: 'SUCCEEDED' }) }, { R: waitProps });
  await h.handler(waitEvent('Create'), lambda(600000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.equal(h.sent[0].PhysicalResourceId, 'arn:m');
  assert.deepEqual(h.calls.map((c) => c.region), Array(4).fill('us-west-2'));
  assert.deepEqual(h.slept, [30000, 30000, 30000], 'PollSeconds apart; the AsyncExecutions status does not count');
});

test('deployed: a failed deployment fails at once, with what Quick Setup says', async () => {
  const h = harness({ 'QuickSetup.ListConfigurationManagers': managers({ Status: 'FAILED', StatusMessage: 'StackSet failed in 2 accounts' }) }, { R: waitProps });
  await h.handler(waitEvent('Create'), lambda(600000));
  assert.equal(h.sent[0].Status, 'FAILED');
  assert.match(h.sent[0].Reason, /configuration manager jitna \(arn:m\) is FAILED \(StackSet failed in 2 accounts\): fix its deployment/);
  assert.deepEqual(h.slept, []);
});

test('deployed: a deployment still under way at the deadline fails, saying what to do', async () => {
  const h = harness({ 'QuickSetup.ListConfigurationManagers': managers({ Status: 'DEPLOYING' }) }, { R: waitProps });
  await h.handler(waitEvent('Create'), lambda(110020));
  assert.equal(h.sent[0].Status, 'FAILED');
  assert.match(h.sent[0].Reason, /is still DEPLOYING after 2 minute\(s\): deploy this stack again once it reports SUCCEEDED/);
  assert.equal(h.calls.length, 4, 'at 0, 30, 60 and 90 s: the next would pass the deadline');
});

test('deployed: two managers of the name and type are an error; PollSeconds below one second is one second', async () => {
  const two = () => ({ ConfigurationManagersList: [1, 2].map((n) => ({ ManagerArn: 'arn:' + n, Name: 'jitna', ConfigurationDefinitionSummaries: [{ Type: JITNA }] })) });
  const h = harness({ 'QuickSetup.ListConfigurationManagers': two }, { R: waitProps });
  await h.handler(waitEvent('Create'), lambda(600000));
  assert.match(h.sent[0].Reason, /2 Quick Setup configuration managers are named jitna with type AWSQuickSetupType-JITNA: arn:1, arn:2/);
  const zero = Object.assign({}, waitProps, { PollSeconds: '0' });
  const g = harness({ 'QuickSetup.ListConfigurationManagers': managers({ Status: 'DEPLOYING' }, { Status: 'SUCCEEDED' }) }, { R: zero });
  await g.handler(event('Create', 'Custom::JitnaDeployed', zero), lambda(600000));
  assert.deepEqual(g.slept, [1000]);
});

test('deployed: deletion waits for nothing', async () => {
  const h = harness({}, { R: waitProps });
  await h.handler(waitEvent('Delete', { PhysicalResourceId: 'arn:m' }), lambda(600000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.deepEqual(h.calls, []);
});

test('put PUTs the result as JSON to the response URL', async () => {
  let got;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { got = { method: req.method, url: req.url, type: req.headers['content-type'], body: JSON.parse(body) }; res.end(); });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = 'http://127.0.0.1:' + server.address().port + '/signed?x=1';
  await put(url, JSON.stringify({ Status: 'SUCCESS' }), 1000);
  server.close();
  assert.deepEqual(got, { method: 'PUT', url: '/signed?x=1', type: '', body: { Status: 'SUCCESS' } });
});

test('put fails when CloudFormation does not accept the result, or does not answer in time', async () => {
  const server = http.createServer((req, res) => { req.resume(); if (req.url === '/slow') { return; } res.statusCode = 403; res.end(); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = 'http://127.0.0.1:' + server.address().port;
  await assert.rejects(put(base + '/', '{}', 1000), /answered 403/);
  await assert.rejects(put(base + '/slow', '{}', 50), /no answer from CloudFormation in 50 ms/);
  server.closeAllConnections();
  server.close();
});

test('sdkCall sends each command with a client per service and Region, from the module of the service, abortable', async () => {
  const loaded = [];
  const made = [];
  const load = (name) => {
    loaded.push(name);
    const clientName = { '@aws-sdk/client-organizations': 'OrganizationsClient', '@aws-sdk/client-ram': 'RAMClient', '@aws-sdk/client-ssm': 'SSMClient',
      '@aws-sdk/client-ssm-quicksetup': 'SSMQuickSetupClient', '@aws-sdk/client-cloudformation': 'CloudFormationClient' }[name];
    const mod = {};
    mod[clientName] = class {
      constructor(config) { this.config = config; made.push(name + ' ' + config.region); }
      async send(command, options) { return { command: command.constructor.name, input: command.input, region: this.config.region, signal: options.abortSignal }; }
    };
    for (const action of ['RegisterDelegatedAdministrator', 'EnableSharingWithAwsOrganization', 'GetDocument', 'ListConfigurationManagers', 'DescribeStacks']) {
      mod[action + 'Command'] = { [action + 'Command']: class { constructor(input) { this.input = input; } } }[action + 'Command'];
    }
    return mod;
  };
  const call = sdkCall(load);
  const signal = new AbortController().signal;
  const out = await call('Organizations', 'us-east-1', 'RegisterDelegatedAdministrator', { AccountId: '1' }, signal);
  assert.deepEqual(out, { command: 'RegisterDelegatedAdministratorCommand', input: { AccountId: '1' }, region: 'us-east-1', signal });
  await call('Organizations', 'us-east-1', 'RegisterDelegatedAdministrator', {}, signal);
  await call('Organizations', 'cn-northwest-1', 'RegisterDelegatedAdministrator', {}, signal);
  await call('RAM', 'eu-west-1', 'EnableSharingWithAwsOrganization', {}, signal);
  await call('SSM', 'eu-west-1', 'GetDocument', {}, signal);
  await call('QuickSetup', 'eu-west-1', 'ListConfigurationManagers', {}, signal);
  await call('CloudFormation', 'eu-west-1', 'DescribeStacks', {}, signal);
  assert.deepEqual(made, ['@aws-sdk/client-organizations us-east-1', '@aws-sdk/client-organizations cn-northwest-1', '@aws-sdk/client-ram eu-west-1',
    '@aws-sdk/client-ssm eu-west-1', '@aws-sdk/client-ssm-quicksetup eu-west-1', '@aws-sdk/client-cloudformation eu-west-1'], 'one client per service and Region');
  assert.equal(loaded.length, 7);
});

test('AWS Organizations endpoints by partition', () => {
  assert.equal(organizationsRegion('cn-north-1'), 'cn-northwest-1');
  assert.equal(organizationsRegion('cn-northwest-1'), 'cn-northwest-1');
  assert.equal(organizationsRegion('us-gov-east-1'), 'us-gov-west-1');
  assert.equal(organizationsRegion('eu-west-1'), 'us-east-1');
  assert.equal(organizationsRegion('us-east-1'), 'us-east-1');
  assert.equal(organizationsRegion('ap-cn-1x'), 'us-east-1', 'the partition is the Region\'s prefix');
  assert.equal(organizationsRegion('xus-gov-west-1'), 'us-east-1');
});

const adminProps = { Step: 'DelegatedAdmin', ServicePrincipal: 'ssm.amazonaws.com', AccountId: '111122223333', DeregisterOnDelete: 'true' };

test('a registration\'s update of DeregisterOnDelete alone keeps its record, without a call', async () => {
  const h = harness({}, { R: adminProps });
  const old = Object.assign({}, adminProps, { DeregisterOnDelete: 'false' });
  await h.handler(event('Update', PRE, adminProps, { PhysicalResourceId: 'DelegatedAdmin-ssm.amazonaws.com-111122223333:registered', OldResourceProperties: old }), lambda(60000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.equal(h.sent[0].PhysicalResourceId, 'DelegatedAdmin-ssm.amazonaws.com-111122223333:registered');
  assert.deepEqual(h.calls, []);
  // Another account, or another service, is a new registration.
  for (const other of [{ AccountId: '444455556666' }, { ServicePrincipal: 'ssm-quicksetup.amazonaws.com' }]) {
    const g = harness({
      'Organizations.ListDelegatedAdministrators': () => ({ DelegatedAdministrators: [] }),
      'Organizations.RegisterDelegatedAdministrator': () => ({}),
    }, { R: adminProps });
    await g.handler(event('Update', PRE, adminProps, { PhysicalResourceId: 'x', OldResourceProperties: Object.assign({}, adminProps, other) }), lambda(60000));
    assert.equal(g.sent[0].PhysicalResourceId, 'DelegatedAdmin-ssm.amazonaws.com-111122223333:registered');
    assert.deepEqual(g.actions(), ['ListDelegatedAdministrators', 'RegisterDelegatedAdministrator']);
  }
});

test('a registration that existed before the stack\'s operation began is adopted; one made since is the stack\'s', async () => {
  const at = (iso) => ({ 'Organizations.ListDelegatedAdministrators': () => ({ DelegatedAdministrators: [{ Id: '111122223333', DelegationEnabledDate: new Date(iso) }] }),
    'CloudFormation.DescribeStacks': () => ({ Stacks: [{ StackStatus: 'UPDATE_IN_PROGRESS', CreationTime: new Date('2026-01-01T00:00:00Z'), LastUpdatedTime: new Date('2026-06-01T00:00:00Z') }] }) });
  for (const [iso, suffix] of [['2026-03-01T00:00:00Z', ':adopted'], ['2026-06-01T00:00:00Z', ':registered'], ['2026-07-01T00:00:00Z', ':registered']]) {
    const h = harness(at(iso), { R: adminProps });
    await h.handler(event('Create', PRE, adminProps), lambda(60000));
    assert.equal(h.sent[0].PhysicalResourceId, 'DelegatedAdmin-ssm.amazonaws.com-111122223333' + suffix, iso);
  }
  const first = (iso) => Object.assign(at(iso), { 'CloudFormation.DescribeStacks': () => ({ Stacks: [{ StackStatus: 'CREATE_IN_PROGRESS', CreationTime: new Date('2026-01-01T00:00:00Z') }] }) });
  for (const [iso, suffix] of [['2025-12-31T00:00:00Z', ':adopted'], ['2026-01-02T00:00:00Z', ':registered']]) {
    const h = harness(first(iso), { R: adminProps });
    await h.handler(event('Create', PRE, adminProps), lambda(60000));
    assert.equal(h.sent[0].PhysicalResourceId, 'DelegatedAdmin-ssm.amazonaws.com-111122223333' + suffix, 'first create, ' + iso);
  }
});

test('restoring a document that is gone does nothing; another error fails the deletion', async () => {
  for (const code of ['InvalidResourceId', 'InvalidDocument']) {
    const h = harness({ 'SSM.ListTagsForResource': () => { throw awsError(code); } }, { R: prefs });
    await h.handler(prefsEvent('Delete', { PhysicalResourceId: 'SSM-SessionManagerRunShell@1' }), lambda(60000));
    assert.equal(h.sent[0].Status, 'SUCCESS', code);
    assert.deepEqual(h.actions(), ['ListTagsForResource']);
  }
  const h = harness({ 'SSM.ListTagsForResource': () => { throw awsError('AccessDeniedException'); } }, { R: prefs });
  await h.handler(prefsEvent('Delete', { PhysicalResourceId: 'SSM-SessionManagerRunShell@1' }), lambda(60000));
  assert.equal(h.sent[0].Status, 'FAILED');
});
