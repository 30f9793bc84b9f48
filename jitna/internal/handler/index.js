'use strict';
// The custom-resource handler of cdk-jitna-go. It serves three resource
// types: Custom::JitnaPrerequisite (trusted access, a delegated administrator
// registration or AWS RAM sharing, in the management account),
// Custom::JitnaSessionPreferences (Session Manager preferences applied to an
// SSM-SessionManagerRunShell document that may already exist) and
// Custom::JitnaDeployed (a wait until Quick Setup reports the JITNA
// configuration manager deployed). Its code is inline in the template: no
// file asset, so no CDK bootstrap. It needs only Node.js and the AWS SDK for
// JavaScript v3 that the Lambda runtime provides.
//
// The rules it keeps:
// - It never removes or changes what existed before it: what it adopted is
//   recorded (in the physical id, or in a tag of the document) and left or
//   restored on deletion; a delegated administrator it did not register is
//   never deregistered.
// - It makes only the calls fixed at synthesis: ALLOWED holds, by logical id,
//   the properties each resource of its stack was synthesized with; a
//   request whose properties are not those does nothing (an update back to
//   other properties is a rollback: it returns at once).
// - It answers each request once, before its deadline, to CloudFormation's
//   pre-signed S3 URL only, and stops its work (abort signal) when it gives
//   up, before it answers.
const http = require('http');
const https = require('https');

// ALLOWED is replaced at synthesis by the properties of the stack's resources.
const ALLOWED = {};

const SERVICES = {
  Organizations: ['@aws-sdk/client-organizations', 'OrganizationsClient'],
  RAM: ['@aws-sdk/client-ram', 'RAMClient'],
  SSM: ['@aws-sdk/client-ssm', 'SSMClient'],
  QuickSetup: ['@aws-sdk/client-ssm-quicksetup', 'SSMQuickSetupClient'],
  CloudFormation: ['@aws-sdk/client-cloudformation', 'CloudFormationClient'],
};

// Error codes that mean "try again later".
const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException',
  'ConcurrentModificationException', 'RequestLimitExceeded']);

const errorCode = (err) => (err && (err.name || err.code || err.Code)) || 'Error';
const errorMessage = (err) => (err instanceof Error ? err.message : String(err));

// partition is the partition of region: aws-cn for cn-*, aws-us-gov for
// us-gov-*, else aws.
function partition(region) {
  if (/^cn-/.test(region)) {
    return 'aws-cn';
  }
  if (/^us-gov-/.test(region)) {
    return 'aws-us-gov';
  }
  return 'aws';
}

// organizationsRegion is the Region of the AWS Organizations endpoint of the
// partition of region (the AWS Organizations API reference, "Endpoints").
function organizationsRegion(region) {
  return { 'aws-cn': 'cn-northwest-1', 'aws-us-gov': 'us-gov-west-1', aws: 'us-east-1' }[partition(region)];
}

// sdkCall returns call(service, region, action, input, signal), which sends
// one AWS SDK v3 command (the module load gives: require), a client per
// service and Region, abortable.
function sdkCall(load) {
  const clients = {};
  return async (service, region, action, input, signal) => {
    const names = SERVICES[service];
    const mod = load(names[0]);
    const key = service + '@' + region;
    clients[key] = clients[key] || new mod[names[1]]({ region });
    return clients[key].send(new mod[action + 'Command'](input), { abortSignal: signal });
  };
}

// Aborted is thrown by work that was given up.
class Aborted extends Error {
  constructor() {
    super('the work was given up');
    this.name = 'Aborted';
  }
}

// send makes one call, retried with growing waits while throttled, unless
// the work was given up; an error whose code is in ignore is returned as
// undefined (the work is done already).
async function send(ctx, service, action, input, ignore) {
  const region = service === 'Organizations' ? organizationsRegion(ctx.region) : ctx.region;
  for (let attempt = 1; ; attempt++) {
    if (ctx.signal.aborted) {
      throw new Aborted();
    }
    try {
      return await ctx.deps.call(service, region, action, input, ctx.signal);
    } catch (err) {
      if (ignore && ignore.includes(errorCode(err))) {
        // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
        ctx.deps.log(action + ': ' + errorCode(err) + ': done already');
        return undefined;
      }
      if (!THROTTLED.has(errorCode(err)) || attempt >= ctx.deps.maxAttempts) {
        if (THROTTLED.has(errorCode(err))) {
          throw new Error(action + ': still throttled after ' + attempt + ' attempts: ' + errorMessage(err));
        }
        throw err;
      }
      const wait = Math.min(ctx.deps.baseDelayMs * 2 ** (attempt - 1), ctx.deps.maxDelayMs);
      // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
      ctx.deps.log(action + ': ' + errorCode(err) + ', attempt ' + attempt + ', waiting ' + wait + ' ms');
      await ctx.deps.sleep(wait, ctx.signal);
    }
  }
}

// pages calls action page by page (NextToken) and returns the items of field.
async function pages(ctx, service, action, input, field) {
  const items = [];
  let token;
  do {
    const out = await send(ctx, service, action, Object.assign({}, input, { NextToken: token }));
    items.push(...(out[field] || []));
    token = out.NextToken;
  } while (token);
  return items;
}

// ownStack describes the function's own stack: its status and when its
// operation started (LastUpdatedTime, else CreationTime).
async function ownStack(ctx) {
  // DescribeStacks by stack id answers that stack, or fails.
  const stack = (await send(ctx, 'CloudFormation', 'DescribeStacks', { StackName: ctx.deps.stackId })).Stacks[0];
  return { status: stack.StackStatus, since: new Date(stack.LastUpdatedTime || stack.CreationTime).getTime() };
}

// rollingBack says whether the function's own stack is rolling back (a
// failed create or update): a deletion then undoes what the resource did,
// whatever it was synthesized to leave on an ordinary deletion.
async function rollingBack(ctx) {
  return /ROLLBACK/.test((await ownStack(ctx)).status);
}

// Prerequisites. Trusted access and AWS RAM sharing are never undone (other
// services may rely on them). A delegated administrator registration is
// recorded as registered (by this resource) or adopted (it existed); only a
// registration this resource made is deregistered: when the stack rolls
// back, or was synthesized with DeregisterOnDelete.
const REGISTERED = ':registered';
const ADOPTED = ':adopted';

async function delegatedAdmin(ctx, p) {
  const listed = await pages(ctx, 'Organizations', 'ListDelegatedAdministrators', { ServicePrincipal: p.ServicePrincipal }, 'DelegatedAdministrators');
  const id = 'DelegatedAdmin-' + p.ServicePrincipal + '-' + p.AccountId;
  const found = listed.find((a) => a.Id === p.AccountId);
  if (found) {
    // Registered since the stack's operation started: by this request,
    // delivered once more.
    if (new Date(found.DelegationEnabledDate || 0).getTime() >= (await ownStack(ctx)).since) {
      return id + REGISTERED;
    }
    // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
    ctx.deps.log(p.AccountId + ' is the delegated administrator for ' + p.ServicePrincipal + ' already: adopted, never deregistered');
    return id + ADOPTED;
  }
  try {
    await send(ctx, 'Organizations', 'RegisterDelegatedAdministrator', { AccountId: p.AccountId, ServicePrincipal: p.ServicePrincipal });
  } catch (err) {
    if (errorCode(err) === 'AccountAlreadyRegisteredException') {
      return id + ADOPTED;
    }
    // p.AccountId is not among them (it would have been found).
    const others = listed.map((a) => a.Id);
    if (others.length) {
      err.message = errorMessage(err) + ' (' + others.join(', ') + ' is the delegated administrator for ' + p.ServicePrincipal +
        ' now: to change it, deregister it first with aws organizations deregister-delegated-administrator --account-id ' +
        others[0] + ' --service-principal ' + p.ServicePrincipal + ', then deploy again)';
    }
    throw err;
  }
  return id + REGISTERED;
}

async function prerequisite(ctx, event, admitted) {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    // Only a DelegatedAdmin step's physical id ends in REGISTERED.
    if (admitted && event.PhysicalResourceId.endsWith(REGISTERED) && (p.DeregisterOnDelete === 'true' || await rollingBack(ctx))) {
      await send(ctx, 'Organizations', 'DeregisterDelegatedAdministrator', { AccountId: p.AccountId, ServicePrincipal: p.ServicePrincipal },
        ['AccountNotRegisteredException']);
    }
    return {};
  }
  if (!admitted) {
    return {};
  }
  let physicalId;
  switch (p.Step) {
    case 'TrustedAccess':
      await send(ctx, 'Organizations', 'EnableAWSServiceAccess', { ServicePrincipal: p.ServicePrincipal });
      physicalId = 'TrustedAccess-' + p.ServicePrincipal;
      break;
    case 'DelegatedAdmin': {
      // Another account or service is a new registration: CloudFormation
      // then deletes the old resource, whose properties are no longer the
      // stack's, so the old registration stays.
      const old = event.OldResourceProperties || {};
      const same = old.AccountId === p.AccountId && old.ServicePrincipal === p.ServicePrincipal;
      physicalId = same ? event.PhysicalResourceId : await delegatedAdmin(ctx, p);
      break;
    }
    case 'RAMSharing':
      await send(ctx, 'RAM', 'EnableSharingWithAwsOrganization', {});
      physicalId = 'RAMSharing';
      break;
    default:
      throw new Error('unknown step ' + p.Step);
  }
  return { physicalId };
}

// sameContent compares two JSON document contents as values, not text.
function sameContent(a, b) {
  try {
    return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
  } catch (err) {
    return false;
  }
}

// canonical renders a value as JSON with sorted keys and every scalar a
// string (CloudFormation sends resource properties as strings).
function canonical(v) {
  const norm = (x) => {
    if (Array.isArray(x)) {
      return x.map(norm);
    }
    if (x && typeof x === 'object') {
      return Object.keys(x).sort().reduce((o, k) => { o[k] = norm(x[k]); return o; }, {});
    }
    return x === null || x === undefined ? '' : String(x);
  };
  return JSON.stringify(norm(v));
}

// Session preferences. The document carries the tag OWNER with the stack
// and logical id of the resource that manages it, and PREVIOUS with what to
// restore: "created" (it did not exist) or the default version before. A
// document another resource manages is refused; one this resource manages
// already (a repeated create) keeps what it recorded.
const OWNER = 'cdk-jitna:owner';
const PREVIOUS = 'cdk-jitna:previous-default';
const ADDED = 'cdk-jitna:added-versions';
const CREATED = 'created';

async function documentTags(ctx, name) {
  const out = await send(ctx, 'SSM', 'ListTagsForResource', { ResourceType: 'Document', ResourceId: name });
  return out.TagList.reduce((o, t) => { o[t.Key] = t.Value; return o; }, {});
}

// versionWith finds the version of the document whose content is content,
// newest first.
async function versionWith(ctx, name, content) {
  const versions = await pages(ctx, 'SSM', 'ListDocumentVersions', { Name: name, MaxResults: 50 }, 'DocumentVersions');
  for (const v of versions) {
    const doc = await send(ctx, 'SSM', 'GetDocument', { Name: name, DocumentVersion: v.DocumentVersion, DocumentFormat: 'JSON' });
    if (sameContent(doc.Content, content)) {
      return v.DocumentVersion;
    }
  }
  throw new Error('SSM reports the content of ' + name + ' as a duplicate, but no version of it holds that content');
}

// makeDefault makes content the default version of the existing document;
// a version it adds is recorded in the tag ADDED (added: the tag's value).
async function makeDefault(ctx, name, content, current, added) {
  const doc = await send(ctx, 'SSM', 'GetDocument', { Name: name, DocumentVersion: current, DocumentFormat: 'JSON' });
  if (sameContent(doc.Content, content)) {
    return;
  }
  let version;
  try {
    const updated = await send(ctx, 'SSM', 'UpdateDocument', { Name: name, Content: content, DocumentVersion: '$LATEST', DocumentFormat: 'JSON' });
    version = updated.DocumentDescription.DocumentVersion;
    const list = (added ? added.split(' ') : []).concat(version).join(' ');
    await send(ctx, 'SSM', 'AddTagsToResource', { ResourceType: 'Document', ResourceId: name, Tags: [{ Key: ADDED, Value: list }] });
  } catch (err) {
    if (errorCode(err) !== 'DuplicateDocumentContent') {
      throw err;
    }
    version = await versionWith(ctx, name, content);
  }
  await send(ctx, 'SSM', 'UpdateDocumentDefaultVersion', { Name: name, DocumentVersion: version });
  // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
  ctx.deps.log(name + ': version ' + version + ' is the default (it was ' + current + ')');
}

async function applyPreferences(ctx, event) {
  const p = event.ResourceProperties;
  const name = p.DocumentName;
  const owner = event.StackId + '/' + event.LogicalResourceId;
  let described;
  try {
    described = await send(ctx, 'SSM', 'DescribeDocument', { Name: name });
  } catch (err) {
    if (errorCode(err) !== 'InvalidDocument') {
      throw err;
    }
  }
  if (!described) {
    await send(ctx, 'SSM', 'CreateDocument', { Name: name, Content: p.Content, DocumentType: 'Session', DocumentFormat: 'JSON',
      Tags: [{ Key: OWNER, Value: owner }, { Key: PREVIOUS, Value: CREATED }] });
    // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
    ctx.deps.log(name + ': created');
    return name + '@' + CREATED;
  }
  const tags = await documentTags(ctx, name);
  if (tags[OWNER] && tags[OWNER] !== owner) {
    throw new Error(name + ' is managed by ' + tags[OWNER] + ': one resource manages it in an account and Region; remove it there first');
  }
  const previous = tags[OWNER] ? tags[PREVIOUS] : described.Document.DefaultVersion;
  if (!tags[OWNER]) {
    await send(ctx, 'SSM', 'AddTagsToResource', { ResourceType: 'Document', ResourceId: name,
      Tags: [{ Key: OWNER, Value: owner }, { Key: PREVIOUS, Value: previous }] });
  }
  await makeDefault(ctx, name, p.Content, described.Document.DefaultVersion, tags[ADDED]);
  return name + '@' + previous;
}

// restorePreferences puts back what the document's tags recorded, when this
// resource manages it: it deletes a document it created, or makes the
// previous version the default again (when that version still exists), and
// removes its tags. With restore false it only removes the tags (the
// document stays as it is, and nothing manages it any more).
async function restorePreferences(ctx, event, restore) {
  const name = event.ResourceProperties.DocumentName;
  let tags;
  try {
    tags = await documentTags(ctx, name);
  } catch (err) {
    if (errorCode(err) === 'InvalidResourceId' || errorCode(err) === 'InvalidDocument') {
      return; // gone already
    }
    throw err;
  }
  if (tags[OWNER] !== event.StackId + '/' + event.LogicalResourceId) {
    // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
    ctx.deps.log(name + ': managed by ' + (tags[OWNER] || 'no stack') + ', left as it is');
    return;
  }
  if (restore && tags[PREVIOUS] === CREATED) {
    await send(ctx, 'SSM', 'DeleteDocument', { Name: name }, ['InvalidDocument']);
    // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
    ctx.deps.log(name + ': deleted, as it did not exist before');
    return;
  }
  if (restore) {
    let restored = true;
    try {
      await send(ctx, 'SSM', 'UpdateDocumentDefaultVersion', { Name: name, DocumentVersion: tags[PREVIOUS] });
      // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
      ctx.deps.log(name + ': version ' + tags[PREVIOUS] + ' is the default again');
    } catch (err) {
      if (errorCode(err) !== 'InvalidDocumentVersion') {
        throw err;
      }
      restored = false;
      // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
      ctx.deps.log(name + ': version ' + tags[PREVIOUS] + ' was deleted since: the default stays');
    }
    // The versions it added go too, once the default is the one before.
    for (const v of restored && tags[ADDED] ? tags[ADDED].split(' ') : []) {
      await send(ctx, 'SSM', 'DeleteDocument', { Name: name, DocumentVersion: v }, ['InvalidDocumentVersion', 'InvalidDocumentOperation']);
    }
  }
  await send(ctx, 'SSM', 'RemoveTagsFromResource', { ResourceType: 'Document', ResourceId: name, TagKeys: [OWNER, PREVIOUS, ADDED] });
}

// A deletion acts on the document when its properties are the synthesized
// ones, or when the stack no longer has the resource (an update removed it:
// CloudFormation deletes it with its old properties); the document's owner
// tag must name this resource in both cases.
async function sessionPreferences(ctx, event, admitted, removed) {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    if (admitted || removed) {
      await restorePreferences(ctx, event, p.OnDelete === 'restore' || await rollingBack(ctx));
    }
    return {};
  }
  if (!admitted) {
    return {};
  }
  const id = await applyPreferences(ctx, event);
  // An update keeps the physical id: what deletion restores stays.
  return { physicalId: event.RequestType === 'Update' ? event.PhysicalResourceId : id };
}

// Quick Setup's deployment states (StatusSummary of StatusType Deployment,
// https://docs.aws.amazon.com/quick-setup/latest/APIReference/API_StatusSummary.html):
// SUCCEEDED is deployed; these will not become SUCCEEDED without another
// deployment.
const DEPLOYED = 'SUCCEEDED';
const UNDEPLOYED = new Set(['FAILED', 'STOPPING', 'STOPPED', 'STOP_FAILED', 'DELETING', 'DELETE_FAILED']);

// findManager returns the summary of the configuration manager named
// ManagerName with a definition of DefinitionType (none: undefined; two:
// an error).
async function findManager(ctx, p) {
  const all = await pages(ctx, 'QuickSetup', 'ListConfigurationManagers', {}, 'ConfigurationManagersList');
  const found = all.filter((m) => m.Name === p.ManagerName &&
    (m.ConfigurationDefinitionSummaries || []).some((d) => d.Type === p.DefinitionType));
  if (found.length > 1) {
    throw new Error(found.length + ' Quick Setup configuration managers are named ' + p.ManagerName + ' with type ' + p.DefinitionType +
      ': ' + found.map((m) => m.ManagerArn).join(', '));
  }
  return found[0];
}

// deployed waits, on create and when the manager changed, until Quick Setup
// reports the configuration manager deployed, asking every PollSeconds (at
// least one). A state that will not become SUCCEEDED fails at once; a
// deployment still under way at the deadline fails with the state last seen.
// Deletion, and an update of the same manager, wait for nothing.
async function deployed(ctx, event, admitted) {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete' || !admitted) {
    return {};
  }
  const pollMs = Math.max(Number(p.PollSeconds) || 0, 1) * 1000;
  const started = ctx.deps.now();
  const home = Object.assign({}, ctx, { region: p.Region || ctx.region });
  for (let first = true; ; first = false) {
    const m = await findManager(home, p);
    // Only an update carries a physical id.
    if (first && m && m.ManagerArn === event.PhysicalResourceId) {
      return {};
    }
    const summary = ((m && m.StatusSummaries) || []).find((s) => s.StatusType === 'Deployment') || {};
    const status = m ? summary.Status || 'NONE' : 'NOT_FOUND';
    const said = summary.StatusMessage ? ' (' + summary.StatusMessage + ')' : '';
    const what = 'Quick Setup configuration manager ' + p.ManagerName;
    if (status === DEPLOYED) {
      // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
      ctx.deps.log(m.ManagerArn + ': deployed');
      return { physicalId: m.ManagerArn };
    }
    if (UNDEPLOYED.has(status)) {
      throw new Error(what + ' (' + m.ManagerArn + ') is ' + status + said + ': fix its deployment in the Quick Setup console, then deploy this stack again');
    }
    if (ctx.deps.now() + pollMs > ctx.deadline) {
      const minutes = Math.round((ctx.deps.now() - started) / 60000);
      throw new Error(what + ' is still ' + status + said + ' after ' + minutes +
        ' minute(s): deploy this stack again once it reports SUCCEEDED (aws ssm-quicksetup list-configuration-managers)');
    }
    // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
    ctx.deps.log(what + ': ' + status + ', asking again in ' + pollMs / 1000 + ' s');
    await ctx.deps.sleep(pollMs, ctx.signal);
  }
}

const KINDS = {
  'Custom::JitnaPrerequisite': prerequisite,
  'Custom::JitnaSessionPreferences': sessionPreferences,
  'Custom::JitnaDeployed': deployed,
};

// Properties CloudFormation adds, and the handler does not read.
const RESERVED = new Set(['ServiceToken', 'ServiceTimeout']);
const own = (props) => Object.keys(props || {}).filter((k) => !RESERVED.has(k)).reduce((o, k) => { o[k] = props[k]; return o; }, {});

// admit says whether the request's properties are the ones its resource was
// synthesized with (ALLOWED; a property that is a JSON document there is
// compared as a value). An update from other properties back to those is a
// rollback (ResourceProperties are the old ones): it is not admitted, and
// does nothing.
function admit(allowed, event) {
  const want = allowed[event.LogicalResourceId];
  if (!want) {
    return false;
  }
  const got = own(event.ResourceProperties);
  for (const k of Object.keys(want)) {
    // CloudFormation sends such a property as JSON text.
    if (want[k] && typeof want[k] === 'object') {
      try {
        got[k] = JSON.parse(got[k]);
      } catch (err) {
        return false;
      }
    }
  }
  return canonical(got) === canonical(want);
}

// A create that failed reports this physical id, so that its deletion does
// nothing.
const FAILED = 'failed-create:';

// validResponseURL says whether url is CloudFormation's pre-signed S3 URL for
// custom-resource responses in the partition of region.
function validResponseURL(url, region) {
  let u;
  try {
    u = new URL(url);
  } catch (err) {
    return false;
  }
  const suffix = partition(region) === 'aws-cn' ? '.amazonaws.com.cn' : '.amazonaws.com';
  return u.protocol === 'https:' && u.hostname.startsWith('cloudformation-custom-resource-response-') &&
    u.hostname.endsWith(suffix) && /\.s3[.-]/.test(u.hostname) && u.search.length > 0;
}

// MAX_REASON keeps a response within CloudFormation's 4,096 bytes.
const MAX_REASON = 2000;

function bounded(text) {
  let s = String(text);
  while (Buffer.byteLength(s) > MAX_REASON) {
    s = s.slice(0, Math.floor(s.length * 0.9)) + '…';
  }
  return s;
}

// put sends the result to CloudFormation's pre-signed URL, within timeoutMs.
function put(url, data, timeoutMs) {
  const u = new URL(url);
  const client = u.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = client.request(u, { method: 'PUT', timeout: timeoutMs, headers: { 'content-type': '', 'content-length': Buffer.byteLength(data) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode < 300 ? resolve() : reject(new Error('CloudFormation answered ' + res.statusCode))));
    });
    req.on('timeout', () => req.destroy(new Error('no answer from CloudFormation in ' + timeoutMs + ' ms')));
    req.on('error', reject);
    req.end(data);
  });
}

// respond sends body to the event's response URL, retried with growing waits
// until deadline (undelivered, CloudFormation fails the resource at its
// ServiceTimeout).
async function respond(deps, event, body, deadline) {
  const data = JSON.stringify(Object.assign({
    StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
  }, body));
  for (let attempt = 1; ; attempt++) {
    const left = deadline - deps.now();
    try {
      await deps.put(event.ResponseURL, data, Math.max(Math.min(left, deps.putTimeoutMs), 1));
      return;
    } catch (err) {
      const wait = Math.min(deps.baseDelayMs * 2 ** (attempt - 1), deps.maxDelayMs);
      // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
      deps.log('response, attempt ' + attempt + ': ' + errorMessage(err));
      if (deps.now() + wait >= deadline) {
        // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
        deps.log('response not delivered: CloudFormation fails the resource at its ServiceTimeout');
        return;
      }
      await deps.sleep(wait);
    }
  }
}

// makeHandler returns the Lambda handler over deps: allowed (ALLOWED), region
// (the function's), stackId (its stack's, which requests must name), call (an AWS SDK call), put (the response PUT), sleep,
// now, log, maxAttempts, baseDelayMs, maxDelayMs, marginMs (the time kept to
// answer before Lambda stops the function), putTimeoutMs.
function makeHandler(deps) {
  return async (event, context) => {
    if (!validResponseURL(event.ResponseURL, deps.region) || event.StackId !== deps.stackId) {
      // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
      deps.log('ignored: not a request of CloudFormation for stack ' + deps.stackId);
      return { Status: 'IGNORED' };
    }
    const end = deps.now() + context.getRemainingTimeInMillis();
    const controller = new AbortController();
    const ctx = { deps, region: deps.region, signal: controller.signal, deadline: end - 2 * deps.marginMs };
    let timer;
    let body;
    try {
      const kind = KINDS[event.ResourceType];
      if (!kind) {
        throw new Error('resource type ' + event.ResourceType + ' is not one this handler serves');
      }
      const admitted = admit(deps.allowed, event);
      if (!admitted) {
        if (event.RequestType === 'Create') {
          throw new Error(event.LogicalResourceId + ': these properties are not the ones the stack was synthesized with: nothing done');
        }
        // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
        deps.log(event.RequestType + ' ' + event.LogicalResourceId + ': not the synthesized properties (a rollback, or a resource removed): nothing done');
      }
      const timeout = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error('no answer from AWS before the function times out: the work was stopped')),
          Math.max(ctx.deadline - deps.now(), 0));
      });
      const removed = !Object.prototype.hasOwnProperty.call(deps.allowed, event.LogicalResourceId);
      const out = await Promise.race([kind(ctx, event, admitted, removed), timeout]);
      // A create always names its physical id; otherwise it stays.
      body = { Status: 'SUCCESS', PhysicalResourceId: out.physicalId || event.PhysicalResourceId };
    } catch (err) {
      // Stryker disable next-line StringLiteral,ArithmeticOperator,ConditionalExpression,LogicalOperator,CallExpression: log text, read by people
      deps.log(event.RequestType + ' ' + event.LogicalResourceId + ' failed: ' + errorCode(err) + ': ' + errorMessage(err));
      body = {
        Status: 'FAILED',
        Reason: bounded(errorCode(err) + ': ' + errorMessage(err)),
        PhysicalResourceId: event.PhysicalResourceId || FAILED + event.RequestId,
      };
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    await respond(deps, event, body, end - deps.marginMs / 2);
    return body;
  };
}

exports.makeHandler = makeHandler;
exports.put = put;
exports.sameContent = sameContent;
exports.canonical = canonical;
exports.validResponseURL = validResponseURL;
exports.organizationsRegion = organizationsRegion;
exports.sdkCall = sdkCall;
// The production wiring: the SDK, real timers, and the tuning the tests
// replace with their own (they inject every one of these).
// Stryker disable all
exports.handler = makeHandler({
  allowed: ALLOWED,
  region: process.env.AWS_REGION,
  stackId: process.env.JITNA_STACK_ID,
  call: sdkCall(require),
  put,
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    if (signal) {
      signal.addEventListener('abort', () => { clearTimeout(t); reject(new Aborted()); }, { once: true });
    }
  }),
  now: () => Date.now(),
  log: (line) => console.log(line),
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 20000,
  marginMs: 10000,
  putTimeoutMs: 15000,
});
// Stryker restore all
