import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allScenarios, DEFAULT_SCENARIO } from '../scenario';
import { articleScenarioOf, articleSpec } from './article';
import { readClusterSpec } from './read';

const ARTICLE_FILE = new URL('../../../public/clusters/article.json', import.meta.url);
const BOOKINFO_FILE = new URL('../../../public/clusters/bookinfo.json', import.meta.url);

describe('the shipped scenario files', () => {
  it('public/clusters/article.json is the article cluster as the model builds it', async () => {
    // Compared as data; written laid out by Prettier, so `npm run format:check` stays clean.
    const expected = articleSpec(DEFAULT_SCENARIO);
    if (process.env.UPDATE_GOLDENS) {
      const { format } = await import('prettier');
      writeFileSync(
        ARTICLE_FILE,
        await format(JSON.stringify(expected, null, 2), { parser: 'json' }),
      );
    }
    expect(JSON.parse(readFileSync(ARTICLE_FILE, 'utf8'))).toEqual(expected);
  });

  it('both files validate without a diagnostic', () => {
    for (const file of [ARTICLE_FILE, BOOKINFO_FILE]) {
      const r = readClusterSpec(readFileSync(file, 'utf8'));
      expect(r.diagnostics).toEqual([]);
      expect(r.spec?.version).toBe(1);
    }
  });

  it('bookinfo is productpage → reviews:9080 through a Service-attached waypoint on three nodes', () => {
    const spec = readClusterSpec(readFileSync(BOOKINFO_FILE, 'utf8')).spec!;
    expect(spec.mode).toBe('inpod');
    expect(spec.istio).toBe('1.24');
    expect(spec.nodes).toHaveLength(3);
    expect(spec.request).toMatchObject({
      from: 'bookinfo/productpage-v1-f47f868c8-vlj4p',
      to: 'reviews:9080',
    });
    const reviews = spec.services.find((s) => s.name === 'reviews')!;
    expect(reviews.vips).toEqual(['10.96.224.224']);
    expect(reviews.waypoint).toBe('bookinfo/waypoint');
    expect(spec.waypoints[0]).toMatchObject({ for: 'service', service: 'bookinfo/waypoint' });
    const reviewsNode = spec.workloads.find((w) => w.name.startsWith('reviews-v1'))!.node;
    const sourceNode = spec.workloads.find((w) => w.name.startsWith('productpage'))!.node;
    expect(reviewsNode).not.toBe(sourceNode);
  });
});

describe('the article cluster as a scenario file', () => {
  it('maps back to the scenario it was made from, for every article scenario', () => {
    for (const s of allScenarios()) expect(articleScenarioOf(articleSpec(s))).toEqual(s);
  });

  it('labels every value the article does not give', () => {
    const spec = articleSpec(DEFAULT_SCENARIO);
    const sleep = spec.workloads.find((w) => w.serviceAccount === 'sleep')!;
    expect(sleep.provenance?.ips?.kind).toBe('illustrative');
    const httpbin = spec.workloads.find((w) => w.serviceAccount === 'httpbin')!;
    expect(httpbin.provenance?.ips).toBeUndefined();
    expect(spec.source.kind).toBe('article');
  });

  it('is no longer the article cluster once a value changes', () => {
    const spec = articleSpec(DEFAULT_SCENARIO);
    const moved = {
      ...spec,
      workloads: spec.workloads.map((w) =>
        w.serviceAccount === 'httpbin' ? { ...w, ips: ['10.244.1.99'] } : w,
      ),
    };
    expect(articleScenarioOf(moved)).toBeUndefined();
    expect(articleScenarioOf({ ...spec, name: 'renamed', provenance: {} })).toEqual(
      DEFAULT_SCENARIO,
    );
  });
});

describe('reading a scenario file', () => {
  const good = JSON.stringify(articleSpec(DEFAULT_SCENARIO));
  it('says where JSON stops being JSON', () => {
    const r = readClusterSpec(good.slice(0, 200));
    expect(r.spec).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_PARSE_JSON', severity: 'error' });
    expect(r.diagnostics[0]!.message).toMatch(/line 1, col \d+/);
  });
  it('names the field that is wrong', () => {
    const data = JSON.parse(good);
    data.workloads[0].ips = ['10.244.2.999'];
    const r = readClusterSpec(data);
    expect(r.diagnostics[0]!.message).toContain('workloads[0].ips[0]');
  });
  it('refuses another version with a way out', () => {
    const r = readClusterSpec({ ...JSON.parse(good), version: 2 });
    expect(r.diagnostics[0]!.code).toBe('E_SPEC_VERSION');
  });
  it('finds references that do not resolve', () => {
    const data = JSON.parse(good);
    data.request.from = 'default/nobody';
    data.workloads[0].node = 'elsewhere';
    const codes = readClusterSpec(data).diagnostics.map((d) => d.code);
    expect(codes).toContain('E_SRC_NOT_FOUND');
    expect(codes).toContain('E_SPEC_REF');
  });
  it('warns about keys it ignores and still reads the file', () => {
    const r = readClusterSpec({ ...JSON.parse(good), futureThing: 1 });
    expect(r.spec).toBeDefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_SPEC_UNKNOWN_KEYS', severity: 'warning' });
  });
});
