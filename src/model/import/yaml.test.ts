import { describe, expect, it } from 'vitest';
import { parseYaml, YamlError } from './yaml';

describe('the small YAML reader', () => {
  it('reads what sigs.k8s.io/yaml prints for a config dump', () => {
    const text = [
      'certificates: []',
      'config:',
      '  adminAddr:',
      '    Localhost:',
      '    - true',
      '    - 15000',
      '  altCaHostname: null',
      '  proxyMetadata:',
      '    ISTIO_VERSION: 1.24.1',
      "  note: 'it''s: here'",
      'services:',
      '- endpoints:',
      '    cluster-default//Pod/bookinfo/details-v1:',
      '      port:',
      '        "9080": 9080',
      '      status: Healthy',
      '  hostname: details.bookinfo.svc.cluster.local',
      '  vips:',
      '  - /10.96.221.215',
      'workloads:',
      '  - name: a # indented sequence',
      '    workloadIps: [10.0.0.1, 10.0.0.2]',
      '    locality: {}',
    ].join('\n');
    expect(parseYaml(text)).toEqual({
      certificates: [],
      config: {
        adminAddr: { Localhost: [true, 15000] },
        altCaHostname: null,
        proxyMetadata: { ISTIO_VERSION: '1.24.1' },
        note: "it's: here",
      },
      services: [
        {
          endpoints: {
            'cluster-default//Pod/bookinfo/details-v1': {
              port: { '9080': 9080 },
              status: 'Healthy',
            },
          },
          hostname: 'details.bookinfo.svc.cluster.local',
          vips: ['/10.96.221.215'],
        },
      ],
      workloads: [{ name: 'a', workloadIps: ['10.0.0.1', '10.0.0.2'], locality: {} }],
    });
  });

  it('reads literal blocks and folded quoted scalars (certificates)', () => {
    const text = [
      'pem: |',
      '  -----BEGIN CERTIFICATE-----',
      '  MIIC',
      '  -----END CERTIFICATE-----',
      'folded: "a long',
      '  string"',
      'plain: a long',
      '  plain string',
    ].join('\n');
    expect(parseYaml(text)).toEqual({
      pem: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n',
      folded: 'a long string',
      plain: 'a long plain string',
    });
  });

  it('keeps only the first document', () => {
    expect(parseYaml('---\na: 1\n---\nb: 2\n')).toEqual({ a: 1 });
  });

  it('fails with a line number on what it does not read', () => {
    expect(() => parseYaml('a: 1\n   b: 2\n')).toThrow(YamlError);
    expect(() => parseYaml('a: &anchor 1\n')).toThrow(/line 1/);
  });
});
