// Builds the commune layer of the /territoire map (web): one GeoJSON FeatureCollection per département,
// properties {code, nom} with today's INSEE codes (shared/data/communes.csv), from the IGN ADMIN EXPRESS COG 2018
// contours published by gregoiredavid/france-geojson. See README.md beside this file.
//
//   node build.mjs                      (npm ci first; reads the source with git, writes web's resources)
//   SOURCE_GIT=/path/to/france-geojson/.git COMMUNES_CSV=... SIMPLIFY=22% node build.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const repoRoot = path.resolve(here, '../../..');

// The commit the committed layer was generated from (france-geojson's last commit, October 2018).
const SOURCE_COMMIT = process.env.SOURCE_COMMIT || '5d34ee6d0140c29f785fdb047d9329f1aab58833';
const SOURCE_GIT = process.env.SOURCE_GIT || '/work/.mirror/gregoiredavid+france-geojson/repo';
const COMMUNES_CSV = process.env.COMMUNES_CSV || findCommunesCsv();
const OUT_DIR = process.env.OUT_DIR
  || path.join(repoRoot, 'web/src/main/resources/META-INF/resources/territoire/communes');
// mapshaper's weighted Visvalingam on the whole of France at once (borders between départements stay shared),
// keeping a share of each commune's vertices that grows for small communes (this.area in m²: ~6.5 % for a 20 km²
// commune, up to 50 % for the small urban ones, at least 4 %). Chosen so that the largest file (62, 887 communes)
// stays near 250 KB and the whole layer near 11 MB. Override with SIMPLIFY (mapshaper -simplify arguments).
const SIMPLIFY = process.env.SIMPLIFY
  || 'variable percentage=Math.min(0.5,Math.max(0.04,0.065*Math.sqrt(2e7/this.area)))';
const WORK = path.join(here, 'work');

function findCommunesCsv() {
  for (const p of [path.join(repoRoot, '../shared/data/communes.csv'), '/work/shared/data/communes.csv']) {
    if (fs.existsSync(p)) return p;
  }
  throw new Error('communes.csv not found: set COMMUNES_CSV');
}

function git(...args) {
  return execFileSync('git', ['-C', SOURCE_GIT, ...args], { maxBuffer: 1 << 28 }).toString();
}

// Today's communes: code -> {nom, dep}.
function csvFields(line) {
  const out = [];
  let cell = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cell); cell = ''; } else cell += ch;
  }
  out.push(cell);
  return out;
}
const lines = fs.readFileSync(COMMUNES_CSV, 'utf8').trim().split(/\r?\n/);
const header = csvFields(lines.shift());
const iCode = header.indexOf('code_insee'), iNom = header.indexOf('nom'), iDep = header.indexOf('code_departement');
const current = new Map();
for (const line of lines) {
  const f = csvFields(line);
  if (f.length !== header.length) throw new Error('unexpected CSV line: ' + line);
  current.set(f[iCode], { nom: f[iNom], dep: f[iDep] });
}

// Old code -> current code. A code that is still a commune maps to itself; then the codes a commune nouvelle
// absorbed (anciensCodes), then communes déléguées / associées to their chef-lieu (the commune they belong to now).
const cog = require('@etalab/decoupage-administratif/data/communes.json');
const toCurrent = new Map();
for (const c of cog) if (c.type === 'commune-actuelle') toCurrent.set(c.code, c.code);
for (const c of cog) {
  if (c.type === 'commune-actuelle') for (const old of c.anciensCodes || []) if (!toCurrent.has(old)) toCurrent.set(old, c.code);
}
for (const c of cog) {
  if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && !toCurrent.has(c.code)) toCurrent.set(c.code, c.chefLieu);
}

// Source features, relabelled with the current code, name and département (a commune that moved to another
// département, or merged across a border, goes to the file of its current département).
const files = git('ls-tree', '-r', '--name-only', SOURCE_COMMIT, 'departements/')
  .split('\n').filter((f) => /\/communes-[^/]+\.geojson$/.test(f));
const features = [];
const unmatched = [];
let sourceFeatures = 0, renamed = 0;
const matched = new Set();
for (const file of files) {
  const fc = JSON.parse(git('show', `${SOURCE_COMMIT}:${file}`));
  for (const ft of fc.features) {
    sourceFeatures++;
    const old = ft.properties.code;
    const code = toCurrent.get(old);
    if (!code || !current.has(code)) {
      unmatched.push(`${old} ${ft.properties.nom} (${file})`);
      continue;
    }
    if (code !== old) renamed++;
    matched.add(code);
    const { nom, dep } = current.get(code);
    features.push({ type: 'Feature', geometry: ft.geometry, properties: { code, nom, dep } });
  }
}
const noPolygon = [...current.keys()].filter((c) => !matched.has(c));

fs.rmSync(WORK, { recursive: true, force: true });
fs.mkdirSync(path.join(WORK, 'out'), { recursive: true });
const input = path.join(WORK, 'france.geojson');
fs.writeFileSync(input, JSON.stringify({ type: 'FeatureCollection', features }));

// snap: the source was rounded to 5 decimals; dissolve merges the polygons of the communes merged since 2018;
// keep-shapes keeps every small commune (no commune may vanish from the map); precision 0.0001° ≈ 11 m.
const mapshaper = require.resolve('mapshaper/bin/mapshaper');
execFileSync(process.execPath, [mapshaper, ...(process.env.VERBOSE ? [] : ['-quiet']), '-i', input, 'snap', 'name=communes',
  '-dissolve', 'code', 'copy-fields=nom,dep',
  '-simplify', ...SIMPLIFY.split(' '), 'weighted', 'keep-shapes',
  '-split', 'dep',
  '-filter-fields', 'code,nom',
  '-o', path.join(WORK, 'out') + '/', 'format=geojson', 'precision=0.0001'], { stdio: 'inherit' });

fs.mkdirSync(OUT_DIR, { recursive: true });
for (const f of fs.readdirSync(OUT_DIR)) if (f.endsWith('.geojson')) fs.rmSync(path.join(OUT_DIR, f));
const sizes = [];
for (const f of fs.readdirSync(path.join(WORK, 'out'))) {
  const dep = f.replace(/^communes-/, '').replace(/\.json$|\.geojson$/, '');
  const fc = JSON.parse(fs.readFileSync(path.join(WORK, 'out', f), 'utf8'));
  // Stable order (by code) and only {code, nom}: the file diffs stay readable when regenerated.
  fc.features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const out = { type: 'FeatureCollection', features: fc.features.map((ft) => ({
    type: 'Feature', properties: { code: ft.properties.code, nom: ft.properties.nom }, geometry: ft.geometry })) };
  const text = JSON.stringify(out);
  fs.writeFileSync(path.join(OUT_DIR, `${dep}.geojson`), text);
  sizes.push([dep, text.length, out.features.length]);
}
fs.rmSync(WORK, { recursive: true, force: true });

sizes.sort((a, b) => b[1] - a[1]);
const total = sizes.reduce((s, x) => s + x[1], 0);
console.log(`source ${SOURCE_COMMIT}: ${files.length} files, ${sourceFeatures} polygons, ${renamed} relabelled to a current code`);
console.log(`unmatched polygons: ${unmatched.length}${unmatched.length ? ': ' + unmatched.join('; ') : ''}`);
console.log(`communes of communes.csv without polygon: ${noPolygon.length}: `
  + noPolygon.map((c) => `${c} ${current.get(c).nom}`).join('; '));
console.log(`written ${sizes.length} files to ${path.relative(repoRoot, OUT_DIR)}, total ${(total / 1e6).toFixed(2)} MB; largest: `
  + sizes.slice(0, 5).map(([d, s, n]) => `${d} ${(s / 1e3).toFixed(0)} KB (${n} communes)`).join(', '));
