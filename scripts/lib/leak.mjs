// The soak test's leak detector, shared by `npm run soak` and its positive control in the
// e2e suite (a page that leaks on purpose must be caught by exactly this code).

/** Memory after forced garbage collection: JS heap, DOM nodes, event listeners, documents. */
export async function sampleMemory(cdp) {
  // Detached nodes a just-finished hop still held (an animation's target, a pending effect)
  // can outlive one collection; collect until two readings agree, so a transient is not
  // reported as growth or shrinkage. A real leak is still held, whatever the number of passes.
  let dom;
  for (let pass = 0; pass < 6; pass++) {
    // Twice: the first pass can leave objects that only a second one frees (weak callbacks).
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const next = await cdp.send('Memory.getDOMCounters');
    if (dom && next.nodes === dom.nodes && next.jsEventListeners === dom.jsEventListeners) break;
    dom = next;
    await new Promise((r) => setTimeout(r, 250));
  }
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return {
    heapBytes: usedSize,
    nodes: dom.nodes,
    listeners: dom.jsEventListeners,
    documents: dom.documents,
  };
}

/**
 * What the V8 heap holds, by kind, from a heap snapshot (self sizes): compiled code (bytecode,
 * JIT code and their metadata), strings, and objects (objects, arrays, closures, shapes…).
 * Blink's own objects (snapshot type "native") live outside the V8 heap and are left out.
 * The verdict does not use this; it says *what* grew when the heap grows.
 */
export async function heapByKind(cdp) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return summarizeSnapshot(JSON.parse(chunks.join('')));
}

/** Sums a parsed heap snapshot's self sizes into code / strings / objects (pure, tested). */
export function summarizeSnapshot(snapshot) {
  const { node_fields: fields, node_types: nodeTypes } = snapshot.snapshot.meta;
  const typeNames = nodeTypes[fields.indexOf('type')];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const sums = { code: 0, strings: 0, objects: 0 };
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = typeNames[snapshot.nodes[i + typeAt]];
    const size = snapshot.nodes[i + sizeAt];
    if (type === 'native' || type === 'synthetic' || type === 'hidden') continue;
    if (type === 'code') sums.code += size;
    else if (type.endsWith('string')) sums.strings += size;
    else sums.objects += size;
  }
  return sums;
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
    if (done === middleAt) middle = { ...(await sampleMemory(cdp)), kinds: await heapByKind(cdp) };
    onProgress?.(done);
  }
  const end = { ...(await sampleMemory(cdp)), kinds: await heapByKind(cdp) };
  return { middle, end, verdict: judgeSoak(middle, end) };
}
