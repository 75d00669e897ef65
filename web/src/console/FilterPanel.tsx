import { useEffect, useState } from 'react';
import { useUi, MultiSelect } from './ui';
import type { ConsoleState, Preset } from './state';
import { PRESETS, resolvePeriod, instantToZoned, defaults } from './state';
import type { Me } from './api';
import { gql, OPTIONS } from './api';

const CONTENT_TYPES = ['TEXT', 'TEMPLATE', 'IMAGE', 'AUDIO', 'VIDEO', 'DOCUMENT', 'STICKER', 'LOCATION', 'CONTACTS',
  'INTERACTIVE', 'BUTTON', 'REACTION', 'UNSUPPORTED', 'UNKNOWN'];
const STATUSES = ['ACCEPTED', 'SENT', 'DELIVERED', 'READ', 'PLAYED', 'FAILED', 'RECEIVED', 'DELETED', 'WARNING'];
const CONVERSATION_TYPES = ['BUSINESS_INITIATED', 'USER_INITIATED', 'FREE_ENTRY_POINT'];

function zones(current: string): string[] {
  let all: string[] = [];
  try {
    all = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    all = [];
  }
  const set = new Set(['UTC', current, ...all]);
  return [...set].sort();
}

interface Options { campaigns: { id: string; name: string }[]; users: string[]; errorCodes: { code: number; title: string }[] }

/** The filter form: edits a draft, and "Apply" makes it the console's state (and so the URL). */
export function FilterPanel(props: { state: ConsoleState; me: Me; onApply: (s: ConsoleState) => void }) {
  const { t } = useUi();
  const [draft, setDraft] = useState(props.state);
  const [options, setOptions] = useState<Options>({ campaigns: [], users: [], errorCodes: [] });
  useEffect(() => setDraft(props.state), [props.state]);

  const period = resolvePeriod(draft);
  useEffect(() => {
    if (!period.from || !period.to || period.from >= period.to) return;
    const timer = setTimeout(() => {
      gql<{ filterOptions: Options }>(OPTIONS, { input: { period } })
        .then((d) => setOptions(d.filterOptions))
        .catch(() => setOptions({ campaigns: [], users: [], errorCodes: [] }));
    }, 250);
    return () => clearTimeout(timer);
    // the period's text is what matters, not the object
  }, [period.from, period.to]);

  const set = <K extends keyof ConsoleState>(k: K, v: ConsoleState[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const presetLabel: Record<Preset, string> = {
    today: t.presetToday, yesterday: t.presetYesterday, last7: t.presetLast7, last30: t.presetLast30,
    last90: t.presetLast90, custom: t.presetCustom,
  };
  const choosePreset = (p: Preset) => {
    if (p === 'custom' && (!draft.from || !draft.to)) {
      const now = resolvePeriod(draft);
      setDraft((d) => ({ ...d, preset: p, from: instantToZoned(Date.parse(now.from), d.tz),
        to: instantToZoned(Date.parse(now.to), d.tz) }));
    } else {
      set('preset', p);
    }
  };

  return (
    <form className="filters" aria-label={t.filters} onSubmit={(e) => { e.preventDefault(); props.onApply(draft); }}>
      <h2>{t.filters}</h2>
      <div className="field">
        <label htmlFor="f-period">{t.period}</label>
        <select id="f-period" name="period" value={draft.preset} onChange={(e) => choosePreset(e.target.value as Preset)}>
          {PRESETS.map((p) => <option key={p} value={p}>{presetLabel[p]}</option>)}
        </select>
      </div>
      {draft.preset === 'custom' && (
        <div className="row2">
          <div className="field">
            <label htmlFor="f-from">{t.from}</label>
            <input id="f-from" name="from" type="datetime-local" value={draft.from} required
              onChange={(e) => set('from', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="f-to">{t.to}</label>
            <input id="f-to" name="to" type="datetime-local" value={draft.to} required
              onChange={(e) => set('to', e.target.value)} />
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor="f-tz">{t.timeZone}</label>
        <select id="f-tz" name="tz" value={draft.tz} onChange={(e) => set('tz', e.target.value)}>
          {zones(draft.tz).map((z) => <option key={z} value={z}>{z.replaceAll('_', ' ')}</option>)}
        </select>
      </div>
      <fieldset className="field radios">
        <legend>{t.direction}</legend>
        {(['', 'MT', 'MO'] as const).map((d) => (
          <label key={d} className="check">
            <input type="radio" name="direction" value={d} checked={draft.direction === d}
              onChange={() => set('direction', d)} />
            {d === '' ? t.directionAll : d === 'MT' ? t.directionMT : t.directionMO}
          </label>
        ))}
      </fieldset>
      <MultiSelect label={t.subaccounts} name="subaccounts" selected={draft.subaccounts}
        options={props.me.subaccounts.map((s) => ({ value: s.id, label: s.name ? `${s.name} (${s.id})` : s.id }))}
        onChange={(v) => set('subaccounts', v)} />
      <MultiSelect label={t.users} name="users" selected={draft.users}
        options={options.users.map((u) => ({ value: u, label: u }))} onChange={(v) => set('users', v)} />
      <MultiSelect label={t.campaigns} name="campaigns" selected={draft.campaigns}
        options={options.campaigns.map((c) => ({ value: c.id, label: c.name || c.id }))}
        onChange={(v) => set('campaigns', v)} />
      <MultiSelect label={t.contentTypes} name="contentTypes" selected={draft.contentTypes}
        options={CONTENT_TYPES.map((c) => ({ value: c, label: t.contentType[c] }))}
        onChange={(v) => set('contentTypes', v)} />
      <MultiSelect label={t.statuses} name="statuses" selected={draft.statuses}
        options={STATUSES.map((s) => ({ value: s, label: t.status[s] }))} onChange={(v) => set('statuses', v)} />
      <MultiSelect label={t.errorCodes} name="errorCodes" selected={draft.errorCodes}
        options={options.errorCodes.map((e) => ({ value: String(e.code), label: `${e.code} · ${e.title}` }))}
        onChange={(v) => set('errorCodes', v)} />
      <div className="field">
        <label htmlFor="f-sws">{t.sentWithSession}</label>
        <select id="f-sws" name="sentWithSession" value={draft.sentWithSession}
          onChange={(e) => set('sentWithSession', e.target.value as ConsoleState['sentWithSession'])}>
          <option value="">{t.any}</option>
          <option value="true">{t.yes}</option>
          <option value="false">{t.no}</option>
        </select>
      </div>
      {(['replied', 'billable'] as const).map((k) => (
        <div className="field" key={k}>
          <label htmlFor={`f-${k}`}>{k === 'replied' ? t.fReplied : t.billableLabel}</label>
          <select id={`f-${k}`} name={k} value={draft[k]}
            onChange={(e) => set(k, e.target.value as ConsoleState['replied'])}>
            <option value="">{t.any}</option>
            <option value="true">{t.yes}</option>
            <option value="false">{t.no}</option>
          </select>
        </div>
      ))}
      <div className="field">
        <label htmlFor="f-contact">{t.contact}</label>
        <input id="f-contact" name="contact" type="search" value={draft.contact} autoComplete="off"
          placeholder="+55 11 91234-5678" onChange={(e) => set('contact', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="f-correlation">{t.correlationId}</label>
        <input id="f-correlation" name="correlationId" type="search" value={draft.correlationId} autoComplete="off"
          onChange={(e) => set('correlationId', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="f-conversation">{t.conversationId}</label>
        <input id="f-conversation" name="conversationId" type="search" value={draft.conversationId} autoComplete="off"
          onChange={(e) => set('conversationId', e.target.value)} />
      </div>
      <MultiSelect label={t.conversationTypes} name="conversationTypes" selected={draft.conversationTypes}
        options={CONVERSATION_TYPES.map((c) => ({ value: c, label: t.conversationType[c] }))}
        onChange={(v) => set('conversationTypes', v)} />
      <div className="actions">
        <button type="submit" className="primary">{t.apply}</button>
        <button type="button" onClick={() => {
          const d = defaults();
          props.onApply({ ...d, tz: draft.tz, view: draft.view });
        }}>{t.reset}</button>
      </div>
    </form>
  );
}
