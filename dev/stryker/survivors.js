'use strict';
// survivors.js REPORT EQUIVALENT: fails when Stryker's JSON report holds a
// mutant that survived (or that no test covered) and that EQUIVALENT does
// not list. EQUIVALENT has one line per equivalent mutant,
// "index.js:LINE:COLUMN MUTATOR: why", and "#" comments; a listed mutant
// that was killed since is reported too, so that the list stays true.
const fs = require('fs');

const [report, equivalentFile] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(report, 'utf8'));
const listed = new Map();
for (const line of fs.readFileSync(equivalentFile, 'utf8').split('\n')) {
  const m = line.match(/^(\S+:\d+:\d+) (\S+): (.+)$/);
  if (m) {
    listed.set(m[1] + ' ' + m[2], m[3]);
  }
}
const alive = [];
let killed = 0;
for (const [file, result] of Object.entries(data.files)) {
  for (const m of result.mutants) {
    const key = file.split('/').pop() + ':' + m.location.start.line + ':' + m.location.start.column + ' ' + m.mutatorName;
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      if (listed.has(key)) {
        listed.delete(key);
      } else {
        alive.push(key + ' (' + m.status + '): ' + JSON.stringify(m.replacement || ''));
      }
    } else {
      killed++;
    }
  }
}
const stale = [...listed.keys()];
console.log('stryker: ' + killed + ' killed or timed out, ' + alive.length + ' alive and not listed, ' + stale.length + ' listed but not alive');
for (const a of alive) {
  console.log('  alive: ' + a);
}
for (const s of stale) {
  console.log('  listed, not alive: ' + s);
}
process.exit(alive.length || stale.length ? 1 : 0);
