import { describe, expect, it } from 'vitest';
import { hasErrors } from '../spec/diagnostics';
import { readClusterSpec } from '../spec/read';
import { importCluster, type ImportInput } from './importCluster';
import { resolveRequest } from './request';
import { HAVE_UPSTREAM, REAL_DUMP, upstream } from './upstreamInputs';
import { parseYaml } from './yaml';

const codes = (inputs: ImportInput[]): string[] =>
  importCluster(inputs, { parseYaml }).diagnostics.map((d) => d.code);
const one = (text: string, name = 'pasted text'): ImportInput[] => [{ name, text }];

describe.skipIf(!HAVE_UPSTREAM)('importing the real ztunnel 1.24 dump (Kiali testdata)', () => {
  const text = HAVE_UPSTREAM ? upstream(REAL_DUMP) : '{}';
  const dump = JSON.parse(text) as Record<string, unknown>;
  const r = importCluster(one(text, REAL_DUMP), { parseYaml });

  it('gives an in-pod 1.24 spec with every workload and Service of the dump', () => {
    expect(hasErrors(r.diagnostics)).toBe(false);
    expect(r.spec?.mode).toBe('inpod');
    expect(r.spec?.istio).toBe('1.24');
    expect(r.spec?.localNode).toBe('ci-control-plane');
    expect(r.spec?.workloads).toHaveLength(48);
    expect(r.spec?.services).toHaveLength(39);
  });

  it('keeps the dump’s addresses, service accounts and nodes for bookinfo', () => {
    const w = r.spec!.workloads.find((x) => x.name === 'productpage-v1-f47f868c8-vlj4p')!;
    expect(w).toMatchObject({
      namespace: 'bookinfo',
      serviceAccount: 'bookinfo-productpage',
      node: 'ci-worker',
      ips: ['10.244.1.20'],
      enrolled: true,
    });
    const reviews = r.spec!.services.find(
      (s) => s.name === 'reviews' && s.namespace === 'bookinfo',
    )!;
    expect(reviews.vips).toEqual(['10.96.224.224']);
    expect(reviews.waypoint).toBe('bookinfo/waypoint');
    expect(reviews.endpoints?.map((e) => e.workload).sort()).toEqual([
      'bookinfo/reviews-v1-5fc87d67c-r67vp',
      'bookinfo/reviews-v2-f6d449f65-v2qx7',
      'bookinfo/reviews-v3-76f75877b9-g6ds7',
    ]);
  });

  it('resolves the Service-attached waypoint to its Service and pod', () => {
    const wp = r.spec!.waypoints.find((x) => x.name === 'waypoint')!;
    expect(wp).toMatchObject({
      namespace: 'bookinfo',
      for: 'service',
      service: 'bookinfo/waypoint',
      pods: ['bookinfo/waypoint-7564f99fc9-xlkjz'],
      port: 15008,
    });
  });

  it('resolves productpage → reviews:9080 to the reviews Service port', () => {
    const spec = {
      ...r.spec!,
      request: {
        from: 'bookinfo/productpage-v1-f47f868c8-vlj4p',
        to: 'reviews:9080',
        method: 'GET',
        path: '/reviews/0',
      },
    };
    const res = resolveRequest(spec, r.unresolvedWaypoints);
    expect(res.source?.ips).toEqual(['10.244.1.20']);
    expect(res.destination).toMatchObject({ kind: 'service', port: 9080, targetPort: 9080 });
    // The dump is ci-control-plane's; productpage runs on ci-worker: said, not fatal.
    expect(res.diagnostics.map((d) => d.code)).toEqual(['E_SRC_NOT_LOCAL']);
  });

  it('strips certificates, so no PEM survives in the spec', () => {
    const withCert = {
      ...dump,
      certificates: [
        {
          identity: 'x',
          certChain: [{ pem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' }],
        },
      ],
    };
    const res = importCluster(one(JSON.stringify(withCert)), { parseYaml });
    expect(res.diagnostics.map((d) => d.code)).toContain('E_SECRETS');
    expect(JSON.stringify(res.spec)).not.toContain('BEGIN CERTIFICATE');
  });

  it('ignores kubectl noise before the JSON and says how many lines', () => {
    const res = importCluster(one(`Defaulted container "discovery" out of: discovery\n${text}`), {
      parseYaml,
    });
    expect(res.spec?.workloads).toHaveLength(48);
    expect(res.diagnostics.find((d) => d.code === 'E_NOISE_PREFIX')?.message).toContain(
      'Ignored 1 line',
    );
  });

  it('merges istioctl’s per-kind arrays pasted separately', () => {
    const ws = (dump.workloads as Record<string, unknown>[]).map((w) => ({
      ...w,
      locality: {},
      applicationTunnel: { protocol: '' },
    }));
    const res = importCluster(
      [
        { name: 'workloads.json', text: JSON.stringify(ws) },
        { name: 'services.json', text: JSON.stringify(dump.services) },
      ],
      { parseYaml },
    );
    expect(res.spec?.workloads).toHaveLength(48);
    expect(res.spec?.services).toHaveLength(39);
    expect(res.spec?.waypoints.map((w) => w.name)).toContain('waypoint');
  });

  it('reads the 1.22 map format (istioctl’s fixture) as well as lists', () => {
    const res = importCluster(one(upstream('istioctl-testdata-dump-1.24.0.json')), { parseYaml });
    expect(res.spec?.workloads).toHaveLength(27);
    expect(res.spec?.services).toHaveLength(19);
  });

  it('round-trips: the spec it gives is a valid scenario file', () => {
    const back = readClusterSpec(JSON.stringify(r.spec));
    expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(back.spec).toEqual(r.spec);
  });

  it('asks for -o json when given the text table', () => {
    expect(codes(one(upstream('istio.io-troubleshoot-ztunnel-workloads-summary.txt')))).toContain(
      'E_ISTIOCTL_SUMMARY',
    );
  });

  it('flags rules of another release against the dump (the real 1.21 TPROXY capture)', () => {
    const c = codes([
      { name: 'dump', text },
      {
        name: 'rules',
        text: upstream('istio.io-traffic-redirection-1.21-pod-iptables-save.txt'),
        pod: 'bookinfo/productpage-v1-f47f868c8-vlj4p',
      },
    ]);
    expect(c).toContain('E_RULES_MISMATCH_VERSION');
  });

  it('says what is missing for an enrolled pod with no redirection rules or return route', () => {
    const pod = 'bookinfo/productpage-v1-f47f868c8-vlj4p';
    expect(
      codes([
        { name: 'dump', text },
        { name: 'rules', text: '*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n', pod },
      ]),
    ).toContain('E_RULES_MISSING');
    expect(
      codes([
        { name: 'dump', text },
        { name: 'ip rule', text: '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n', pod },
      ]),
    ).toContain('E_IPRULE_MISSING');
  });

  it('refuses a dump from before in-pod redirection and says which mode to use', () => {
    const cfg = { ...(dump.config as object), inpodUds: undefined, packetMark: undefined };
    const res = importCluster(one(JSON.stringify({ ...dump, config: cfg })), { parseYaml });
    expect(res.spec).toBeUndefined();
    const d = res.diagnostics.find((x) => x.code === 'E_PRE_INPOD');
    expect(d?.fix).toMatch(/iptables\/GENEVE or eBPF/);
  });

  it('warns when a Service’s waypoint is not in the dump', () => {
    const services = (dump.services as { waypoint?: object }[]).map((s) =>
      s.waypoint
        ? {
            ...s,
            waypoint: {
              destination: 'bookinfo/gone.bookinfo.svc.cluster.local',
              hboneMtlsPort: 15008,
            },
          }
        : s,
    );
    const res = importCluster(one(JSON.stringify({ ...dump, services })), { parseYaml });
    expect(res.diagnostics.map((d) => d.code)).toContain('E_WAYPOINT_UNRESOLVED');
    const spec = {
      ...res.spec!,
      request: {
        from: 'bookinfo/productpage-v1-f47f868c8-vlj4p',
        to: 'reviews:9080',
        method: 'GET',
        path: '/',
      },
    };
    expect(resolveRequest(spec, res.unresolvedWaypoints).diagnostics.map((d) => d.code)).toContain(
      'E_WAYPOINT_UNRESOLVED',
    );
  });
});

describe('inputs that are not a ztunnel dump', () => {
  it('names an Envoy dump and says which command gives ztunnel’s', () => {
    const r = importCluster(
      one(
        JSON.stringify({
          configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump' }],
        }),
      ),
    );
    expect(r.spec).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({
      code: 'E_ENVOY_DUMP',
      fix: expect.stringContaining('ztunnel-config all -o json'),
    });
  });

  it('says where a truncated paste ends', () => {
    const r = importCluster(one('{"workloads": [{"name": "a"'));
    expect(r.diagnostics[0]?.code).toBe('E_PARSE_JSON');
    expect(r.diagnostics[0]?.message).toMatch(/line 1/);
  });

  it('asks for a dump when given text it does not know, or nothing', () => {
    expect(codes(one('hello world'))).toEqual(['E_UNKNOWN_INPUT']);
    expect(codes(one(''))).toContain('E_NO_DUMP');
  });

  it('refuses the pre-1.19 workload format as node redirection', () => {
    const old = {
      workloads: { '/10.0.0.1': { workloadIp: '10.0.0.1', name: 'a', namespace: 'b' } },
    };
    expect(codes(one(JSON.stringify(old)))).toContain('E_PRE_INPOD');
  });

  it('reads YAML output', () => {
    const r = importCluster(
      one(
        'workloads:\n- name: a\n  namespace: b\n  workloadIps: [10.0.0.1]\n  protocol: HBONE\n  node: n1\n',
      ),
      { parseYaml },
    );
    expect(r.spec?.workloads.map((w) => w.ips[0])).toEqual(['10.0.0.1']);
  });
});
