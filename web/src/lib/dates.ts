const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function fromUnixSeconds(seconds: number): Date {
  return new Date(seconds * 1000);
}

/** "3 Dec 2025, 14:55" in the reader's own locale and time zone. */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "in 59 minutes", "2 hours ago", "just now". */
export function formatRelative(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return seconds < 0 ? 'just now' : 'in under a minute';
}
