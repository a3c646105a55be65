/** Vercel's triangle. Decorative: the text next to it carries the meaning. */
export function VercelMark({ size = 16 }: { size?: number }) {
  return (
    <svg
      className="vercel-mark"
      width={size}
      height={size}
      viewBox="0 0 76 65"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M37.5274 0L75.0548 65H0L37.5274 0Z" fill="currentColor" />
    </svg>
  );
}
