import { useEffect, useRef, useState } from 'react';
import { useUi, ErrorBox } from './ui';
import { fmt } from './i18n';
import type { ConsoleState, Period } from './state';
import { toFilter } from './state';
import type { Message, MessagePage } from './api';
import { gql, MESSAGES, MESSAGE } from './api';
import { available, cellText, shown } from './columns';

/**
 * The exact total and one keyset page of the report. Pages follow the API's cursors: the cursors of the pages
 * visited are kept, so "Previous" goes back without counting offsets and the page never holds more than one page.
 */
export function Results(props: {
  state: ConsoleState;
  period: Period;
  onChange: (s: ConsoleState) => void;
  onOpenConversation: (conversationId: string, at: string) => void;
}) {
  const ui = useUi();
  const { t } = ui;
  const { state, period } = props;
  const query = JSON.stringify([toFilter(state, period), state.sort, state.pageSize]);
  const [cursors, setCursors] = useState<{ query: string; list: (string | null)[] }>({ query, list: [null] });
  // A new filter starts again at the first page; derived during render, so no stale cursor is ever sent.
  const list = cursors.query === query ? cursors.list : [null];
  const setList = (f: (l: (string | null)[]) => (string | null)[]) => setCursors({ query, list: f(list) });
  const after = list[list.length - 1];
  const key = query + '|' + after;
  const [result, setResult] = useState<{ key: string; page: MessagePage | null; error: unknown } | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    gql<{ messages: MessagePage }>(MESSAGES, {
      input: { filter: toFilter(state, period), first: state.pageSize, after, sort: state.sort },
    }).then((d) => { if (live) setResult({ key, page: d.messages, error: null }); })
      .catch((e) => { if (live) setResult({ key, page: null, error: e }); });
    return () => { live = false; };
  }, [key]);
  // What was asked for last is shown only once it is here; until then the previous answer stays, marked busy.
  const loading = result?.key !== key;
  const page = result?.page ?? null;
  const error = loading ? null : result?.error;

  const columns = shown(state.direction, state.columns);
  const pages = page ? Math.max(1, Math.ceil(page.totalCount / state.pageSize)) : 1;
  const pageNo = list.length;

  return (
    <section className="results" aria-labelledby="results-title" aria-busy={loading}
      data-state={loading ? 'loading' : error ? 'error' : 'done'}>
      <div className="results-head">
        <h2 id="results-title" data-total={page?.totalCount ?? ''} data-from={page?.period.from ?? ''}
          data-to={page?.period.to ?? ''}>
          {page ? (page.totalCount === 1 ? t.oneResult : fmt(t.results, { n: ui.number(page.totalCount) }))
            : loading ? t.loading : '\u00a0'}
        </h2>
        {page && <p className="muted period">{fmt(t.periodShown, { from: ui.date(page.period.from),
          to: ui.date(page.period.to), tz: ui.tz })}</p>}
        {page && <p className="muted data-as-of" data-as-of={page.dataAsOf ?? ''}
          title={page.dataAsOf ? fmt(t.dataAsOfHint, { time: ui.date(page.dataAsOf) }) : undefined}>
          {page.dataAsOf ? fmt(t.dataAsOf, { time: ui.clock(page.dataAsOf) }) : t.noDataYet}</p>}
        <div className="table-tools">
          <label>{t.sort}{' '}
            <select name="sort" value={state.sort}
              onChange={(e) => props.onChange({ ...state, sort: e.target.value as ConsoleState['sort'] })}>
              <option value="NEWEST_FIRST">{t.newestFirst}</option>
              <option value="OLDEST_FIRST">{t.oldestFirst}</option>
            </select>
          </label>
          <label>{t.pageSize}{' '}
            <select name="pageSize" value={state.pageSize}
              onChange={(e) => props.onChange({ ...state, pageSize: Number(e.target.value) })}>
              {[25, 50, 100, 200].map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
          <details className="multi columns-chooser">
            <summary>{t.columns}</summary>
            <fieldset>
              <legend className="sr-only">{t.columns}</legend>
              {available(state.direction).map((c) => (
                <label key={c.id} className="check">
                  <input type="checkbox" name="column" value={c.id} checked={columns.some((x) => x.id === c.id)}
                    onChange={(e) => {
                      const ids = columns.map((x) => x.id);
                      const next = e.target.checked ? available(state.direction).map((x) => x.id)
                        .filter((id) => ids.includes(id) || id === c.id) : ids.filter((id) => id !== c.id);
                      props.onChange({ ...state, columns: next });
                    }} />
                  {c.label(t, state.direction)}
                </label>
              ))}
            </fieldset>
          </details>
        </div>
      </div>
      <ErrorBox error={error} />
      {!error && page && page.totalCount === 0 && (
        <div className="empty" role="status"><strong>{t.noResults}</strong> {t.noResultsHint}</div>
      )}
      {!error && page && page.edges.length > 0 && (
        <div className={loading ? 'table-wrap stale' : 'table-wrap'}>
          <table className="report" data-page={pageNo}>
            <thead>
              <tr>{columns.map((c) => <th key={c.id} scope="col">{c.label(t, state.direction)}</th>)}</tr>
            </thead>
            <tbody>
              {page.edges.map(({ node }) => (
                <tr key={node.id} data-id={node.id} className={node.status === 'FAILED' ? 'failed' : ''}
                  onClick={() => setOpen(node.id)}>
                  {columns.map((c, i) => (
                    <td key={c.id} className={`c-${c.id}`}>
                      {i === 0 ? (
                        <button type="button" className="linklike" onClick={(e) => { e.stopPropagation(); setOpen(node.id); }}
                          aria-label={`${t.details}: ${cellText(c, node, t, ui.date)}`}>
                          {cellText(c, node, t, ui.date)}
                        </button>
                      ) : c.id === 'status' ? <StatusCell m={node} /> : cellText(c, node, t, ui.date)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!error && page && page.totalCount > 0 && (
        <nav className="pager" aria-label={fmt(t.pageOf, { n: pageNo, m: pages })}>
          <button type="button" disabled={pageNo <= 1 || loading} onClick={() => setList((c) => c.slice(0, -1))}>
            ← {t.previous}</button>
          <span aria-live="polite" className="page-no">{fmt(t.pageOf, { n: pageNo, m: pages })}</span>
          <button type="button" disabled={!page.pageInfo.hasNextPage || loading}
            onClick={() => setList((c) => [...c, page.pageInfo.endCursor])}>{t.next} →</button>
        </nav>
      )}
      {open && <MessageDetail id={open} onClose={() => setOpen(null)} onOpen={setOpen}
        onOpenConversation={(c, at) => { setOpen(null); props.onOpenConversation(c, at); }} />}
    </section>
  );
}

function StatusCell({ m }: { m: Message }) {
  const { t } = useUi();
  return (
    <span className={`status s-${m.status}`}>
      {t.status[m.status] ?? m.status}
      {m.error && <span className="reason">{m.error.code} · {m.error.title}</span>}
    </span>
  );
}

/** One message in a modal dialog: its fields, its status history as a timeline, its error explained, its links. */
function MessageDetail(props: { id: string; onClose: () => void; onOpen: (id: string) => void;
  onOpenConversation: (conversationId: string, at: string) => void }) {
  const ui = useUi();
  const { t } = ui;
  const dialog = useRef<HTMLDialogElement>(null);
  const [m, setM] = useState<Message | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    setM(null);
    setError(null);
    gql<{ message: Message }>(MESSAGE, { id: props.id }).then((d) => setM(d.message)).catch(setError);
  }, [props.id]);
  const help = m?.error ? t.errorCodeHelp[m.error.code] : undefined;
  return (
    <dialog ref={dialog} className="detail" aria-labelledby="detail-title" onClose={props.onClose}
      onClick={(e) => { if (e.target === dialog.current) dialog.current?.close(); }}>
      <div className="detail-head">
        <h2 id="detail-title">{t.messageDetail} {m ? (m.direction === 'MT' ? '→' : '←') : ''}</h2>
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>{t.close}</button>
      </div>
      <ErrorBox error={error} />
      {!m && !error && <p>{t.loading}</p>}
      {m && (
        <>
          <dl className="facts">
            <dt>{t.colMessageId}</dt><dd className="mono">{m.id}</dd>
            <dt>{m.direction === 'MT' ? t.colSentAt : t.colRepliedAt}</dt><dd>{ui.date(m.at)}</dd>
            <dt>{t.colStatus}</dt><dd><StatusCell m={m} /></dd>
            <dt>{m.direction === 'MT' ? t.colPhone : t.colSource}</dt>
            <dd>{m.contact.phone ? '+' + m.contact.phone : m.contact.bsuid}</dd>
            {m.contact.name && <><dt>{t.colContactName}</dt><dd>{m.contact.name}</dd></>}
            <dt>{t.colSubaccount}</dt><dd>{m.subaccount.name || m.subaccount.id}</dd>
            {m.campaign && <><dt>{t.colCampaign}</dt><dd>{m.campaign.name}</dd></>}
            {m.user && <><dt>{t.colUser}</dt><dd>{m.user}</dd></>}
            <dt>{t.colContentType}</dt><dd>{t.contentType[m.contentType] ?? m.contentType}</dd>
            {m.content?.templateName && <><dt>{t.template}</dt>
              <dd>{m.content.templateName} ({m.content.templateLanguage})</dd></>}
            {/* a media file without a caption has no text to show: its file says what it was */}
            {((m.direction === 'MT' ? m.content?.text : m.text) || !m.media) && <>
              <dt>{m.direction === 'MT' ? t.colMessage : t.colReceivedText}</dt>
              <dd className="text">{m.direction === 'MT' ? m.content?.text : m.text}</dd></>}
            {m.media && <><dt>{t.media}</dt>
              <dd>{m.media.mimeType ?? ''} <span className="mono muted">({m.media.id})</span></dd></>}
            {m.button && <><dt>{t.colButton}</dt><dd>{m.button.text} <span className="mono muted">({m.button.payload})</span></dd></>}
            {m.correlationId && <><dt>{t.colCorrelationId}</dt><dd className="mono">{m.correlationId}</dd></>}
            {m.direction === 'MT' && (m.pricingCategory || m.freeReason) && <><dt>{t.pricing}</dt>
              <dd className="pricing">{[m.pricingCategory, m.pricingModel,
                m.freeReason ? t.freeReason[m.freeReason] ?? m.freeReason : null].filter(Boolean).join(' · ')}</dd></>}
          </dl>
          {m.error && (
            <div className="error-explained">
              <h3>{t.error}: {m.error.code} · {m.error.title}</h3>
              {help && <p><strong>{t.errorExplained}:</strong> {help}</p>}
            </div>
          )}
          <h3>{t.history}</h3>
          {m.history && m.history.length > 0 ? (
            <ol className="timeline">
              {m.history.map((h, i) => (
                <li key={i} className={`s-${h.status}`}>
                  <span className="dot" aria-hidden="true" />
                  <strong>{t.status[h.status] ?? h.status}</strong> <time dateTime={h.at}>{ui.date(h.at)}</time>
                  {h.error && <span className="reason"> · {h.error.code} {h.error.title}</span>}
                </li>
              ))}
            </ol>
          ) : <p className="muted">{t.noHistory}</p>}
          {m.direction === 'MT' && (
            <div className="linked reply">
              <h3>{t.replyHeading}</h3>
              {m.reply ? (
                <>
                  <p>{ui.date(m.reply.at)} · {fmt(t.repliedAfter, { d: duration(m.reply.secondsToReply) })}
                    {m.reply.button && <> · {t.colButton}: <strong>{m.reply.button.text}</strong>{' '}
                      <span className="mono muted">({m.reply.button.payload})</span></>}
                    {(m.replyCount ?? 0) > 1 && <> · {fmt(t.moreReplies, { n: m.replyCount! })}</>}</p>
                  <button type="button" onClick={() => props.onOpen(m.reply!.id)}>{t.openMessage} {m.reply.id}</button>
                </>
              ) : <p className="muted">{t.noReply}</p>}
            </div>
          )}
          {m.inReplyTo && (
            <div className="linked">
              <h3>{t.answers}</h3>
              <p>{ui.date(m.inReplyTo.at)} · {t.status[m.inReplyTo.status]} · {m.inReplyTo.campaign?.name ?? ''}</p>
              <blockquote>{m.inReplyTo.content.text}</blockquote>
              <button type="button" onClick={() => props.onOpen(m.inReplyTo!.id)}>{t.openMessage} {m.inReplyTo.id}</button>
            </div>
          )}
          {m.conversation && (
            <div className="linked">
              <h3>{t.conversation}</h3>
              <p className="mono">{m.conversation.id}
                {m.conversation.type && ` · ${t.conversationType[m.conversation.type] ?? m.conversation.type}`}
                {m.conversation.expiresAt && ` · ${t.colConversationExpiry}: ${ui.date(m.conversation.expiresAt)}`}</p>
              <button type="button" onClick={() => props.onOpenConversation(m.conversation!.id, m.at)}>
                {t.showConversation}</button>
            </div>
          )}
        </>
      )}
    </dialog>
  );
}

/** A short duration: 45 s, 12 min, 3 h 20 min, 2 d 4 h. */
function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) {
    const h = Math.floor(seconds / 3600);
    const m = Math.round((seconds % 3600) / 60);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(seconds / 86400);
  const h = Math.round((seconds % 86400) / 3600);
  return h ? `${d} d ${h} h` : `${d} d`;
}
