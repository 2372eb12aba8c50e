// Builds a communes file in the columns of shared/data/communes.csv from the official Code officiel géographique.
// Inputs (all read from one folder, see refresh.sh which downloads them):
//   communes.json, epci.json  — @etalab/decoupage-administratif (COG of its year: INSEE codes, names, départements,
//                               régions, La Poste postal codes, INSEE populations légales; DGCL EPCI membership)
//   geo.json                  — geo.api.gouv.fr /communes?fields=code,centre,surface (IGN ADMIN EXPRESS centre, surface in ha)
//   cog-year.txt              — the COG year those files hold
// Output: the CSV (communes actuelles only: arrondissements municipaux come from the platform's communes-plm.csv)
// and a sidecar <out>.source.txt saying which COG year it holds.
import fs from "node:fs";
import path from "node:path";

const [inputDir, out, packageVersion] = process.argv.slice(2);
if (!inputDir || !out) {
  console.error("usage: node refresh.mjs INPUT_DIR OUT.csv [PACKAGE_VERSION]");
  process.exit(2);
}
const read = (name) => JSON.parse(fs.readFileSync(path.join(inputDir, name), "utf8"));
const communes = read("communes.json");
const epcis = read("epci.json");
const geo = read("geo.json");
const year = fs.readFileSync(path.join(inputDir, "cog-year.txt"), "utf8").trim();
if (!/^\d{4}$/.test(year)) {
  throw new Error(`cog-year.txt must hold a year, not '${year}'`);
}

const epciOf = new Map();
for (const e of epcis) {
  for (const m of e.membres || []) {
    epciOf.set(m.code, e);
  }
}
const geoOf = new Map(geo.map((g) => [g.code, g]));

const cell = (v) => {
  const s = v === undefined || v === null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const round = (x, digits) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

const header = ["code_insee", "nom", "code_departement", "code_region", "code_epci", "nom_epci", "codes_postaux",
  "population", "superficie_km2", "latitude", "longitude"];
const rows = communes
  .filter((c) => c.type === "commune-actuelle")
  .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  .map((c) => {
    const e = epciOf.get(c.code);
    const g = geoOf.get(c.code);
    const centre = g && g.centre && g.centre.coordinates;
    return [c.code, c.nom, c.departement, c.region, e ? e.code : "", e ? e.nom : "",
      (c.codesPostaux || []).join("|"), c.population ?? "",
      g && g.surface !== undefined && g.surface !== null ? round(g.surface / 100, 2) : "",
      centre ? round(centre[1], 5) : "", centre ? round(centre[0], 5) : ""].map(cell).join(",");
  });
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
fs.writeFileSync(out, header.join(",") + "\n" + rows.join("\n") + "\n");
fs.writeFileSync(out + ".source.txt", [
  `cog=${year}`,
  `source=Code officiel géographique ${year} (INSEE) via @etalab/decoupage-administratif${packageVersion ? "@" + packageVersion : ""};`
    + " centres and surfaces: geo.api.gouv.fr (IGN ADMIN EXPRESS)",
  `rows=${rows.length}`,
  `generated=${new Date().toISOString()}`,
  "",
].join("\n"));
console.log(`${out}: ${rows.length} communes, COG ${year}`);
