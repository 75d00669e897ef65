import { useEffect, useState } from 'react';
import { useUi, ErrorBox } from './ui';
import { fmt } from './i18n';
import type { ConsoleState, Preset } from './state';
import { RELATIVE, toFilter, instantToZoned, defaults, resolvePeriod } from './state';
import type { SavedSearch } from './api';
import { ApiError, gql, SAVED_SEARCHES, SAVE_SEARCH, RENAME_SEARCH, DELETE_SEARCH } from './api';
import { shown } from './columns';

/** A saved search back into the console's state: its filter, its period (relative stays relative), its columns. */
function toState(s: SavedSearch, current: ConsoleState): ConsoleState {
  const f = s.filter as Record<string, unknown>;
  const list = (k: string) => ((f[k] as unknown[] | null) ?? []).map(String);
  const next: ConsoleState = {
    ...defaults(), tz: current.tz, view: current.view, pageSize: current.pageSize,
    direction: (f.direction as ConsoleState['direction']) ?? '',
    subaccounts: list('subaccounts'), users: list('users'), campaigns: list('campaigns'),
    contentTypes: list('contentTypes'), statuses: list('statuses'), errorCodes: list('errorCodes'),
    conversationTypes: list('conversationTypes'),
    sentWithSession: f.sentWithSession === null || f.sentWithSession === undefined ? '' : String(f.sentWithSession) as 'true' | 'false',
    replied: f.replied === null || f.replied === undefined ? '' : String(f.replied) as 'true' | 'false',
    billable: f.billable === null || f.billable === undefined ? '' : String(f.billable) as 'true' | 'false',
    correlationId: (f.correlationId as string) ?? '', contact: (f.contact as string) ?? '',
    conversationId: (f.conversationId as string) ?? '',
    sort: (s.sort as ConsoleState['sort']) ?? 'NEWEST_FIRST', columns: s.columns,
  };
  if (s.period?.kind === 'RELATIVE') {
    const preset = (Object.keys(RELATIVE) as Preset[]).find((p) => RELATIVE[p] === s.period!.relative);
    next.tz = s.period.timeZone ?? current.tz;
    if (preset) {
      next.preset = preset;
      return next;
    }
  }
  if (s.period) {
    next.preset = 'custom';
    next.from = instantToZoned(Date.parse(s.period.from), next.tz);
    next.to = instantToZoned(Date.parse(s.period.to), next.tz);
  } else {
    next.preset = current.preset;
    next.from = current.from;
    next.to = current.to;
  }
  return next;
}

export function SavedSearches(props: { state: ConsoleState; onApply: (s: ConsoleState) => void }) {
  const ui = useUi();
  const { t } = ui;
  const [list, setList] = useState<SavedSearch[]>([]);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const relative = RELATIVE[props.state.preset];
  const [keepRelative, setKeepRelative] = useState(true);

  const load = () => gql<{ savedSearches: SavedSearch[] }>(SAVED_SEARCHES).then((d) => setList(d.savedSearches)).catch(setError);
  useEffect(() => { load(); }, []);

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice('');
    const filter = toFilter(props.state, { from: '', to: '' });
    const input: Record<string, unknown> = {
      name: name.trim(), shared, sort: props.state.sort,
      columns: props.state.columns.length ? shown(props.state.direction, props.state.columns).map((c) => c.id) : [],
    };
    if (relative && keepRelative) {
      delete filter.period;
      input.relativePeriod = { range: relative, timeZone: props.state.tz };
    } else {
      filter.period = resolvePeriod(props.state);
    }
    input.filter = filter;
    gql<{ saveSearch: { __typename: string; message?: string; field?: string } }>(SAVE_SEARCH, { input })
      .then((d) => {
        if (d.saveSearch.__typename === 'SavedSearch') {
          setNotice(fmt(t.saved, { name: name.trim() }));
          setName('');
          load();
        } else {
          setError(new ApiError('BAD_REQUEST', d.saveSearch.message ?? '', d.saveSearch.field));
        }
      }).catch(setError);
  };
  const rename = (s: SavedSearch) => {
    const next = window.prompt(t.newName, s.name);
    if (!next || next.trim() === s.name) return;
    gql<{ updateSavedSearch: { __typename: string; message?: string } }>(RENAME_SEARCH, { input: { id: s.id, name: next.trim() } })
      .then((d) => d.updateSavedSearch.__typename === 'SavedSearch' ? load()
        : setError(new ApiError('BAD_REQUEST', d.updateSavedSearch.message ?? '')))
      .catch(setError);
  };
  const remove = (s: SavedSearch) => {
    if (!window.confirm(fmt(t.confirmDelete, { name: s.name }))) return;
    gql(DELETE_SEARCH, { input: { id: s.id } }).then(load).catch(setError);
  };

  return (
    <section className="panel searches" aria-labelledby="searches-title">
      <h2 id="searches-title">{t.savedSearches}</h2>
      <form onSubmit={save} className="save-form">
        <div className="field">
          <label htmlFor="s-name">{t.name}</label>
          <input id="s-name" value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
        </div>
        <label className="check"><input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          {t.shared}</label>
        {relative && <label className="check"><input type="checkbox" checked={keepRelative}
          onChange={(e) => setKeepRelative(e.target.checked)} />{fmt(t.keepPeriodRelative, { p: relative })}</label>}
        <button type="submit">{t.saveSearch}</button>
      </form>
      {notice && <p role="status" className="notice">{notice}</p>}
      <ErrorBox error={error} />
      {list.length === 0 ? <p className="muted">{t.noSavedSearches}</p> : (
        <ul className="saved">
          {list.map((s) => (
            <li key={s.id} data-search={s.name}>
              <button type="button" className="linklike" onClick={() => props.onApply(toState(s, props.state))}>
                {s.name}</button>
              {s.shared && <span className="badge">{t.sharedBadge}</span>}
              <span className="muted"> {fmt(t.savedBy, { owner: s.owner })}</span>
              {s.editable && <>
                <button type="button" className="small" onClick={() => rename(s)}
                  aria-label={`${t.rename}: ${s.name}`}>{t.rename}</button>
                <button type="button" className="small danger" onClick={() => remove(s)}
                  aria-label={`${t.delete}: ${s.name}`}>{t.delete}</button>
              </>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
