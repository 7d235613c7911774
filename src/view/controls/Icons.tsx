/** Inline icons (no icon font, no network): 20×20, currentColor, hidden from assistive tech. */
const P = {
  width: 20,
  height: 20,
  viewBox: '0 0 20 20',
  'aria-hidden': true,
  focusable: false,
} as const;

export const IconPlay = () => (
  <svg {...P}>
    <path d="M6 4l10 6-10 6z" fill="currentColor" />
  </svg>
);
export const IconPause = () => (
  <svg {...P}>
    <path d="M5 4h3.5v12H5zM11.5 4H15v12h-3.5z" fill="currentColor" />
  </svg>
);
export const IconNext = () => (
  <svg {...P}>
    <path d="M5 4l8 6-8 6zM14 4h2v12h-2z" fill="currentColor" />
  </svg>
);
export const IconPrev = () => (
  <svg {...P}>
    <path d="M15 4l-8 6 8 6zM4 4h2v12H4z" fill="currentColor" />
  </svg>
);
export const IconFirst = () => (
  <svg {...P}>
    <path d="M3 4h2v12H3zM11 4l-6 6 6 6zM17 4l-6 6 6 6z" fill="currentColor" />
  </svg>
);
export const IconLast = () => (
  <svg {...P}>
    <path d="M15 4h2v12h-2zM9 4l6 6-6 6zM3 4l6 6-6 6z" fill="currentColor" />
  </svg>
);
