// The soak test's leak detector, shared by `npm run soak` and its positive control in the
// e2e suite (a page that leaks on purpose must be caught by exactly this code).

/** Memory after forced garbage collection: JS heap, DOM nodes, event listeners, documents. */
export async function sampleMemory(cdp) {
  // Twice: the first pass can leave objects that only a second one frees (weak callbacks).
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return {
    heapBytes: usedSize,
    nodes: dom.nodes,
    listeners: dom.jsEventListeners,
    documents: dom.documents,
  };
}

export const SOAK_BUDGET = {
  /** Heap growth allowed between the middle and the end of the soak. */
  maxGrowthBytes: 100_000,
  /** The heap at the end, all in. */
  maxHeapBytes: 5_000_000,
};

/**
 * Judges a soak from its samples at the middle and the end: heap growth within budget, DOM
 * nodes and event listeners unchanged, heap under the ceiling. Pure, so it is tested alone.
 * @returns {{ ok: boolean, problems: string[], growthBytes: number }}
 */
export function judgeSoak(middle, end, budget = SOAK_BUDGET) {
  const problems = [];
  const growthBytes = end.heapBytes - middle.heapBytes;
  if (growthBytes > budget.maxGrowthBytes) {
    problems.push(
      `heap grew ${(growthBytes / 1000).toFixed(1)} KB from the middle to the end (budget ${budget.maxGrowthBytes / 1000} KB)`,
    );
  }
  if (end.nodes !== middle.nodes) problems.push(`DOM nodes ${middle.nodes} → ${end.nodes}`);
  if (end.listeners !== middle.listeners) {
    problems.push(`event listeners ${middle.listeners} → ${end.listeners}`);
  }
  if (end.heapBytes > budget.maxHeapBytes) {
    problems.push(
      `heap ${(end.heapBytes / 1e6).toFixed(2)} MB at the end (ceiling ${budget.maxHeapBytes / 1e6} MB)`,
    );
  }
  return { ok: problems.length === 0, problems, growthBytes };
}

/**
 * Runs `walks` walks through `runBatch(from, to)` (which does walks [from, to) in the page),
 * sampling memory at the middle and at the end.
 * @param {import('@playwright/test').CDPSession} cdp
 * @param {{ walks: number, batch?: number, runBatch: (from: number, to: number) => Promise<unknown>, onProgress?: (done: number) => void }} opts
 */
export async function soak(cdp, { walks, batch = 25, runBatch, onProgress }) {
  const middleAt = Math.floor(walks / 2);
  let middle;
  for (let done = 0; done < walks;) {
    const to = Math.min(walks, done + batch, done < middleAt ? middleAt : walks);
    await runBatch(done, to);
    done = to;
    if (done === middleAt) middle = await sampleMemory(cdp);
    onProgress?.(done);
  }
  const end = await sampleMemory(cdp);
  return { middle, end, verdict: judgeSoak(middle, end) };
}
