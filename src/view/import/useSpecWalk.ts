import { useEffect, useState } from 'react';
import type { Diagnostic, RouteHop } from '../../model/import';
import type { ClusterSpec } from '../../model/spec/types';
import { loadModel } from '../../store/walkCache';

/** Whether the importer's cluster walks hop by hop through the kernel, and its proxy hops. */
export interface SpecWalkCheck {
  /** Undefined while the simulator loads or walks it. */
  readonly walks?: boolean;
  /** The walk's proxy hops as the importer's route, for the access-log cross-check. */
  readonly route?: readonly RouteHop[];
  /** Why it cannot be walked (with codes and what to do), or what to know. */
  readonly diagnostics: readonly Diagnostic[];
}

const NONE: SpecWalkCheck = { diagnostics: [] };

/**
 * Walks the importer's cluster with the simulator (loaded on demand), to offer "Walk it hop by
 * hop" or say why not. Walked again whenever the cluster changes (From and To are part of it).
 */
export function useSpecWalk(spec: ClusterSpec | undefined): SpecWalkCheck {
  const [check, setCheck] = useState<{ spec?: ClusterSpec; result: SpecWalkCheck }>({
    result: NONE,
  });
  useEffect(() => {
    if (!spec) return;
    let live = true;
    void loadModel().then((runtime) => {
      if (!live) return;
      let result: SpecWalkCheck;
      try {
        const r = runtime.walkSpec(spec);
        result = r.walk
          ? { walks: true, route: runtime.proxyRoute(spec, r.walk), diagnostics: r.diagnostics }
          : { walks: false, diagnostics: r.diagnostics };
      } catch (e) {
        result = {
          walks: false,
          diagnostics: [
            {
              code: 'E_WALK_FAILED',
              severity: 'error',
              message: `The walk of this cluster failed (${e instanceof Error ? e.message : String(e)}).`,
              fix: 'Please report it with the file; its route at ztunnel’s level is below.',
            },
          ],
        };
      }
      setCheck({ spec, result });
    });
    return () => {
      live = false;
    };
  }, [spec]);
  return spec && check.spec === spec ? check.result : NONE;
}
