declare module 'virtual:ambient-walk/default' {
  /** The default scenario's walk in compacted form: pass it through expandWalk. */
  const walk: unknown;
  export default walk;
}

declare module 'virtual:ambient-walk/default-layouts' {
  /** The default walk's diagram layouts (src/view/diagram/prerenderLayouts.ts). */
  const layouts: unknown;
  export default layouts;
}
