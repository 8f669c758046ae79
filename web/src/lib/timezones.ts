// The time zones offered in pickers: the browser's IANA list plus UTC, which the server accepts too.
const zones = Intl.supportedValuesOf('timeZone');
const all = zones.includes('UTC') ? zones : [...zones, 'UTC'];
const known = new Set(all);

export const timeZoneOptions = all.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));

export function isKnownTimeZone(zone: string | null | undefined): zone is string {
  return typeof zone === 'string' && known.has(zone);
}

/** The browser's own time zone when the list knows it, otherwise UTC. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isKnownTimeZone(zone) ? zone : 'UTC';
}
