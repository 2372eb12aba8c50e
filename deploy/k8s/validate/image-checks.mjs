// Images (issue 23): the Kubernetes Deployments and the compose file run exactly the images the build produces.
// The build names each image by its module's quarkus.container-image.image (Quarkus's Jib extension, root pom.xml
// profile 'images'); checked on the rendered overlays and on deploy/compose.yaml:
//  - each of the four services' and web's Deployments runs that name:tag (an overlay that retags or renames an image
//    fails here: point the whole build at the registry instead, quarkus.container-image.registry);
//  - the compose file's service of the same name uses the same image, and builds none of its own;
//  - where the build has written an image archive (<module>/target/jib-image.tar, deploy/images/build.sh), its
//    name:tag is that one too.
// Usage: node image-checks.mjs <repository root> <compose.yaml> <rendered overlay.yaml>...   (exit 1 on any problem)
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parse, parseAllDocuments } from 'yaml';

const [root, composeFile, ...overlays] = process.argv.slice(2);
const MODULES = { 'directory-service': 'directory-service', 'offers-service': 'offers-service',
  'booking-service': 'booking-service', 'notification-service': 'notification-service', web: 'web' };
const problems = [];

const built = {};
for (const [deployment, module] of Object.entries(MODULES)) {
  const props = readFileSync(`${root}/${module}/src/main/resources/application.properties`, 'utf8');
  const m = props.match(/^quarkus\.container-image\.image=(\S+)\s*$/m);
  if (!m) { problems.push(`${module}: no quarkus.container-image.image (the image the build names)`); continue; }
  built[deployment] = m[1];
  const archive = `${root}/${module}/target/jib-image.tar`;
  if (existsSync(archive)) {
    const tags = JSON.parse(execFileSync('tar', ['-xOf', archive, 'manifest.json'], { encoding: 'utf8' }))[0].RepoTags;
    if (JSON.stringify(tags) !== JSON.stringify([m[1]])) problems.push(`${archive}: image ${tags} is not ${m[1]}`);
  }
}

for (const overlay of overlays) {
  const docs = parseAllDocuments(readFileSync(overlay, 'utf8')).map(d => d.toJS()).filter(Boolean);
  for (const [deployment, image] of Object.entries(built)) {
    const d = docs.find(x => x.kind === 'Deployment' && x.metadata.name === deployment);
    if (!d) { problems.push(`${overlay}: no Deployment ${deployment}`); continue; }
    const images = d.spec.template.spec.containers.map(c => c.image);
    if (images[0] !== image) problems.push(`${overlay}: Deployment ${deployment} runs ${images[0]}, the build produces ${image}`);
  }
}

const compose = parse(readFileSync(composeFile, 'utf8'));
for (const [service, image] of Object.entries(built)) {
  const s = compose.services?.[service];
  if (!s) problems.push(`${composeFile}: no service ${service}`);
  else if (s.image !== image || s.build) problems.push(`${composeFile}: service ${service} runs ${s.build ? 'a build of its own' : s.image}, the build produces ${image}`);
}

if (problems.length) { problems.forEach(p => console.error(`images: ${p}`)); process.exit(1); }
console.log(`images: the Deployments (${overlays.length} overlays) and the compose file run the build's images: ${Object.values(built).join(', ')}`);
