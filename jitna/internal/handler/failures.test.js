'use strict';
// Unit tests of the handler's failure paths and boundaries, one behaviour
// each, against the fake SDK of index.test.js: errors that mean "done
// already", errors that must fail the request, the exact messages a person
// reads, waits and deadlines at their limits, and the response PUT. Run with
// `node --test` (HANDLER names the module to test; default ./index.js).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');

const { makeHandler, put, sameContent, canonical, validResponseURL } = require(path.resolve(process.env.HANDLER || path.join(__dirname, 'index.js')));

const awsError = (name, message) => Object.assign(new Error(message || name), { name });
const STACK = 'arn:aws:cloudformation:us-east-1:111122223333:stack/S/1';
const URL_OK = 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws?X-Amz-Signature=abc';
const START = 300000;

// harness: as in index.test.js, with real-time calls allowed (an answer may
// be a promise that settles later) and a put that fails failPuts times.
function harness(answers, allowed, failPuts) {
  const calls = [];
  const sent = [];
  const slept = [];
  const puts = [];
  let clock = START;
  let failing = failPuts || 0;
  const h = { calls, sent, slept, puts, actions: () => calls.map((c) => c.action) };
  h.handler = makeHandler({
    allowed,
    region: 'us-east-1',
    stackId: STACK,
    call: async (service, region, action, input, signal) => {
      calls.push({ service, region, action, input, signal });
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
const PRE = 'Custom::JitnaPrerequisite';
const sharing = { Step: 'RAMSharing' };
const SSM = 'ssm.amazonaws.com';
const ADMIN = '111122223333';
const OTHER = '444455556666';
const adminProps = { Step: 'DelegatedAdmin', ServicePrincipal: SSM, AccountId: ADMIN, DeregisterOnDelete: 'true' };
const REGISTERED = 'DelegatedAdmin-' + SSM + '-' + ADMIN + ':registered';
const stacks = (status) => () => ({ Stacks: [{ StackStatus: status, CreationTime: new Date('2026-01-01T00:00:00Z') }] });

// Retries and errors.

test('every throttling code is retried', async () => {
  for (const code of ['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'ConcurrentModificationException', 'RequestLimitExceeded']) {
    let n = 0;
    const h = harness({ 'RAM.EnableSharingWithAwsOrganization': () => { if (++n < 2) { throw awsError(code); } return {}; } }, { R: sharing });
    await h.handler(event('Create', PRE, sharing), lambda(60000));
    assert.equal(h.sent[0].Status, 'SUCCESS', code);
    assert.deepEqual(h.slept, [100], code);
  }
});

test('a rejection that is not an Error is reported as Error with its text', async () => {
  const h = harness({ 'RAM.EnableSharingWithAwsOrganization': () => Promise.reject('boom') }, { R: sharing }); // eslint-disable-line prefer-promise-reject-errors
  await h.handler(event('Create', PRE, sharing), lambda(60000));
  assert.equal(h.sent[0].Reason, 'Error: boom');
});

test('an unknown step fails, naming it', async () => {
  const odd = { Step: 'Other' };
  const h = harness({}, { R: odd });
  await h.handler(event('Create', PRE, odd), lambda(60000));
  assert.equal(h.sent[0].Reason, 'Error: unknown step Other');
  assert.deepEqual(h.calls, []);
});

test('trusted access is recorded by service', async () => {
  const t = { Step: 'TrustedAccess', ServicePrincipal: SSM };
  const h = harness({ 'Organizations.EnableAWSServiceAccess': () => ({}) }, { R: t });
  await h.handler(event('Create', PRE, t), lambda(60000));
  assert.equal(h.sent[0].PhysicalResourceId, 'TrustedAccess-' + SSM);
});

// Admission: only the synthesized properties.

test('a logical id the stack was not synthesized with is refused on create', async () => {
  const h = harness({}, { Other: sharing });
  await h.handler(event('Create', PRE, sharing), lambda(60000));
  assert.equal(h.sent[0].Status, 'FAILED');
  assert.equal(h.sent[0].Reason, 'Error: R: these properties are not the ones the stack was synthesized with: nothing done');
  assert.deepEqual(h.calls, []);
});

test('a document property that is not JSON is not admitted', async () => {
  const prefs = { DocumentName: 'SSM-SessionManagerRunShell', Content: { a: '1' }, OnDelete: 'restore' };
  for (const content of ['not json', '{"a":"2"}']) {
    const h = harness({}, { R: prefs });
    await h.handler(event('Create', 'Custom::JitnaSessionPreferences', Object.assign({}, prefs, { Content: content })), lambda(60000));
    assert.equal(h.sent[0].Status, 'FAILED', content);
    assert.deepEqual(h.calls, []);
  }
  const h = harness({ 'SSM.DescribeDocument': () => { throw awsError('AccessDeniedException'); } }, { R: prefs });
  await h.handler(event('Create', 'Custom::JitnaSessionPreferences', Object.assign({}, prefs, { Content: '{"a":1}' })), lambda(60000));
  assert.deepEqual(h.actions(), ['DescribeDocument'], 'the same JSON value is admitted');
});

// Delegated administrators.

test('a registration that appears between the list and the register is adopted', async () => {
  const h = harness({
    'Organizations.ListDelegatedAdministrators': () => ({ DelegatedAdministrators: [] }),
    'Organizations.RegisterDelegatedAdministrator': () => { throw awsError('AccountAlreadyRegisteredException'); },
  }, { R: adminProps });
  await h.handler(event('Create', PRE, adminProps), lambda(60000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.equal(h.sent[0].PhysicalResourceId, 'DelegatedAdmin-' + SSM + '-' + ADMIN + ':adopted');
});

test('a failed registration says who the delegated administrator is, when there is one', async () => {
  const failing = (listed) => harness({
    'Organizations.ListDelegatedAdministrators': () => (listed ? { DelegatedAdministrators: listed.map((Id) => ({ Id })) } : {}),
    'Organizations.RegisterDelegatedAdministrator': () => { throw awsError('ConstraintViolationException', 'one only'); },
  }, { R: adminProps });
  let h = failing([OTHER]);
  await h.handler(event('Create', PRE, adminProps), lambda(60000));
  assert.equal(h.sent[0].Reason, 'ConstraintViolationException: one only (' + OTHER + ' is the delegated administrator for ' + SSM +
    ' now: to change it, deregister it first with aws organizations deregister-delegated-administrator --account-id ' + OTHER +
    ' --service-principal ' + SSM + ', then deploy again)');
  h = failing([OTHER, '777788889999']);
  await h.handler(event('Create', PRE, adminProps), lambda(60000));
  assert.match(h.sent[0].Reason, /\(444455556666, 777788889999 is the delegated administrator/);
  for (const listed of [[], undefined]) {
    h = failing(listed);
    await h.handler(event('Create', PRE, adminProps), lambda(60000));
    assert.equal(h.sent[0].Reason, 'ConstraintViolationException: one only');
  }
});

test('deregistering a registration that is gone already succeeds; another error fails the deletion', async () => {
  for (const [code, status] of [['AccountNotRegisteredException', 'SUCCESS'], ['AccessDeniedException', 'FAILED']]) {
    const h = harness({ 'Organizations.DeregisterDelegatedAdministrator': () => { throw awsError(code); } }, { R: adminProps });
    await h.handler(event('Delete', PRE, adminProps, { PhysicalResourceId: REGISTERED }), lambda(60000));
    assert.equal(h.sent[0].Status, status, code);
    assert.equal(h.sent[0].PhysicalResourceId, REGISTERED);
  }
});

test('a registration is deregistered on a rollback even without DeregisterOnDelete, and never otherwise', async () => {
  const keep = Object.assign({}, adminProps, { DeregisterOnDelete: 'false' });
  for (const [status, calls] of [['ROLLBACK_IN_PROGRESS', ['DescribeStacks', 'DeregisterDelegatedAdministrator']], ['DELETE_IN_PROGRESS', ['DescribeStacks']]]) {
    const h = harness({ 'CloudFormation.DescribeStacks': stacks(status), 'Organizations.DeregisterDelegatedAdministrator': () => ({}) }, { R: keep });
    await h.handler(event('Delete', PRE, keep, { PhysicalResourceId: REGISTERED }), lambda(60000));
    assert.deepEqual(h.actions(), calls, status);
  }
  const h = harness({}, { R: adminProps });
  await h.handler(event('Delete', PRE, sharing, { PhysicalResourceId: REGISTERED }), lambda(60000));
  assert.deepEqual(h.calls, [], 'not the synthesized properties: nothing');
});

// Session preferences.

const RUN_SHELL = 'SSM-SessionManagerRunShell';
const ours = { schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { idleSessionTimeout: '20' } };
const prefs = { DocumentName: RUN_SHELL, Content: ours, OnDelete: 'restore' };
const prefsEvent = (type, extra, props) => event(type, 'Custom::JitnaSessionPreferences',
  Object.assign({}, props || prefs, { Content: JSON.stringify((props || prefs).Content) }), extra);
const OWNER = STACK + '/R';
const tagList = (o) => ({ TagList: Object.entries(o).map(([Key, Value]) => ({ Key, Value })) });

test('session preferences: an error describing the document fails the request, creating nothing', async () => {
  const h = harness({ 'SSM.DescribeDocument': () => { throw awsError('AccessDeniedException', 'no'); } }, { R: prefs });
  await h.handler(prefsEvent('Create'), lambda(60000));
  assert.equal(h.sent[0].Reason, 'AccessDeniedException: no');
  assert.deepEqual(h.actions(), ['DescribeDocument']);
});

test('session preferences: a document another resource manages is refused, naming it', async () => {
  const h = harness({
    'SSM.DescribeDocument': () => ({ Document: { DefaultVersion: '1' } }),
    'SSM.ListTagsForResource': () => tagList({ 'cdk-jitna:owner': 'arn:other/Prefs', 'cdk-jitna:previous-default': '1' }),
  }, { R: prefs });
  await h.handler(prefsEvent('Create'), lambda(60000));
  assert.equal(h.sent[0].Reason, 'Error: ' + RUN_SHELL + ' is managed by arn:other/Prefs: one resource manages it in an account and Region; remove it there first');
});

test('session preferences: a repeated create of the owner adds no tags and keeps the version recorded', async () => {
  const h = harness({
    'SSM.DescribeDocument': () => ({ Document: { DefaultVersion: '3' } }),
    'SSM.ListTagsForResource': () => tagList({ 'cdk-jitna:owner': OWNER, 'cdk-jitna:previous-default': '1' }),
    'SSM.GetDocument': () => ({ Content: JSON.stringify(ours) }),
  }, { R: prefs });
  await h.handler(prefsEvent('Create'), lambda(60000));
  assert.equal(h.sent[0].PhysicalResourceId, RUN_SHELL + '@1');
  assert.deepEqual(h.actions(), ['DescribeDocument', 'ListTagsForResource', 'GetDocument']);
});

test('session preferences: an update keeps the physical id, even when the document was made again', async () => {
  const h = harness({
    'SSM.DescribeDocument': () => { throw awsError('InvalidDocument'); },
    'SSM.CreateDocument': () => ({}),
  }, { R: prefs });
  await h.handler(prefsEvent('Update', { PhysicalResourceId: RUN_SHELL + '@1', OldResourceProperties: {} }), lambda(60000));
  assert.equal(h.sent[0].PhysicalResourceId, RUN_SHELL + '@1');
});

test('session preferences: an error updating the document fails the request', async () => {
  const h = harness({
    'SSM.DescribeDocument': () => ({ Document: { DefaultVersion: '1' } }),
    'SSM.ListTagsForResource': () => tagList({}),
    'SSM.AddTagsToResource': () => ({}),
    'SSM.GetDocument': () => ({ Content: '{"other":"1"}' }),
    'SSM.UpdateDocument': () => { throw awsError('AccessDeniedException', 'no'); },
  }, { R: prefs });
  await h.handler(prefsEvent('Create'), lambda(60000));
  assert.equal(h.sent[0].Reason, 'AccessDeniedException: no');
});

test('session preferences: SSM calling the content a duplicate that no version holds fails, saying so', async () => {
  const h = harness({
    'SSM.DescribeDocument': () => ({ Document: { DefaultVersion: '1' } }),
    'SSM.ListTagsForResource': () => tagList({}),
    'SSM.AddTagsToResource': () => ({}),
    'SSM.GetDocument': () => ({ Content: '{"other":"1"}' }),
    'SSM.UpdateDocument': () => { throw awsError('DuplicateDocumentContent'); },
    'SSM.ListDocumentVersions': () => ({ DocumentVersions: [{ DocumentVersion: '1' }] }),
  }, { R: prefs });
  await h.handler(prefsEvent('Create'), lambda(60000));
  assert.equal(h.sent[0].Reason, 'Error: SSM reports the content of ' + RUN_SHELL + ' as a duplicate, but no version of it holds that content');
});

test('session preferences: each version added is recorded, space-separated', async () => {
  const added = [];
  const h = harness({
    'SSM.DescribeDocument': () => ({ Document: { DefaultVersion: '3' } }),
    'SSM.ListTagsForResource': () => tagList({ 'cdk-jitna:owner': OWNER, 'cdk-jitna:previous-default': '1', 'cdk-jitna:added-versions': '2 3' }),
    'SSM.GetDocument': () => ({ Content: '{"other":"1"}' }),
    'SSM.UpdateDocument': () => ({ DocumentDescription: { DocumentVersion: '14' } }),
    'SSM.AddTagsToResource': (i) => { added.push(i.Tags); return {}; },
    'SSM.UpdateDocumentDefaultVersion': () => ({}),
  }, { R: prefs });
  await h.handler(prefsEvent('Update', { PhysicalResourceId: RUN_SHELL + '@1', OldResourceProperties: {} }), lambda(60000));
  assert.deepEqual(added, [[{ Key: 'cdk-jitna:added-versions', Value: '2 3 14' }]]);
});

test('session preferences: restoring deletes each version it added, tolerating one gone or refused', async () => {
  for (const code of [undefined, 'InvalidDocumentVersion', 'InvalidDocumentOperation']) {
    const h = harness({
      'SSM.ListTagsForResource': () => tagList({ 'cdk-jitna:owner': OWNER, 'cdk-jitna:previous-default': '1', 'cdk-jitna:added-versions': '2 13' }),
      'SSM.UpdateDocumentDefaultVersion': () => ({}),
      'SSM.DeleteDocument': (i) => { if (code && i.DocumentVersion === '2') { throw awsError(code); } return {}; },
      'SSM.RemoveTagsFromResource': () => ({}),
    }, { R: prefs });
    await h.handler(prefsEvent('Delete', { PhysicalResourceId: RUN_SHELL + '@1' }), lambda(60000));
    assert.equal(h.sent[0].Status, 'SUCCESS', code);
    assert.deepEqual(h.calls.filter((c) => c.action === 'DeleteDocument').map((c) => c.input), [
      { Name: RUN_SHELL, DocumentVersion: '2' }, { Name: RUN_SHELL, DocumentVersion: '13' }], code);
    assert.deepEqual(h.calls[h.calls.length - 1].input, { ResourceType: 'Document', ResourceId: RUN_SHELL,
      TagKeys: ['cdk-jitna:owner', 'cdk-jitna:previous-default', 'cdk-jitna:added-versions'] });
  }
});

test('session preferences: restoring with nothing added deletes no version', async () => {
  const h = harness({
    'SSM.ListTagsForResource': () => tagList({ 'cdk-jitna:owner': OWNER, 'cdk-jitna:previous-default': '1' }),
    'SSM.UpdateDocumentDefaultVersion': () => ({}),
    'SSM.RemoveTagsFromResource': () => ({}),
  }, { R: prefs });
  await h.handler(prefsEvent('Delete', { PhysicalResourceId: RUN_SHELL + '@1' }), lambda(60000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.deepEqual(h.actions(), ['ListTagsForResource', 'UpdateDocumentDefaultVersion', 'RemoveTagsFromResource']);
});

test('session preferences: when the version before is gone, the versions it added stay; another error fails', async () => {
  for (const [code, status, actions] of [
    ['InvalidDocumentVersion', 'SUCCESS', ['ListTagsForResource', 'UpdateDocumentDefaultVersion', 'RemoveTagsFromResource']],
    ['AccessDeniedException', 'FAILED', ['ListTagsForResource', 'UpdateDocumentDefaultVersion']],
  ]) {
    const h = harness({
      'SSM.ListTagsForResource': () => tagList({ 'cdk-jitna:owner': OWNER, 'cdk-jitna:previous-default': '1', 'cdk-jitna:added-versions': '2 3' }),
      'SSM.UpdateDocumentDefaultVersion': () => { throw awsError(code); },
      'SSM.DeleteDocument': () => ({}),
      'SSM.RemoveTagsFromResource': () => ({}),
    }, { R: prefs });
    await h.handler(prefsEvent('Delete', { PhysicalResourceId: RUN_SHELL + '@1' }), lambda(60000));
    assert.equal(h.sent[0].Status, status, code);
    assert.deepEqual(h.actions(), actions, code);
  }
});

test('session preferences: a document it created and that is gone by the deletion is fine', async () => {
  const h = harness({
    'SSM.ListTagsForResource': () => tagList({ 'cdk-jitna:owner': OWNER, 'cdk-jitna:previous-default': 'created' }),
    'SSM.DeleteDocument': () => { throw awsError('InvalidDocument'); },
  }, { R: prefs });
  await h.handler(prefsEvent('Delete', { PhysicalResourceId: RUN_SHELL + '@created' }), lambda(60000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.deepEqual(h.calls[1].input, { Name: RUN_SHELL });
});

test('session preferences: a deletion with other properties, of a resource the stack still has, does nothing', async () => {
  const h = harness({}, { R: prefs });
  const other = Object.assign({}, prefs, { Content: { other: '1' } });
  await h.handler(prefsEvent('Delete', { PhysicalResourceId: RUN_SHELL + '@1' }, other), lambda(60000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.deepEqual(h.calls, []);
});

// Quick Setup.

const JITNA = 'AWSQuickSetupType-JITNA';
const waitProps = { ManagerName: 'jitna', DefinitionType: JITNA, Region: 'us-west-2', PollSeconds: '30' };
const waitEvent = (type, extra) => event(type, 'Custom::JitnaDeployed', waitProps, extra);
const listed = (...managers) => () => ({ ConfigurationManagersList: managers });
const mgr = (arn, status, extra) => Object.assign({ ManagerArn: arn, Name: 'jitna', ConfigurationDefinitionSummaries: [{ Type: JITNA }],
  StatusSummaries: status ? [{ StatusType: 'Deployment', Status: status }] : undefined }, extra);

test('deployed: every state that will not become SUCCEEDED fails at once', async () => {
  for (const status of ['FAILED', 'STOPPING', 'STOPPED', 'STOP_FAILED', 'DELETING', 'DELETE_FAILED']) {
    const h = harness({ 'QuickSetup.ListConfigurationManagers': listed(mgr('arn:m', status)) }, { R: waitProps });
    await h.handler(waitEvent('Create'), lambda(600000));
    assert.equal(h.sent[0].Status, 'FAILED', status);
    assert.equal(h.calls.length, 1, status);
  }
});

test('deployed: only a manager of the name and with the definition type counts', async () => {
  const h = harness({ 'QuickSetup.ListConfigurationManagers': listed(
    mgr('arn:name', 'FAILED', { Name: 'other' }),
    mgr('arn:types', 'SUCCEEDED', { ConfigurationDefinitionSummaries: [{ Type: 'AWSQuickSetupType-SSM' }, { Type: JITNA }] }),
    mgr('arn:none', 'FAILED', { ConfigurationDefinitionSummaries: undefined })) }, { R: waitProps });
  await h.handler(waitEvent('Create'), lambda(600000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.equal(h.sent[0].PhysicalResourceId, 'arn:types');
});

test('deployed: an update waits for a manager that is gone, and for its own until it is SUCCEEDED', async () => {
  const answers = [listed(), listed(mgr('arn:m', 'DEPLOYING')), listed(mgr('arn:m', 'SUCCEEDED'))];
  const h = harness({ 'QuickSetup.ListConfigurationManagers': () => answers.shift()() }, { R: waitProps });
  await h.handler(waitEvent('Update', { PhysicalResourceId: 'arn:m', OldResourceProperties: {} }), lambda(600000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.equal(h.calls.length, 3);
  const same = harness({ 'QuickSetup.ListConfigurationManagers': listed(mgr('arn:m', 'FAILED')) }, { R: waitProps });
  await same.handler(waitEvent('Update', { PhysicalResourceId: 'arn:m', OldResourceProperties: {} }), lambda(600000));
  assert.equal(same.sent[0].Status, 'SUCCESS', 'the same manager, at once');
  assert.equal(same.sent[0].PhysicalResourceId, 'arn:m');
});

test('deployed: at the deadline it names the state last seen, or that there is none', async () => {
  for (const [answer, state] of [[listed(), 'NOT_FOUND'], [listed(mgr('arn:m')), 'NONE']]) {
    const h = harness({ 'QuickSetup.ListConfigurationManagers': answer }, { R: waitProps });
    await h.handler(waitEvent('Create'), lambda(60020));
    assert.equal(h.sent[0].Reason, 'Error: Quick Setup configuration manager jitna is still ' + state +
      ' after 1 minute(s): deploy this stack again once it reports SUCCEEDED (aws ssm-quicksetup list-configuration-managers)');
  }
});

test('deployed: a poll that would end exactly at the deadline is still made', async () => {
  const h = harness({ 'QuickSetup.ListConfigurationManagers': listed(mgr('arn:m', 'DEPLOYING')) }, { R: waitProps });
  await h.handler(waitEvent('Create'), lambda(90020));
  assert.equal(h.calls.length, 4, 'at 0, 30, 60 and 90 s: 60 + 30 is the deadline, not past it');
});

// Deadlines, the response and giving up.

test('work that outlives the deadline is stopped: the signal aborts and no call follows', async () => {
  const late = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
  const h = harness({
    'Organizations.ListDelegatedAdministrators': () => late(150, { DelegatedAdministrators: [] }),
    'Organizations.RegisterDelegatedAdministrator': () => ({}),
  }, { R: adminProps });
  await h.handler(event('Create', PRE, adminProps), lambda(80));
  assert.equal(h.sent[0].Status, 'FAILED');
  assert.equal(h.sent[0].Reason, 'Error: no answer from AWS before the function times out: the work was stopped');
  assert.equal(h.calls[0].signal.aborted, true);
  await late(200);
  assert.deepEqual(h.actions(), ['ListDelegatedAdministrators'], 'the registration is never made');
});

test('work that takes real time within the deadline completes', async () => {
  const h = harness({ 'RAM.EnableSharingWithAwsOrganization': () => new Promise((resolve) => setTimeout(() => resolve({}), 20)) }, { R: sharing });
  await h.handler(event('Create', PRE, sharing), lambda(2000));
  assert.equal(h.sent[0].Status, 'SUCCESS');
  assert.equal(h.calls[0].signal.aborted, true, 'aborted once answered');
});

test('a failure reason is kept whole up to 2,000 bytes and cut, marked, above', async () => {
  for (const [length, cut] of [[1993, false], [1994, true]]) {
    const h = harness({ 'RAM.EnableSharingWithAwsOrganization': () => { throw new Error('x'.repeat(length)); } }, { R: sharing });
    await h.handler(event('Create', PRE, sharing), lambda(60000));
    const reason = h.sent[0].Reason;
    assert.equal(reason.endsWith('…'), cut, length);
    assert.ok(Buffer.byteLength(reason) <= 2000, length);
    assert.equal(reason.length, cut ? 1801 : 2000, length);
  }
});

test('the response PUT is retried with doubling waits, each within what is left', async () => {
  const h = harness({ 'RAM.EnableSharingWithAwsOrganization': () => ({}) }, { R: sharing }, 3);
  await h.handler(event('Create', PRE, sharing), lambda(60000));
  assert.equal(h.sent.length, 1);
  assert.deepEqual(h.slept, [100, 200, 250]);
  assert.deepEqual(h.puts.map((p) => p.timeoutMs), [100, 100, 100, 100]);
  // Less time left than the PUT's own timeout: the time left.
  const g = harness({ 'RAM.EnableSharingWithAwsOrganization': () => ({}) }, { R: sharing }, 1);
  await g.handler(event('Create', PRE, sharing), lambda(165));
  assert.deepEqual(g.puts.map((p) => p.timeoutMs), [100, 60], 'deadline 160 (5 ms kept): 160, then 60 after a 100 ms wait');
});

test('the response is given up when the next wait would reach the deadline', async () => {
  for (const [remaining, attempts] of [[555, 3], [556, 4], [570, 4], [1070, 6]]) {
    const h = harness({ 'RAM.EnableSharingWithAwsOrganization': () => ({}) }, { R: sharing }, 10);
    await h.handler(event('Create', PRE, sharing), lambda(remaining));
    assert.equal(h.puts.length, attempts, 'remaining ' + remaining + ' ms');
    assert.deepEqual(h.sent, []);
  }
});

// Helpers.

test('put: only a 2xx status is success; https goes over TLS', async () => {
  const server = http.createServer((req, res) => { req.resume(); res.statusCode = Number(req.url.slice(1)); res.end(); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = 'http://127.0.0.1:' + server.address().port;
  await put(base + '/200', '{}', 1000);
  await put(base + '/299', '{}', 1000);
  await assert.rejects(put(base + '/300', '{}', 1000), /CloudFormation answered 300/);
  // An https URL to a plain HTTP server: the TLS handshake fails.
  await assert.rejects(put('https://127.0.0.1:' + server.address().port + '/200', '{}', 1000), (err) => err.code !== 'ERR_INVALID_PROTOCOL');
  server.closeAllConnections();
  server.close();
});

test('comparisons: a missing value is empty; content that is not JSON is never the same', () => {
  assert.equal(canonical([undefined, null, 0]), '["","","0"]');
  assert.strictEqual(sameContent('not json', 'not json'), false);
  assert.strictEqual(sameContent('{}', '{}'), true);
});

test('response URLs: the bucket host and a query are required', () => {
  for (const [url, ok] of [
    ['https://attacker.s3.amazonaws.com/a?b=c', false],
    ['https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/a?', false],
    ['https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/a?b', true],
  ]) {
    assert.equal(validResponseURL(url, 'us-east-1'), ok, url);
  }
  assert.equal(validResponseURL('https://cloudformation-custom-resource-response-x.s3.amazonaws.com.cn/a?b=c', 'xcn-1'), false,
    'the partition is the Region\'s prefix');
  assert.equal(validResponseURL('https://cloudformation-custom-resource-response-x.s3.amazonaws.com/a?b=c', undefined), true);
  assert.equal(validResponseURL('https://cloudformation-custom-resource-response-x.s3.amazonaws.com/a?b=c', 'cn-north-1'), false,
    'in China, the .com.cn endpoint only');
});
