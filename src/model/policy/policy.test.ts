import { describe, expect, it } from 'vitest';
import { envoyRbac, ztunnelRbac } from './evaluate';
import { toZtunnelAuthorization } from './translate';
import type { AuthorizationPolicy } from './types';

const P = { kind: 'illustrative', note: '' } as const;
const SLEEP = 'cluster.local/ns/default/sa/sleep';
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
  rules: [{ from: [{ principals: ['cluster.local/ns/default/sa/notsleep'] }] }],
  intent: '',
  prov: P,
};

describe('what istiod gives ztunnel', () => {
  it('drops the HTTP parts of a DENY rule, so it denies every connection from that source', () => {
    const z = toZtunnelAuthorization(denyGet);
    expect(z.action).toBe('Deny');
    expect(z.dropped).toEqual(['method GET, path /get dropped from the DENY rule']);
    expect(ztunnelRbac([z], { principal: SLEEP, namespace: 'default', dstPort: 80 }).allowed).toBe(
      false,
    );
  });

  it('omits an ALLOW rule with HTTP attributes (more restrictive than requested)', () => {
    const z = toZtunnelAuthorization({ ...denyGet, action: 'ALLOW' });
    expect(z.groups).toEqual([]);
    expect(ztunnelRbac([z], { principal: SLEEP, dstPort: 80 })).toMatchObject({
      allowed: false,
      reason: 'allow policies exist, but none allowed',
    });
  });
});

describe('ztunnel RBAC', () => {
  const allow = toZtunnelAuthorization(allowNotSleep);
  it('allows everything with no policy', () => {
    expect(ztunnelRbac([], { dstPort: 80 }).allowed).toBe(true);
  });
  it('denies sleep when the only ALLOW names another principal', () => {
    expect(ztunnelRbac([allow], { principal: SLEEP, dstPort: 80 }).allowed).toBe(false);
    expect(
      ztunnelRbac([allow], { principal: 'cluster.local/ns/default/sa/notsleep', dstPort: 80 })
        .allowed,
    ).toBe(true);
  });
  it('cannot match a principal for a plaintext client: a DENY by principal lets it through', () => {
    expect(ztunnelRbac([toZtunnelAuthorization(denyGet)], { dstPort: 80 }).allowed).toBe(true);
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
