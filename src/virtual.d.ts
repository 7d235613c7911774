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

declare module 'virtual:ambient-walk/default-details' {
  /** The default walk's hop details the first part leaves out (src/model/hopDetails.ts). */
  const details: unknown;
  export default details;
}
