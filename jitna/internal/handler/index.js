'use strict';
// The custom-resource handler of cdk-jitna-go. It serves three resource
// types: Custom::JitnaPrerequisite (one AWS Organizations or AWS RAM call on
// create, maybe one on delete, in the management account),
// Custom::JitnaSessionPreferences (Session Manager preferences applied to an
// SSM-SessionManagerRunShell document that may already exist) and
// Custom::JitnaDeployed (a wait until Quick Setup reports a configuration
// manager deployed). Its code is
// inline in the template: no file asset, so no CDK bootstrap. It needs only
// Node.js and the AWS SDK for JavaScript v3 that the Lambda runtime provides.
const http = require('http');
const https = require('https');

const SERVICES = {
  Organizations: ['@aws-sdk/client-organizations', 'OrganizationsClient'],
  RAM: ['@aws-sdk/client-ram', 'RAMClient'],
  SSM: ['@aws-sdk/client-ssm', 'SSMClient'],
  QuickSetup: ['@aws-sdk/client-ssm-quicksetup', 'SSMQuickSetupClient'],
};

// Error codes that mean "try again later".
const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException',
  'ConcurrentModificationException', 'RequestLimitExceeded']);

const errorCode = (err) => (err && (err.name || err.code || err.Code)) || 'Error';

// sdkCall returns call(service, region, action, input), which sends one AWS SDK v3
// command, a client per service and Region.
function sdkCall() {
  const clients = {};
  return async (service, region, action, input) => {
    const names = SERVICES[service];
    if (!names) {
      throw new Error('service ' + service + ' is not one this handler calls');
    }
    const mod = require(names[0]);
    const Command = mod[action + 'Command'];
    if (!Command) {
      throw new Error(service + ' has no action ' + action);
    }
    const key = service + '@' + (region || '');
    clients[key] = clients[key] || new mod[names[1]](region ? { region } : {});
    return clients[key].send(new Command(input));
  };
}

// retry runs fn until it succeeds, throws an error other than throttling, or
// has been throttled deps.maxAttempts times; it waits twice as long each time.
async function retry(deps, what, fn) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!THROTTLED.has(errorCode(err)) || attempt >= deps.maxAttempts) {
        if (THROTTLED.has(errorCode(err))) {
          err.message = what + ': still throttled after ' + attempt + ' attempts: ' + err.message;
        }
        throw err;
      }
      const wait = Math.min(deps.baseDelayMs * 2 ** (attempt - 1), deps.maxDelayMs);
      deps.log(what + ': ' + errorCode(err) + ', attempt ' + attempt + ', waiting ' + wait + ' ms');
      await deps.sleep(wait);
    }
  }
}

// send makes one call, retried when throttled; an error whose code is in
// ignore means the work is done already.
async function send(deps, service, region, action, input, ignore) {
  try {
    return await retry(deps, action, () => deps.call(service, region, action, input));
  } catch (err) {
    if ((ignore || []).includes(errorCode(err))) {
      deps.log(action + ': ' + errorCode(err) + ': done already');
      return undefined;
    }
    throw err;
  }
}

const runCall = (deps, c) => send(deps, c.Service, c.Region, c.Action, c.Parameters || {}, c.IgnoreErrorCodes);

// prerequisite: Create's call on create and update, Delete's (if any) on
// delete. A changed PhysicalId replaces the resource: CloudFormation then
// deletes the old one with its old properties.
async function prerequisite(deps, event) {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    if (p.Delete && !isFailedCreate(event.PhysicalResourceId)) {
      await runCall(deps, p.Delete);
    }
    return { physicalId: event.PhysicalResourceId };
  }
  await runCall(deps, p.Create);
  return { physicalId: p.PhysicalId };
}

// sameContent compares two JSON document contents as values, not text.
function sameContent(a, b) {
  const norm = (v) => {
    if (Array.isArray(v)) {
      return v.map(norm);
    }
    if (v && typeof v === 'object') {
      return Object.keys(v).sort().reduce((o, k) => { o[k] = norm(v[k]); return o; }, {});
    }
    return v;
  };
  try {
    return JSON.stringify(norm(JSON.parse(a))) === JSON.stringify(norm(JSON.parse(b)));
  } catch (err) {
    return false;
  }
}

// The physical id records what was there before, for deletion:
// "<name>@created" (the document did not exist) or "<name>@<version>" (its
// default version before).
const CREATED = 'created';

// versionWith finds the version of the document whose content is content,
// newest first, within the versions SSM keeps.
async function versionWith(deps, ssm, name, content) {
  let token;
  for (let page = 0; page < 20; page++) {
    const out = await ssm('ListDocumentVersions', { Name: name, MaxResults: 50, NextToken: token });
    for (const v of out.DocumentVersions || []) {
      const doc = await ssm('GetDocument', { Name: name, DocumentVersion: v.DocumentVersion, DocumentFormat: 'JSON' });
      if (sameContent(doc.Content, content)) {
        return v.DocumentVersion;
      }
    }
    token = out.NextToken;
    if (!token) {
      break;
    }
  }
  throw new Error('SSM reports the content of ' + name + ' as a duplicate, but no version of it holds that content');
}

// applyPreferences makes content the default version of the document,
// creating it when it is missing. It returns what was there before.
async function applyPreferences(deps, p) {
  const name = p.DocumentName;
  const ssm = (action, input, ignore) => send(deps, 'SSM', undefined, action, input, ignore);
  let described;
  try {
    described = await ssm('DescribeDocument', { Name: name });
  } catch (err) {
    if (errorCode(err) !== 'InvalidDocument') {
      throw err;
    }
    await ssm('CreateDocument', { Name: name, Content: p.Content, DocumentType: 'Session', DocumentFormat: 'JSON' });
    deps.log(name + ': created');
    return CREATED;
  }
  const previous = described.Document.DefaultVersion;
  const current = await ssm('GetDocument', { Name: name, DocumentVersion: previous, DocumentFormat: 'JSON' });
  if (sameContent(current.Content, p.Content)) {
    deps.log(name + ': version ' + previous + ' is the default and holds these preferences already');
    return previous;
  }
  let version;
  try {
    const updated = await ssm('UpdateDocument', { Name: name, Content: p.Content, DocumentVersion: '$LATEST', DocumentFormat: 'JSON' });
    version = updated.DocumentDescription.DocumentVersion;
  } catch (err) {
    if (errorCode(err) !== 'DuplicateDocumentContent') {
      throw err;
    }
    version = await versionWith(deps, ssm, name, p.Content);
  }
  await ssm('UpdateDocumentDefaultVersion', { Name: name, DocumentVersion: version });
  deps.log(name + ': version ' + version + ' is the default (it was ' + previous + ')');
  return previous;
}

// restorePreferences puts back what the physical id recorded: it deletes a
// document it created, or makes the previous version the default again.
async function restorePreferences(deps, physicalId) {
  const at = physicalId.lastIndexOf('@');
  if (at < 0) {
    return;
  }
  const name = physicalId.slice(0, at);
  const before = physicalId.slice(at + 1);
  if (before === CREATED) {
    await send(deps, 'SSM', undefined, 'DeleteDocument', { Name: name }, ['InvalidDocument']);
    deps.log(name + ': deleted, as it did not exist before');
    return;
  }
  await send(deps, 'SSM', undefined, 'UpdateDocumentDefaultVersion', { Name: name, DocumentVersion: before }, ['InvalidDocument']);
  deps.log(name + ': version ' + before + ' is the default again');
}

async function sessionPreferences(deps, event) {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    if (p.OnDelete === 'restore' && !isFailedCreate(event.PhysicalResourceId)) {
      await restorePreferences(deps, event.PhysicalResourceId);
    }
    return { physicalId: event.PhysicalResourceId };
  }
  const before = await applyPreferences(deps, p);
  if (event.RequestType === 'Update') {
    // What was there before this stack stays what deletion restores.
    return { physicalId: event.PhysicalResourceId };
  }
  return { physicalId: p.DocumentName + '@' + before };
}

// Quick Setup's deployment states (StatusSummary of StatusType Deployment,
// https://docs.aws.amazon.com/quick-setup/latest/APIReference/API_StatusSummary.html):
// SUCCEEDED is deployed; these will not become SUCCEEDED without another
// deployment.
const DEPLOYED = 'SUCCEEDED';
const UNDEPLOYED = new Set(['FAILED', 'STOPPING', 'STOPPED', 'STOP_FAILED', 'DELETING', 'DELETE_FAILED']);

// deployed waits until Quick Setup reports the configuration manager
// ManagerArn deployed, asking every PollSeconds. A state that will not become
// SUCCEEDED fails at once; a deployment still under way when the time left
// (deadline) runs out fails with the state last seen. Deletion waits for
// nothing.
async function deployed(deps, event, deadline) {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    return { physicalId: event.PhysicalResourceId };
  }
  const pollMs = Number(p.PollSeconds) * 1000;
  const started = deps.now();
  for (;;) {
    const out = await send(deps, 'QuickSetup', p.Region, 'GetConfigurationManager', { ManagerArn: p.ManagerArn });
    const summary = (out.StatusSummaries || []).find((s) => s.StatusType === 'Deployment') || {};
    const status = summary.Status || 'NONE';
    const said = summary.StatusMessage ? ' (' + summary.StatusMessage + ')' : '';
    if (status === DEPLOYED) {
      deps.log(p.ManagerArn + ': deployed');
      return { physicalId: p.ManagerArn };
    }
    if (UNDEPLOYED.has(status)) {
      throw new Error('Quick Setup reports ' + p.ManagerArn + ' ' + status + said + ': fix its deployment in the Quick Setup console, then deploy this stack again');
    }
    if (deps.now() + pollMs > deadline) {
      const minutes = Math.round((deps.now() - started) / 60000);
      throw new Error('Quick Setup still reports ' + p.ManagerArn + ' ' + status + said + ' after ' + minutes +
        ' minute(s): deploy this stack again once it reports SUCCEEDED (aws ssm-quicksetup get-configuration-manager --manager-arn ' + p.ManagerArn + ')');
    }
    deps.log(p.ManagerArn + ': ' + status + ', asking again in ' + p.PollSeconds + ' s');
    await deps.sleep(pollMs);
  }
}

const KINDS = {
  'Custom::JitnaPrerequisite': prerequisite,
  'Custom::JitnaSessionPreferences': sessionPreferences,
  'Custom::JitnaDeployed': deployed,
};

// A create that failed reports this physical id, so that its deletion does
// nothing.
const FAILED = 'failed-create:';
const isFailedCreate = (id) => !id || id.startsWith(FAILED);

// respond sends the result to CloudFormation's pre-signed URL.
function respond(event, body) {
  const data = JSON.stringify(Object.assign({
    StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
  }, body));
  const url = new URL(event.ResponseURL);
  const client = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(data) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode < 300 ? resolve() : reject(new Error('CloudFormation answered ' + res.statusCode))));
    });
    req.on('error', reject);
    req.end(data);
  });
}

// makeHandler returns the Lambda handler over deps: call (an AWS SDK call),
// respond, sleep, now, log, maxAttempts, baseDelayMs, maxDelayMs, marginMs
// (the time kept to report a timeout before Lambda stops the function).
function makeHandler(deps) {
  return async (event, context) => {
    const kind = KINDS[event.ResourceType];
    let timer;
    const left = context && context.getRemainingTimeInMillis ? context.getRemainingTimeInMillis() - deps.marginMs : 0;
    const timeout = new Promise((resolve, reject) => {
      if (left > 0) {
        timer = setTimeout(() => reject(new Error('no answer from AWS before the function timed out')), left);
      }
    });
    let body;
    try {
      if (!kind) {
        throw new Error('resource type ' + event.ResourceType + ' is not one this handler serves');
      }
      const out = await Promise.race([kind(deps, event, deps.now() + Math.max(left, 0)), timeout]);
      body = { Status: 'SUCCESS', PhysicalResourceId: out.physicalId, Data: out.data };
    } catch (err) {
      deps.log(event.RequestType + ' ' + event.LogicalResourceId + ' failed: ' + errorCode(err) + ': ' + err.message);
      body = {
        Status: 'FAILED',
        Reason: errorCode(err) + ': ' + err.message,
        PhysicalResourceId: event.PhysicalResourceId || FAILED + event.RequestId,
      };
    } finally {
      clearTimeout(timer);
    }
    await deps.respond(event, body);
    return body;
  };
}

exports.makeHandler = makeHandler;
exports.respond = respond;
exports.sameContent = sameContent;
exports.handler = makeHandler({
  call: sdkCall(),
  respond,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  log: (line) => console.log(line),
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 20000,
  marginMs: 10000,
});
