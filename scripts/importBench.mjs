#!/usr/bin/env node
// npm run bench (last step): how long a large cluster takes to import and to walk. Generates
// a ztunnel 1.24-style /config_dump with 500 workloads (5 nodes, 100 Services of 4 endpoints,
// 10 Service-attached waypoints, 20 policies), bundles the importer with rolldown, and times
// importCluster (text in, ClusterSpec out), routeSpec (the request walked at ztunnel's level)
// and walkSpec (the cluster built — every pod's netns and rules — and walked hop by hop through
// the kernel model) in Node.
// Targets (issue 13): import ≤ 300 ms, walk ≤ 50 ms. Reported figures, not a gate.
// Writes bench/results/import.json and bench/results/import.md and prints the table.
//   --workloads N   size of the generated dump (default 500)
//   --runs N        timed runs after two warm-ups (default 15)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { fmt, machine, median, writeResults } from './lib/harness.mjs';

const args = process.argv.slice(2);
const arg = (name, d) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const WORKLOADS = arg('workloads', 500);
const RUNS = arg('runs', 15);

/** A dump shaped like ztunnel 1.24's: lists, keys as ztunnel writes them, certificates. */
export function generateDump(n) {
  const nodes = Array.from({ length: 5 }, (_, i) => `worker-${i}`);
  const services = [];
  const workloads = [];
  const waypointHost = (i) => `ns-${i}/waypoint.ns-${i}.svc.cluster.local`;
  for (let i = 0; i < 10; i++) {
    const uid = `Kubernetes//Pod/ns-${i}/waypoint-0`;
    workloads.push({
      uid,
      name: 'waypoint-0',
      namespace: `ns-${i}`,
      serviceAccount: 'waypoint',
      workloadIps: [`10.244.${i}.250`],
      protocol: 'TCP',
      node: nodes[i % 5],
      status: 'Healthy',
      clusterId: 'Kubernetes',
      networkMode: 'Standard',
      trustDomain: 'cluster.local',
    });
    services.push({
      name: 'waypoint',
      namespace: `ns-${i}`,
      hostname: `waypoint.ns-${i}.svc.cluster.local`,
      vips: [`/10.96.${i}.250`],
      ports: { 15008: 15008, 15021: 15021 },
      endpoints: { [uid]: { workloadUid: uid, port: { 15008: 15008 }, status: 'Healthy' } },
      subjectAltNames: [],
      ipFamilies: 'IPv4',
    });
  }
  for (let k = 0; workloads.length < n; k++) {
    const i = Math.floor(k / 4) % 10;
    const app = `app-${Math.floor(k / 4)}`;
    workloads.push({
      uid: `Kubernetes//Pod/ns-${i}/${app}-${k}`,
      name: `${app}-${k}`,
      namespace: `ns-${i}`,
      serviceAccount: app,
      workloadIps: [
        `10.${244 + Math.floor(k / 60000)}.${10 + (Math.floor(k / 250) % 240)}.${(k % 250) + 1}`,
      ],
      protocol: 'HBONE',
      node: nodes[k % 5],
      status: 'Healthy',
      clusterId: 'Kubernetes',
      networkMode: 'Standard',
      trustDomain: 'cluster.local',
      canonicalName: app,
      canonicalRevision: 'v1',
      workloadName: app,
      workloadType: 'deployment',
      services: [`ns-${i}/${app}.ns-${i}.svc.cluster.local`],
    });
  }
  const byApp = new Map();
  for (const w of workloads.slice(10)) {
    const key = `${w.namespace}/${w.canonicalName}`;
    byApp.set(key, [...(byApp.get(key) ?? []), w]);
  }
  let s = 0;
  for (const [key, ws] of byApp) {
    const [ns, app] = key.split('/');
    services.push({
      name: app,
      namespace: ns,
      hostname: `${app}.${ns}.svc.cluster.local`,
      vips: [`/10.96.${100 + Math.floor(s / 250)}.${(s % 250) + 1}`],
      ports: { 9080: 9080 },
      endpoints: Object.fromEntries(
        ws.map((w) => [w.uid, { workloadUid: w.uid, port: { 9080: 9080 }, status: 'Healthy' }]),
      ),
      waypoint: { destination: waypointHost(Number(ns.slice(3))), hboneMtlsPort: 15008 },
      subjectAltNames: [],
      ipFamilies: 'IPv4',
    });
    s++;
  }
  const policies = Array.from({ length: 20 }, (_, i) => ({
    name: `allow-${i}`,
    namespace: `ns-${i % 10}`,
    scope: 'Namespace',
    action: 'Allow',
    dryRun: false,
    rules: [[[{ principals: [{ Exact: `spiffe://cluster.local/ns/ns-${i % 10}/sa/waypoint` }] }]]],
  }));
  return {
    certificates: [
      {
        identity: 'spiffe://cluster.local/ns/ns-0/sa/app-0',
        state: 'Available',
        certChain: [{ pem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' }],
      },
    ],
    config: {
      inpodUds: '/var/run/ztunnel/ztunnel.sock',
      packetMark: 1337,
      localNode: nodes[0],
      proxyMetadata: { ISTIO_VERSION: '1.24.1' },
    },
    policies,
    services,
    stagedServices: {},
    staticConfig: { policies: [], services: [], workloads: [] },
    version: { gitTag: '1.24.1', istioVersion: '1.24.1' },
    workloadState: {},
    workloads,
  };
}

async function loadImporter() {
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  const entry = join(dir, 'entry.ts');
  const src = resolve('src/model/import');
  writeFileSync(
    entry,
    `export { importCluster } from ${JSON.stringify(join(src, 'importCluster.ts'))};\n` +
      `export { routeSpec } from ${JSON.stringify(join(src, 'route.ts'))};\n` +
      `export { walkSpec } from ${JSON.stringify(resolve('src/model/specCluster/index.ts'))};\n`,
  );
  const bundle = await rolldown({ input: entry, platform: 'node', logLevel: 'silent' });
  await bundle.write({ file: join(dir, 'importer.mjs'), format: 'esm' });
  const mod = await import(pathToFileURL(join(dir, 'importer.mjs')).href);
  rmSync(dir, { recursive: true, force: true });
  return mod;
}

const { importCluster, routeSpec, walkSpec } = await loadImporter();
const text = JSON.stringify(generateDump(WORKLOADS), null, 2);
const importMs = [];
const walkMs = [];
const hopsMs = [];
let spec;
let hops = 0;
for (let r = 0; r < RUNS + 2; r++) {
  const t0 = performance.now();
  const res = importCluster([{ name: 'generated dump', text }]);
  const t1 = performance.now();
  spec = res.spec;
  if (!spec)
    throw new Error(
      `the generated dump did not import: ${res.diagnostics.map((d) => d.code).join(', ')}`,
    );
  const req = { ...spec.request, from: 'ns-0/app-0-0', to: 'app-10.ns-0:9080' };
  const route = routeSpec({ ...spec, request: req });
  const t2 = performance.now();
  if (route.outcome !== 'delivered') throw new Error(`the walk ended ${route.outcome}`);
  const kernel = walkSpec({ ...spec, request: req });
  const t3 = performance.now();
  if (kernel.walk?.outcome.kind !== 'delivered')
    throw new Error(
      `the hop-by-hop walk ended ${kernel.walk?.outcome.kind ?? kernel.diagnostics.map((d) => d.code).join(', ')}`,
    );
  hops = kernel.walk.hops.length;
  if (r >= 2) {
    importMs.push(t1 - t0);
    walkMs.push(t2 - t1);
    hopsMs.push(t3 - t2);
  }
}
const result = {
  machine: machine(),
  workloads: spec.workloads.length,
  services: spec.services.length,
  bytes: text.length,
  runs: RUNS,
  importMedianMs: median(importMs),
  importMaxMs: Math.max(...importMs),
  walkMedianMs: median(walkMs),
  walkMaxMs: Math.max(...walkMs),
  hopByHopMedianMs: median(hopsMs),
  hopByHopMaxMs: Math.max(...hopsMs),
  hops,
  targets: { importMs: 300, walkMs: 50 },
};
const md = [
  `# Import bench (${result.workloads} workloads, ${result.services} Services, ${(result.bytes / 1024).toFixed(0)} kB)`,
  '',
  '| | median ms | max ms | target ms |',
  '|---|---|---|---|',
  `| import (text → ClusterSpec) | ${fmt(result.importMedianMs, 1)} | ${fmt(result.importMaxMs, 1)} | 300 |`,
  `| walk at ztunnel's level (request → route) | ${fmt(result.walkMedianMs, 2)} | ${fmt(result.walkMaxMs, 2)} | 50 |`,
  `| walk hop by hop (cluster built + ${result.hops} hops) | ${fmt(result.hopByHopMedianMs, 1)} | ${fmt(result.hopByHopMaxMs, 1)} | 50 |`,
].join('\n');
writeResults('import', result, md);
console.log(md);
