import { describe, expect, it } from 'vitest';
import { RELEASES } from '../releases';
import { envoyRbac, ztunnelRbac } from './evaluate';
import { toZtunnelAuthorization } from './translate';
import type { AuthorizationPolicy } from './types';

const P = { kind: 'illustrative', note: '' } as const;
const SLEEP = 'cluster.local/ns/default/sa/sleep';
const OTHER = 'cluster.local/ns/default/sa/notsleep';
const v118 = RELEASES['1.18'].ztunnel.rbac;
const v119 = RELEASES['1.19'].ztunnel.rbac;
const v120 = RELEASES['1.20'].ztunnel.rbac;

const denyGet: AuthorizationPolicy = {
  name: 'deny-get',
  namespace: 'default',
  selector: { app: 'httpbin' },
  action: 'DENY',
  rules: [{ from: [{ principals: [SLEEP] }], to: [{ methods: ['GET'], paths: ['/get'] }] }],
  intent: '',
  prov: P,
};
const allowNotSleep: AuthorizationPolicy = {
  name: 'viewer',
  namespace: 'default',
  selector: { app: 'httpbin' },
  action: 'ALLOW',
  rules: [{ from: [{ principals: [OTHER] }] }],
  intent: '',
  prov: P,
};

describe('what istiod gives ztunnel (handleRule, the same in 1.18, 1.19 and 1.20)', () => {
  it('turns a DENY whose only `to` is HTTP into an empty match beside the `from` (istio/istio@1.18.0:pilot/pkg/serviceregistry/kube/controller/ambientindex.go)', () => {
    const z = toZtunnelAuthorization(denyGet);
    expect(z.action).toBe('Deny');
    expect(z.groups).toEqual([
      [
        [{ principals: [], namespaces: [], destinationPorts: [] }],
        [{ principals: [SLEEP], namespaces: [], destinationPorts: [] }],
      ],
    ]);
    expect(z.dropped).toEqual([
      'method GET, path /get dropped from the DENY rule, leaving an empty match',
    ]);
  });

  it('omits an ALLOW rule with HTTP attributes ("L7 policies never match for ALLOW")', () => {
    const z = toZtunnelAuthorization({ ...denyGet, action: 'ALLOW' });
    expect(z.groups).toEqual([]);
    expect(ztunnelRbac([z], { principal: SLEEP, dstPort: 80 }, v118)).toMatchObject({
      allowed: false,
      reason: 'no allow policies matched',
    });
  });

  it('sends a policy without a selector (a targetRef one) as namespace-wide: a targetRef is not looked at', () => {
    const z = toZtunnelAuthorization({
      name: denyGet.name,
      namespace: denyGet.namespace,
      action: denyGet.action,
      rules: denyGet.rules,
      intent: '',
      prov: P,
      targetRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'httpbin' },
    });
    expect(z.scope).toBe('Namespace');
  });
});

describe('ztunnel RBAC at each release (src/rbac.rs Authorization::matches, assert_rbac)', () => {
  const deny = toZtunnelAuthorization(denyGet);
  it.each([
    ['1.18', v118, 'empty rule: false'],
    ['1.19', v119, 'empty clause: false'],
    ['1.20', v120, 'empty clause: false'],
  ])(
    '%s never matches the empty match, so the L7-only DENY has no effect (istio/istio#61126)',
    (_r, sem, trace) => {
      const d = ztunnelRbac([deny], { principal: SLEEP, namespace: 'default', dstPort: 80 }, sem);
      expect(d).toMatchObject({ allowed: true, reason: 'no allow policies, allow' });
      expect(d.evaluated).toEqual([{ policy: 'default/deny-get', action: 'Deny', matched: false }]);
      expect(d.trace.join(' ')).toContain(trace);
    },
  );

  it('logs the 1.18–1.20 words: "deny policy match" names the policy', () => {
    const denyAll = toZtunnelAuthorization({
      ...denyGet,
      rules: [{ from: [{ principals: [SLEEP] }] }],
    });
    expect(ztunnelRbac([denyAll], { principal: SLEEP, dstPort: 80 }, v119)).toMatchObject({
      allowed: false,
      reason: 'deny policy match policy=default/deny-get',
    });
  });

  it('1.18 needs every `from` of a rule to match (all-of), 1.19+ any one (#495)', () => {
    const either = toZtunnelAuthorization({
      ...allowNotSleep,
      rules: [{ from: [{ principals: [SLEEP] }, { principals: [OTHER] }] }],
    });
    expect(ztunnelRbac([either], { principal: SLEEP, dstPort: 80 }, v118).allowed).toBe(false);
    expect(ztunnelRbac([either], { principal: SLEEP, dstPort: 80 }, v119).allowed).toBe(true);
  });

  const allow = toZtunnelAuthorization(allowNotSleep);
  it('allows everything with no policy', () => {
    expect(ztunnelRbac([], { dstPort: 80 }, v118)).toMatchObject({
      allowed: true,
      reason: 'no allow policies, allow',
    });
  });
  it('denies sleep when the only ALLOW names another principal', () => {
    expect(ztunnelRbac([allow], { principal: SLEEP, dstPort: 80 }, v118)).toMatchObject({
      allowed: false,
      reason: 'no allow policies matched',
    });
    expect(ztunnelRbac([allow], { principal: OTHER, dstPort: 80 }, v118)).toMatchObject({
      allowed: true,
      reason: 'allow policy match policy=default/viewer',
    });
  });
});

describe('waypoint (Envoy) RBAC', () => {
  it('denies GET /get from sleep with "RBAC: access denied" and allows other paths', () => {
    expect(
      envoyRbac([denyGet], { principal: SLEEP, dstPort: 8000, method: 'GET', path: '/get' }),
    ).toMatchObject({ allowed: false, reason: 'RBAC: access denied' });
    expect(
      envoyRbac([denyGet], { principal: SLEEP, dstPort: 8000, method: 'GET', path: '/headers' })
        .allowed,
    ).toBe(true);
  });
});
