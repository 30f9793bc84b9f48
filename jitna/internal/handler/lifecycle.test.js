'use strict';
// Lifecycle tests of the custom-resource handler: a stateful fake of every
// AWS API it calls (AWS Organizations, AWS RAM, SSM documents, Quick Setup)
// and a driver that plays CloudFormation's sequences — create; update;
// update with replacement; failed create and its deletion; failed update,
// rollback update and cleanup; delete; a duplicate delivery; a Lambda
// timeout; a failing or slow response PUT — with the invariants checked
// after each: what existed before is never removed or changed, the world
// after create and delete (or a rolled-back create) is the world before,
// every request gets exactly one response, and no AWS call starts after it.
// Run with `node --test` (HANDLER names the module to test; SEED and RUNS
// the generated sequences).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const { makeHandler, canonical } = require(path.resolve(process.env.HANDLER || path.join(__dirname, 'index.js')));

const awsError = (name, message) => Object.assign(new Error(message || name), { name });
const clone = (v) => JSON.parse(JSON.stringify(v));
const ADMIN = '111122223333';
const OTHER = '444455556666';
const SSM = 'ssm.amazonaws.com';
const STACKSETS = 'member.org.stacksets.cloudformation.amazonaws.com';
// Services that allow one delegated administrator.
const ONE_ADMIN = new Set([SSM]);

// INPUTS are the request shapes the fake accepts, as the APIs define them
// (required members, enumerations, patterns): a call outside them fails
// with ValidationException, as AWS does.
const name = (v) => typeof v === 'string' && v.length > 0;
const optional = (check) => (v) => v === undefined || check(v);
const oneOf = (...values) => (v) => values.includes(v);
const account = (v) => /^\d{12}$/.test(v);
const version = (v) => /^([$]LATEST|[$]DEFAULT|[1-9][0-9]*)$/.test(v);
const tagKey = (v) => name(v) && v.length <= 128 && !/^aws:/i.test(v);
const tags = (v) => Array.isArray(v) && v.length > 0 && v.every((t) => tagKey(t.Key) && typeof t.Value === 'string' && t.Value.length <= 256);
const json = (v) => { try { JSON.parse(v); return true; } catch (err) { return false; } };
const resource = { ResourceType: oneOf('Document', 'ManagedInstance', 'MaintenanceWindow', 'Parameter', 'PatchBaseline', 'OpsItem'), ResourceId: name };
const format = optional(oneOf('YAML', 'JSON', 'TEXT'));
const INPUTS = {
  'Organizations.EnableAWSServiceAccess': { ServicePrincipal: name },
  'Organizations.ListDelegatedAdministrators': { ServicePrincipal: optional(name), NextToken: optional(name) },
  'Organizations.RegisterDelegatedAdministrator': { AccountId: account, ServicePrincipal: name },
  'Organizations.DeregisterDelegatedAdministrator': { AccountId: account, ServicePrincipal: name },
  'RAM.EnableSharingWithAwsOrganization': {},
  'SSM.DescribeDocument': { Name: name },
  'SSM.GetDocument': { Name: name, DocumentVersion: optional(version), DocumentFormat: format },
  'SSM.CreateDocument': { Name: name, Content: json, DocumentType: oneOf('Command', 'Policy', 'Automation', 'Session', 'Package'), DocumentFormat: format, Tags: optional(tags) },
  'SSM.UpdateDocument': { Name: name, Content: json, DocumentVersion: optional(version), DocumentFormat: format },
  'SSM.UpdateDocumentDefaultVersion': { Name: name, DocumentVersion: (v) => /^[1-9][0-9]*$/.test(v) },
  'SSM.ListDocumentVersions': { Name: name, MaxResults: optional((v) => Number.isInteger(v) && v >= 1 && v <= 50), NextToken: optional(name) },
  'SSM.DeleteDocument': { Name: name, DocumentVersion: optional(version) },
  'SSM.ListTagsForResource': resource,
  'SSM.AddTagsToResource': Object.assign({ Tags: tags }, resource),
  'SSM.RemoveTagsFromResource': Object.assign({ TagKeys: (v) => Array.isArray(v) && v.length > 0 && v.every(tagKey) }, resource),
  'CloudFormation.DescribeStacks': { StackName: name },
  'QuickSetup.ListConfigurationManagers': { StartingToken: optional(name), NextToken: optional(name) },
};

// invalid names what is wrong with input for call (undefined: nothing).
function invalid(call, input) {
  const shape = INPUTS[call];
  if (!shape) {
    return 'the fake has no ' + call;
  }
  for (const k of Object.keys(input)) {
    if (!shape[k] && input[k] !== undefined) {
      return call + ': unknown member ' + k;
    }
  }
  for (const [k, ok] of Object.entries(shape)) {
    if (!ok(input[k])) {
      return call + ': ' + k + ' ' + JSON.stringify(input[k]) + ' is not valid';
    }
  }
  return undefined;
}

// World is the fake AWS: its state, and the calls made.
class World {
  constructor(state) {
    this.state = Object.assign({ trusted: [], admins: {}, sharing: false, documents: {}, managers: [] }, clone(state || {}));
    this.stacks = {}; // stack id -> {StackStatus, CreationTime, LastUpdatedTime}, kept by Stack
    this.calls = [];
    this.fail = {}; // Service.Action -> error name, thrown once
  }
  snapshot() { return clone(this.state); }
  async call(service, region, action, input, signal, now) {
    this.now = now;
    this.calls.push({ service, region, action, input: clone(input), at: now() });
    const wrong = invalid(service + '.' + action, input);
    if (wrong) {
      throw awsError('ValidationException', wrong);
    }
    const failure = this.fail[service + '.' + action];
    if (failure) {
      delete this.fail[service + '.' + action];
      throw awsError(failure);
    }
    const fn = this[service + '_' + action];
    if (!fn) {
      throw new Error('the fake has no ' + service + '.' + action);
    }
    return fn.call(this, input);
  }
  Organizations_EnableAWSServiceAccess(i) {
    if (!this.state.trusted.includes(i.ServicePrincipal)) { this.state.trusted.push(i.ServicePrincipal); this.state.trusted.sort(); }
    return {};
  }
  Organizations_ListDelegatedAdministrators(i) {
    const since = (this.since || {})[i.ServicePrincipal] || {};
    return { DelegatedAdministrators: (this.state.admins[i.ServicePrincipal] || []).map((Id) => ({ Id, DelegationEnabledDate: new Date(since[Id] === undefined ? -1000 : since[Id]) })) };
  }
  Organizations_RegisterDelegatedAdministrator(i) {
    const list = this.state.admins[i.ServicePrincipal] || [];
    if (list.includes(i.AccountId)) { throw awsError('AccountAlreadyRegisteredException'); }
    if (ONE_ADMIN.has(i.ServicePrincipal) && list.length) { throw awsError('ConstraintViolationException', 'one delegated administrator'); }
    this.state.admins[i.ServicePrincipal] = list.concat(i.AccountId).sort();
    this.since = this.since || {};
    this.since[i.ServicePrincipal] = Object.assign(this.since[i.ServicePrincipal] || {}, { [i.AccountId]: this.now() });
    return {};
  }
  Organizations_DeregisterDelegatedAdministrator(i) {
    const list = this.state.admins[i.ServicePrincipal] || [];
    if (!list.includes(i.AccountId)) { throw awsError('AccountNotRegisteredException'); }
    this.state.admins[i.ServicePrincipal] = list.filter((a) => a !== i.AccountId);
    if (!this.state.admins[i.ServicePrincipal].length) { delete this.state.admins[i.ServicePrincipal]; }
    return {};
  }
  RAM_EnableSharingWithAwsOrganization() { this.state.sharing = true; return { returnValue: true }; }
  doc(name) {
    const d = this.state.documents[name];
    if (!d) { throw awsError('InvalidDocument', name + ' not found'); }
    return d;
  }
  SSM_DescribeDocument(i) { const d = this.doc(i.Name); return { Document: { Name: i.Name, DefaultVersion: String(d.default), LatestVersion: String(d.versions.length) } }; }
  SSM_GetDocument(i) {
    const d = this.doc(i.Name);
    const v = d.versions[Number(i.DocumentVersion) - 1];
    if (v === undefined || v === null) { throw awsError('InvalidDocumentVersion'); }
    return { Content: v };
  }
  SSM_CreateDocument(i) {
    if (this.state.documents[i.Name]) { throw awsError('DocumentAlreadyExists'); }
    const tags = {};
    for (const t of i.Tags || []) { tags[t.Key] = t.Value; }
    this.state.documents[i.Name] = { type: i.DocumentType, versions: [i.Content], default: 1, tags };
    return {};
  }
  SSM_UpdateDocument(i) {
    const d = this.doc(i.Name);
    if (d.versions.some((c) => c !== null && canonical(JSON.parse(c)) === canonical(JSON.parse(i.Content)))) { throw awsError('DuplicateDocumentContent'); }
    d.versions.push(i.Content);
    return { DocumentDescription: { DocumentVersion: String(d.versions.length) } };
  }
  SSM_UpdateDocumentDefaultVersion(i) {
    const d = this.doc(i.Name);
    if (!d.versions[Number(i.DocumentVersion) - 1]) { throw awsError('InvalidDocumentVersion'); }
    d.default = Number(i.DocumentVersion);
    return {};
  }
  SSM_ListDocumentVersions(i) {
    const d = this.doc(i.Name);
    return { DocumentVersions: d.versions.map((c, n) => (c === null ? null : { DocumentVersion: String(n + 1) })).filter(Boolean).reverse() };
  }
  SSM_DeleteDocument(i) {
    const d = this.doc(i.Name);
    if (i.DocumentVersion) {
      const n = Number(i.DocumentVersion);
      if (!d.versions[n - 1]) { throw awsError('InvalidDocumentVersion'); }
      if (n === d.default) { throw awsError('InvalidDocumentOperation', 'the default version'); }
      d.versions[n - 1] = null;
      return {};
    }
    delete this.state.documents[i.Name];
    return {};
  }
  SSM_ListTagsForResource(i) {
    const d = this.state.documents[i.ResourceId];
    if (!d) { throw awsError('InvalidResourceId'); }
    return { TagList: Object.keys(d.tags).sort().map((Key) => ({ Key, Value: d.tags[Key] })) };
  }
  SSM_AddTagsToResource(i) { const d = this.doc(i.ResourceId); for (const t of i.Tags) { d.tags[t.Key] = t.Value; } return {}; }
  SSM_RemoveTagsFromResource(i) { const d = this.doc(i.ResourceId); for (const k of i.TagKeys) { delete d.tags[k]; } return {}; }
  CloudFormation_DescribeStacks(i) { return { Stacks: [Object.assign({ StackId: i.StackName }, this.stacks[i.StackName])] }; }
  QuickSetup_ListConfigurationManagers() { return { ConfigurationManagersList: clone(this.state.managers) }; }
}

// Stack plays CloudFormation for one stack: its template ({logicalId:
// {type, props}}), the physical ids, and every request and response.
class Stack {
  constructor(world, opts) {
    this.world = world;
    this.opts = Object.assign({ remainingMs: 300000, name: 'S' }, opts || {});
    this.id = 'arn:aws:cloudformation:us-east-1:' + ADMIN + ':stack/' + this.opts.name + '/1';
    this.template = {};
    this.physical = {};
    this.allowed = {};
    this.requests = [];
    this.clock = 0;
    this.n = 0;
  }
  handler() {
    const world = this.world;
    const stack = this;
    return makeHandler({
      allowed: stack.allowed,
      region: 'us-east-1',
      stackId: stack.id,
      call: (service, region, action, input, signal) => {
        stack.current.calls.push(stack.clock);
        if (stack.current.responded !== undefined) {
          stack.current.lateCalls++;
        }
        return stack.opts.call ? stack.opts.call(world, service, region, action, input, signal, () => stack.clock)
          : world.call(service, region, action, input, signal, () => stack.clock);
      },
      put: async (url, data) => {
        if (stack.opts.put) {
          await stack.opts.put(stack);
        }
        stack.current.responses.push(JSON.parse(data));
        stack.current.responded = stack.clock;
      },
      sleep: async (ms) => { stack.clock += ms; },
      now: () => stack.clock,
      log: () => {},
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      marginMs: 1000,
      putTimeoutMs: 500,
    });
  }
  // request sends one request and returns the response (after checking
  // that there was exactly one, and no call after it).
  async request(type, logicalId, props, oldProps) {
    this.current = { type, logicalId, calls: [], responses: [], lateCalls: 0 };
    this.requests.push(this.current);
    const event = {
      RequestType: type, ResourceType: props.type, LogicalResourceId: logicalId,
      RequestId: 'req-' + (++this.n), StackId: this.id,
      ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn?X-Amz-Signature=x',
      ResourceProperties: Object.assign({ ServiceToken: 'arn:fn', ServiceTimeout: '360' }, stringify(props.props)),
    };
    if (this.physical[logicalId]) { event.PhysicalResourceId = this.physical[logicalId]; }
    if (oldProps) { event.OldResourceProperties = Object.assign({ ServiceToken: 'arn:fn' }, stringify(oldProps.props)); }
    const context = { getRemainingTimeInMillis: () => this.opts.remainingMs };
    await this.handler()(event, context);
    if (this.opts.duplicate && this.opts.duplicate(type, logicalId)) {
      assert.equal(this.current.lateCalls, 0, type + ' ' + logicalId + ': no AWS call after the response');
      this.current.responded = undefined;
      await this.handler()(event, context); // the same request again: a second delivery
    }
    assert.equal(this.current.lateCalls, 0, type + ' ' + logicalId + ': no AWS call after the response');
    assert.ok(this.current.responses.length >= 1, type + ' ' + logicalId + ': a response');
    for (const r of this.current.responses) {
      assert.ok(Buffer.byteLength(JSON.stringify(r)) <= 4096, 'a response within 4,096 bytes');
    }
    return this.current.responses[this.current.responses.length - 1];
  }
  // deploy moves the stack to template as CloudFormation does; a failed
  // resource rolls the whole update back. It returns whether it succeeded.
  async deploy(template) {
    const old = this.template;
    const first = Object.keys(old).length === 0;
    this.clock += 1000;
    const times = first ? { CreationTime: new Date(this.clock) } : { CreationTime: this.world.stacks[this.id].CreationTime, LastUpdatedTime: new Date(this.clock) };
    this.world.stacks[this.id] = Object.assign(times, { StackStatus: first ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS' });
    setAllowed(this.allowed, template); // the function's code is updated first
    const done = [];
    let failed = false;
    for (const id of Object.keys(template)) {
      const before = old[id];
      if (before && canonical(before) === canonical(template[id])) { continue; }
      const r = await this.request(before ? 'Update' : 'Create', id, template[id], before);
      done.push({ id, before, physical: this.physical[id], newPhysical: r.PhysicalResourceId });
      this.physical[id] = r.PhysicalResourceId;
      if (r.Status !== 'SUCCESS') { failed = true; break; }
    }
    if (failed) {
      // Rollback: each change undone in reverse, with the new code.
      this.world.stacks[this.id].StackStatus = first ? 'ROLLBACK_IN_PROGRESS' : 'UPDATE_ROLLBACK_IN_PROGRESS';
      for (const d of done.reverse()) {
        if (!d.before) {
          await this.request('Delete', d.id, template[d.id]);
          delete this.physical[d.id];
        } else if (d.newPhysical !== d.physical) {
          // A replacement: the new resource is deleted, the old one stays.
          await this.request('Delete', d.id, template[d.id]);
          this.physical[d.id] = d.physical;
        } else {
          await this.request('Update', d.id, d.before, template[d.id]);
        }
      }
      setAllowed(this.allowed, old);
      this.world.stacks[this.id].StackStatus = first ? 'ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_COMPLETE';
      return false;
    }
    // Cleanup: the removed resources and the replaced physical ids.
    this.world.stacks[this.id].StackStatus = 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS';
    for (const d of done) {
      if (d.before && d.physical && d.newPhysical !== d.physical) {
        const keep = this.physical[d.id];
        this.physical[d.id] = d.physical;
        await this.request('Delete', d.id, d.before);
        this.physical[d.id] = keep;
      }
    }
    for (const id of Object.keys(old)) {
      if (!template[id]) {
        await this.request('Delete', id, old[id]);
        delete this.physical[id];
      }
    }
    this.template = template;
    this.world.stacks[this.id].StackStatus = first ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
    return true;
  }
  async destroy() {
    this.world.stacks[this.id] = Object.assign({}, this.world.stacks[this.id], { StackStatus: 'DELETE_IN_PROGRESS' });
    for (const id of Object.keys(this.template).reverse()) {
      await this.request('Delete', id, this.template[id]);
      delete this.physical[id];
    }
    this.template = {};
  }
}

function setAllowed(allowed, template) {
  for (const k of Object.keys(allowed)) { delete allowed[k]; }
  for (const [id, r] of Object.entries(template)) { allowed[id] = clone(r.props); }
}

// stringify renders properties as CloudFormation sends them: strings, and
// documents as JSON text.
function stringify(props) {
  const out = {};
  for (const [k, v] of Object.entries(props)) {
    out[k] = v && typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

// Resources as the Go side synthesizes them.
const PRE = 'Custom::JitnaPrerequisite';
const trusted = (svc) => ({ type: PRE, props: { Step: 'TrustedAccess', ServicePrincipal: svc } });
const admin = (svc, account, deregister) => ({ type: PRE, props: { Step: 'DelegatedAdmin', ServicePrincipal: svc, AccountId: account, DeregisterOnDelete: deregister ? 'true' : 'false' } });
const sharing = () => ({ type: PRE, props: { Step: 'RAMSharing' } });
const prerequisites = (account, deregister) => ({
  TrustedSSM: trusted(SSM), TrustedStackSets: trusted(STACKSETS),
  AdminSSM: admin(SSM, account || ADMIN, deregister), AdminStackSets: admin(STACKSETS, account || ADMIN, deregister), Sharing: sharing(),
});
const RUN_SHELL = 'SSM-SessionManagerRunShell';
const content = (idle) => ({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { idleSessionTimeout: String(idle), cloudWatchStreamingEnabled: true } });
const takeOver = (idle, onDelete) => ({ type: 'Custom::JitnaSessionPreferences', props: { DocumentName: RUN_SHELL, Content: content(idle), OnDelete: onDelete || 'restore' } });
const consoleMade = (idle) => ({ documents: { [RUN_SHELL]: { type: 'Session', versions: [JSON.stringify(content(idle))], default: 1, tags: {} } } });
const JITNA = 'AWSQuickSetupType-JITNA';
const manager = (arn, status) => ({ ManagerArn: arn, Name: 'jitna', ConfigurationDefinitionSummaries: [{ Type: JITNA }],
  StatusSummaries: [{ StatusType: 'Deployment', Status: status }] });
const wait = (name) => ({ type: 'Custom::JitnaDeployed', props: { ManagerName: name || 'jitna', DefinitionType: JITNA, Region: 'us-east-1', PollSeconds: '30' } });

// Finding 1: a rollback or a deletion never deregisters a delegated
// administrator the organization already had.
test('delegated administrators that existed before survive a deletion and a rolled-back create', async () => {
  const before = { trusted: [SSM], admins: { [SSM]: [ADMIN], [STACKSETS]: [ADMIN] }, sharing: true };
  for (const deregister of [false, true]) {
    const world = new World(before);
    const stack = new Stack(world);
    assert.ok(await stack.deploy(prerequisites(ADMIN, deregister)));
    assert.deepEqual(stack.physical.AdminSSM, 'DelegatedAdmin-' + SSM + '-' + ADMIN + ':adopted');
    await stack.destroy();
    assert.deepEqual(world.state.admins, before.admins, 'deregister on delete ' + deregister + ': the registrations stay');
    // A create that fails after the registrations: its rollback deletes them.
    const failing = new Stack(world);
    world.fail['RAM.EnableSharingWithAwsOrganization'] = 'AccessDeniedException';
    assert.equal(await failing.deploy(prerequisites(ADMIN, deregister)), false);
    assert.deepEqual(world.state.admins, before.admins);
  }
});

test('a registration the stack made is kept by default, and deregistered on delete only when asked', async () => {
  for (const deregister of [false, true]) {
    const world = new World({});
    const stack = new Stack(world);
    assert.ok(await stack.deploy(prerequisites(ADMIN, deregister)));
    assert.deepEqual(world.state.admins, { [SSM]: [ADMIN], [STACKSETS]: [ADMIN] });
    await stack.destroy();
    assert.deepEqual(world.state.admins, deregister ? {} : { [SSM]: [ADMIN], [STACKSETS]: [ADMIN] });
    assert.deepEqual(world.state.trusted, [STACKSETS, SSM].sort(), 'trusted access is never undone');
    assert.equal(world.state.sharing, true, 'RAM sharing is never undone');
  }
});

test('a create that fails after registering rolls back to the world before (with DeregisterOnDelete)', async () => {
  const world = new World({});
  const before = world.snapshot();
  const stack = new Stack(world);
  world.fail['RAM.EnableSharingWithAwsOrganization'] = 'AccessDeniedException';
  assert.equal(await stack.deploy(prerequisites(ADMIN, true)), false);
  assert.deepEqual(world.state.admins, before.admins);
});

// Finding 6: changing the delegated administrator is an explicit path.
test('changing the delegated administrator fails with how to do it, and the rollback changes nothing', async () => {
  const world = new World({ admins: { [SSM]: [ADMIN] } });
  const stack = new Stack(world);
  assert.ok(await stack.deploy({ AdminSSM: admin(SSM, ADMIN, false) }));
  const before = world.snapshot();
  assert.equal(await stack.deploy({ AdminSSM: admin(SSM, OTHER, false) }), false);
  const failed = stack.requests.find((r) => r.type === 'Update' && r.responses[0].Status === 'FAILED');
  assert.match(failed.responses[0].Reason, new RegExp(ADMIN + ' is the delegated administrator for ' + SSM.replace(/\./g, '\\.') +
    ' now: to change it, deregister it first with aws organizations deregister-delegated-administrator --account-id ' + ADMIN));
  assert.deepEqual(world.state, before);
  // Deregistered by hand, the change goes through, and the old resource's
  // cleanup leaves the (gone) old registration alone.
  world.state.admins = {};
  assert.ok(await stack.deploy({ AdminSSM: admin(SSM, OTHER, false) }));
  assert.deepEqual(world.state.admins, { [SSM]: [OTHER] });
});

// Finding 3: the event cannot name calls or values of its own.
test('a request whose properties were not synthesized does nothing', async () => {
  const world = new World({});
  const stack = new Stack(world);
  assert.ok(await stack.deploy({ AdminSSM: admin(SSM, ADMIN, false) }));
  const before = world.snapshot();
  const calls = world.calls.length;
  for (const forged of [admin(SSM, OTHER, false), admin(STACKSETS, OTHER, false), takeOver(60)]) {
    const r = await stack.request('Create', 'AdminSSM', forged);
    assert.equal(r.Status, 'FAILED');
    assert.match(r.Reason, /not the ones the stack was synthesized with/);
    const u = await stack.request('Update', 'AdminSSM', forged, admin(SSM, ADMIN, false));
    assert.equal(u.Status, 'SUCCESS', 'an update to other properties looks like a rollback: nothing done');
    const d = await stack.request('Delete', 'AdminSSM', admin(SSM, ADMIN, true));
    assert.equal(d.Status, 'SUCCESS');
  }
  assert.equal(world.calls.length, calls, 'no AWS call');
  assert.deepEqual(world.state, before);
});

test('a response URL that is not CloudFormation\'s gets no answer and no work', async () => {
  const world = new World({});
  const stack = new Stack(world);
  setAllowed(stack.allowed, { A: admin(SSM, ADMIN, false) });
  const sent = [];
  const h = makeHandler({ allowed: stack.allowed, region: 'us-east-1', stackId: 's', call: (...a) => world.call(...a.slice(0, 5), () => 0),
    put: async (u, d) => sent.push(d), sleep: async () => {}, now: () => 0, log: () => {}, maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, marginMs: 1, putTimeoutMs: 1 });
  for (const url of ['https://attacker.example.com/x?y=1', 'http://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/a?b=c',
    'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com.attacker.example/a?b=c', 'not a url']) {
    const out = await h({ RequestType: 'Create', ResourceType: PRE, LogicalResourceId: 'A', RequestId: 'r', StackId: 's', ResponseURL: url,
      ResourceProperties: stringify(admin(SSM, ADMIN, false).props) }, { getRemainingTimeInMillis: () => 60000 });
    assert.equal(out.Status, 'IGNORED', url);
  }
  assert.deepEqual(sent, []);
  assert.deepEqual(world.calls, []);
});

// Finding 10: the Organizations endpoint follows the partition.
test('AWS Organizations is called in the partition\'s endpoint Region', async () => {
  for (const [region, endpoint] of [['us-east-1', 'us-east-1'], ['eu-west-1', 'us-east-1'], ['cn-north-1', 'cn-northwest-1'], ['us-gov-east-1', 'us-gov-west-1']]) {
    const world = new World({});
    const calls = [];
    const h = makeHandler({ allowed: { A: trusted(SSM).props }, region, stackId: 's', call: async (s, r) => { calls.push(s + '@' + r); return {}; },
      put: async () => {}, sleep: async () => {}, now: () => 0, log: () => {}, maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, marginMs: 1, putTimeoutMs: 1 });
    const suffix = region.startsWith('cn-') ? '.amazonaws.com.cn' : '.amazonaws.com';
    await h({ RequestType: 'Create', ResourceType: PRE, LogicalResourceId: 'A', RequestId: 'r', StackId: 's',
      ResponseURL: 'https://cloudformation-custom-resource-response-x.s3.' + region + suffix + '/a?b=c', ResourceProperties: stringify(trusted(SSM).props) },
    { getRemainingTimeInMillis: () => 60000 });
    assert.deepEqual(calls, ['Organizations@' + endpoint], region);
    assert.equal(world.calls.length, 0);
  }
});

// Finding 4: JitnaDeployed never blocks a rollback.
test('JitnaDeployed waits on create and when the manager changes; an update of the same manager or a rollback returns at once', async () => {
  const world = new World({ managers: [manager('arn:m1', 'DEPLOYING')] });
  let polls = 0;
  const stack = new Stack(world, { call: (w, s, r, a, i, sig, now) => {
    if (a === 'ListConfigurationManagers' && ++polls === 3) { w.state.managers[0].StatusSummaries[0].Status = 'SUCCEEDED'; }
    return w.call(s, r, a, i, sig, now);
  } });
  assert.ok(await stack.deploy({ Wait: wait() }));
  assert.equal(stack.physical.Wait, 'arn:m1');
  assert.equal(polls, 3);
  // Quick Setup FAILED since: an update of the same manager returns at once.
  world.state.managers[0].StatusSummaries[0].Status = 'FAILED';
  const w2 = wait();
  w2.props.PollSeconds = '60';
  assert.ok(await stack.deploy({ Wait: w2 }));
  // A failed update of something else, rolled back: the wait's rollback
  // update returns at once, without a call.
  const calls = world.calls.length;
  world.fail['Organizations.EnableAWSServiceAccess'] = 'AccessDeniedException';
  const w3 = wait();
  w3.props.PollSeconds = '90';
  assert.equal(await stack.deploy({ Wait: w3, Trusted: trusted(SSM) }), false);
  const rollback = stack.requests[stack.requests.length - 1];
  assert.equal(rollback.type, 'Update');
  assert.equal(rollback.responses[0].Status, 'SUCCESS');
  assert.equal(rollback.calls.length, 0, 'the rollback update makes no call');
  assert.ok(world.calls.length >= calls);
  // A new manager (replaced by the enablement stack): the update waits again.
  world.state.managers = [manager('arn:m2', 'FAILED')];
  const w4 = wait();
  w4.props.PollSeconds = '45';
  assert.equal(await stack.deploy({ Wait: w4 }), false);
});

// Finding 7: every request is answered within its time, whatever happens.
test('a call that never returns is stopped, and the failure is answered before the function ends', async () => {
  const world = new World({});
  const stack = new Stack(world, { remainingMs: 3000, call: () => new Promise(() => {}) });
  setAllowed(stack.allowed, { A: sharing() });
  const started = Date.now();
  const r = await stack.request('Create', 'A', sharing());
  assert.equal(r.Status, 'FAILED');
  assert.match(r.Reason, /before the function times out/);
  assert.ok(Date.now() - started < 3000);
});

test('a non-Error rejection is answered too', async () => {
  const world = new World({});
  const stack = new Stack(world, { call: () => Promise.reject('a string') }); // eslint-disable-line prefer-promise-reject-errors
  setAllowed(stack.allowed, { A: sharing() });
  const r = await stack.request('Create', 'A', sharing());
  assert.equal(r.Status, 'FAILED');
  assert.match(r.Reason, /a string/);
});

test('a failing response PUT is retried until it is delivered; a slow one gives up before the function ends', async () => {
  const world = new World({});
  let fails = 2;
  const stack = new Stack(world, { put: async () => { if (fails-- > 0) { throw new Error('503'); } } });
  setAllowed(stack.allowed, { A: sharing() });
  const r = await stack.request('Create', 'A', sharing());
  assert.equal(r.Status, 'SUCCESS');
  const slow = new Stack(world, { remainingMs: 5000, put: async (s) => { s.clock += 10000; throw new Error('timeout'); } });
  setAllowed(slow.allowed, { A: sharing() });
  await slow.handler()({ RequestType: 'Create', ResourceType: PRE, LogicalResourceId: 'A', RequestId: 'r', StackId: slow.id,
    ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/a?b=c', ResourceProperties: stringify(sharing().props) },
  { getRemainingTimeInMillis: () => 5000 });
  assert.ok(slow.clock < 60000, 'it stops trying');
});

// Finding 13: the failure Reason fits CloudFormation's response.
test('a long failure message is cut to fit the response', async () => {
  const world = new World({});
  const stack = new Stack(world, { call: () => Promise.reject(awsError('ValidationException', 'x'.repeat(10000) + 'é'.repeat(3000))) });
  setAllowed(stack.allowed, { A: sharing() });
  const r = await stack.request('Create', 'A', sharing());
  assert.equal(r.Status, 'FAILED');
  assert.ok(Buffer.byteLength(r.Reason) <= 2000);
});

// Finding 8: work given up stops.
test('after a timeout, retries stop: no call starts after the answer', async () => {
  const world = new World({});
  let n = 0;
  const stack = new Stack(world, { remainingMs: 2500, call: async (w, s, r, a) => {
    n++;
    stack.clock += 1000; // each throttled call takes a second
    throw awsError('ThrottlingException');
  } });
  setAllowed(stack.allowed, { A: sharing() });
  const r = await stack.request('Create', 'A', sharing());
  assert.equal(r.Status, 'FAILED');
  assert.ok(n <= 4);
});

// Finding 2 and 9: the session preferences take-over.
test('take-over: a console-made document gets our default version; deletion restores it; the world is as before', async () => {
  const world = new World(consoleMade(60));
  const before = world.snapshot();
  const stack = new Stack(world);
  assert.ok(await stack.deploy({ Prefs: takeOver(20) }));
  const d = world.state.documents[RUN_SHELL];
  assert.equal(d.default, 2);
  assert.equal(stack.physical.Prefs, RUN_SHELL + '@1');
  await stack.destroy();
  assert.equal(world.state.documents[RUN_SHELL].default, 1);
  assert.deepEqual(world.state.documents[RUN_SHELL].tags, {});
  assert.deepEqual(world.state.documents[RUN_SHELL].versions[0], before.documents[RUN_SHELL].versions[0]);
});

test('take-over: a repeated create keeps what the first recorded (idempotent)', async () => {
  const world = new World(consoleMade(60));
  const stack = new Stack(world, { duplicate: (type) => type === 'Create' });
  assert.ok(await stack.deploy({ Prefs: takeOver(20) }));
  assert.equal(world.state.documents[RUN_SHELL].tags['cdk-jitna:previous-default'], '1');
  const responses = stack.requests[0].responses;
  assert.equal(responses.length, 2);
  assert.equal(responses[1].PhysicalResourceId, RUN_SHELL + '@1', 'the second delivery records the version before, not its own');
  await stack.destroy();
  assert.equal(world.state.documents[RUN_SHELL].default, 1);
});

test('take-over: a second stack managing the document is refused, and deletes nothing of the first', async () => {
  const world = new World(consoleMade(60));
  const first = new Stack(world);
  assert.ok(await first.deploy({ Prefs: takeOver(20) }));
  const other = new Stack(world, { name: 'Other' });
  const before = world.snapshot();
  assert.equal(await other.deploy({ Prefs: takeOver(30) }), false);
  assert.deepEqual(world.state, before, 'the refused create and its rollback change nothing');
  await first.destroy();
  assert.equal(world.state.documents[RUN_SHELL].default, 1);
});

test('take-over: a missing document is created, and deleted with the stack; a version deleted since is left', async () => {
  const world = new World({});
  const stack = new Stack(world);
  assert.ok(await stack.deploy({ Prefs: takeOver(20) }));
  assert.equal(stack.physical.Prefs, RUN_SHELL + '@created');
  assert.equal(world.state.documents[RUN_SHELL].type, 'Session');
  assert.deepEqual(world.state.documents[RUN_SHELL].versions, [JSON.stringify(content(20))]);
  await stack.destroy();
  assert.deepEqual(world.state.documents, {});

  const w2 = new World(consoleMade(60));
  const s2 = new Stack(w2);
  assert.ok(await s2.deploy({ Prefs: takeOver(20) }));
  w2.state.documents[RUN_SHELL].versions[0] = null; // version 1 deleted since
  await s2.destroy();
  const last = s2.requests[s2.requests.length - 1];
  assert.equal(last.responses[0].Status, 'SUCCESS', 'the deletion does not fail');
  assert.equal(w2.state.documents[RUN_SHELL].default, 2);
});

test('take-over: an update back to content an earlier version holds makes that version the default, adding none', async () => {
  const world = new World(consoleMade(60));
  const stack = new Stack(world);
  assert.ok(await stack.deploy({ Prefs: takeOver(20) }));
  assert.ok(await stack.deploy({ Prefs: takeOver(30) }));
  assert.equal(world.state.documents[RUN_SHELL].default, 3);
  assert.ok(await stack.deploy({ Prefs: takeOver(20) }));
  const d = world.state.documents[RUN_SHELL];
  assert.equal(d.default, 2, 'version 2 holds idle 20 already');
  assert.equal(d.versions.length, 3);
  assert.equal(d.tags['cdk-jitna:added-versions'], '2 3');
  await stack.destroy();
  assert.deepEqual(world.state.documents[RUN_SHELL].versions.filter((v) => v !== null), [JSON.stringify(content(60))]);
  assert.equal(world.state.documents[RUN_SHELL].default, 1);
});

test('take-over with retain leaves the document on deletion; a rollback update leaves it too', async () => {
  const world = new World(consoleMade(60));
  const stack = new Stack(world);
  assert.ok(await stack.deploy({ Prefs: takeOver(20, 'retain') }));
  await stack.destroy();
  assert.equal(world.state.documents[RUN_SHELL].default, 2);
});

// Generated sequences: random templates and failures, the invariants after
// each step, and create→delete returning the world as it was.
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 4294967296; };
}

test('generated sequences keep the invariants', async () => {
  const seed = Number(process.env.SEED || 20261202);
  const runs = Number(process.env.RUNS || 60);
  const rand = rng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  for (let run = 0; run < runs; run++) {
    const initial = pick([{}, { admins: { [SSM]: [ADMIN] } }, { admins: { [STACKSETS]: [OTHER] }, trusted: [SSM] }, consoleMade(60), {}]);
    const world = new World(initial);
    const before = world.snapshot();
    const stack = new Stack(world, { duplicate: () => rand() < 0.2 });
    const templates = [
      () => ({}),
      () => prerequisites(ADMIN, rand() < 0.5),
      () => ({ AdminSSM: admin(SSM, ADMIN, rand() < 0.5), Prefs: takeOver(pick([20, 30]), pick(['restore', 'retain'])) }),
      () => ({ Prefs: takeOver(pick([20, 30]), 'restore'), Sharing: sharing() }),
    ];
    const steps = 1 + Math.floor(rand() * 4);
    let retained = false; // a template that retains the document on deletion was deployed
    for (let i = 0; i < steps; i++) {
      if (rand() < 0.3) {
        world.fail[pick(['Organizations.RegisterDelegatedAdministrator', 'RAM.EnableSharingWithAwsOrganization', 'SSM.UpdateDocument', 'SSM.CreateDocument'])] = 'AccessDeniedException';
      }
      const snapshot = world.snapshot();
      const template = pick(templates)();
      retained = retained || Object.values(template).some((r) => r.props.OnDelete === 'retain');
      const ok = await stack.deploy(template);
      world.fail = {};
      if (!ok && Object.keys(stack.template).length === 0) {
        assert.deepEqual(pre(world.state), pre(snapshot), 'seed ' + seed + ' run ' + run + ': a rolled-back first create leaves the world as it was');
      }
      preserved(before, world.state, 'seed ' + seed + ' run ' + run);
    }
    await stack.destroy();
    preserved(before, world.state, 'seed ' + seed + ' run ' + run + ' after delete');
    if (!retained) {
      assert.deepEqual(docs(world.state), docs(before), 'seed ' + seed + ' run ' + run + ': create → delete restores the documents');
    }
  }
});

// docs are the documents as a reader sees them: the versions that exist,
// the default and the tags.
const docs = (s) => Object.fromEntries(Object.entries(s.documents).map(([k, d]) => [k, { type: d.type, versions: d.versions.filter((v) => v !== null), default: d.default, tags: d.tags }]));
// pre is the part of the world that a rolled-back first create must leave.
const pre = (s) => ({ admins: s.admins, documents: docs(s) });

// preserved checks that what existed before is still there, unchanged.
function preserved(before, now, what) {
  for (const [svc, accounts] of Object.entries(before.admins)) {
    for (const a of accounts) {
      assert.ok((now.admins[svc] || []).includes(a), what + ': ' + a + ' stays the delegated administrator for ' + svc);
    }
  }
  for (const svc of before.trusted) {
    assert.ok(now.trusted.includes(svc), what + ': trusted access for ' + svc + ' stays');
  }
  for (const [name, d] of Object.entries(before.documents)) {
    const n = now.documents[name];
    assert.ok(n, what + ': ' + name + ' stays');
    assert.equal(n.versions[0], d.versions[0], what + ': its versions stay');
  }
}
