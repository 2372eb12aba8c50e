// Validates rendered Kubernetes manifests (kubectl kustomize output) of Maillage:
//  - core kinds against the Kubernetes OpenAPI schemas shipped by the kubernetes-models package;
//  - Strimzi kinds against the CRDs' openAPIV3Schema (from io.strimzi:api), strictly: a field the CRD
//    does not declare is an error (as kubeconform -strict does), since the API server would drop it;
//  - CloudNativePG kinds against the CRDs' schemas compiled by @kubernetes-models/cloudnative-pg (types,
//    enums, required fields; that package accepts unknown fields), plus the fields Maillage relies on
//    (see REQUIRED_CNPG below);
//  - Prometheus Operator kinds (PodMonitor, PrometheusRule) against the CRDs' schemas compiled by
//    @kubernetes-models/prometheus-operator (queries: monitoring-checks.mjs);
//  - cross references: Services, HPAs and PDBs point at Deployments that exist, KafkaTopics at the Kafka.
// Usage: node validate.mjs <crd-dir> <manifest.yaml>...   (exit 1 on any problem)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import Ajv from 'ajv';

const [crdDir, ...files] = process.argv.slice(2);
if (!crdDir || files.length === 0) {
  console.error('usage: node validate.mjs <crd-dir> <manifest.yaml>...');
  process.exit(2);
}

const ajv = new Ajv({ strict: false, allErrors: true });

function strict(schema) {
  if (schema && typeof schema === 'object') {
    if (schema.properties && !schema['x-kubernetes-preserve-unknown-fields'] && schema.additionalProperties === undefined) {
      schema.additionalProperties = false;
    }
    for (const value of Object.values(schema)) strict(value);
  }
  return schema;
}

const crdValidators = new Map();
for (const file of readdirSync(crdDir).filter(f => f.endsWith('.yaml'))) {
  for (const doc of parseAllDocuments(readFileSync(join(crdDir, file), 'utf8')).map(d => d.toJS())) {
    if (doc?.kind !== 'CustomResourceDefinition') continue;
    for (const version of doc.spec.versions) {
      const schema = strict(structuredClone(version.schema.openAPIV3Schema));
      // metadata is validated by the API server's ObjectMeta, not by the CRD.
      if (schema.properties?.metadata) schema.properties.metadata = { type: 'object' };
      crdValidators.set(`${doc.spec.group}/${version.name}/${doc.spec.names.kind}`, ajv.compile(schema));
    }
  }
}

const REQUIRED_CNPG = {
  Cluster: d => [
    Number.isInteger(d.spec?.instances) && d.spec.instances >= 1 || 'spec.instances must be an integer >= 1',
    typeof d.spec?.storage?.size === 'string' || 'spec.storage.size is required',
    typeof d.spec?.imageName === 'string' || 'spec.imageName is required (PostGIS image)',
  ],
  ScheduledBackup: d => [
    typeof d.spec?.schedule === 'string' && d.spec.schedule.trim().split(/\s+/).length === 6 || 'spec.schedule must have six fields (seconds first)',
    typeof d.spec?.cluster?.name === 'string' || 'spec.cluster.name is required',
  ],
  Database: d => [
    typeof d.spec?.name === 'string' || 'spec.name is required',
    typeof d.spec?.owner === 'string' || 'spec.owner is required',
    typeof d.spec?.cluster?.name === 'string' || 'spec.cluster.name is required',
  ],
};

const problems = [];
const docs = [];
for (const file of files) {
  for (const parsed of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (parsed.errors.length) problems.push(`${file}: YAML error: ${parsed.errors[0].message}`);
    const doc = parsed.toJS();
    if (doc) docs.push({ file, doc });
  }
}

for (const { file, doc } of docs) {
  const where = `${file}: ${doc.kind}/${doc.metadata?.name}`;
  if (!doc.apiVersion || !doc.kind || !doc.metadata?.name) {
    problems.push(`${where}: apiVersion, kind and metadata.name are required`);
    continue;
  }
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  if (group.endsWith('strimzi.io')) {
    const validate = crdValidators.get(`${group}/${version}/${doc.kind}`);
    if (!validate) problems.push(`${where}: no CRD for ${doc.apiVersion} ${doc.kind}`);
    else if (!validate(doc)) problems.push(...validate.errors.map(e => `${where}: ${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`));
  } else if (group === 'monitoring.coreos.com') {
    // Prometheus Operator kinds (PodMonitor, PrometheusRule) against the CRDs' schemas compiled by
    // @kubernetes-models/prometheus-operator; their queries are checked by monitoring-checks.mjs.
    try {
      const Model = (await import(`@kubernetes-models/prometheus-operator/${doc.apiVersion}/${doc.kind}`))[doc.kind];
      new Model(doc).validate();
    } catch (e) {
      problems.push(`${where}: ${e.message}`);
    }
  } else if (group === 'postgresql.cnpg.io') {
    const check = REQUIRED_CNPG[doc.kind];
    if (!check) problems.push(`${where}: unexpected CloudNativePG kind`);
    else problems.push(...check(doc).filter(r => r !== true).map(r => `${where}: ${r}`));
    try {
      const Model = (await import(`@kubernetes-models/cloudnative-pg/${doc.apiVersion}/${doc.kind}`))[doc.kind];
      new Model(doc).validate();
    } catch (e) {
      problems.push(`${where}: ${e.message}`);
    }
  } else {
    let Model;
    try {
      Model = (await import(`kubernetes-models/${doc.apiVersion}/${doc.kind}`))[doc.kind];
    } catch (e) {
      problems.push(`${where}: unknown Kubernetes kind ${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    // Kustomize folds long base64 values over several lines; the API server's decoder skips the newlines.
    const checked = doc.kind === 'Secret' && doc.data
      ? { ...doc, data: Object.fromEntries(Object.entries(doc.data).map(([k, v]) => [k, String(v).replace(/\s+/g, '')])) }
      : doc;
    try {
      new Model(checked).validate();
    } catch (e) {
      problems.push(`${where}: ${e.message}`);
    }
  }
}

// Cross references within one rendered set.
const byKind = kind => docs.filter(d => d.doc.kind === kind).map(d => d.doc);
const deployments = byKind('Deployment');
const podLabels = deployments.map(d => d.spec?.template?.metadata?.labels ?? {});
const matches = selector => podLabels.some(labels => Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v));
for (const svc of byKind('Service')) {
  if (!matches(svc.spec?.selector)) problems.push(`Service/${svc.metadata.name}: selector matches no Deployment`);
}
for (const pdb of byKind('PodDisruptionBudget')) {
  if (!matches(pdb.spec?.selector?.matchLabels)) problems.push(`PodDisruptionBudget/${pdb.metadata.name}: selector matches no Deployment`);
}
for (const hpa of byKind('HorizontalPodAutoscaler')) {
  if (!deployments.some(d => d.metadata.name === hpa.spec.scaleTargetRef.name)) problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: no Deployment ${hpa.spec.scaleTargetRef.name}`);
}
const kafkas = byKind('Kafka').map(k => k.metadata.name);
for (const topic of byKind('KafkaTopic')) {
  if (!kafkas.includes(topic.metadata.labels?.['strimzi.io/cluster'])) problems.push(`KafkaTopic/${topic.metadata.name}: unknown Kafka cluster`);
}
const configMaps = byKind('ConfigMap').map(c => c.metadata.name);
for (const d of deployments) {
  for (const c of d.spec.template.spec.containers) {
    for (const from of c.envFrom ?? []) {
      if (from.configMapRef && !configMaps.includes(from.configMapRef.name)) problems.push(`Deployment/${d.metadata.name}: ConfigMap ${from.configMapRef.name} is not part of the manifests`);
    }
  }
  for (const v of d.spec.template.spec.volumes ?? []) {
    if (v.configMap && !configMaps.includes(v.configMap.name)) problems.push(`Deployment/${d.metadata.name}: ConfigMap ${v.configMap.name} is not part of the manifests`);
  }
}

if (problems.length) {
  console.error(problems.map(p => `INVALID ${p}`).join('\n'));
  process.exit(1);
}
console.log(`valid: ${docs.length} resources in ${files.join(', ')}`);
