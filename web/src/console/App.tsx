import { useEffect, useMemo, useState } from 'react';
import { UiContext } from './ui';
import type { Ui } from './ui';
import { ErrorBox } from './ui';
import type { Lang } from './i18n';
import { DICTS, LANGS, LANG_NAMES, LOCALE_TAG, browserLang } from './i18n';
import type { ConsoleState } from './state';
import { fromUrl, toUrl, resolvePeriod, instantToZoned } from './state';
import type { Me } from './api';
import { gql, ME } from './api';
import { signOut } from '../session';
import { FilterPanel } from './FilterPanel';
import { Results } from './Results';
import { Overview } from './Overview';
import { ExportPanel } from './ExportPanel';
import { SavedSearches } from './SavedSearches';

const LANG_KEY = 'rastro.lang';

function initialLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY) as Lang | null;
  return saved && LANGS.includes(saved) ? saved : browserLang();
}

export function App() {
  const [state, setState] = useState<ConsoleState>(() => fromUrl(window.location.search));
  const [lang, setLang] = useState<Lang>(initialLang);
  const [me, setMe] = useState<Me | null>(null);
  const [meError, setMeError] = useState<unknown>(null);

  useEffect(() => {
    gql<{ me: Me }>(ME).then((d) => setMe(d.me)).catch(setMeError);
    const onPop = () => setState(fromUrl(window.location.search));
    window.addEventListener('popstate', onPop);
    // The URL always shows the whole state, also on first load (a bare / gets the defaults written in).
    window.history.replaceState(null, '', toUrl(fromUrl(window.location.search)));
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem(LANG_KEY, lang);
  }, [lang]);

  const apply = (next: ConsoleState) => {
    const url = toUrl(next);
    if (url !== window.location.search) window.history.pushState(null, '', url);
    setState(next);
  };
  // The period is resolved once per state, so every panel runs the same instants.
  const period = useMemo(() => resolvePeriod(state), [state]);

  const ui: Ui = useMemo(() => {
    const dateFormat = new Intl.DateTimeFormat(LOCALE_TAG[lang], { timeZone: state.tz, dateStyle: 'short', timeStyle: 'medium' });
    const numberFormat = new Intl.NumberFormat(LOCALE_TAG[lang]);
    const timeFormat = new Intl.DateTimeFormat(LOCALE_TAG[lang], { timeZone: state.tz, timeStyle: 'short' });
    const dayTimeFormat = new Intl.DateTimeFormat(LOCALE_TAG[lang], { timeZone: state.tz, dateStyle: 'short', timeStyle: 'short' });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: state.tz, dateStyle: 'short' });
    return {
      t: DICTS[lang], lang, tz: state.tz, maxPeriodDays: 93,
      date: (iso) => (iso ? dateFormat.format(new Date(iso)) : ''),
      clock: (iso) => {
        const at = new Date(iso);
        return (day.format(at) === day.format(new Date()) ? timeFormat : dayTimeFormat).format(at);
      },
      number: (n) => numberFormat.format(n),
    };
  }, [lang, state.tz]);
  const t = ui.t;
  const reversed = !!period.from && !!period.to && period.from >= period.to;
  const invalid = !period.from || !period.to;

  return (
    <UiContext.Provider value={ui}>
      <a className="skip" href="#main">{t.skipToReport}</a>
      <header className="top">
        <div className="brand"><span className="logo" aria-hidden="true" />{t.appName}<span className="tagline">{t.tagline}</span></div>
        <nav className="tabs" aria-label={t.tagline}>
          <button type="button" aria-pressed={state.view === 'messages'} onClick={() => apply({ ...state, view: 'messages' })}>
            {t.tabMessages}</button>
          <button type="button" aria-pressed={state.view === 'overview'} onClick={() => apply({ ...state, view: 'overview' })}>
            {t.tabOverview}</button>
        </nav>
        <div className="account">
          <label htmlFor="lang" className="sr-only">{t.language}</label>
          <select id="lang" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            {LANGS.map((l) => <option key={l} value={l}>{LANG_NAMES[l]}</option>)}
          </select>
          {me && <span className="who" title={`${t.signedInAs} ${me.name}`}>{me.name} · {me.account.name}</span>}
          <a href="/graphiql">{t.graphiql}</a>
          <button type="button" onClick={() => signOut()}>{t.signOut}</button>
        </div>
      </header>
      <ErrorBox error={meError} />
      {me && (
        <div className="layout">
          <aside>
            <FilterPanel state={state} me={me} onApply={apply} />
          </aside>
          <main id="main">
            <div className="toolbar">
              <details className="drawer">
                <summary>{t.exports}</summary>
                <ExportPanel state={state} period={period} />
              </details>
              <details className="drawer">
                <summary>{t.savedSearches}</summary>
                <SavedSearches state={state} onApply={apply} />
              </details>
            </div>
            {reversed || invalid ? (
              <div className="error" role="alert" data-classification="BAD_REQUEST">{t.periodReversed}</div>
            ) : state.view === 'messages' ? (
              <Results state={state} period={period} onChange={apply}
                onOpenConversation={(conversationId, at) => {
                  const around = Date.parse(at);
                  apply({ ...state, conversationId, direction: '', preset: 'custom', view: 'messages',
                    from: instantToZoned(around - 3 * 86400000, state.tz),
                    to: instantToZoned(around + 3 * 86400000, state.tz) });
                }} />
            ) : (
              <Overview state={state} period={period} />
            )}
          </main>
        </div>
      )}
    </UiContext.Provider>
  );
}
