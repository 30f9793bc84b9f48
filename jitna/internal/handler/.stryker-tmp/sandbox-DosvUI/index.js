// @ts-nocheck
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
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
const http = require('http');
const https = require('https');

// ALLOWED is replaced at synthesis by the properties of the stack's resources.
const ALLOWED = {};
const SERVICES = stryMutAct_9fa48("0") ? {} : (stryCov_9fa48("0"), {
  Organizations: stryMutAct_9fa48("1") ? [] : (stryCov_9fa48("1"), [stryMutAct_9fa48("2") ? "" : (stryCov_9fa48("2"), '@aws-sdk/client-organizations'), stryMutAct_9fa48("3") ? "" : (stryCov_9fa48("3"), 'OrganizationsClient')]),
  RAM: stryMutAct_9fa48("4") ? [] : (stryCov_9fa48("4"), [stryMutAct_9fa48("5") ? "" : (stryCov_9fa48("5"), '@aws-sdk/client-ram'), stryMutAct_9fa48("6") ? "" : (stryCov_9fa48("6"), 'RAMClient')]),
  SSM: stryMutAct_9fa48("7") ? [] : (stryCov_9fa48("7"), [stryMutAct_9fa48("8") ? "" : (stryCov_9fa48("8"), '@aws-sdk/client-ssm'), stryMutAct_9fa48("9") ? "" : (stryCov_9fa48("9"), 'SSMClient')]),
  QuickSetup: stryMutAct_9fa48("10") ? [] : (stryCov_9fa48("10"), [stryMutAct_9fa48("11") ? "" : (stryCov_9fa48("11"), '@aws-sdk/client-ssm-quicksetup'), stryMutAct_9fa48("12") ? "" : (stryCov_9fa48("12"), 'SSMQuickSetupClient')]),
  CloudFormation: stryMutAct_9fa48("13") ? [] : (stryCov_9fa48("13"), [stryMutAct_9fa48("14") ? "" : (stryCov_9fa48("14"), '@aws-sdk/client-cloudformation'), stryMutAct_9fa48("15") ? "" : (stryCov_9fa48("15"), 'CloudFormationClient')])
});

// Error codes that mean "try again later".
const THROTTLED = new Set(stryMutAct_9fa48("16") ? [] : (stryCov_9fa48("16"), [stryMutAct_9fa48("17") ? "" : (stryCov_9fa48("17"), 'ThrottlingException'), stryMutAct_9fa48("18") ? "" : (stryCov_9fa48("18"), 'Throttling'), stryMutAct_9fa48("19") ? "" : (stryCov_9fa48("19"), 'TooManyRequestsException'), stryMutAct_9fa48("20") ? "" : (stryCov_9fa48("20"), 'ConcurrentModificationException'), stryMutAct_9fa48("21") ? "" : (stryCov_9fa48("21"), 'RequestLimitExceeded')]));
const errorCode = stryMutAct_9fa48("22") ? () => undefined : (stryCov_9fa48("22"), (() => {
  const errorCode = err => stryMutAct_9fa48("25") ? err && (err.name || err.code || err.Code) && 'Error' : stryMutAct_9fa48("24") ? false : stryMutAct_9fa48("23") ? true : (stryCov_9fa48("23", "24", "25"), (stryMutAct_9fa48("27") ? err || err.name || err.code || err.Code : stryMutAct_9fa48("26") ? false : (stryCov_9fa48("26", "27"), err && (stryMutAct_9fa48("29") ? (err.name || err.code) && err.Code : stryMutAct_9fa48("28") ? true : (stryCov_9fa48("28", "29"), (stryMutAct_9fa48("31") ? err.name && err.code : stryMutAct_9fa48("30") ? false : (stryCov_9fa48("30", "31"), err.name || err.code)) || err.Code)))) || (stryMutAct_9fa48("32") ? "" : (stryCov_9fa48("32"), 'Error')));
  return errorCode;
})());
const errorMessage = stryMutAct_9fa48("33") ? () => undefined : (stryCov_9fa48("33"), (() => {
  const errorMessage = err => err instanceof Error ? err.message : String(err);
  return errorMessage;
})());

// organizationsRegion is the Region of the AWS Organizations endpoint of the
// partition of region (the AWS Organizations API reference, "Endpoints").
function organizationsRegion(region) {
  if (stryMutAct_9fa48("34")) {
    {}
  } else {
    stryCov_9fa48("34");
    if (stryMutAct_9fa48("36") ? false : stryMutAct_9fa48("35") ? true : (stryCov_9fa48("35", "36"), (stryMutAct_9fa48("37") ? /cn-/ : (stryCov_9fa48("37"), /^cn-/)).test(stryMutAct_9fa48("40") ? region && '' : stryMutAct_9fa48("39") ? false : stryMutAct_9fa48("38") ? true : (stryCov_9fa48("38", "39", "40"), region || (stryMutAct_9fa48("41") ? "Stryker was here!" : (stryCov_9fa48("41"), '')))))) {
      if (stryMutAct_9fa48("42")) {
        {}
      } else {
        stryCov_9fa48("42");
        return stryMutAct_9fa48("43") ? "" : (stryCov_9fa48("43"), 'cn-northwest-1');
      }
    }
    if (stryMutAct_9fa48("45") ? false : stryMutAct_9fa48("44") ? true : (stryCov_9fa48("44", "45"), (stryMutAct_9fa48("46") ? /us-gov-/ : (stryCov_9fa48("46"), /^us-gov-/)).test(stryMutAct_9fa48("49") ? region && '' : stryMutAct_9fa48("48") ? false : stryMutAct_9fa48("47") ? true : (stryCov_9fa48("47", "48", "49"), region || (stryMutAct_9fa48("50") ? "Stryker was here!" : (stryCov_9fa48("50"), '')))))) {
      if (stryMutAct_9fa48("51")) {
        {}
      } else {
        stryCov_9fa48("51");
        return stryMutAct_9fa48("52") ? "" : (stryCov_9fa48("52"), 'us-gov-west-1');
      }
    }
    return stryMutAct_9fa48("53") ? "" : (stryCov_9fa48("53"), 'us-east-1');
  }
}

// sdkCall returns call(service, region, action, input, signal), which sends
// one AWS SDK v3 command, a client per service and Region.
function sdkCall() {
  if (stryMutAct_9fa48("54")) {
    {}
  } else {
    stryCov_9fa48("54");
    const clients = {};
    return async (service, region, action, input, signal) => {
      if (stryMutAct_9fa48("55")) {
        {}
      } else {
        stryCov_9fa48("55");
        const names = SERVICES[service];
        const mod = require(names[0]);
        const key = service + (stryMutAct_9fa48("56") ? "" : (stryCov_9fa48("56"), '@')) + region;
        clients[key] = stryMutAct_9fa48("59") ? clients[key] && new mod[names[1]]({
          region
        }) : stryMutAct_9fa48("58") ? false : stryMutAct_9fa48("57") ? true : (stryCov_9fa48("57", "58", "59"), clients[key] || new mod[names[1]](stryMutAct_9fa48("60") ? {} : (stryCov_9fa48("60"), {
          region
        })));
        return clients[key].send(new mod[action + (stryMutAct_9fa48("61") ? "" : (stryCov_9fa48("61"), 'Command'))](input), stryMutAct_9fa48("62") ? {} : (stryCov_9fa48("62"), {
          abortSignal: signal
        }));
      }
    };
  }
}

// Aborted is thrown by work that was given up.
class Aborted extends Error {
  constructor() {
    if (stryMutAct_9fa48("63")) {
      {}
    } else {
      stryCov_9fa48("63");
      super(stryMutAct_9fa48("64") ? "" : (stryCov_9fa48("64"), 'the work was given up'));
      this.name = stryMutAct_9fa48("65") ? "" : (stryCov_9fa48("65"), 'Aborted');
    }
  }
}

// send makes one call, retried with growing waits while throttled, unless
// the work was given up; an error whose code is in ignore is returned as
// undefined (the work is done already).
async function send(ctx, service, action, input, ignore) {
  if (stryMutAct_9fa48("66")) {
    {}
  } else {
    stryCov_9fa48("66");
    const region = (stryMutAct_9fa48("69") ? service !== 'Organizations' : stryMutAct_9fa48("68") ? false : stryMutAct_9fa48("67") ? true : (stryCov_9fa48("67", "68", "69"), service === (stryMutAct_9fa48("70") ? "" : (stryCov_9fa48("70"), 'Organizations')))) ? organizationsRegion(ctx.region) : ctx.region;
    if (stryMutAct_9fa48("71")) {
      for (let attempt = 1; false; attempt++) {
        if (ctx.signal.aborted) {
          throw new Aborted();
        }
        try {
          return await ctx.deps.call(service, region, action, input, ctx.signal);
        } catch (err) {
          if ((ignore || []).includes(errorCode(err))) {
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
          ctx.deps.log(action + ': ' + errorCode(err) + ', attempt ' + attempt + ', waiting ' + wait + ' ms');
          await ctx.deps.sleep(wait, ctx.signal);
        }
      }
    } else {
      stryCov_9fa48("71");
      for (let attempt = 1;; stryMutAct_9fa48("72") ? attempt-- : (stryCov_9fa48("72"), attempt++)) {
        if (stryMutAct_9fa48("73")) {
          {}
        } else {
          stryCov_9fa48("73");
          if (stryMutAct_9fa48("75") ? false : stryMutAct_9fa48("74") ? true : (stryCov_9fa48("74", "75"), ctx.signal.aborted)) {
            if (stryMutAct_9fa48("76")) {
              {}
            } else {
              stryCov_9fa48("76");
              if (stryMutAct_9fa48("77")) {
                ;
              } else {
                stryCov_9fa48("77");
                throw new Aborted();
              }
            }
          }
          try {
            if (stryMutAct_9fa48("78")) {
              {}
            } else {
              stryCov_9fa48("78");
              return await ctx.deps.call(service, region, action, input, ctx.signal);
            }
          } catch (err) {
            if (stryMutAct_9fa48("79")) {
              {}
            } else {
              stryCov_9fa48("79");
              if (stryMutAct_9fa48("81") ? false : stryMutAct_9fa48("80") ? true : (stryCov_9fa48("80", "81"), (stryMutAct_9fa48("84") ? ignore && [] : stryMutAct_9fa48("83") ? false : stryMutAct_9fa48("82") ? true : (stryCov_9fa48("82", "83", "84"), ignore || (stryMutAct_9fa48("85") ? ["Stryker was here"] : (stryCov_9fa48("85"), [])))).includes(errorCode(err)))) {
                if (stryMutAct_9fa48("86")) {
                  {}
                } else {
                  stryCov_9fa48("86");
                  ctx.deps.log(action + (stryMutAct_9fa48("88") ? "" : (stryCov_9fa48("88"), ': ')) + errorCode(err) + (stryMutAct_9fa48("89") ? "" : (stryCov_9fa48("89"), ': done already')));
                  return undefined;
                }
              }
              if (stryMutAct_9fa48("92") ? !THROTTLED.has(errorCode(err)) && attempt >= ctx.deps.maxAttempts : stryMutAct_9fa48("91") ? false : stryMutAct_9fa48("90") ? true : (stryCov_9fa48("90", "91", "92"), (stryMutAct_9fa48("93") ? THROTTLED.has(errorCode(err)) : (stryCov_9fa48("93"), !THROTTLED.has(errorCode(err)))) || (stryMutAct_9fa48("96") ? attempt < ctx.deps.maxAttempts : stryMutAct_9fa48("95") ? attempt > ctx.deps.maxAttempts : stryMutAct_9fa48("94") ? false : (stryCov_9fa48("94", "95", "96"), attempt >= ctx.deps.maxAttempts)))) {
                if (stryMutAct_9fa48("97")) {
                  {}
                } else {
                  stryCov_9fa48("97");
                  if (stryMutAct_9fa48("99") ? false : stryMutAct_9fa48("98") ? true : (stryCov_9fa48("98", "99"), THROTTLED.has(errorCode(err)))) {
                    if (stryMutAct_9fa48("100")) {
                      {}
                    } else {
                      stryCov_9fa48("100");
                      throw new Error(action + (stryMutAct_9fa48("102") ? "" : (stryCov_9fa48("102"), ': still throttled after ')) + attempt + (stryMutAct_9fa48("103") ? "" : (stryCov_9fa48("103"), ' attempts: ')) + errorMessage(err));
                    }
                  }
                  throw err;
                }
              }
              const wait = stryMutAct_9fa48("104") ? Math.max(ctx.deps.baseDelayMs * 2 ** (attempt - 1), ctx.deps.maxDelayMs) : (stryCov_9fa48("104"), Math.min(stryMutAct_9fa48("105") ? ctx.deps.baseDelayMs / 2 ** (attempt - 1) : (stryCov_9fa48("105"), ctx.deps.baseDelayMs * 2 ** (stryMutAct_9fa48("106") ? attempt + 1 : (stryCov_9fa48("106"), attempt - 1))), ctx.deps.maxDelayMs));
              ctx.deps.log(action + (stryMutAct_9fa48("108") ? "" : (stryCov_9fa48("108"), ': ')) + errorCode(err) + (stryMutAct_9fa48("109") ? "" : (stryCov_9fa48("109"), ', attempt ')) + attempt + (stryMutAct_9fa48("110") ? "" : (stryCov_9fa48("110"), ', waiting ')) + wait + (stryMutAct_9fa48("111") ? "" : (stryCov_9fa48("111"), ' ms')));
              await ctx.deps.sleep(wait, ctx.signal);
            }
          }
        }
      }
    }
  }
}

// pages calls action page by page (NextToken) and returns the items of field.
async function pages(ctx, service, action, input, field) {
  if (stryMutAct_9fa48("112")) {
    {}
  } else {
    stryCov_9fa48("112");
    const items = stryMutAct_9fa48("113") ? ["Stryker was here"] : (stryCov_9fa48("113"), []);
    let token;
    do {
      if (stryMutAct_9fa48("114")) {
        {}
      } else {
        stryCov_9fa48("114");
        const out = await send(ctx, service, action, Object.assign({}, input, stryMutAct_9fa48("115") ? {} : (stryCov_9fa48("115"), {
          NextToken: token
        })));
        items.push(...(stryMutAct_9fa48("119") ? out && out[field] && [] : stryMutAct_9fa48("118") ? false : stryMutAct_9fa48("117") ? true : (stryCov_9fa48("117", "118", "119"), (stryMutAct_9fa48("121") ? out || out[field] : stryMutAct_9fa48("120") ? false : (stryCov_9fa48("120", "121"), out && out[field])) || (stryMutAct_9fa48("122") ? ["Stryker was here"] : (stryCov_9fa48("122"), [])))));
        token = stryMutAct_9fa48("125") ? out || out.NextToken : stryMutAct_9fa48("124") ? false : stryMutAct_9fa48("123") ? true : (stryCov_9fa48("123", "124", "125"), out && out.NextToken);
      }
    } while (stryMutAct_9fa48("126") ? false : (stryCov_9fa48("126"), token));
    return items;
  }
}

// ownStack describes the function's own stack: its status and when its
// operation started (LastUpdatedTime, else CreationTime).
async function ownStack(ctx) {
  if (stryMutAct_9fa48("127")) {
    {}
  } else {
    stryCov_9fa48("127");
    const out = await send(ctx, stryMutAct_9fa48("128") ? "" : (stryCov_9fa48("128"), 'CloudFormation'), stryMutAct_9fa48("129") ? "" : (stryCov_9fa48("129"), 'DescribeStacks'), stryMutAct_9fa48("130") ? {} : (stryCov_9fa48("130"), {
      StackName: ctx.deps.stackId
    }));
    const stack = stryMutAct_9fa48("133") ? (out && out.Stacks || [])[0] && {} : stryMutAct_9fa48("132") ? false : stryMutAct_9fa48("131") ? true : (stryCov_9fa48("131", "132", "133"), (stryMutAct_9fa48("136") ? out && out.Stacks && [] : stryMutAct_9fa48("135") ? false : stryMutAct_9fa48("134") ? true : (stryCov_9fa48("134", "135", "136"), (stryMutAct_9fa48("138") ? out || out.Stacks : stryMutAct_9fa48("137") ? false : (stryCov_9fa48("137", "138"), out && out.Stacks)) || (stryMutAct_9fa48("139") ? ["Stryker was here"] : (stryCov_9fa48("139"), []))))[0] || {});
    return stryMutAct_9fa48("140") ? {} : (stryCov_9fa48("140"), {
      status: stryMutAct_9fa48("143") ? stack.StackStatus && '' : stryMutAct_9fa48("142") ? false : stryMutAct_9fa48("141") ? true : (stryCov_9fa48("141", "142", "143"), stack.StackStatus || (stryMutAct_9fa48("144") ? "Stryker was here!" : (stryCov_9fa48("144"), ''))),
      since: new Date(stryMutAct_9fa48("147") ? (stack.LastUpdatedTime || stack.CreationTime) && 0 : stryMutAct_9fa48("146") ? false : stryMutAct_9fa48("145") ? true : (stryCov_9fa48("145", "146", "147"), (stryMutAct_9fa48("149") ? stack.LastUpdatedTime && stack.CreationTime : stryMutAct_9fa48("148") ? false : (stryCov_9fa48("148", "149"), stack.LastUpdatedTime || stack.CreationTime)) || 0)).getTime()
    });
  }
}

// rollingBack says whether the function's own stack is rolling back (a
// failed create or update): a deletion then undoes what the resource did,
// whatever it was synthesized to leave on an ordinary deletion.
async function rollingBack(ctx) {
  if (stryMutAct_9fa48("150")) {
    {}
  } else {
    stryCov_9fa48("150");
    return /ROLLBACK/.test((await ownStack(ctx)).status);
  }
}

// Prerequisites. Trusted access and AWS RAM sharing are never undone (other
// services may rely on them). A delegated administrator registration is
// recorded as registered (by this resource) or adopted (it existed); only a
// registration this resource made is deregistered: when the stack rolls
// back, or was synthesized with DeregisterOnDelete.
const REGISTERED = stryMutAct_9fa48("151") ? "" : (stryCov_9fa48("151"), ':registered');
const ADOPTED = stryMutAct_9fa48("152") ? "" : (stryCov_9fa48("152"), ':adopted');
async function delegatedAdmin(ctx, p) {
  if (stryMutAct_9fa48("153")) {
    {}
  } else {
    stryCov_9fa48("153");
    const listed = await pages(ctx, stryMutAct_9fa48("154") ? "" : (stryCov_9fa48("154"), 'Organizations'), stryMutAct_9fa48("155") ? "" : (stryCov_9fa48("155"), 'ListDelegatedAdministrators'), stryMutAct_9fa48("156") ? {} : (stryCov_9fa48("156"), {
      ServicePrincipal: p.ServicePrincipal
    }), stryMutAct_9fa48("157") ? "" : (stryCov_9fa48("157"), 'DelegatedAdministrators'));
    const id = (stryMutAct_9fa48("158") ? "" : (stryCov_9fa48("158"), 'DelegatedAdmin-')) + p.ServicePrincipal + (stryMutAct_9fa48("159") ? "" : (stryCov_9fa48("159"), '-')) + p.AccountId;
    const found = listed.find(stryMutAct_9fa48("160") ? () => undefined : (stryCov_9fa48("160"), a => stryMutAct_9fa48("163") ? a.Id !== p.AccountId : stryMutAct_9fa48("162") ? false : stryMutAct_9fa48("161") ? true : (stryCov_9fa48("161", "162", "163"), a.Id === p.AccountId)));
    if (stryMutAct_9fa48("165") ? false : stryMutAct_9fa48("164") ? true : (stryCov_9fa48("164", "165"), found)) {
      if (stryMutAct_9fa48("166")) {
        {}
      } else {
        stryCov_9fa48("166");
        // Registered since the stack's operation started: by this request,
        // delivered once more.
        if (stryMutAct_9fa48("170") ? new Date(found.DelegationEnabledDate || 0).getTime() < (await ownStack(ctx)).since : stryMutAct_9fa48("169") ? new Date(found.DelegationEnabledDate || 0).getTime() > (await ownStack(ctx)).since : stryMutAct_9fa48("168") ? false : stryMutAct_9fa48("167") ? true : (stryCov_9fa48("167", "168", "169", "170"), new Date(stryMutAct_9fa48("173") ? found.DelegationEnabledDate && 0 : stryMutAct_9fa48("172") ? false : stryMutAct_9fa48("171") ? true : (stryCov_9fa48("171", "172", "173"), found.DelegationEnabledDate || 0)).getTime() >= (await ownStack(ctx)).since)) {
          if (stryMutAct_9fa48("174")) {
            {}
          } else {
            stryCov_9fa48("174");
            return stryMutAct_9fa48("175") ? id - REGISTERED : (stryCov_9fa48("175"), id + REGISTERED);
          }
        }
        ctx.deps.log(p.AccountId + (stryMutAct_9fa48("177") ? "" : (stryCov_9fa48("177"), ' is the delegated administrator for ')) + p.ServicePrincipal + (stryMutAct_9fa48("178") ? "" : (stryCov_9fa48("178"), ' already: adopted, never deregistered')));
        return stryMutAct_9fa48("179") ? id - ADOPTED : (stryCov_9fa48("179"), id + ADOPTED);
      }
    }
    try {
      if (stryMutAct_9fa48("180")) {
        {}
      } else {
        stryCov_9fa48("180");
        await send(ctx, stryMutAct_9fa48("181") ? "" : (stryCov_9fa48("181"), 'Organizations'), stryMutAct_9fa48("182") ? "" : (stryCov_9fa48("182"), 'RegisterDelegatedAdministrator'), stryMutAct_9fa48("183") ? {} : (stryCov_9fa48("183"), {
          AccountId: p.AccountId,
          ServicePrincipal: p.ServicePrincipal
        }));
      }
    } catch (err) {
      if (stryMutAct_9fa48("184")) {
        {}
      } else {
        stryCov_9fa48("184");
        if (stryMutAct_9fa48("187") ? errorCode(err) !== 'AccountAlreadyRegisteredException' : stryMutAct_9fa48("186") ? false : stryMutAct_9fa48("185") ? true : (stryCov_9fa48("185", "186", "187"), errorCode(err) === (stryMutAct_9fa48("188") ? "" : (stryCov_9fa48("188"), 'AccountAlreadyRegisteredException')))) {
          if (stryMutAct_9fa48("189")) {
            {}
          } else {
            stryCov_9fa48("189");
            return stryMutAct_9fa48("190") ? id - ADOPTED : (stryCov_9fa48("190"), id + ADOPTED);
          }
        }
        const others = stryMutAct_9fa48("191") ? listed.map(a => a.Id) : (stryCov_9fa48("191"), listed.map(stryMutAct_9fa48("192") ? () => undefined : (stryCov_9fa48("192"), a => a.Id)).filter(stryMutAct_9fa48("193") ? () => undefined : (stryCov_9fa48("193"), a => stryMutAct_9fa48("196") ? a === p.AccountId : stryMutAct_9fa48("195") ? false : stryMutAct_9fa48("194") ? true : (stryCov_9fa48("194", "195", "196"), a !== p.AccountId))));
        if (stryMutAct_9fa48("198") ? false : stryMutAct_9fa48("197") ? true : (stryCov_9fa48("197", "198"), others.length)) {
          if (stryMutAct_9fa48("199")) {
            {}
          } else {
            stryCov_9fa48("199");
            err.message = errorMessage(err) + (stryMutAct_9fa48("200") ? "" : (stryCov_9fa48("200"), ' (')) + others.join(stryMutAct_9fa48("201") ? "" : (stryCov_9fa48("201"), ', ')) + (stryMutAct_9fa48("202") ? "" : (stryCov_9fa48("202"), ' is the delegated administrator for ')) + p.ServicePrincipal + (stryMutAct_9fa48("203") ? "" : (stryCov_9fa48("203"), ' now: to change it, deregister it first with aws organizations deregister-delegated-administrator --account-id ')) + others[0] + (stryMutAct_9fa48("204") ? "" : (stryCov_9fa48("204"), ' --service-principal ')) + p.ServicePrincipal + (stryMutAct_9fa48("205") ? "" : (stryCov_9fa48("205"), ', then deploy again)'));
          }
        }
        throw err;
      }
    }
    return stryMutAct_9fa48("206") ? id - REGISTERED : (stryCov_9fa48("206"), id + REGISTERED);
  }
}
async function prerequisite(ctx, event, admitted) {
  if (stryMutAct_9fa48("207")) {
    {}
  } else {
    stryCov_9fa48("207");
    const p = event.ResourceProperties;
    if (stryMutAct_9fa48("210") ? event.RequestType !== 'Delete' : stryMutAct_9fa48("209") ? false : stryMutAct_9fa48("208") ? true : (stryCov_9fa48("208", "209", "210"), event.RequestType === (stryMutAct_9fa48("211") ? "" : (stryCov_9fa48("211"), 'Delete')))) {
      if (stryMutAct_9fa48("212")) {
        {}
      } else {
        stryCov_9fa48("212");
        const id = stryMutAct_9fa48("215") ? event.PhysicalResourceId && '' : stryMutAct_9fa48("214") ? false : stryMutAct_9fa48("213") ? true : (stryCov_9fa48("213", "214", "215"), event.PhysicalResourceId || (stryMutAct_9fa48("216") ? "Stryker was here!" : (stryCov_9fa48("216"), '')));
        if (stryMutAct_9fa48("219") ? admitted && p.Step === 'DelegatedAdmin' && id.endsWith(REGISTERED) || p.DeregisterOnDelete === 'true' || (await rollingBack(ctx)) : stryMutAct_9fa48("218") ? false : stryMutAct_9fa48("217") ? true : (stryCov_9fa48("217", "218", "219"), (stryMutAct_9fa48("221") ? admitted && p.Step === 'DelegatedAdmin' || id.endsWith(REGISTERED) : stryMutAct_9fa48("220") ? true : (stryCov_9fa48("220", "221"), (stryMutAct_9fa48("223") ? admitted || p.Step === 'DelegatedAdmin' : stryMutAct_9fa48("222") ? true : (stryCov_9fa48("222", "223"), admitted && (stryMutAct_9fa48("225") ? p.Step !== 'DelegatedAdmin' : stryMutAct_9fa48("224") ? true : (stryCov_9fa48("224", "225"), p.Step === (stryMutAct_9fa48("226") ? "" : (stryCov_9fa48("226"), 'DelegatedAdmin')))))) && (stryMutAct_9fa48("227") ? id.startsWith(REGISTERED) : (stryCov_9fa48("227"), id.endsWith(REGISTERED))))) && (stryMutAct_9fa48("229") ? p.DeregisterOnDelete === 'true' && (await rollingBack(ctx)) : stryMutAct_9fa48("228") ? true : (stryCov_9fa48("228", "229"), (stryMutAct_9fa48("231") ? p.DeregisterOnDelete !== 'true' : stryMutAct_9fa48("230") ? false : (stryCov_9fa48("230", "231"), p.DeregisterOnDelete === (stryMutAct_9fa48("232") ? "" : (stryCov_9fa48("232"), 'true')))) || (await rollingBack(ctx)))))) {
          if (stryMutAct_9fa48("233")) {
            {}
          } else {
            stryCov_9fa48("233");
            await send(ctx, stryMutAct_9fa48("234") ? "" : (stryCov_9fa48("234"), 'Organizations'), stryMutAct_9fa48("235") ? "" : (stryCov_9fa48("235"), 'DeregisterDelegatedAdministrator'), stryMutAct_9fa48("236") ? {} : (stryCov_9fa48("236"), {
              AccountId: p.AccountId,
              ServicePrincipal: p.ServicePrincipal
            }), stryMutAct_9fa48("237") ? [] : (stryCov_9fa48("237"), [stryMutAct_9fa48("238") ? "" : (stryCov_9fa48("238"), 'AccountNotRegisteredException')]));
          }
        }
        return stryMutAct_9fa48("239") ? {} : (stryCov_9fa48("239"), {
          physicalId: id
        });
      }
    }
    if (stryMutAct_9fa48("242") ? false : stryMutAct_9fa48("241") ? true : stryMutAct_9fa48("240") ? admitted : (stryCov_9fa48("240", "241", "242"), !admitted)) {
      if (stryMutAct_9fa48("243")) {
        {}
      } else {
        stryCov_9fa48("243");
        return stryMutAct_9fa48("244") ? {} : (stryCov_9fa48("244"), {
          physicalId: event.PhysicalResourceId
        });
      }
    }
    let physicalId;
    switch (p.Step) {
      case stryMutAct_9fa48("246") ? "" : (stryCov_9fa48("246"), 'TrustedAccess'):
        if (stryMutAct_9fa48("245")) {} else {
          stryCov_9fa48("245");
          await send(ctx, stryMutAct_9fa48("247") ? "" : (stryCov_9fa48("247"), 'Organizations'), stryMutAct_9fa48("248") ? "" : (stryCov_9fa48("248"), 'EnableAWSServiceAccess'), stryMutAct_9fa48("249") ? {} : (stryCov_9fa48("249"), {
            ServicePrincipal: p.ServicePrincipal
          }));
          physicalId = (stryMutAct_9fa48("250") ? "" : (stryCov_9fa48("250"), 'TrustedAccess-')) + p.ServicePrincipal;
          break;
        }
      case stryMutAct_9fa48("252") ? "" : (stryCov_9fa48("252"), 'DelegatedAdmin'):
        if (stryMutAct_9fa48("251")) {} else {
          stryCov_9fa48("251");
          {
            if (stryMutAct_9fa48("253")) {
              {}
            } else {
              stryCov_9fa48("253");
              // Another account or service is a new registration: CloudFormation
              // then deletes the old resource, whose properties are no longer the
              // stack's, so the old registration stays.
              const old = stryMutAct_9fa48("256") ? event.OldResourceProperties && {} : stryMutAct_9fa48("255") ? false : stryMutAct_9fa48("254") ? true : (stryCov_9fa48("254", "255", "256"), event.OldResourceProperties || {});
              const same = stryMutAct_9fa48("259") ? event.RequestType === 'Update' && old.AccountId === p.AccountId || old.ServicePrincipal === p.ServicePrincipal : stryMutAct_9fa48("258") ? false : stryMutAct_9fa48("257") ? true : (stryCov_9fa48("257", "258", "259"), (stryMutAct_9fa48("261") ? event.RequestType === 'Update' || old.AccountId === p.AccountId : stryMutAct_9fa48("260") ? true : (stryCov_9fa48("260", "261"), (stryMutAct_9fa48("263") ? event.RequestType !== 'Update' : stryMutAct_9fa48("262") ? true : (stryCov_9fa48("262", "263"), event.RequestType === (stryMutAct_9fa48("264") ? "" : (stryCov_9fa48("264"), 'Update')))) && (stryMutAct_9fa48("266") ? old.AccountId !== p.AccountId : stryMutAct_9fa48("265") ? true : (stryCov_9fa48("265", "266"), old.AccountId === p.AccountId)))) && (stryMutAct_9fa48("268") ? old.ServicePrincipal !== p.ServicePrincipal : stryMutAct_9fa48("267") ? true : (stryCov_9fa48("267", "268"), old.ServicePrincipal === p.ServicePrincipal)));
              physicalId = same ? event.PhysicalResourceId : await delegatedAdmin(ctx, p);
              break;
            }
          }
        }
      case stryMutAct_9fa48("270") ? "" : (stryCov_9fa48("270"), 'RAMSharing'):
        if (stryMutAct_9fa48("269")) {} else {
          stryCov_9fa48("269");
          await send(ctx, stryMutAct_9fa48("271") ? "" : (stryCov_9fa48("271"), 'RAM'), stryMutAct_9fa48("272") ? "" : (stryCov_9fa48("272"), 'EnableSharingWithAwsOrganization'), {});
          physicalId = stryMutAct_9fa48("273") ? "" : (stryCov_9fa48("273"), 'RAMSharing');
          break;
        }
      default:
        if (stryMutAct_9fa48("274")) {} else {
          stryCov_9fa48("274");
          throw new Error((stryMutAct_9fa48("276") ? "" : (stryCov_9fa48("276"), 'unknown step ')) + p.Step);
        }
    }
    return stryMutAct_9fa48("277") ? {} : (stryCov_9fa48("277"), {
      physicalId
    });
  }
}

// sameContent compares two JSON document contents as values, not text.
function sameContent(a, b) {
  if (stryMutAct_9fa48("278")) {
    {}
  } else {
    stryCov_9fa48("278");
    try {
      if (stryMutAct_9fa48("279")) {
        {}
      } else {
        stryCov_9fa48("279");
        return stryMutAct_9fa48("282") ? canonical(JSON.parse(a)) !== canonical(JSON.parse(b)) : stryMutAct_9fa48("281") ? false : stryMutAct_9fa48("280") ? true : (stryCov_9fa48("280", "281", "282"), canonical(JSON.parse(a)) === canonical(JSON.parse(b)));
      }
    } catch (err) {
      if (stryMutAct_9fa48("283")) {
        {}
      } else {
        stryCov_9fa48("283");
        return stryMutAct_9fa48("284") ? true : (stryCov_9fa48("284"), false);
      }
    }
  }
}

// canonical renders a value as JSON with sorted keys and every scalar a
// string (CloudFormation sends resource properties as strings).
function canonical(v) {
  if (stryMutAct_9fa48("285")) {
    {}
  } else {
    stryCov_9fa48("285");
    const norm = x => {
      if (stryMutAct_9fa48("286")) {
        {}
      } else {
        stryCov_9fa48("286");
        if (stryMutAct_9fa48("288") ? false : stryMutAct_9fa48("287") ? true : (stryCov_9fa48("287", "288"), Array.isArray(x))) {
          if (stryMutAct_9fa48("289")) {
            {}
          } else {
            stryCov_9fa48("289");
            return x.map(norm);
          }
        }
        if (stryMutAct_9fa48("292") ? x || typeof x === 'object' : stryMutAct_9fa48("291") ? false : stryMutAct_9fa48("290") ? true : (stryCov_9fa48("290", "291", "292"), x && (stryMutAct_9fa48("294") ? typeof x !== 'object' : stryMutAct_9fa48("293") ? true : (stryCov_9fa48("293", "294"), typeof x === (stryMutAct_9fa48("295") ? "" : (stryCov_9fa48("295"), 'object')))))) {
          if (stryMutAct_9fa48("296")) {
            {}
          } else {
            stryCov_9fa48("296");
            return stryMutAct_9fa48("297") ? Object.keys(x).reduce((o, k) => {
              o[k] = norm(x[k]);
              return o;
            }, {}) : (stryCov_9fa48("297"), Object.keys(x).sort().reduce((o, k) => {
              if (stryMutAct_9fa48("298")) {
                {}
              } else {
                stryCov_9fa48("298");
                o[k] = norm(x[k]);
                return o;
              }
            }, {}));
          }
        }
        return (stryMutAct_9fa48("301") ? x === null && x === undefined : stryMutAct_9fa48("300") ? false : stryMutAct_9fa48("299") ? true : (stryCov_9fa48("299", "300", "301"), (stryMutAct_9fa48("303") ? x !== null : stryMutAct_9fa48("302") ? false : (stryCov_9fa48("302", "303"), x === null)) || (stryMutAct_9fa48("305") ? x !== undefined : stryMutAct_9fa48("304") ? false : (stryCov_9fa48("304", "305"), x === undefined)))) ? stryMutAct_9fa48("306") ? "Stryker was here!" : (stryCov_9fa48("306"), '') : String(x);
      }
    };
    return JSON.stringify(norm(v));
  }
}

// Session preferences. The document carries the tag OWNER with the stack
// and logical id of the resource that manages it, and PREVIOUS with what to
// restore: "created" (it did not exist) or the default version before. A
// document another resource manages is refused; one this resource manages
// already (a repeated create) keeps what it recorded.
const OWNER = stryMutAct_9fa48("307") ? "" : (stryCov_9fa48("307"), 'cdk-jitna:owner');
const PREVIOUS = stryMutAct_9fa48("308") ? "" : (stryCov_9fa48("308"), 'cdk-jitna:previous-default');
const ADDED = stryMutAct_9fa48("309") ? "" : (stryCov_9fa48("309"), 'cdk-jitna:added-versions');
const CREATED = stryMutAct_9fa48("310") ? "" : (stryCov_9fa48("310"), 'created');
async function documentTags(ctx, name) {
  if (stryMutAct_9fa48("311")) {
    {}
  } else {
    stryCov_9fa48("311");
    const out = await send(ctx, stryMutAct_9fa48("312") ? "" : (stryCov_9fa48("312"), 'SSM'), stryMutAct_9fa48("313") ? "" : (stryCov_9fa48("313"), 'ListTagsForResource'), stryMutAct_9fa48("314") ? {} : (stryCov_9fa48("314"), {
      ResourceType: stryMutAct_9fa48("315") ? "" : (stryCov_9fa48("315"), 'Document'),
      ResourceId: name
    }));
    return (stryMutAct_9fa48("318") ? out && out.TagList && [] : stryMutAct_9fa48("317") ? false : stryMutAct_9fa48("316") ? true : (stryCov_9fa48("316", "317", "318"), (stryMutAct_9fa48("320") ? out || out.TagList : stryMutAct_9fa48("319") ? false : (stryCov_9fa48("319", "320"), out && out.TagList)) || (stryMutAct_9fa48("321") ? ["Stryker was here"] : (stryCov_9fa48("321"), [])))).reduce((o, t) => {
      if (stryMutAct_9fa48("322")) {
        {}
      } else {
        stryCov_9fa48("322");
        o[t.Key] = t.Value;
        return o;
      }
    }, {});
  }
}

// versionWith finds the version of the document whose content is content,
// newest first.
async function versionWith(ctx, name, content) {
  if (stryMutAct_9fa48("323")) {
    {}
  } else {
    stryCov_9fa48("323");
    const versions = await pages(ctx, stryMutAct_9fa48("324") ? "" : (stryCov_9fa48("324"), 'SSM'), stryMutAct_9fa48("325") ? "" : (stryCov_9fa48("325"), 'ListDocumentVersions'), stryMutAct_9fa48("326") ? {} : (stryCov_9fa48("326"), {
      Name: name,
      MaxResults: 50
    }), stryMutAct_9fa48("327") ? "" : (stryCov_9fa48("327"), 'DocumentVersions'));
    for (const v of versions) {
      if (stryMutAct_9fa48("328")) {
        {}
      } else {
        stryCov_9fa48("328");
        const doc = await send(ctx, stryMutAct_9fa48("329") ? "" : (stryCov_9fa48("329"), 'SSM'), stryMutAct_9fa48("330") ? "" : (stryCov_9fa48("330"), 'GetDocument'), stryMutAct_9fa48("331") ? {} : (stryCov_9fa48("331"), {
          Name: name,
          DocumentVersion: v.DocumentVersion,
          DocumentFormat: stryMutAct_9fa48("332") ? "" : (stryCov_9fa48("332"), 'JSON')
        }));
        if (stryMutAct_9fa48("334") ? false : stryMutAct_9fa48("333") ? true : (stryCov_9fa48("333", "334"), sameContent(doc.Content, content))) {
          if (stryMutAct_9fa48("335")) {
            {}
          } else {
            stryCov_9fa48("335");
            return v.DocumentVersion;
          }
        }
      }
    }
    throw new Error((stryMutAct_9fa48("337") ? "" : (stryCov_9fa48("337"), 'SSM reports the content of ')) + name + (stryMutAct_9fa48("338") ? "" : (stryCov_9fa48("338"), ' as a duplicate, but no version of it holds that content')));
  }
}

// makeDefault makes content the default version of the existing document;
// a version it adds is recorded in the tag ADDED (added: the tag's value).
async function makeDefault(ctx, name, content, current, added) {
  if (stryMutAct_9fa48("339")) {
    {}
  } else {
    stryCov_9fa48("339");
    const doc = await send(ctx, stryMutAct_9fa48("340") ? "" : (stryCov_9fa48("340"), 'SSM'), stryMutAct_9fa48("341") ? "" : (stryCov_9fa48("341"), 'GetDocument'), stryMutAct_9fa48("342") ? {} : (stryCov_9fa48("342"), {
      Name: name,
      DocumentVersion: current,
      DocumentFormat: stryMutAct_9fa48("343") ? "" : (stryCov_9fa48("343"), 'JSON')
    }));
    if (stryMutAct_9fa48("345") ? false : stryMutAct_9fa48("344") ? true : (stryCov_9fa48("344", "345"), sameContent(doc.Content, content))) {
      if (stryMutAct_9fa48("346")) {
        {}
      } else {
        stryCov_9fa48("346");
        return;
      }
    }
    let version;
    try {
      if (stryMutAct_9fa48("347")) {
        {}
      } else {
        stryCov_9fa48("347");
        const updated = await send(ctx, stryMutAct_9fa48("348") ? "" : (stryCov_9fa48("348"), 'SSM'), stryMutAct_9fa48("349") ? "" : (stryCov_9fa48("349"), 'UpdateDocument'), stryMutAct_9fa48("350") ? {} : (stryCov_9fa48("350"), {
          Name: name,
          Content: content,
          DocumentVersion: stryMutAct_9fa48("351") ? "" : (stryCov_9fa48("351"), '$LATEST'),
          DocumentFormat: stryMutAct_9fa48("352") ? "" : (stryCov_9fa48("352"), 'JSON')
        }));
        version = updated.DocumentDescription.DocumentVersion;
        const list = (added ? added.split(stryMutAct_9fa48("353") ? "" : (stryCov_9fa48("353"), ' ')) : stryMutAct_9fa48("354") ? ["Stryker was here"] : (stryCov_9fa48("354"), [])).concat(version).join(stryMutAct_9fa48("355") ? "" : (stryCov_9fa48("355"), ' '));
        await send(ctx, stryMutAct_9fa48("356") ? "" : (stryCov_9fa48("356"), 'SSM'), stryMutAct_9fa48("357") ? "" : (stryCov_9fa48("357"), 'AddTagsToResource'), stryMutAct_9fa48("358") ? {} : (stryCov_9fa48("358"), {
          ResourceType: stryMutAct_9fa48("359") ? "" : (stryCov_9fa48("359"), 'Document'),
          ResourceId: name,
          Tags: stryMutAct_9fa48("360") ? [] : (stryCov_9fa48("360"), [stryMutAct_9fa48("361") ? {} : (stryCov_9fa48("361"), {
            Key: ADDED,
            Value: list
          })])
        }));
      }
    } catch (err) {
      if (stryMutAct_9fa48("362")) {
        {}
      } else {
        stryCov_9fa48("362");
        if (stryMutAct_9fa48("365") ? errorCode(err) === 'DuplicateDocumentContent' : stryMutAct_9fa48("364") ? false : stryMutAct_9fa48("363") ? true : (stryCov_9fa48("363", "364", "365"), errorCode(err) !== (stryMutAct_9fa48("366") ? "" : (stryCov_9fa48("366"), 'DuplicateDocumentContent')))) {
          if (stryMutAct_9fa48("367")) {
            {}
          } else {
            stryCov_9fa48("367");
            throw err;
          }
        }
        version = await versionWith(ctx, name, content);
      }
    }
    await send(ctx, stryMutAct_9fa48("368") ? "" : (stryCov_9fa48("368"), 'SSM'), stryMutAct_9fa48("369") ? "" : (stryCov_9fa48("369"), 'UpdateDocumentDefaultVersion'), stryMutAct_9fa48("370") ? {} : (stryCov_9fa48("370"), {
      Name: name,
      DocumentVersion: version
    }));
    ctx.deps.log(name + (stryMutAct_9fa48("372") ? "" : (stryCov_9fa48("372"), ': version ')) + version + (stryMutAct_9fa48("373") ? "" : (stryCov_9fa48("373"), ' is the default (it was ')) + current + (stryMutAct_9fa48("374") ? "" : (stryCov_9fa48("374"), ')')));
  }
}
async function applyPreferences(ctx, event) {
  if (stryMutAct_9fa48("375")) {
    {}
  } else {
    stryCov_9fa48("375");
    const p = event.ResourceProperties;
    const name = p.DocumentName;
    const owner = event.StackId + (stryMutAct_9fa48("376") ? "" : (stryCov_9fa48("376"), '/')) + event.LogicalResourceId;
    let described;
    try {
      if (stryMutAct_9fa48("377")) {
        {}
      } else {
        stryCov_9fa48("377");
        described = await send(ctx, stryMutAct_9fa48("378") ? "" : (stryCov_9fa48("378"), 'SSM'), stryMutAct_9fa48("379") ? "" : (stryCov_9fa48("379"), 'DescribeDocument'), stryMutAct_9fa48("380") ? {} : (stryCov_9fa48("380"), {
          Name: name
        }));
      }
    } catch (err) {
      if (stryMutAct_9fa48("381")) {
        {}
      } else {
        stryCov_9fa48("381");
        if (stryMutAct_9fa48("384") ? errorCode(err) === 'InvalidDocument' : stryMutAct_9fa48("383") ? false : stryMutAct_9fa48("382") ? true : (stryCov_9fa48("382", "383", "384"), errorCode(err) !== (stryMutAct_9fa48("385") ? "" : (stryCov_9fa48("385"), 'InvalidDocument')))) {
          if (stryMutAct_9fa48("386")) {
            {}
          } else {
            stryCov_9fa48("386");
            throw err;
          }
        }
      }
    }
    if (stryMutAct_9fa48("389") ? false : stryMutAct_9fa48("388") ? true : stryMutAct_9fa48("387") ? described : (stryCov_9fa48("387", "388", "389"), !described)) {
      if (stryMutAct_9fa48("390")) {
        {}
      } else {
        stryCov_9fa48("390");
        await send(ctx, stryMutAct_9fa48("391") ? "" : (stryCov_9fa48("391"), 'SSM'), stryMutAct_9fa48("392") ? "" : (stryCov_9fa48("392"), 'CreateDocument'), stryMutAct_9fa48("393") ? {} : (stryCov_9fa48("393"), {
          Name: name,
          Content: p.Content,
          DocumentType: stryMutAct_9fa48("394") ? "" : (stryCov_9fa48("394"), 'Session'),
          DocumentFormat: stryMutAct_9fa48("395") ? "" : (stryCov_9fa48("395"), 'JSON'),
          Tags: stryMutAct_9fa48("396") ? [] : (stryCov_9fa48("396"), [stryMutAct_9fa48("397") ? {} : (stryCov_9fa48("397"), {
            Key: OWNER,
            Value: owner
          }), stryMutAct_9fa48("398") ? {} : (stryCov_9fa48("398"), {
            Key: PREVIOUS,
            Value: CREATED
          })])
        }));
        ctx.deps.log(name + (stryMutAct_9fa48("400") ? "" : (stryCov_9fa48("400"), ': created')));
        return name + (stryMutAct_9fa48("401") ? "" : (stryCov_9fa48("401"), '@')) + CREATED;
      }
    }
    const tags = await documentTags(ctx, name);
    if (stryMutAct_9fa48("404") ? tags[OWNER] || tags[OWNER] !== owner : stryMutAct_9fa48("403") ? false : stryMutAct_9fa48("402") ? true : (stryCov_9fa48("402", "403", "404"), tags[OWNER] && (stryMutAct_9fa48("406") ? tags[OWNER] === owner : stryMutAct_9fa48("405") ? true : (stryCov_9fa48("405", "406"), tags[OWNER] !== owner)))) {
      if (stryMutAct_9fa48("407")) {
        {}
      } else {
        stryCov_9fa48("407");
        throw new Error(name + (stryMutAct_9fa48("409") ? "" : (stryCov_9fa48("409"), ' is managed by ')) + tags[OWNER] + (stryMutAct_9fa48("410") ? "" : (stryCov_9fa48("410"), ': one resource manages it in an account and Region; remove it there first')));
      }
    }
    const previous = tags[OWNER] ? tags[PREVIOUS] : described.Document.DefaultVersion;
    if (stryMutAct_9fa48("413") ? false : stryMutAct_9fa48("412") ? true : stryMutAct_9fa48("411") ? tags[OWNER] : (stryCov_9fa48("411", "412", "413"), !tags[OWNER])) {
      if (stryMutAct_9fa48("414")) {
        {}
      } else {
        stryCov_9fa48("414");
        await send(ctx, stryMutAct_9fa48("415") ? "" : (stryCov_9fa48("415"), 'SSM'), stryMutAct_9fa48("416") ? "" : (stryCov_9fa48("416"), 'AddTagsToResource'), stryMutAct_9fa48("417") ? {} : (stryCov_9fa48("417"), {
          ResourceType: stryMutAct_9fa48("418") ? "" : (stryCov_9fa48("418"), 'Document'),
          ResourceId: name,
          Tags: stryMutAct_9fa48("419") ? [] : (stryCov_9fa48("419"), [stryMutAct_9fa48("420") ? {} : (stryCov_9fa48("420"), {
            Key: OWNER,
            Value: owner
          }), stryMutAct_9fa48("421") ? {} : (stryCov_9fa48("421"), {
            Key: PREVIOUS,
            Value: previous
          })])
        }));
      }
    }
    await makeDefault(ctx, name, p.Content, described.Document.DefaultVersion, tags[ADDED]);
    return name + (stryMutAct_9fa48("422") ? "" : (stryCov_9fa48("422"), '@')) + previous;
  }
}

// restorePreferences puts back what the document's tags recorded, when this
// resource manages it: it deletes a document it created, or makes the
// previous version the default again (when that version still exists), and
// removes its tags. With restore false it only removes the tags (the
// document stays as it is, and nothing manages it any more).
async function restorePreferences(ctx, event, restore) {
  if (stryMutAct_9fa48("423")) {
    {}
  } else {
    stryCov_9fa48("423");
    const name = event.ResourceProperties.DocumentName;
    let tags;
    try {
      if (stryMutAct_9fa48("424")) {
        {}
      } else {
        stryCov_9fa48("424");
        tags = await documentTags(ctx, name);
      }
    } catch (err) {
      if (stryMutAct_9fa48("425")) {
        {}
      } else {
        stryCov_9fa48("425");
        if (stryMutAct_9fa48("428") ? errorCode(err) === 'InvalidResourceId' && errorCode(err) === 'InvalidDocument' : stryMutAct_9fa48("427") ? false : stryMutAct_9fa48("426") ? true : (stryCov_9fa48("426", "427", "428"), (stryMutAct_9fa48("430") ? errorCode(err) !== 'InvalidResourceId' : stryMutAct_9fa48("429") ? false : (stryCov_9fa48("429", "430"), errorCode(err) === (stryMutAct_9fa48("431") ? "" : (stryCov_9fa48("431"), 'InvalidResourceId')))) || (stryMutAct_9fa48("433") ? errorCode(err) !== 'InvalidDocument' : stryMutAct_9fa48("432") ? false : (stryCov_9fa48("432", "433"), errorCode(err) === (stryMutAct_9fa48("434") ? "" : (stryCov_9fa48("434"), 'InvalidDocument')))))) {
          if (stryMutAct_9fa48("435")) {
            {}
          } else {
            stryCov_9fa48("435");
            return; // gone already
          }
        }
        throw err;
      }
    }
    if (stryMutAct_9fa48("438") ? tags[OWNER] === event.StackId + '/' + event.LogicalResourceId : stryMutAct_9fa48("437") ? false : stryMutAct_9fa48("436") ? true : (stryCov_9fa48("436", "437", "438"), tags[OWNER] !== event.StackId + (stryMutAct_9fa48("439") ? "" : (stryCov_9fa48("439"), '/')) + event.LogicalResourceId)) {
      if (stryMutAct_9fa48("440")) {
        {}
      } else {
        stryCov_9fa48("440");
        ctx.deps.log(name + (stryMutAct_9fa48("442") ? "" : (stryCov_9fa48("442"), ': managed by ')) + (stryMutAct_9fa48("445") ? tags[OWNER] && 'no stack' : stryMutAct_9fa48("444") ? false : stryMutAct_9fa48("443") ? true : (stryCov_9fa48("443", "444", "445"), tags[OWNER] || (stryMutAct_9fa48("446") ? "" : (stryCov_9fa48("446"), 'no stack')))) + (stryMutAct_9fa48("447") ? "" : (stryCov_9fa48("447"), ', left as it is')));
        return;
      }
    }
    if (stryMutAct_9fa48("450") ? restore || tags[PREVIOUS] === CREATED : stryMutAct_9fa48("449") ? false : stryMutAct_9fa48("448") ? true : (stryCov_9fa48("448", "449", "450"), restore && (stryMutAct_9fa48("452") ? tags[PREVIOUS] !== CREATED : stryMutAct_9fa48("451") ? true : (stryCov_9fa48("451", "452"), tags[PREVIOUS] === CREATED)))) {
      if (stryMutAct_9fa48("453")) {
        {}
      } else {
        stryCov_9fa48("453");
        await send(ctx, stryMutAct_9fa48("454") ? "" : (stryCov_9fa48("454"), 'SSM'), stryMutAct_9fa48("455") ? "" : (stryCov_9fa48("455"), 'DeleteDocument'), stryMutAct_9fa48("456") ? {} : (stryCov_9fa48("456"), {
          Name: name
        }), stryMutAct_9fa48("457") ? [] : (stryCov_9fa48("457"), [stryMutAct_9fa48("458") ? "" : (stryCov_9fa48("458"), 'InvalidDocument')]));
        ctx.deps.log(name + (stryMutAct_9fa48("460") ? "" : (stryCov_9fa48("460"), ': deleted, as it did not exist before')));
        return;
      }
    }
    if (stryMutAct_9fa48("462") ? false : stryMutAct_9fa48("461") ? true : (stryCov_9fa48("461", "462"), restore)) {
      if (stryMutAct_9fa48("463")) {
        {}
      } else {
        stryCov_9fa48("463");
        let restored = stryMutAct_9fa48("464") ? false : (stryCov_9fa48("464"), true);
        try {
          if (stryMutAct_9fa48("465")) {
            {}
          } else {
            stryCov_9fa48("465");
            await send(ctx, stryMutAct_9fa48("466") ? "" : (stryCov_9fa48("466"), 'SSM'), stryMutAct_9fa48("467") ? "" : (stryCov_9fa48("467"), 'UpdateDocumentDefaultVersion'), stryMutAct_9fa48("468") ? {} : (stryCov_9fa48("468"), {
              Name: name,
              DocumentVersion: tags[PREVIOUS]
            }));
            ctx.deps.log(name + (stryMutAct_9fa48("470") ? "" : (stryCov_9fa48("470"), ': version ')) + tags[PREVIOUS] + (stryMutAct_9fa48("471") ? "" : (stryCov_9fa48("471"), ' is the default again')));
          }
        } catch (err) {
          if (stryMutAct_9fa48("472")) {
            {}
          } else {
            stryCov_9fa48("472");
            if (stryMutAct_9fa48("475") ? errorCode(err) === 'InvalidDocumentVersion' : stryMutAct_9fa48("474") ? false : stryMutAct_9fa48("473") ? true : (stryCov_9fa48("473", "474", "475"), errorCode(err) !== (stryMutAct_9fa48("476") ? "" : (stryCov_9fa48("476"), 'InvalidDocumentVersion')))) {
              if (stryMutAct_9fa48("477")) {
                {}
              } else {
                stryCov_9fa48("477");
                throw err;
              }
            }
            restored = stryMutAct_9fa48("478") ? true : (stryCov_9fa48("478"), false);
            ctx.deps.log(name + (stryMutAct_9fa48("480") ? "" : (stryCov_9fa48("480"), ': version ')) + tags[PREVIOUS] + (stryMutAct_9fa48("481") ? "" : (stryCov_9fa48("481"), ' was deleted since: the default stays')));
          }
        }
        // The versions it added go too, once the default is the one before.
        for (const v of (stryMutAct_9fa48("484") ? restored || tags[ADDED] : stryMutAct_9fa48("483") ? false : stryMutAct_9fa48("482") ? true : (stryCov_9fa48("482", "483", "484"), restored && tags[ADDED])) ? tags[ADDED].split(stryMutAct_9fa48("485") ? "" : (stryCov_9fa48("485"), ' ')) : stryMutAct_9fa48("486") ? ["Stryker was here"] : (stryCov_9fa48("486"), [])) {
          if (stryMutAct_9fa48("487")) {
            {}
          } else {
            stryCov_9fa48("487");
            await send(ctx, stryMutAct_9fa48("488") ? "" : (stryCov_9fa48("488"), 'SSM'), stryMutAct_9fa48("489") ? "" : (stryCov_9fa48("489"), 'DeleteDocument'), stryMutAct_9fa48("490") ? {} : (stryCov_9fa48("490"), {
              Name: name,
              DocumentVersion: v
            }), stryMutAct_9fa48("491") ? [] : (stryCov_9fa48("491"), [stryMutAct_9fa48("492") ? "" : (stryCov_9fa48("492"), 'InvalidDocumentVersion'), stryMutAct_9fa48("493") ? "" : (stryCov_9fa48("493"), 'InvalidDocumentOperation')]));
          }
        }
      }
    }
    await send(ctx, stryMutAct_9fa48("494") ? "" : (stryCov_9fa48("494"), 'SSM'), stryMutAct_9fa48("495") ? "" : (stryCov_9fa48("495"), 'RemoveTagsFromResource'), stryMutAct_9fa48("496") ? {} : (stryCov_9fa48("496"), {
      ResourceType: stryMutAct_9fa48("497") ? "" : (stryCov_9fa48("497"), 'Document'),
      ResourceId: name,
      TagKeys: stryMutAct_9fa48("498") ? [] : (stryCov_9fa48("498"), [OWNER, PREVIOUS, ADDED])
    }));
  }
}

// A deletion acts on the document when its properties are the synthesized
// ones, or when the stack no longer has the resource (an update removed it:
// CloudFormation deletes it with its old properties); the document's owner
// tag must name this resource in both cases.
async function sessionPreferences(ctx, event, admitted, removed) {
  if (stryMutAct_9fa48("499")) {
    {}
  } else {
    stryCov_9fa48("499");
    const p = event.ResourceProperties;
    if (stryMutAct_9fa48("502") ? event.RequestType !== 'Delete' : stryMutAct_9fa48("501") ? false : stryMutAct_9fa48("500") ? true : (stryCov_9fa48("500", "501", "502"), event.RequestType === (stryMutAct_9fa48("503") ? "" : (stryCov_9fa48("503"), 'Delete')))) {
      if (stryMutAct_9fa48("504")) {
        {}
      } else {
        stryCov_9fa48("504");
        if (stryMutAct_9fa48("507") ? admitted && removed : stryMutAct_9fa48("506") ? false : stryMutAct_9fa48("505") ? true : (stryCov_9fa48("505", "506", "507"), admitted || removed)) {
          if (stryMutAct_9fa48("508")) {
            {}
          } else {
            stryCov_9fa48("508");
            await restorePreferences(ctx, event, stryMutAct_9fa48("511") ? p.OnDelete === 'restore' && (await rollingBack(ctx)) : stryMutAct_9fa48("510") ? false : stryMutAct_9fa48("509") ? true : (stryCov_9fa48("509", "510", "511"), (stryMutAct_9fa48("513") ? p.OnDelete !== 'restore' : stryMutAct_9fa48("512") ? false : (stryCov_9fa48("512", "513"), p.OnDelete === (stryMutAct_9fa48("514") ? "" : (stryCov_9fa48("514"), 'restore')))) || (await rollingBack(ctx))));
          }
        }
        return stryMutAct_9fa48("515") ? {} : (stryCov_9fa48("515"), {
          physicalId: event.PhysicalResourceId
        });
      }
    }
    if (stryMutAct_9fa48("518") ? false : stryMutAct_9fa48("517") ? true : stryMutAct_9fa48("516") ? admitted : (stryCov_9fa48("516", "517", "518"), !admitted)) {
      if (stryMutAct_9fa48("519")) {
        {}
      } else {
        stryCov_9fa48("519");
        return stryMutAct_9fa48("520") ? {} : (stryCov_9fa48("520"), {
          physicalId: event.PhysicalResourceId
        });
      }
    }
    const id = await applyPreferences(ctx, event);
    // An update keeps the physical id: what deletion restores stays.
    return stryMutAct_9fa48("521") ? {} : (stryCov_9fa48("521"), {
      physicalId: (stryMutAct_9fa48("524") ? event.RequestType !== 'Update' : stryMutAct_9fa48("523") ? false : stryMutAct_9fa48("522") ? true : (stryCov_9fa48("522", "523", "524"), event.RequestType === (stryMutAct_9fa48("525") ? "" : (stryCov_9fa48("525"), 'Update')))) ? event.PhysicalResourceId : id
    });
  }
}

// Quick Setup's deployment states (StatusSummary of StatusType Deployment,
// https://docs.aws.amazon.com/quick-setup/latest/APIReference/API_StatusSummary.html):
// SUCCEEDED is deployed; these will not become SUCCEEDED without another
// deployment.
const DEPLOYED = stryMutAct_9fa48("526") ? "" : (stryCov_9fa48("526"), 'SUCCEEDED');
const UNDEPLOYED = new Set(stryMutAct_9fa48("527") ? [] : (stryCov_9fa48("527"), [stryMutAct_9fa48("528") ? "" : (stryCov_9fa48("528"), 'FAILED'), stryMutAct_9fa48("529") ? "" : (stryCov_9fa48("529"), 'STOPPING'), stryMutAct_9fa48("530") ? "" : (stryCov_9fa48("530"), 'STOPPED'), stryMutAct_9fa48("531") ? "" : (stryCov_9fa48("531"), 'STOP_FAILED'), stryMutAct_9fa48("532") ? "" : (stryCov_9fa48("532"), 'DELETING'), stryMutAct_9fa48("533") ? "" : (stryCov_9fa48("533"), 'DELETE_FAILED')]));

// findManager returns the summary of the configuration manager named
// ManagerName with a definition of DefinitionType (none: undefined; two:
// an error).
async function findManager(ctx, p) {
  if (stryMutAct_9fa48("534")) {
    {}
  } else {
    stryCov_9fa48("534");
    const all = await pages(ctx, stryMutAct_9fa48("535") ? "" : (stryCov_9fa48("535"), 'QuickSetup'), stryMutAct_9fa48("536") ? "" : (stryCov_9fa48("536"), 'ListConfigurationManagers'), {}, stryMutAct_9fa48("537") ? "" : (stryCov_9fa48("537"), 'ConfigurationManagersList'));
    const found = stryMutAct_9fa48("538") ? all : (stryCov_9fa48("538"), all.filter(stryMutAct_9fa48("539") ? () => undefined : (stryCov_9fa48("539"), m => stryMutAct_9fa48("542") ? m.Name === p.ManagerName || (m.ConfigurationDefinitionSummaries || []).some(d => d.Type === p.DefinitionType) : stryMutAct_9fa48("541") ? false : stryMutAct_9fa48("540") ? true : (stryCov_9fa48("540", "541", "542"), (stryMutAct_9fa48("544") ? m.Name !== p.ManagerName : stryMutAct_9fa48("543") ? true : (stryCov_9fa48("543", "544"), m.Name === p.ManagerName)) && (stryMutAct_9fa48("545") ? (m.ConfigurationDefinitionSummaries || []).every(d => d.Type === p.DefinitionType) : (stryCov_9fa48("545"), (stryMutAct_9fa48("548") ? m.ConfigurationDefinitionSummaries && [] : stryMutAct_9fa48("547") ? false : stryMutAct_9fa48("546") ? true : (stryCov_9fa48("546", "547", "548"), m.ConfigurationDefinitionSummaries || (stryMutAct_9fa48("549") ? ["Stryker was here"] : (stryCov_9fa48("549"), [])))).some(stryMutAct_9fa48("550") ? () => undefined : (stryCov_9fa48("550"), d => stryMutAct_9fa48("553") ? d.Type !== p.DefinitionType : stryMutAct_9fa48("552") ? false : stryMutAct_9fa48("551") ? true : (stryCov_9fa48("551", "552", "553"), d.Type === p.DefinitionType)))))))));
    if (stryMutAct_9fa48("557") ? found.length <= 1 : stryMutAct_9fa48("556") ? found.length >= 1 : stryMutAct_9fa48("555") ? false : stryMutAct_9fa48("554") ? true : (stryCov_9fa48("554", "555", "556", "557"), found.length > 1)) {
      if (stryMutAct_9fa48("558")) {
        {}
      } else {
        stryCov_9fa48("558");
        throw new Error(found.length + (stryMutAct_9fa48("560") ? "" : (stryCov_9fa48("560"), ' Quick Setup configuration managers are named ')) + p.ManagerName + (stryMutAct_9fa48("561") ? "" : (stryCov_9fa48("561"), ' with type ')) + p.DefinitionType + (stryMutAct_9fa48("562") ? "" : (stryCov_9fa48("562"), ': ')) + found.map(stryMutAct_9fa48("563") ? () => undefined : (stryCov_9fa48("563"), m => m.ManagerArn)).join(stryMutAct_9fa48("564") ? "" : (stryCov_9fa48("564"), ', ')));
      }
    }
    return found[0];
  }
}

// deployed waits, on create and when the manager changed, until Quick Setup
// reports the configuration manager deployed, asking every PollSeconds (at
// least one). A state that will not become SUCCEEDED fails at once; a
// deployment still under way at the deadline fails with the state last seen.
// Deletion, and an update of the same manager, wait for nothing.
async function deployed(ctx, event, admitted) {
  if (stryMutAct_9fa48("565")) {
    {}
  } else {
    stryCov_9fa48("565");
    const p = event.ResourceProperties;
    if (stryMutAct_9fa48("568") ? event.RequestType === 'Delete' && !admitted : stryMutAct_9fa48("567") ? false : stryMutAct_9fa48("566") ? true : (stryCov_9fa48("566", "567", "568"), (stryMutAct_9fa48("570") ? event.RequestType !== 'Delete' : stryMutAct_9fa48("569") ? false : (stryCov_9fa48("569", "570"), event.RequestType === (stryMutAct_9fa48("571") ? "" : (stryCov_9fa48("571"), 'Delete')))) || (stryMutAct_9fa48("572") ? admitted : (stryCov_9fa48("572"), !admitted)))) {
      if (stryMutAct_9fa48("573")) {
        {}
      } else {
        stryCov_9fa48("573");
        return stryMutAct_9fa48("574") ? {} : (stryCov_9fa48("574"), {
          physicalId: event.PhysicalResourceId
        });
      }
    }
    const pollMs = stryMutAct_9fa48("575") ? Math.max(Number(p.PollSeconds) || 0, 1) / 1000 : (stryCov_9fa48("575"), (stryMutAct_9fa48("576") ? Math.min(Number(p.PollSeconds) || 0, 1) : (stryCov_9fa48("576"), Math.max(stryMutAct_9fa48("579") ? Number(p.PollSeconds) && 0 : stryMutAct_9fa48("578") ? false : stryMutAct_9fa48("577") ? true : (stryCov_9fa48("577", "578", "579"), Number(p.PollSeconds) || 0), 1))) * 1000);
    const started = ctx.deps.now();
    const home = Object.assign({}, ctx, stryMutAct_9fa48("580") ? {} : (stryCov_9fa48("580"), {
      region: stryMutAct_9fa48("583") ? p.Region && ctx.region : stryMutAct_9fa48("582") ? false : stryMutAct_9fa48("581") ? true : (stryCov_9fa48("581", "582", "583"), p.Region || ctx.region)
    }));
    if (stryMutAct_9fa48("584")) {
      for (let first = true; false; first = false) {
        const m = await findManager(home, p);
        if (first && m && event.RequestType === 'Update' && m.ManagerArn === event.PhysicalResourceId) {
          return {
            physicalId: m.ManagerArn
          };
        }
        const summary = (m && m.StatusSummaries || []).find(s => s.StatusType === 'Deployment') || {};
        const status = m ? summary.Status || 'NONE' : 'NOT_FOUND';
        const said = summary.StatusMessage ? ' (' + summary.StatusMessage + ')' : '';
        const what = 'Quick Setup configuration manager ' + p.ManagerName;
        if (status === DEPLOYED) {
          ctx.deps.log(m.ManagerArn + ': deployed');
          return {
            physicalId: m.ManagerArn
          };
        }
        if (UNDEPLOYED.has(status)) {
          throw new Error(what + ' (' + m.ManagerArn + ') is ' + status + said + ': fix its deployment in the Quick Setup console, then deploy this stack again');
        }
        if (ctx.deps.now() + pollMs > ctx.deadline) {
          const minutes = Math.round((ctx.deps.now() - started) / 60000);
          throw new Error(what + ' is still ' + status + said + ' after ' + minutes + ' minute(s): deploy this stack again once it reports SUCCEEDED (aws ssm-quicksetup list-configuration-managers)');
        }
        ctx.deps.log(what + ': ' + status + ', asking again in ' + pollMs / 1000 + ' s');
        await ctx.deps.sleep(pollMs, ctx.signal);
      }
    } else {
      stryCov_9fa48("584");
      for (let first = stryMutAct_9fa48("585") ? false : (stryCov_9fa48("585"), true);; first = stryMutAct_9fa48("586") ? true : (stryCov_9fa48("586"), false)) {
        if (stryMutAct_9fa48("587")) {
          {}
        } else {
          stryCov_9fa48("587");
          const m = await findManager(home, p);
          if (stryMutAct_9fa48("590") ? first && m && event.RequestType === 'Update' || m.ManagerArn === event.PhysicalResourceId : stryMutAct_9fa48("589") ? false : stryMutAct_9fa48("588") ? true : (stryCov_9fa48("588", "589", "590"), (stryMutAct_9fa48("592") ? first && m || event.RequestType === 'Update' : stryMutAct_9fa48("591") ? true : (stryCov_9fa48("591", "592"), (stryMutAct_9fa48("594") ? first || m : stryMutAct_9fa48("593") ? true : (stryCov_9fa48("593", "594"), first && m)) && (stryMutAct_9fa48("596") ? event.RequestType !== 'Update' : stryMutAct_9fa48("595") ? true : (stryCov_9fa48("595", "596"), event.RequestType === (stryMutAct_9fa48("597") ? "" : (stryCov_9fa48("597"), 'Update')))))) && (stryMutAct_9fa48("599") ? m.ManagerArn !== event.PhysicalResourceId : stryMutAct_9fa48("598") ? true : (stryCov_9fa48("598", "599"), m.ManagerArn === event.PhysicalResourceId)))) {
            if (stryMutAct_9fa48("600")) {
              {}
            } else {
              stryCov_9fa48("600");
              return stryMutAct_9fa48("601") ? {} : (stryCov_9fa48("601"), {
                physicalId: m.ManagerArn
              });
            }
          }
          const summary = stryMutAct_9fa48("604") ? (m && m.StatusSummaries || []).find(s => s.StatusType === 'Deployment') && {} : stryMutAct_9fa48("603") ? false : stryMutAct_9fa48("602") ? true : (stryCov_9fa48("602", "603", "604"), (stryMutAct_9fa48("607") ? m && m.StatusSummaries && [] : stryMutAct_9fa48("606") ? false : stryMutAct_9fa48("605") ? true : (stryCov_9fa48("605", "606", "607"), (stryMutAct_9fa48("609") ? m || m.StatusSummaries : stryMutAct_9fa48("608") ? false : (stryCov_9fa48("608", "609"), m && m.StatusSummaries)) || (stryMutAct_9fa48("610") ? ["Stryker was here"] : (stryCov_9fa48("610"), [])))).find(stryMutAct_9fa48("611") ? () => undefined : (stryCov_9fa48("611"), s => stryMutAct_9fa48("614") ? s.StatusType !== 'Deployment' : stryMutAct_9fa48("613") ? false : stryMutAct_9fa48("612") ? true : (stryCov_9fa48("612", "613", "614"), s.StatusType === (stryMutAct_9fa48("615") ? "" : (stryCov_9fa48("615"), 'Deployment'))))) || {});
          const status = m ? stryMutAct_9fa48("618") ? summary.Status && 'NONE' : stryMutAct_9fa48("617") ? false : stryMutAct_9fa48("616") ? true : (stryCov_9fa48("616", "617", "618"), summary.Status || (stryMutAct_9fa48("619") ? "" : (stryCov_9fa48("619"), 'NONE'))) : stryMutAct_9fa48("620") ? "" : (stryCov_9fa48("620"), 'NOT_FOUND');
          const said = summary.StatusMessage ? (stryMutAct_9fa48("621") ? "" : (stryCov_9fa48("621"), ' (')) + summary.StatusMessage + (stryMutAct_9fa48("622") ? "" : (stryCov_9fa48("622"), ')')) : stryMutAct_9fa48("623") ? "Stryker was here!" : (stryCov_9fa48("623"), '');
          const what = (stryMutAct_9fa48("624") ? "" : (stryCov_9fa48("624"), 'Quick Setup configuration manager ')) + p.ManagerName;
          if (stryMutAct_9fa48("627") ? status !== DEPLOYED : stryMutAct_9fa48("626") ? false : stryMutAct_9fa48("625") ? true : (stryCov_9fa48("625", "626", "627"), status === DEPLOYED)) {
            if (stryMutAct_9fa48("628")) {
              {}
            } else {
              stryCov_9fa48("628");
              ctx.deps.log(m.ManagerArn + (stryMutAct_9fa48("630") ? "" : (stryCov_9fa48("630"), ': deployed')));
              return stryMutAct_9fa48("631") ? {} : (stryCov_9fa48("631"), {
                physicalId: m.ManagerArn
              });
            }
          }
          if (stryMutAct_9fa48("633") ? false : stryMutAct_9fa48("632") ? true : (stryCov_9fa48("632", "633"), UNDEPLOYED.has(status))) {
            if (stryMutAct_9fa48("634")) {
              {}
            } else {
              stryCov_9fa48("634");
              throw new Error((stryMutAct_9fa48("636") ? what + ' (' + m.ManagerArn + ') is ' + status - said : (stryCov_9fa48("636"), what + (stryMutAct_9fa48("637") ? "" : (stryCov_9fa48("637"), ' (')) + m.ManagerArn + (stryMutAct_9fa48("638") ? "" : (stryCov_9fa48("638"), ') is ')) + status + said)) + (stryMutAct_9fa48("639") ? "" : (stryCov_9fa48("639"), ': fix its deployment in the Quick Setup console, then deploy this stack again')));
            }
          }
          if (stryMutAct_9fa48("643") ? ctx.deps.now() + pollMs <= ctx.deadline : stryMutAct_9fa48("642") ? ctx.deps.now() + pollMs >= ctx.deadline : stryMutAct_9fa48("641") ? false : stryMutAct_9fa48("640") ? true : (stryCov_9fa48("640", "641", "642", "643"), (stryMutAct_9fa48("644") ? ctx.deps.now() - pollMs : (stryCov_9fa48("644"), ctx.deps.now() + pollMs)) > ctx.deadline)) {
            if (stryMutAct_9fa48("645")) {
              {}
            } else {
              stryCov_9fa48("645");
              const minutes = Math.round(stryMutAct_9fa48("646") ? (ctx.deps.now() - started) * 60000 : (stryCov_9fa48("646"), (stryMutAct_9fa48("647") ? ctx.deps.now() + started : (stryCov_9fa48("647"), ctx.deps.now() - started)) / 60000));
              throw new Error((stryMutAct_9fa48("649") ? what + ' is still ' + status - said : (stryCov_9fa48("649"), what + (stryMutAct_9fa48("650") ? "" : (stryCov_9fa48("650"), ' is still ')) + status + said)) + (stryMutAct_9fa48("651") ? "" : (stryCov_9fa48("651"), ' after ')) + minutes + (stryMutAct_9fa48("652") ? "" : (stryCov_9fa48("652"), ' minute(s): deploy this stack again once it reports SUCCEEDED (aws ssm-quicksetup list-configuration-managers)')));
            }
          }
          ctx.deps.log(what + (stryMutAct_9fa48("654") ? "" : (stryCov_9fa48("654"), ': ')) + status + (stryMutAct_9fa48("655") ? "" : (stryCov_9fa48("655"), ', asking again in ')) + (stryMutAct_9fa48("656") ? pollMs * 1000 : (stryCov_9fa48("656"), pollMs / 1000)) + (stryMutAct_9fa48("657") ? "" : (stryCov_9fa48("657"), ' s')));
          await ctx.deps.sleep(pollMs, ctx.signal);
        }
      }
    }
  }
}
const KINDS = stryMutAct_9fa48("658") ? {} : (stryCov_9fa48("658"), {
  'Custom::JitnaPrerequisite': prerequisite,
  'Custom::JitnaSessionPreferences': sessionPreferences,
  'Custom::JitnaDeployed': deployed
});

// Properties CloudFormation adds, and the handler does not read.
const RESERVED = new Set(stryMutAct_9fa48("659") ? [] : (stryCov_9fa48("659"), [stryMutAct_9fa48("660") ? "" : (stryCov_9fa48("660"), 'ServiceToken'), stryMutAct_9fa48("661") ? "" : (stryCov_9fa48("661"), 'ServiceTimeout')]));
const own = stryMutAct_9fa48("662") ? () => undefined : (stryCov_9fa48("662"), (() => {
  const own = props => stryMutAct_9fa48("663") ? Object.keys(props || {}).reduce((o, k) => {
    o[k] = props[k];
    return o;
  }, {}) : (stryCov_9fa48("663"), Object.keys(stryMutAct_9fa48("666") ? props && {} : stryMutAct_9fa48("665") ? false : stryMutAct_9fa48("664") ? true : (stryCov_9fa48("664", "665", "666"), props || {})).filter(stryMutAct_9fa48("667") ? () => undefined : (stryCov_9fa48("667"), k => stryMutAct_9fa48("668") ? RESERVED.has(k) : (stryCov_9fa48("668"), !RESERVED.has(k)))).reduce((o, k) => {
    if (stryMutAct_9fa48("669")) {
      {}
    } else {
      stryCov_9fa48("669");
      o[k] = props[k];
      return o;
    }
  }, {}));
  return own;
})());

// admit says whether the request's properties are the ones its resource was
// synthesized with (ALLOWED; a property that is a JSON document there is
// compared as a value). An update from other properties back to those is a
// rollback (ResourceProperties are the old ones): it is not admitted, and
// does nothing.
function admit(allowed, event) {
  if (stryMutAct_9fa48("670")) {
    {}
  } else {
    stryCov_9fa48("670");
    const want = allowed[event.LogicalResourceId];
    if (stryMutAct_9fa48("673") ? !want && typeof want !== 'object' : stryMutAct_9fa48("672") ? false : stryMutAct_9fa48("671") ? true : (stryCov_9fa48("671", "672", "673"), (stryMutAct_9fa48("674") ? want : (stryCov_9fa48("674"), !want)) || (stryMutAct_9fa48("676") ? typeof want === 'object' : stryMutAct_9fa48("675") ? false : (stryCov_9fa48("675", "676"), typeof want !== (stryMutAct_9fa48("677") ? "" : (stryCov_9fa48("677"), 'object')))))) {
      if (stryMutAct_9fa48("678")) {
        {}
      } else {
        stryCov_9fa48("678");
        return stryMutAct_9fa48("679") ? true : (stryCov_9fa48("679"), false);
      }
    }
    const got = own(event.ResourceProperties);
    for (const k of Object.keys(want)) {
      if (stryMutAct_9fa48("680")) {
        {}
      } else {
        stryCov_9fa48("680");
        if (stryMutAct_9fa48("683") ? want[k] && typeof want[k] === 'object' || typeof got[k] === 'string' : stryMutAct_9fa48("682") ? false : stryMutAct_9fa48("681") ? true : (stryCov_9fa48("681", "682", "683"), (stryMutAct_9fa48("685") ? want[k] || typeof want[k] === 'object' : stryMutAct_9fa48("684") ? true : (stryCov_9fa48("684", "685"), want[k] && (stryMutAct_9fa48("687") ? typeof want[k] !== 'object' : stryMutAct_9fa48("686") ? true : (stryCov_9fa48("686", "687"), typeof want[k] === (stryMutAct_9fa48("688") ? "" : (stryCov_9fa48("688"), 'object')))))) && (stryMutAct_9fa48("690") ? typeof got[k] !== 'string' : stryMutAct_9fa48("689") ? true : (stryCov_9fa48("689", "690"), typeof got[k] === (stryMutAct_9fa48("691") ? "" : (stryCov_9fa48("691"), 'string')))))) {
          if (stryMutAct_9fa48("692")) {
            {}
          } else {
            stryCov_9fa48("692");
            try {
              if (stryMutAct_9fa48("693")) {
                {}
              } else {
                stryCov_9fa48("693");
                got[k] = JSON.parse(got[k]);
              }
            } catch (err) {
              if (stryMutAct_9fa48("694")) {
                {}
              } else {
                stryCov_9fa48("694");
                return stryMutAct_9fa48("695") ? true : (stryCov_9fa48("695"), false);
              }
            }
          }
        }
      }
    }
    return stryMutAct_9fa48("698") ? canonical(got) !== canonical(want) : stryMutAct_9fa48("697") ? false : stryMutAct_9fa48("696") ? true : (stryCov_9fa48("696", "697", "698"), canonical(got) === canonical(want));
  }
}

// A create that failed reports this physical id, so that its deletion does
// nothing.
const FAILED = stryMutAct_9fa48("699") ? "" : (stryCov_9fa48("699"), 'failed-create:');

// validResponseURL says whether url is CloudFormation's pre-signed S3 URL for
// custom-resource responses in the partition of region.
function validResponseURL(url, region) {
  if (stryMutAct_9fa48("700")) {
    {}
  } else {
    stryCov_9fa48("700");
    let u;
    try {
      if (stryMutAct_9fa48("701")) {
        {}
      } else {
        stryCov_9fa48("701");
        u = new URL(url);
      }
    } catch (err) {
      if (stryMutAct_9fa48("702")) {
        {}
      } else {
        stryCov_9fa48("702");
        return stryMutAct_9fa48("703") ? true : (stryCov_9fa48("703"), false);
      }
    }
    const suffix = (stryMutAct_9fa48("704") ? /cn-/ : (stryCov_9fa48("704"), /^cn-/)).test(stryMutAct_9fa48("707") ? region && '' : stryMutAct_9fa48("706") ? false : stryMutAct_9fa48("705") ? true : (stryCov_9fa48("705", "706", "707"), region || (stryMutAct_9fa48("708") ? "Stryker was here!" : (stryCov_9fa48("708"), '')))) ? stryMutAct_9fa48("709") ? "" : (stryCov_9fa48("709"), '.amazonaws.com.cn') : stryMutAct_9fa48("710") ? "" : (stryCov_9fa48("710"), '.amazonaws.com');
    return stryMutAct_9fa48("713") ? u.protocol === 'https:' && u.hostname.startsWith('cloudformation-custom-resource-response-') && u.hostname.endsWith(suffix) && /\.s3[.-]/.test(u.hostname) || u.search.length > 1 : stryMutAct_9fa48("712") ? false : stryMutAct_9fa48("711") ? true : (stryCov_9fa48("711", "712", "713"), (stryMutAct_9fa48("715") ? u.protocol === 'https:' && u.hostname.startsWith('cloudformation-custom-resource-response-') && u.hostname.endsWith(suffix) || /\.s3[.-]/.test(u.hostname) : stryMutAct_9fa48("714") ? true : (stryCov_9fa48("714", "715"), (stryMutAct_9fa48("717") ? u.protocol === 'https:' && u.hostname.startsWith('cloudformation-custom-resource-response-') || u.hostname.endsWith(suffix) : stryMutAct_9fa48("716") ? true : (stryCov_9fa48("716", "717"), (stryMutAct_9fa48("719") ? u.protocol === 'https:' || u.hostname.startsWith('cloudformation-custom-resource-response-') : stryMutAct_9fa48("718") ? true : (stryCov_9fa48("718", "719"), (stryMutAct_9fa48("721") ? u.protocol !== 'https:' : stryMutAct_9fa48("720") ? true : (stryCov_9fa48("720", "721"), u.protocol === (stryMutAct_9fa48("722") ? "" : (stryCov_9fa48("722"), 'https:')))) && (stryMutAct_9fa48("723") ? u.hostname.endsWith('cloudformation-custom-resource-response-') : (stryCov_9fa48("723"), u.hostname.startsWith(stryMutAct_9fa48("724") ? "" : (stryCov_9fa48("724"), 'cloudformation-custom-resource-response-')))))) && (stryMutAct_9fa48("725") ? u.hostname.startsWith(suffix) : (stryCov_9fa48("725"), u.hostname.endsWith(suffix))))) && (stryMutAct_9fa48("726") ? /\.s3[^.-]/ : (stryCov_9fa48("726"), /\.s3[.-]/)).test(u.hostname))) && (stryMutAct_9fa48("729") ? u.search.length <= 1 : stryMutAct_9fa48("728") ? u.search.length >= 1 : stryMutAct_9fa48("727") ? true : (stryCov_9fa48("727", "728", "729"), u.search.length > 1)));
  }
}

// MAX_REASON keeps a response within CloudFormation's 4,096 bytes.
const MAX_REASON = 2000;
function bounded(text) {
  if (stryMutAct_9fa48("730")) {
    {}
  } else {
    stryCov_9fa48("730");
    let s = String(text);
    while (stryMutAct_9fa48("733") ? Buffer.byteLength(s) <= MAX_REASON : stryMutAct_9fa48("732") ? Buffer.byteLength(s) >= MAX_REASON : stryMutAct_9fa48("731") ? false : (stryCov_9fa48("731", "732", "733"), Buffer.byteLength(s) > MAX_REASON)) {
      if (stryMutAct_9fa48("734")) {
        {}
      } else {
        stryCov_9fa48("734");
        s = (stryMutAct_9fa48("735") ? s : (stryCov_9fa48("735"), s.slice(0, Math.floor(stryMutAct_9fa48("736") ? s.length / 0.9 : (stryCov_9fa48("736"), s.length * 0.9))))) + (stryMutAct_9fa48("737") ? "" : (stryCov_9fa48("737"), '…'));
      }
    }
    return s;
  }
}

// put sends the result to CloudFormation's pre-signed URL, within timeoutMs.
function put(url, data, timeoutMs) {
  if (stryMutAct_9fa48("738")) {
    {}
  } else {
    stryCov_9fa48("738");
    const u = new URL(url);
    const client = (stryMutAct_9fa48("741") ? u.protocol !== 'http:' : stryMutAct_9fa48("740") ? false : stryMutAct_9fa48("739") ? true : (stryCov_9fa48("739", "740", "741"), u.protocol === (stryMutAct_9fa48("742") ? "" : (stryCov_9fa48("742"), 'http:')))) ? http : https;
    return new Promise((resolve, reject) => {
      if (stryMutAct_9fa48("743")) {
        {}
      } else {
        stryCov_9fa48("743");
        const req = client.request(u, stryMutAct_9fa48("744") ? {} : (stryCov_9fa48("744"), {
          method: stryMutAct_9fa48("745") ? "" : (stryCov_9fa48("745"), 'PUT'),
          timeout: timeoutMs,
          headers: stryMutAct_9fa48("746") ? {} : (stryCov_9fa48("746"), {
            'content-type': stryMutAct_9fa48("747") ? "Stryker was here!" : (stryCov_9fa48("747"), ''),
            'content-length': Buffer.byteLength(data)
          })
        }), res => {
          if (stryMutAct_9fa48("748")) {
            {}
          } else {
            stryCov_9fa48("748");
            if (stryMutAct_9fa48("749")) {
              ;
            } else {
              stryCov_9fa48("749");
              res.resume();
            }
            res.on(stryMutAct_9fa48("751") ? "" : (stryCov_9fa48("751"), 'end'), stryMutAct_9fa48("752") ? () => undefined : (stryCov_9fa48("752"), () => (stryMutAct_9fa48("756") ? res.statusCode >= 300 : stryMutAct_9fa48("755") ? res.statusCode <= 300 : stryMutAct_9fa48("754") ? false : stryMutAct_9fa48("753") ? true : (stryCov_9fa48("753", "754", "755", "756"), res.statusCode < 300)) ? resolve() : reject(new Error((stryMutAct_9fa48("757") ? "" : (stryCov_9fa48("757"), 'CloudFormation answered ')) + res.statusCode))));
          }
        });
        req.on(stryMutAct_9fa48("759") ? "" : (stryCov_9fa48("759"), 'timeout'), stryMutAct_9fa48("760") ? () => undefined : (stryCov_9fa48("760"), () => req.destroy(new Error((stryMutAct_9fa48("761") ? "" : (stryCov_9fa48("761"), 'no answer from CloudFormation in ')) + timeoutMs + (stryMutAct_9fa48("762") ? "" : (stryCov_9fa48("762"), ' ms'))))));
        req.on(stryMutAct_9fa48("764") ? "" : (stryCov_9fa48("764"), 'error'), reject);
        if (stryMutAct_9fa48("765")) {
          ;
        } else {
          stryCov_9fa48("765");
          req.end(data);
        }
      }
    });
  }
}

// respond sends body to the event's response URL, retried with growing waits
// until deadline; it returns whether it was delivered.
async function respond(deps, event, body, deadline) {
  if (stryMutAct_9fa48("766")) {
    {}
  } else {
    stryCov_9fa48("766");
    const data = JSON.stringify(Object.assign(stryMutAct_9fa48("767") ? {} : (stryCov_9fa48("767"), {
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId
    }), body));
    if (stryMutAct_9fa48("768")) {
      for (let attempt = 1; false; attempt++) {
        const left = deadline - deps.now();
        try {
          await deps.put(event.ResponseURL, data, Math.max(Math.min(left, deps.putTimeoutMs), 1));
          return true;
        } catch (err) {
          const wait = Math.min(deps.baseDelayMs * 2 ** (attempt - 1), deps.maxDelayMs);
          deps.log('response, attempt ' + attempt + ': ' + errorMessage(err));
          if (deps.now() + wait >= deadline) {
            deps.log('response not delivered: CloudFormation fails the resource at its ServiceTimeout');
            return false;
          }
          await deps.sleep(wait);
        }
      }
    } else {
      stryCov_9fa48("768");
      for (let attempt = 1;; stryMutAct_9fa48("769") ? attempt-- : (stryCov_9fa48("769"), attempt++)) {
        if (stryMutAct_9fa48("770")) {
          {}
        } else {
          stryCov_9fa48("770");
          const left = stryMutAct_9fa48("771") ? deadline + deps.now() : (stryCov_9fa48("771"), deadline - deps.now());
          try {
            if (stryMutAct_9fa48("772")) {
              {}
            } else {
              stryCov_9fa48("772");
              await deps.put(event.ResponseURL, data, stryMutAct_9fa48("773") ? Math.min(Math.min(left, deps.putTimeoutMs), 1) : (stryCov_9fa48("773"), Math.max(stryMutAct_9fa48("774") ? Math.max(left, deps.putTimeoutMs) : (stryCov_9fa48("774"), Math.min(left, deps.putTimeoutMs)), 1)));
              return stryMutAct_9fa48("775") ? false : (stryCov_9fa48("775"), true);
            }
          } catch (err) {
            if (stryMutAct_9fa48("776")) {
              {}
            } else {
              stryCov_9fa48("776");
              const wait = stryMutAct_9fa48("777") ? Math.max(deps.baseDelayMs * 2 ** (attempt - 1), deps.maxDelayMs) : (stryCov_9fa48("777"), Math.min(stryMutAct_9fa48("778") ? deps.baseDelayMs / 2 ** (attempt - 1) : (stryCov_9fa48("778"), deps.baseDelayMs * 2 ** (stryMutAct_9fa48("779") ? attempt + 1 : (stryCov_9fa48("779"), attempt - 1))), deps.maxDelayMs));
              deps.log((stryMutAct_9fa48("781") ? "" : (stryCov_9fa48("781"), 'response, attempt ')) + attempt + (stryMutAct_9fa48("782") ? "" : (stryCov_9fa48("782"), ': ')) + errorMessage(err));
              if (stryMutAct_9fa48("786") ? deps.now() + wait < deadline : stryMutAct_9fa48("785") ? deps.now() + wait > deadline : stryMutAct_9fa48("784") ? false : stryMutAct_9fa48("783") ? true : (stryCov_9fa48("783", "784", "785", "786"), (stryMutAct_9fa48("787") ? deps.now() - wait : (stryCov_9fa48("787"), deps.now() + wait)) >= deadline)) {
                if (stryMutAct_9fa48("788")) {
                  {}
                } else {
                  stryCov_9fa48("788");
                  deps.log(stryMutAct_9fa48("790") ? "" : (stryCov_9fa48("790"), 'response not delivered: CloudFormation fails the resource at its ServiceTimeout'));
                  return stryMutAct_9fa48("791") ? true : (stryCov_9fa48("791"), false);
                }
              }
              await deps.sleep(wait);
            }
          }
        }
      }
    }
  }
}

// makeHandler returns the Lambda handler over deps: allowed (ALLOWED), region
// (the function's), stackId (its stack's, which requests must name), call (an AWS SDK call), put (the response PUT), sleep,
// now, log, maxAttempts, baseDelayMs, maxDelayMs, marginMs (the time kept to
// answer before Lambda stops the function), putTimeoutMs.
function makeHandler(deps) {
  if (stryMutAct_9fa48("792")) {
    {}
  } else {
    stryCov_9fa48("792");
    return async (event, context) => {
      if (stryMutAct_9fa48("793")) {
        {}
      } else {
        stryCov_9fa48("793");
        if (stryMutAct_9fa48("796") ? !validResponseURL(event.ResponseURL, deps.region) && event.StackId !== deps.stackId : stryMutAct_9fa48("795") ? false : stryMutAct_9fa48("794") ? true : (stryCov_9fa48("794", "795", "796"), (stryMutAct_9fa48("797") ? validResponseURL(event.ResponseURL, deps.region) : (stryCov_9fa48("797"), !validResponseURL(event.ResponseURL, deps.region))) || (stryMutAct_9fa48("799") ? event.StackId === deps.stackId : stryMutAct_9fa48("798") ? false : (stryCov_9fa48("798", "799"), event.StackId !== deps.stackId)))) {
          if (stryMutAct_9fa48("800")) {
            {}
          } else {
            stryCov_9fa48("800");
            deps.log((stryMutAct_9fa48("802") ? "" : (stryCov_9fa48("802"), 'ignored: not a request of CloudFormation for stack ')) + deps.stackId);
            return stryMutAct_9fa48("803") ? {} : (stryCov_9fa48("803"), {
              Status: stryMutAct_9fa48("804") ? "" : (stryCov_9fa48("804"), 'IGNORED')
            });
          }
        }
        const remaining = (stryMutAct_9fa48("807") ? context || context.getRemainingTimeInMillis : stryMutAct_9fa48("806") ? false : stryMutAct_9fa48("805") ? true : (stryCov_9fa48("805", "806", "807"), context && context.getRemainingTimeInMillis)) ? context.getRemainingTimeInMillis() : 0;
        const end = stryMutAct_9fa48("808") ? deps.now() - remaining : (stryCov_9fa48("808"), deps.now() + remaining);
        const controller = new AbortController();
        const ctx = stryMutAct_9fa48("809") ? {} : (stryCov_9fa48("809"), {
          deps,
          region: deps.region,
          signal: controller.signal,
          deadline: stryMutAct_9fa48("810") ? end + 2 * deps.marginMs : (stryCov_9fa48("810"), end - (stryMutAct_9fa48("811") ? 2 / deps.marginMs : (stryCov_9fa48("811"), 2 * deps.marginMs)))
        });
        let timer;
        let body;
        try {
          if (stryMutAct_9fa48("812")) {
            {}
          } else {
            stryCov_9fa48("812");
            const kind = KINDS[event.ResourceType];
            if (stryMutAct_9fa48("815") ? false : stryMutAct_9fa48("814") ? true : stryMutAct_9fa48("813") ? kind : (stryCov_9fa48("813", "814", "815"), !kind)) {
              if (stryMutAct_9fa48("816")) {
                {}
              } else {
                stryCov_9fa48("816");
                throw new Error((stryMutAct_9fa48("818") ? "" : (stryCov_9fa48("818"), 'resource type ')) + event.ResourceType + (stryMutAct_9fa48("819") ? "" : (stryCov_9fa48("819"), ' is not one this handler serves')));
              }
            }
            const admitted = admit(deps.allowed, event);
            if (stryMutAct_9fa48("822") ? !admitted || event.RequestType === 'Create' : stryMutAct_9fa48("821") ? false : stryMutAct_9fa48("820") ? true : (stryCov_9fa48("820", "821", "822"), (stryMutAct_9fa48("823") ? admitted : (stryCov_9fa48("823"), !admitted)) && (stryMutAct_9fa48("825") ? event.RequestType !== 'Create' : stryMutAct_9fa48("824") ? true : (stryCov_9fa48("824", "825"), event.RequestType === (stryMutAct_9fa48("826") ? "" : (stryCov_9fa48("826"), 'Create')))))) {
              if (stryMutAct_9fa48("827")) {
                {}
              } else {
                stryCov_9fa48("827");
                throw new Error(event.LogicalResourceId + (stryMutAct_9fa48("829") ? "" : (stryCov_9fa48("829"), ': these properties are not the ones the stack was synthesized with: nothing done')));
              }
            }
            if (stryMutAct_9fa48("832") ? false : stryMutAct_9fa48("831") ? true : stryMutAct_9fa48("830") ? admitted : (stryCov_9fa48("830", "831", "832"), !admitted)) {
              if (stryMutAct_9fa48("833")) {
                {}
              } else {
                stryCov_9fa48("833");
                deps.log(event.RequestType + (stryMutAct_9fa48("835") ? "" : (stryCov_9fa48("835"), ' ')) + event.LogicalResourceId + (stryMutAct_9fa48("836") ? "" : (stryCov_9fa48("836"), ': not the synthesized properties (a rollback, or a resource removed): nothing done')));
              }
            }
            const timeout = new Promise((resolve, reject) => {
              if (stryMutAct_9fa48("837")) {
                {}
              } else {
                stryCov_9fa48("837");
                timer = setTimeout(stryMutAct_9fa48("838") ? () => undefined : (stryCov_9fa48("838"), () => reject(new Error(stryMutAct_9fa48("839") ? "" : (stryCov_9fa48("839"), 'no answer from AWS before the function times out: the work was stopped')))), stryMutAct_9fa48("840") ? Math.min(ctx.deadline - deps.now(), 0) : (stryCov_9fa48("840"), Math.max(stryMutAct_9fa48("841") ? ctx.deadline + deps.now() : (stryCov_9fa48("841"), ctx.deadline - deps.now()), 0)));
              }
            });
            const removed = stryMutAct_9fa48("842") ? Object.prototype.hasOwnProperty.call(deps.allowed, event.LogicalResourceId) : (stryCov_9fa48("842"), !Object.prototype.hasOwnProperty.call(deps.allowed, event.LogicalResourceId));
            const out = await Promise.race(stryMutAct_9fa48("843") ? [] : (stryCov_9fa48("843"), [kind(ctx, event, admitted, removed), timeout]));
            body = stryMutAct_9fa48("844") ? {} : (stryCov_9fa48("844"), {
              Status: stryMutAct_9fa48("845") ? "" : (stryCov_9fa48("845"), 'SUCCESS'),
              PhysicalResourceId: stryMutAct_9fa48("848") ? (out.physicalId || event.PhysicalResourceId) && FAILED + event.RequestId : stryMutAct_9fa48("847") ? false : stryMutAct_9fa48("846") ? true : (stryCov_9fa48("846", "847", "848"), (stryMutAct_9fa48("850") ? out.physicalId && event.PhysicalResourceId : stryMutAct_9fa48("849") ? false : (stryCov_9fa48("849", "850"), out.physicalId || event.PhysicalResourceId)) || (stryMutAct_9fa48("851") ? FAILED - event.RequestId : (stryCov_9fa48("851"), FAILED + event.RequestId)))
            });
          }
        } catch (err) {
          if (stryMutAct_9fa48("852")) {
            {}
          } else {
            stryCov_9fa48("852");
            deps.log(event.RequestType + (stryMutAct_9fa48("854") ? "" : (stryCov_9fa48("854"), ' ')) + event.LogicalResourceId + (stryMutAct_9fa48("855") ? "" : (stryCov_9fa48("855"), ' failed: ')) + errorCode(err) + (stryMutAct_9fa48("856") ? "" : (stryCov_9fa48("856"), ': ')) + errorMessage(err));
            body = stryMutAct_9fa48("857") ? {} : (stryCov_9fa48("857"), {
              Status: stryMutAct_9fa48("858") ? "" : (stryCov_9fa48("858"), 'FAILED'),
              Reason: bounded(errorCode(err) + (stryMutAct_9fa48("859") ? "" : (stryCov_9fa48("859"), ': ')) + errorMessage(err)),
              PhysicalResourceId: stryMutAct_9fa48("862") ? event.PhysicalResourceId && FAILED + event.RequestId : stryMutAct_9fa48("861") ? false : stryMutAct_9fa48("860") ? true : (stryCov_9fa48("860", "861", "862"), event.PhysicalResourceId || (stryMutAct_9fa48("863") ? FAILED - event.RequestId : (stryCov_9fa48("863"), FAILED + event.RequestId)))
            });
          }
        } finally {
          if (stryMutAct_9fa48("864")) {
            {}
          } else {
            stryCov_9fa48("864");
            if (stryMutAct_9fa48("865")) {
              ;
            } else {
              stryCov_9fa48("865");
              clearTimeout(timer);
            }
            if (stryMutAct_9fa48("866")) {
              ;
            } else {
              stryCov_9fa48("866");
              controller.abort();
            }
          }
        }
        await respond(deps, event, body, stryMutAct_9fa48("867") ? end + deps.marginMs / 2 : (stryCov_9fa48("867"), end - (stryMutAct_9fa48("868") ? deps.marginMs * 2 : (stryCov_9fa48("868"), deps.marginMs / 2))));
        return body;
      }
    };
  }
}
exports.makeHandler = makeHandler;
exports.put = put;
exports.sameContent = sameContent;
exports.canonical = canonical;
exports.validResponseURL = validResponseURL;
exports.organizationsRegion = organizationsRegion;
exports.handler = makeHandler(stryMutAct_9fa48("869") ? {} : (stryCov_9fa48("869"), {
  allowed: ALLOWED,
  region: process.env.AWS_REGION,
  stackId: process.env.JITNA_STACK_ID,
  call: sdkCall(),
  put,
  sleep: stryMutAct_9fa48("870") ? () => undefined : (stryCov_9fa48("870"), (ms, signal) => new Promise((resolve, reject) => {
    if (stryMutAct_9fa48("871")) {
      {}
    } else {
      stryCov_9fa48("871");
      const t = setTimeout(resolve, ms);
      if (stryMutAct_9fa48("873") ? false : stryMutAct_9fa48("872") ? true : (stryCov_9fa48("872", "873"), signal)) {
        if (stryMutAct_9fa48("874")) {
          {}
        } else {
          stryCov_9fa48("874");
          signal.addEventListener(stryMutAct_9fa48("876") ? "" : (stryCov_9fa48("876"), 'abort'), () => {
            if (stryMutAct_9fa48("877")) {
              {}
            } else {
              stryCov_9fa48("877");
              if (stryMutAct_9fa48("878")) {
                ;
              } else {
                stryCov_9fa48("878");
                clearTimeout(t);
              }
              if (stryMutAct_9fa48("879")) {
                ;
              } else {
                stryCov_9fa48("879");
                reject(new Aborted());
              }
            }
          }, stryMutAct_9fa48("880") ? {} : (stryCov_9fa48("880"), {
            once: stryMutAct_9fa48("881") ? false : (stryCov_9fa48("881"), true)
          }));
        }
      }
    }
  })),
  now: stryMutAct_9fa48("882") ? () => undefined : (stryCov_9fa48("882"), () => Date.now()),
  log: stryMutAct_9fa48("883") ? () => undefined : (stryCov_9fa48("883"), line => console.log(line)),
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 20000,
  marginMs: 10000,
  putTimeoutMs: 15000
}));