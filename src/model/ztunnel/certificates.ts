/**
 * Which certificates a ztunnel can get from istiod's CA. The ambient profile trusts ztunnel's
 * service account as a node agent (`CA_TRUSTED_NODE_ACCOUNTS`), and the CA's node authorizer
 * (`authenticateImpersonation`) grants an identity only when a pod with that service account
 * runs on the requesting ztunnel's node.
 */
import type { SpiffeId } from '../packet';
import type { ZtunnelStore } from './store';

export type CertificateDecision =
  { readonly granted: true } | { readonly granted: false; readonly error: string };

/** The CA's answer to ztunnel on `node` asking for a certificate for `id`. */
export function nodeAuthorizes(
  store: ZtunnelStore,
  id: SpiffeId,
  node: string,
): CertificateDecision {
  const onNode = store.workloads.some(
    (w) =>
      w.namespace === id.namespace && w.serviceAccount === id.serviceAccount && w.node === node,
  );
  return onNode
    ? { granted: true }
    : {
        granted: false,
        error: `no instances of "${id.namespace}/${id.serviceAccount}" found on node "${node}"`,
      };
}
