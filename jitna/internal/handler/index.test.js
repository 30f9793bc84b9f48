'use strict';
// Tests of the custom-resource handler against a fake AWS SDK: run with
// `node --test` (HANDLER names the module to test; default ./index.js).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');

const { makeHandler, respond, sameContent } = require(path.resolve(process.env.HANDLER || path.join(__dirname, 'index.js')));

const awsError = (name, message) => Object.assign(new Error(message || name), { name });

// fakeAWS answers each call with the function registered for "Service.Action"
// (an error for one that is not), and records the calls.
function fakeAWS(answers) {
  const calls = [];
  const call = async (service, region, action, input) => {
    calls.push({ service, region, action, input });
    const answer = answers[service + '.' + action];
    if (!answer) {
      throw new Error('unexpected call ' + service + '.' + action);
    }
    return answer(input, calls);
  };
  return { calls, call };
}

function harness(answers) {
  const aws = fakeAWS(answers);
  const sent = [];
  const slept = [];
  let clock = 0;
  const handler = makeHandler({
    call: aws.call,
    respond: async (event, body) => { sent.push(body); },
    sleep: async (ms) => { slept.push(ms); clock += ms; },
    now: () => clock,
    log: () => {},
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 250,
    marginMs: 10,
  });
  return { aws, sent, slept, handler, actions: () => aws.calls.map((c) => c.action) };
}

const base = { StackId: 'stack', RequestId: 'req-1', LogicalResourceId: 'Step', ResponseURL: 'https://example.invalid/' };

const registerStep = {
  PhysicalId: 'DelegatedAdmin-ssm-123456789012',
  Create: { Service: 'Organizations', Region: 'us-east-1', Action: 'RegisterDelegatedAdministrator',
    Parameters: { AccountId: '123456789012', ServicePrincipal: 'ssm.amazonaws.com' }, IgnoreErrorCodes: ['AccountAlreadyRegisteredException'] },
  Delete: { Service: 'Organizations', Region: 'us-east-1', Action: 'DeregisterDelegatedAdministrator',
    Parameters: { AccountId: '123456789012', ServicePrincipal: 'ssm.amazonaws.com' }, IgnoreErrorCodes: ['AccountNotRegisteredException'] },
};
const prerequisite = (type, props, extra) => Object.assign({}, base, { ResourceType: 'Custom::JitnaPrerequisite', RequestType: type, ResourceProperties: props }, extra);

test('a prerequisite makes its create call with its parameters and Region', async () => {
  const h = harness({ 'Organizations.RegisterDelegatedAdministrator': () => ({}) });
  await h.handler(prerequisite('Create', registerStep));
  assert.deepEqual(h.aws.calls, [{ service: 'Organizations', region: 'us-east-1', action: 'RegisterDelegatedAdministrator',
    input: { AccountId: '123456789012', ServicePrincipal: 'ssm.amazonaws.com' } }]);
  assert.deepEqual(h.sent, [{ Status: 'SUCCESS', PhysicalResourceId: 'DelegatedAdmin-ssm-123456789012', Data: undefined }]);
});

test('an account already registered is success', async () => {
  const h = harness({ 'Organizations.RegisterDelegatedAdministrator': () => { throw awsError('AccountAlreadyRegisteredException'); } });
  await h.handler(prerequisite('Create', registerStep));
  assert.equal(h.sent[0].Status, 'SUCCESS');
});

test('trusted access already enabled is success: the call is idempotent', async () => {
  const step = { PhysicalId: 'TrustedAccess-ssm', Create: { Service: 'Organizations', Region: 'us-east-1', Action: 'EnableAWSServiceAccess', Parameters: { ServicePrincipal: 'ssm.amazonaws.com' } } };
  const h = harness({ 'Organizations.EnableAWSServiceAccess': () => ({}) });
  await h.handler(prerequisite('Create', step));
  await h.handler(prerequisite('Update', step, { PhysicalResourceId: 'TrustedAccess-ssm' }));
  assert.deepEqual(h.sent.map((b) => b.Status + ' ' + b.PhysicalResourceId), ['SUCCESS TrustedAccess-ssm', 'SUCCESS TrustedAccess-ssm']);
  assert.deepEqual(h.actions(), ['EnableAWSServiceAccess', 'EnableAWSServiceAccess']);
});

test('another error fails the resource with its code and message', async () => {
  const h = harness({ 'Organizations.RegisterDelegatedAdministrator': () => { throw awsError('AccessDeniedException', 'not the management account'); } });
  await h.handler(prerequisite('Create', registerStep));
  assert.deepEqual(h.sent, [{ Status: 'FAILED', Reason: 'AccessDeniedException: not the management account', PhysicalResourceId: 'failed-create:req-1' }]);
});

test('throttling is retried with growing waits', async () => {
  let n = 0;
  const h = harness({ 'Organizations.RegisterDelegatedAdministrator': () => { if (++n < 3) { throw awsError('TooManyRequestsException'); } return {}; } });
  await h.handler(prerequisite('Create', registerStep));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.equal(h.aws.calls.length, 3);
  assert.deepEqual(h.slept, [100, 200]);
});

test('throttling that does not end fails after maxAttempts, waits capped', async () => {
  const h = harness({ 'Organizations.RegisterDelegatedAdministrator': () => { throw awsError('ConcurrentModificationException', 'busy'); } });
  await h.handler(prerequisite('Create', registerStep));
  assert.equal(h.aws.calls.length, 4);
  assert.deepEqual(h.slept, [100, 200, 250]);
  assert.equal(h.sent[0].Status, 'FAILED');
  assert.match(h.sent[0].Reason, /^ConcurrentModificationException: RegisterDelegatedAdministrator: still throttled after 4 attempts: busy$/);
});

test('deletion makes the delete call; not registered any more is success', async () => {
  const h = harness({ 'Organizations.DeregisterDelegatedAdministrator': () => { throw awsError('AccountNotRegisteredException'); } });
  await h.handler(prerequisite('Delete', registerStep, { PhysicalResourceId: 'DelegatedAdmin-ssm-123456789012' }));
  assert.deepEqual(h.actions(), ['DeregisterDelegatedAdministrator']);
  assert.deepEqual(h.sent, [{ Status: 'SUCCESS', PhysicalResourceId: 'DelegatedAdmin-ssm-123456789012', Data: undefined }]);
});

test('deletion with retention (no Delete call) calls nothing', async () => {
  const h = harness({});
  const retained = { PhysicalId: registerStep.PhysicalId, Create: registerStep.Create };
  await h.handler(prerequisite('Delete', retained, { PhysicalResourceId: 'DelegatedAdmin-ssm-123456789012' }));
  assert.deepEqual(h.actions(), []);
  assert.equal(h.sent[0].Status, 'SUCCESS');
});

test('deleting a resource whose create failed calls nothing', async () => {
  const h = harness({});
  await h.handler(prerequisite('Delete', registerStep, { PhysicalResourceId: 'failed-create:req-0' }));
  assert.deepEqual(h.actions(), []);
  assert.equal(h.sent[0].Status, 'SUCCESS');
});

test('an unknown resource type fails, without a call', async () => {
  const h = harness({});
  await h.handler(Object.assign({}, base, { ResourceType: 'Custom::Other', RequestType: 'Create', ResourceProperties: {} }));
  assert.deepEqual(h.sent, [{ Status: 'FAILED', Reason: 'Error: resource type Custom::Other is not one this handler serves', PhysicalResourceId: 'failed-create:req-1' }]);
});

test('a call that outlives the function reports a timeout', async () => {
  const aws = { call: () => new Promise(() => {}) };
  const sent = [];
  const handler = makeHandler({ call: aws.call, respond: async (e, b) => { sent.push(b); }, sleep: async () => {}, now: () => 0, log: () => {}, maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, marginMs: 10 });
  await handler(prerequisite('Create', registerStep), { getRemainingTimeInMillis: () => 40 });
  assert.equal(sent[0].Status, 'FAILED');
  assert.match(sent[0].Reason, /timed out/);
});

// A fake SSM holding one document's versions.
function fakeSSM(versions, defaultVersion) {
  const doc = { versions: versions.slice(), default: defaultVersion };
  const exists = () => { if (!doc.versions.length) { throw awsError('InvalidDocument', 'not found'); } };
  return {
    doc,
    answers: {
      'SSM.DescribeDocument': () => { exists(); return { Document: { DefaultVersion: String(doc.default), LatestVersion: String(doc.versions.length) } }; },
      'SSM.GetDocument': (input) => { exists(); return { Content: doc.versions[Number(input.DocumentVersion) - 1] }; },
      'SSM.CreateDocument': (input) => { doc.versions.push(input.Content); doc.default = 1; return {}; },
      'SSM.UpdateDocument': (input) => {
        exists();
        if (doc.versions.some((c) => sameContent(c, input.Content))) { throw awsError('DuplicateDocumentContent'); }
        doc.versions.push(input.Content);
        return { DocumentDescription: { DocumentVersion: String(doc.versions.length) } };
      },
      'SSM.UpdateDocumentDefaultVersion': (input) => { exists(); doc.default = Number(input.DocumentVersion); return {}; },
      'SSM.ListDocumentVersions': () => ({ DocumentVersions: doc.versions.map((c, i) => ({ DocumentVersion: String(i + 1) })).reverse() }),
      'SSM.DeleteDocument': () => { exists(); doc.versions = []; doc.default = 0; return {}; },
    },
  };
}

const ours = JSON.stringify({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { idleSessionTimeout: '20' } });
const console1 = JSON.stringify({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { idleSessionTimeout: '60' } });
const preferences = (type, onDelete, extra) => Object.assign({}, base, {
  ResourceType: 'Custom::JitnaSessionPreferences', RequestType: type,
  ResourceProperties: { DocumentName: 'SSM-SessionManagerRunShell', Content: ours, OnDelete: onDelete },
}, extra);

test('session preferences: a console-made document gets a new default version; deletion restores it', async () => {
  const ssm = fakeSSM([console1], 1);
  const h = harness(ssm.answers);
  await h.handler(preferences('Create', 'restore'));
  assert.deepEqual(h.sent[0], { Status: 'SUCCESS', PhysicalResourceId: 'SSM-SessionManagerRunShell@1', Data: undefined });
  assert.deepEqual(ssm.doc, { versions: [console1, ours], default: 2 });
  await h.handler(preferences('Delete', 'restore', { PhysicalResourceId: 'SSM-SessionManagerRunShell@1' }));
  assert.equal(ssm.doc.default, 1);
  assert.equal(h.sent[1].Status, 'SUCCESS');
});

test('session preferences: a missing document is created, and deleted again on restore', async () => {
  const ssm = fakeSSM([], 0);
  const h = harness(ssm.answers);
  await h.handler(preferences('Create', 'restore'));
  assert.equal(h.sent[0].PhysicalResourceId, 'SSM-SessionManagerRunShell@created');
  assert.deepEqual(ssm.doc, { versions: [ours], default: 1 });
  await h.handler(preferences('Delete', 'restore', { PhysicalResourceId: 'SSM-SessionManagerRunShell@created' }));
  assert.deepEqual(ssm.doc, { versions: [], default: 0 });
  assert.deepEqual(h.actions().slice(-1), ['DeleteDocument']);
});

test('session preferences: retain leaves the document as it is on deletion', async () => {
  const ssm = fakeSSM([console1], 1);
  const h = harness(ssm.answers);
  await h.handler(preferences('Create', 'retain'));
  const calls = h.aws.calls.length;
  await h.handler(preferences('Delete', 'retain', { PhysicalResourceId: 'SSM-SessionManagerRunShell@1' }));
  assert.equal(h.aws.calls.length, calls);
  assert.equal(ssm.doc.default, 2);
});

test('session preferences: applying again changes nothing (idempotent)', async () => {
  const ssm = fakeSSM([console1], 1);
  const h = harness(ssm.answers);
  await h.handler(preferences('Create', 'restore'));
  await h.handler(preferences('Update', 'restore', { PhysicalResourceId: 'SSM-SessionManagerRunShell@1' }));
  assert.deepEqual(ssm.doc, { versions: [console1, ours], default: 2 });
  assert.deepEqual(h.actions().slice(-2), ['DescribeDocument', 'GetDocument']);
  assert.equal(h.sent[1].PhysicalResourceId, 'SSM-SessionManagerRunShell@1', 'an update keeps what deletion restores');
});

test('session preferences: content already in an older version (DuplicateDocumentContent) makes that version the default', async () => {
  const ssm = fakeSSM([ours, console1], 2);
  const h = harness(ssm.answers);
  await h.handler(preferences('Create', 'restore'));
  assert.deepEqual(ssm.doc, { versions: [ours, console1], default: 1 });
  assert.equal(h.sent[0].PhysicalResourceId, 'SSM-SessionManagerRunShell@2');
  assert.ok(h.actions().includes('ListDocumentVersions'));
});

test('session preferences: content that compares equal as JSON needs no new version', async () => {
  const reordered = JSON.stringify({ inputs: { idleSessionTimeout: '20' }, sessionType: 'Standard_Stream', schemaVersion: '1.0' });
  const ssm = fakeSSM([reordered], 1);
  const h = harness(ssm.answers);
  await h.handler(preferences('Create', 'restore'));
  assert.deepEqual(ssm.doc.versions, [reordered]);
  assert.ok(!h.actions().includes('UpdateDocument'));
});

test('session preferences: throttled calls are retried', async () => {
  const ssm = fakeSSM([console1], 1);
  let n = 0;
  const update = ssm.answers['SSM.UpdateDocument'];
  ssm.answers['SSM.UpdateDocument'] = (input) => { if (++n === 1) { throw awsError('ThrottlingException'); } return update(input); };
  const h = harness(ssm.answers);
  await h.handler(preferences('Create', 'restore'));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.equal(ssm.doc.default, 2);
  assert.deepEqual(h.slept, [100]);
});

const managerArn = 'arn:aws:ssm-quicksetup:us-east-1:123456789012:configuration-manager/abcd';
const waitProps = { ManagerArn: managerArn, Region: 'us-east-1', PollSeconds: '30' };
const waitFor = (type, extra) => Object.assign({}, base, { ResourceType: 'Custom::JitnaDeployed', RequestType: type, ResourceProperties: waitProps }, extra);
const statuses = (...list) => () => {
  const s = list.length > 1 ? list.shift() : list[0];
  return { ManagerArn: managerArn, StatusSummaries: s ? [{ StatusType: 'AsyncExecutions', Status: 'SUCCEEDED' }, Object.assign({ StatusType: 'Deployment' }, s)] : [] };
};
const lambda = (ms) => ({ getRemainingTimeInMillis: () => ms + 10 });

test('deployed: waits until Quick Setup reports the deployment SUCCEEDED', async () => {
  const h = harness({ 'QuickSetup.GetConfigurationManager': statuses(null, { Status: 'INITIALIZING' }, { Status: 'DEPLOYING' }, { Status: 'SUCCEEDED' }) });
  await h.handler(waitFor('Create'), lambda(600000));
  assert.deepEqual(h.sent, [{ Status: 'SUCCESS', PhysicalResourceId: managerArn, Data: undefined }]);
  assert.deepEqual(h.aws.calls.map((c) => c.region + ' ' + c.input.ManagerArn), Array(4).fill('us-east-1 ' + managerArn));
  assert.deepEqual(h.slept, [30000, 30000, 30000], 'PollSeconds apart; the AsyncExecutions status does not count');
});

test('deployed: a failed deployment fails at once, with what Quick Setup says', async () => {
  const h = harness({ 'QuickSetup.GetConfigurationManager': statuses({ Status: 'FAILED', StatusMessage: 'StackSet failed in 2 accounts' }) });
  await h.handler(waitFor('Update', { PhysicalResourceId: managerArn }), lambda(600000));
  assert.equal(h.sent[0].Status, 'FAILED');
  assert.equal(h.sent[0].PhysicalResourceId, managerArn);
  assert.match(h.sent[0].Reason, /Quick Setup reports .*configuration-manager\/abcd FAILED \(StackSet failed in 2 accounts\): fix its deployment/);
  assert.deepEqual(h.slept, []);
});

test('deployed: a deployment still under way when time runs out fails, saying what to do', async () => {
  const h = harness({ 'QuickSetup.GetConfigurationManager': statuses({ Status: 'DEPLOYING' }) });
  await h.handler(waitFor('Create'), lambda(100000));
  assert.equal(h.sent[0].Status, 'FAILED');
  assert.match(h.sent[0].Reason, /still reports .* DEPLOYING after 2 minute\(s\): deploy this stack again once it reports SUCCEEDED \(aws ssm-quicksetup get-configuration-manager --manager-arn arn:/);
  assert.equal(h.aws.calls.length, 4, 'at 0, 30, 60 and 90 s: the next would pass the deadline');
});

test('deployed: deletion waits for nothing', async () => {
  const h = harness({});
  await h.handler(waitFor('Delete', { PhysicalResourceId: managerArn }), lambda(600000));
  assert.deepEqual(h.sent, [{ Status: 'SUCCESS', PhysicalResourceId: managerArn, Data: undefined }]);
  assert.deepEqual(h.aws.calls, []);
});

test('respond PUTs the result as JSON to the response URL', async () => {
  let got;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { got = { method: req.method, url: req.url, type: req.headers['content-type'], body: JSON.parse(body) }; res.end(); });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = 'http://127.0.0.1:' + server.address().port + '/signed?x=1';
  await respond(Object.assign({}, base, { ResponseURL: url }), { Status: 'SUCCESS', PhysicalResourceId: 'id' });
  server.close();
  assert.deepEqual(got, { method: 'PUT', url: '/signed?x=1', type: '', body: { StackId: 'stack', RequestId: 'req-1', LogicalResourceId: 'Step', Status: 'SUCCESS', PhysicalResourceId: 'id' } });
});

test('respond fails when CloudFormation does not accept the result', async () => {
  const server = http.createServer((req, res) => { req.resume(); res.statusCode = 403; res.end(); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = 'http://127.0.0.1:' + server.address().port + '/';
  await assert.rejects(respond(Object.assign({}, base, { ResponseURL: url }), { Status: 'SUCCESS' }), /answered 403/);
  server.close();
});
