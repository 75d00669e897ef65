// The console's whole state that a link should carry: the filter, the period, the view and the table's shape.
// It lives in the URL's query string, so a link can be shared and the back button goes to the previous filter.

export type Preset = 'today' | 'yesterday' | 'last7' | 'last30' | 'last90' | 'custom';
export const PRESETS: Preset[] = ['today', 'yesterday', 'last7', 'last30', 'last90', 'custom'];

export interface ConsoleState {
  preset: Preset;
  /** Custom range, as local wall times in `tz` (yyyy-MM-ddTHH:mm). */
  from: string;
  to: string;
  tz: string;
  direction: '' | 'MT' | 'MO';
  subaccounts: string[];
  users: string[];
  campaigns: string[];
  contentTypes: string[];
  sentWithSession: '' | 'true' | 'false';
  replied: '' | 'true' | 'false';
  billable: '' | 'true' | 'false';
  correlationId: string;
  statuses: string[];
  errorCodes: string[];
  contact: string;
  conversationId: string;
  conversationTypes: string[];
  sort: 'NEWEST_FIRST' | 'OLDEST_FIRST';
  columns: string[];
  pageSize: number;
  view: 'messages' | 'overview';
}

const LISTS = ['subaccounts', 'users', 'campaigns', 'contentTypes', 'statuses', 'errorCodes', 'conversationTypes', 'columns'] as const;
const TEXTS = ['from', 'to', 'tz', 'correlationId', 'contact', 'conversationId'] as const;

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function defaults(): ConsoleState {
  return {
    preset: 'last7', from: '', to: '', tz: browserZone(), direction: '', subaccounts: [], users: [], campaigns: [],
    contentTypes: [], sentWithSession: '', replied: '', billable: '', correlationId: '', statuses: [], errorCodes: [], contact: '',
    conversationId: '', conversationTypes: [], sort: 'NEWEST_FIRST', columns: [], pageSize: 50, view: 'messages',
  };
}

export function fromUrl(search: string): ConsoleState {
  const q = new URLSearchParams(search);
  const s = defaults();
  const preset = q.get('period') as Preset | null;
  if (preset && PRESETS.includes(preset)) s.preset = preset;
  for (const k of TEXTS) {
    const v = q.get(k);
    if (v !== null) s[k] = v;
  }
  for (const k of LISTS) {
    const v = q.getAll(k).flatMap((x) => x.split(',')).filter((x) => x !== '');
    if (v.length) s[k] = v;
  }
  const dir = q.get('direction');
  if (dir === 'MT' || dir === 'MO') s.direction = dir;
  for (const k of ['sentWithSession', 'replied', 'billable'] as const) {
    const v = q.get(k);
    if (v === 'true' || v === 'false') s[k] = v;
  }
  if (q.get('sort') === 'OLDEST_FIRST') s.sort = 'OLDEST_FIRST';
  const size = Number(q.get('pageSize'));
  if ([25, 50, 100, 200].includes(size)) s.pageSize = size;
  if (q.get('view') === 'overview') s.view = 'overview';
  return s;
}

export function toUrl(s: ConsoleState): string {
  const d = defaults();
  const q = new URLSearchParams();
  q.set('period', s.preset);
  if (s.preset === 'custom') {
    q.set('from', s.from);
    q.set('to', s.to);
  }
  q.set('tz', s.tz);
  if (s.direction) q.set('direction', s.direction);
  for (const k of LISTS) {
    if (s[k].length) q.set(k, s[k].join(','));
  }
  for (const k of ['correlationId', 'contact', 'conversationId'] as const) {
    if (s[k].trim()) q.set(k, s[k].trim());
  }
  for (const k of ['sentWithSession', 'replied', 'billable'] as const) {
    if (s[k]) q.set(k, s[k]);
  }
  if (s.sort !== d.sort) q.set('sort', s.sort);
  if (s.pageSize !== d.pageSize) q.set('pageSize', String(s.pageSize));
  if (s.view !== d.view) q.set('view', s.view);
  return '?' + q.toString();
}

// ---- time zones: a wall time in a zone to an instant, without a library ----

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds. */
export function zoneOffset(instant: number, tz: string): number {
  let f = offsetFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
      minute: '2-digit', second: '2-digit',
    });
    offsetFormatters.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a wall time (yyyy-MM-ddTHH:mm) in a zone. */
export function zonedToInstant(local: string, tz: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return NaN;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  let t = wall - zoneOffset(wall, tz);
  const again = wall - zoneOffset(t, tz);
  if (again !== t) t = again;
  return t;
}

/** The wall time (yyyy-MM-ddTHH:mm) of an instant in a zone. */
export function instantToZoned(instant: number, tz: string): string {
  return new Date(instant + zoneOffset(instant, tz)).toISOString().slice(0, 16);
}

/** Local midnight of the day that contains `instant`, `days` days later, in a zone. */
function midnight(instant: number, tz: string, days: number): number {
  const day = instantToZoned(instant, tz).slice(0, 10);
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return zonedToInstant(d.toISOString().slice(0, 10) + 'T00:00', tz);
}

export interface Period { from: string; to: string }

/**
 * The absolute period a state stands for, now. The rolling presets end at the next whole minute, so a link opened
 * twice within a minute runs the same period.
 */
export function resolvePeriod(s: ConsoleState, now = Date.now()): Period {
  const minute = Math.ceil(now / 60000) * 60000;
  const day = 86400000;
  let from: number;
  let to: number;
  switch (s.preset) {
    case 'today': from = midnight(now, s.tz, 0); to = midnight(now, s.tz, 1); break;
    case 'yesterday': from = midnight(now, s.tz, -1); to = midnight(now, s.tz, 0); break;
    case 'last7': from = minute - 7 * day; to = minute; break;
    case 'last30': from = minute - 30 * day; to = minute; break;
    case 'last90': from = minute - 90 * day; to = minute; break;
    default: from = zonedToInstant(s.from, s.tz); to = zonedToInstant(s.to, s.tz);
  }
  return { from: isoOrEmpty(from), to: isoOrEmpty(to) };
}

function isoOrEmpty(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : '';
}

/** The saved searches' relative ranges that match a preset. */
export const RELATIVE: Partial<Record<Preset, string>> = {
  today: 'TODAY', yesterday: 'YESTERDAY', last7: 'LAST_7_DAYS', last30: 'LAST_30_DAYS', last90: 'LAST_90_DAYS',
};

/** The GraphQL MessageFilter of a state. */
export function toFilter(s: ConsoleState, period: Period): Record<string, unknown> {
  const f: Record<string, unknown> = { period };
  if (s.direction) f.direction = s.direction;
  if (s.subaccounts.length) f.subaccounts = s.subaccounts;
  if (s.users.length) f.users = s.users;
  if (s.campaigns.length) f.campaigns = s.campaigns;
  if (s.contentTypes.length) f.contentTypes = s.contentTypes;
  if (s.sentWithSession) f.sentWithSession = s.sentWithSession === 'true';
  if (s.replied) f.replied = s.replied === 'true';
  if (s.billable) f.billable = s.billable === 'true';
  if (s.correlationId.trim()) f.correlationId = s.correlationId.trim();
  if (s.statuses.length) f.statuses = s.statuses;
  if (s.errorCodes.length) f.errorCodes = s.errorCodes.map(Number).filter((n) => Number.isInteger(n));
  if (s.contact.trim()) f.contact = s.contact.trim();
  if (s.conversationId.trim()) f.conversationId = s.conversationId.trim();
  if (s.conversationTypes.length) f.conversationTypes = s.conversationTypes;
  return f;
}
