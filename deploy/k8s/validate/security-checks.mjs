// Security checks of the rendered manifests (issue 16), run by deploy/k8s/check.sh on each overlay:
//  - NetworkPolicies: a default deny (every pod, ingress and egress); every Deployment selected by a policy of its own
//    (same name) with ingress rules; the services reachable from the gateway (and the monitoring namespace on the
//    management port) only; egress to public addresses (ipBlock) on 443 for the services, and beyond 443 (SMTP) only
//    for notification-service;
//  - Kafka: every listener authenticates, authorization is on; one KafkaUser per service, whose ACLs match
//    deploy/topics.txt (it writes exactly the topics named after it, reads only declared topics, only its own groups);
//  - each service reads its own KafkaUser's credentials; booking and notification the sealing key;
//  - an Ingress with TLS in front of the gateway only;
//  - the web module (issue 17): reachable from the gateway only (its HTTP port), reaching only the gateway (the public
//    API), DNS and the identity provider (issue 18: in-cluster Keycloak on 8080, or public addresses on 443), holding no
//    database, Kafka or sealing credential; its OIDC client secret from the maillage-web Secret.
// Usage: node security-checks.mjs <topics.txt> <manifest.yaml>   (exit 1 on any problem)
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const [topicsFile, manifest] = process.argv.slice(2);
const docs = parseAllDocuments(readFileSync(manifest, 'utf8')).map(d => d.toJS()).filter(Boolean);
const topics = readFileSync(topicsFile, 'utf8').split('\n').map(l => l.replace(/#.*/, '').trim().split(/\s+/)[0]).filter(Boolean);
const problems = [];
const kind = k => docs.filter(d => d.kind === k);
const SERVICES = ['directory', 'offers', 'booking', 'notification'];
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

// --- NetworkPolicies
const policies = kind('NetworkPolicy');
const selects = (policy, labels) => Object.entries(policy.spec.podSelector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
  && !(policy.spec.podSelector?.matchExpressions?.length);
const deny = policies.find(p => Object.keys(p.spec.podSelector ?? {}).length === 0 || (!p.spec.podSelector.matchLabels && !p.spec.podSelector.matchExpressions));
const denyAll = policies.find(p => !Object.keys(p.spec.podSelector?.matchLabels ?? {}).length && !(p.spec.podSelector?.matchExpressions?.length)
  && ['Ingress', 'Egress'].every(t => p.spec.policyTypes?.includes(t)) && !p.spec.ingress?.length && !p.spec.egress?.length);
if (!deny || !denyAll) problems.push('no default-deny NetworkPolicy (every pod, Ingress and Egress, no rule)');
for (const d of kind('Deployment')) {
  const labels = d.spec.template.metadata.labels ?? {};
  const own = policies.find(p => p.metadata.name === d.metadata.name);
  if (!own) problems.push(`Deployment/${d.metadata.name}: no NetworkPolicy of its own (named ${d.metadata.name})`);
  else if (!selects(own, labels)) problems.push(`NetworkPolicy/${own.metadata.name} does not select its Deployment's pods`);
  else if (!own.spec.ingress?.length) problems.push(`NetworkPolicy/${own.metadata.name}: no ingress rule (the pods would be unreachable)`);
}
for (const svc of SERVICES) {
  const name = `${svc}-service`;
  const d = kind('Deployment').find(x => x.metadata.name === name);
  if (!d) { problems.push(`no Deployment ${name}`); continue; }
  const labels = d.spec.template.metadata.labels;
  for (const p of policies.filter(p => selects(p, labels) && p.spec.ingress)) {
    for (const rule of p.spec.ingress) {
      for (const from of rule.from ?? [{}]) {
        const fromGateway = from.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'gateway' && !from.namespaceSelector;
        const fromMonitoring = from.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring'
          && (rule.ports ?? []).every(port => port.port === 9000);
        if (!fromGateway && !fromMonitoring) problems.push(`NetworkPolicy/${p.metadata.name}: ${name} reachable from ${JSON.stringify(from)} (only the gateway, and monitoring on 9000)`);
      }
    }
  }
  for (const p of policies.filter(p => selects(p, labels) && p.spec.egress)) {
    for (const rule of p.spec.egress) {
      for (const to of rule.to ?? [{ anywhere: true }]) {
        if (to.anywhere) problems.push(`NetworkPolicy/${p.metadata.name}: ${name} may reach any address`);
        if (!to.ipBlock) continue;
        const except = to.ipBlock.except ?? [];
        if (to.ipBlock.cidr === '0.0.0.0/0' && !PRIVATE.every(c => except.includes(c))) problems.push(`NetworkPolicy/${p.metadata.name}: ${name} may reach private addresses`);
        const ports = (rule.ports ?? []).map(port => port.port);
        if (!ports.length) problems.push(`NetworkPolicy/${p.metadata.name}: ${name} may reach public addresses on any port`);
        if (svc !== 'notification' && ports.some(port => port !== 443)) problems.push(`NetworkPolicy/${p.metadata.name}: ${name} may reach public addresses on ${ports} (HTTPS only, SMTP is notification's)`);
      }
    }
  }
}

// --- the web module: pages behind the gateway, a partner app of the public API through the gateway, nothing else
{
  const web = kind('Deployment').find(x => x.metadata.name === 'web');
  if (!web) problems.push('no Deployment web (the citizen pages)');
  else {
    const labels = web.spec.template.metadata.labels;
    const isGateway = peer => peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'gateway' && !peer.namespaceSelector && !peer.ipBlock;
    const isDns = peer => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'kube-system'
      && peer.podSelector?.matchLabels?.['k8s-app'] === 'kube-dns';
    for (const p of policies.filter(p => selects(p, labels))) {
      for (const rule of p.spec.ingress ?? []) {
        for (const from of rule.from ?? [{}]) {
          if (!isGateway(from)) problems.push(`NetworkPolicy/${p.metadata.name}: web reachable from ${JSON.stringify(from)} (only the gateway)`);
        }
        if (!(rule.ports ?? []).length || rule.ports.some(port => port.port !== 8085)) problems.push(`NetworkPolicy/${p.metadata.name}: web reachable on ${JSON.stringify(rule.ports ?? 'any port')} (8085 only)`);
      }
      for (const rule of p.spec.egress ?? []) {
        for (const to of rule.to ?? [{ anywhere: true }]) {
          const ports = (rule.ports ?? []).map(port => port.port);
          if (isGateway(to) && ports.length && ports.every(port => port === 8086)) continue;
          if (isDns(to) && ports.length && ports.every(port => port === 53)) continue;
          // the identity provider (sign-in back channel, client credentials): Keycloak in the cluster, or public HTTPS
          if (to.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'keycloak' && !to.namespaceSelector && ports.length
            && ports.every(port => port === 8080)) continue;
          if (to.ipBlock?.cidr === '0.0.0.0/0' && PRIVATE.every(c => (to.ipBlock.except ?? []).includes(c)) && ports.length
            && ports.every(port => port === 443)) continue;
          problems.push(`NetworkPolicy/${p.metadata.name}: web may reach ${JSON.stringify(to)} on ${ports.length ? ports : 'any port'} (only the gateway's 8086 and DNS)`);
        }
      }
    }
    const env = web.spec.template.spec.containers[0].env ?? [];
    for (const name of ['MAILLAGE_SEALING_KEY', 'KAFKA_SASL_JAAS_CONFIG', 'DB_PASSWORD', 'DB_USER']) {
      if (env.some(e => e.name === name)) problems.push(`Deployment/web: has ${name}, which the pages never need (they only call the API)`);
    }
    if (!env.some(e => e.name === 'MAILLAGE_API_URL' && /^http:\/\/gateway:8086(\/|$)/.test(e.value ?? ''))) problems.push('Deployment/web: MAILLAGE_API_URL is not the gateway Service\'s port 8086');
    const oidcSecret = env.find(e => e.name === 'MAILLAGE_OIDC_SECRET')?.valueFrom?.secretKeyRef;
    if (oidcSecret?.name !== 'maillage-web' || oidcSecret?.key !== 'oidc-secret') problems.push('Deployment/web: MAILLAGE_OIDC_SECRET not from the maillage-web Secret (key oidc-secret)');
    // the gateway's port without flood cap is web's alone
    for (const p of policies.filter(p => selects(p, { 'app.kubernetes.io/name': 'gateway' }))) {
      for (const rule of p.spec.ingress ?? []) {
        if ((rule.ports ?? []).some(port => port.port === 8086)
          && !(rule.from ?? [{}]).every(from => from.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'web' && !from.namespaceSelector)) {
          problems.push(`NetworkPolicy/${p.metadata.name}: the gateway's port 8086 (no flood cap) is reachable from more than web`);
        }
      }
    }
  }
}

// --- Kafka authentication and ACLs
for (const k of kind('Kafka')) {
  for (const l of k.spec.kafka.listeners ?? []) {
    if (!l.authentication) problems.push(`Kafka/${k.metadata.name}: listener ${l.name} without authentication`);
    if (!l.tls) problems.push(`Kafka/${k.metadata.name}: listener ${l.name} without TLS`);
  }
  if (k.spec.kafka.authorization?.type !== 'simple') problems.push(`Kafka/${k.metadata.name}: authorization is not on (simple)`);
}
const users = kind('KafkaUser');
const writers = new Map();
for (const svc of SERVICES) {
  const user = users.find(u => u.metadata.name === `${svc}-service`);
  if (!user) { problems.push(`no KafkaUser ${svc}-service`); continue; }
  if (!user.spec.authentication?.type) problems.push(`KafkaUser/${svc}-service: no authentication`);
  for (const acl of user.spec.authorization?.acls ?? []) {
    const r = acl.resource;
    if ((acl.type ?? 'allow') !== 'allow') continue;
    if (r.type === 'topic') {
      if (r.patternType !== 'literal') problems.push(`KafkaUser/${svc}-service: topic ACL by ${r.patternType} (${r.name}): name each topic`);
      if (!topics.includes(r.name)) problems.push(`KafkaUser/${svc}-service: ACL on ${r.name}, not in deploy/topics.txt`);
      const bad = acl.operations.filter(o => !['Read', 'Write', 'Describe'].includes(o));
      if (bad.length) problems.push(`KafkaUser/${svc}-service: operations ${bad} on ${r.name}`);
      if (acl.operations.includes('Write')) {
        if (!r.name.startsWith(`${svc}.`)) problems.push(`KafkaUser/${svc}-service may write ${r.name}, another service's topic`);
        writers.set(r.name, [...(writers.get(r.name) ?? []), svc]);
      }
    } else if (r.type === 'group') {
      if (!r.name.startsWith(`${svc}-service`)) problems.push(`KafkaUser/${svc}-service: ACL on group ${r.name}, not its own`);
    } else {
      problems.push(`KafkaUser/${svc}-service: ACL on ${r.type} ${r.name}`);
    }
  }
}
for (const t of topics) {
  const w = writers.get(t) ?? [];
  if (w.length !== 1) problems.push(`topic ${t}: written by ${w.length ? w.join(', ') : 'no KafkaUser'} (exactly its owner expected)`);
}

// --- secrets wiring of the services
for (const svc of SERVICES) {
  const d = kind('Deployment').find(x => x.metadata.name === `${svc}-service`);
  if (!d) continue;
  const env = d.spec.template.spec.containers[0].env ?? [];
  const secretOf = name => env.find(e => e.name === name)?.valueFrom?.secretKeyRef;
  const jaas = secretOf('KAFKA_SASL_JAAS_CONFIG');
  if (jaas?.name !== `${svc}-service` || jaas?.key !== 'sasl.jaas.config') problems.push(`Deployment/${svc}-service: KAFKA_SASL_JAAS_CONFIG not from its own KafkaUser's Secret`);
  const sealing = secretOf('MAILLAGE_SEALING_KEY');
  if (['booking', 'notification'].includes(svc) && sealing?.name !== 'maillage-sealing') problems.push(`Deployment/${svc}-service: MAILLAGE_SEALING_KEY not from the maillage-sealing Secret`);
  if (!['booking', 'notification'].includes(svc) && sealing) problems.push(`Deployment/${svc}-service: has the sealing key, which only booking and notification need`);
}

// --- Ingress with TLS to the gateway only
const ingresses = kind('Ingress');
if (!ingresses.length) problems.push('no Ingress');
for (const i of ingresses) {
  if (!i.spec.tls?.length || !i.spec.tls.every(t => t.secretName)) problems.push(`Ingress/${i.metadata.name}: no TLS`);
  for (const rule of i.spec.rules ?? []) {
    for (const path of rule.http?.paths ?? []) {
      if (path.backend.service?.name !== 'gateway') problems.push(`Ingress/${i.metadata.name}: routes ${path.path} to ${path.backend.service?.name}, not the gateway`);
    }
    if (!i.spec.tls?.some(t => t.hosts?.includes(rule.host))) problems.push(`Ingress/${i.metadata.name}: host ${rule.host} without TLS`);
  }
}

if (problems.length) {
  console.error(problems.map(p => `INSECURE ${manifest}: ${p}`).join('\n'));
  process.exit(1);
}
console.log(`secure: ${manifest} (${policies.length} NetworkPolicies, ${users.length} KafkaUsers, ${ingresses.length} Ingress)`);
