/**
 * FNV-1a over a text's UTF-16 code units: a stable 32-bit number for a name — the made-up MACs,
 * veths and kube-proxy chain hashes of a scenario file's cluster. (The predict panel keeps its own
 * copy: sharing this module between its chunk and the simulator's made a chunk of its own, which
 * the first visit pays for in preload entries.)
 */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
