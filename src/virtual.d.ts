declare module 'virtual:ambient-walk/default' {
  /** The default scenario's walk in compacted form: pass it through expandWalk. */
  const walk: unknown;
  export default walk;
}
