import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useUi, ErrorBox } from './ui';
import { fmt } from './i18n';
import type { ConsoleState, Period } from './state';
import { toFilter } from './state';
import { gql, COUNTS, QUICK_REPLIES, FUNNEL, FAILURES } from './api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

const DIMENSIONS = ['STATUS', 'DIRECTION', 'SUBACCOUNT', 'USER', 'CAMPAIGN', 'CONTENT_TYPE', 'CONVERSATION_TYPE',
  'ERROR_CODE', 'SENT_WITH_SESSION'];
const BUCKETS = ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
const STATUS_COLORS: Record<string, string> = {
  ACCEPTED: '#9aa5b1', SENT: '#5b8def', DELIVERED: '#2f9e44', READ: '#0b7a55', PLAYED: '#7048e8', FAILED: '#d6336c',
  RECEIVED: '#f59f00',
};

interface Group { bucket: string | null; keys: { dimension: string; value: string }[]; count: number }
interface Counts { total: number; groups: Group[] }
interface Click { campaign: { id: string; name: string } | null; button: { payload: string; text: string }; count: number; contacts: number }

/** The consolidated view: counts by any dimension, a time chart by status, and quick-reply clicks. */
export function Overview(props: { state: ConsoleState; period: Period }) {
  const { t } = useUi();
  const [first, setFirst] = useState('STATUS');
  const [second, setSecond] = useState('');
  const [bucket, setBucket] = useState<(typeof BUCKETS)[number]>('DAY');
  return (
    <div className="overview" data-from={props.period.from} data-to={props.period.to}>
      <section className="panel" aria-labelledby="counts-title">
        <h2 id="counts-title">{t.counts}</h2>
        <div className="inline">
          <label htmlFor="o-first">{t.groupBy}</label>
          <select id="o-first" value={first} onChange={(e) => setFirst(e.target.value)}>
            {DIMENSIONS.map((d) => <option key={d} value={d}>{t.dimension[d]}</option>)}
          </select>
          <label htmlFor="o-second">{t.thenBy}</label>
          <select id="o-second" value={second} onChange={(e) => setSecond(e.target.value)}>
            <option value="">{t.none}</option>
            {DIMENSIONS.filter((d) => d !== first).map((d) => <option key={d} value={d}>{t.dimension[d]}</option>)}
          </select>
        </div>
        <CountsTable state={props.state} period={props.period} dims={second ? [first, second] : [first]} />
      </section>
      <section className="panel" aria-labelledby="chart-title">
        <h2 id="chart-title">{t.chart}</h2>
        <div className="inline">
          <label htmlFor="o-bucket">{t.bucket}</label>
          <select id="o-bucket" value={bucket} onChange={(e) => setBucket(e.target.value as typeof bucket)}>
            {BUCKETS.map((b) => <option key={b} value={b}>{t[`bucket${b}`]}</option>)}
          </select>
        </div>
        <TimeChart state={props.state} period={props.period} bucket={bucket} />
      </section>
      <FunnelPanel state={props.state} period={props.period} />
      <FailuresPanel state={props.state} period={props.period} />
      <QuickReplies state={props.state} period={props.period} />
    </div>
  );
}

function useCounts(state: ConsoleState, period: Period, groupBy: string[], bucket?: string) {
  const [data, setData] = useState<Counts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify([toFilter(state, period), groupBy, bucket, state.tz]);
  useEffect(() => {
    let live = true;
    setError(null);
    gql<{ messageCounts: Counts }>(COUNTS, {
      input: { filter: toFilter(state, period), groupBy, bucket, timeZone: state.tz },
    }).then((d) => live && setData(d.messageCounts)).catch((e) => { if (live) { setError(e); setData(null); } });
    return () => { live = false; };
  }, [key]);
  return { data, error };
}

function label(t: ReturnType<typeof useUi>['t'], dimension: string, value: string): string {
  if (value === '') return dimension === 'CAMPAIGN' ? t.noCampaign : t.empty;
  switch (dimension) {
    case 'STATUS': return t.status[value] ?? value;
    case 'CONTENT_TYPE': return t.contentType[value] ?? value;
    case 'CONVERSATION_TYPE': return t.conversationType[value] ?? value;
    case 'SENT_WITH_SESSION': return value === 'true' ? t.yes : value === 'false' ? t.no : value;
    case 'ERROR_CODE': return value === '0' ? '—' : value;
    default: return value;
  }
}

function CountsTable(props: { state: ConsoleState; period: Period; dims: string[] }) {
  const ui = useUi();
  const { t } = ui;
  const { data, error } = useCounts(props.state, props.period, props.dims);
  return (
    <>
      <ErrorBox error={error} />
      {data && (
        <table className="counts" data-total={data.total}>
          <caption className="sr-only">{t.counts}</caption>
          <thead><tr>
            {props.dims.map((d) => <th key={d} scope="col">{t.dimension[d]}</th>)}
            <th scope="col" className="num">{t.count}</th><th scope="col" className="num">{t.share}</th>
          </tr></thead>
          <tbody>
            {data.groups.map((g, i) => (
              <tr key={i}>
                {g.keys.map((k) => <td key={k.dimension}>{label(t, k.dimension, k.value)}</td>)}
                <td className="num">{ui.number(g.count)}</td>
                <td className="num">{data.total ? (100 * g.count / data.total).toFixed(1) + '%' : ''}</td>
              </tr>
            ))}
          </tbody>
          <tfoot><tr><th scope="row" colSpan={props.dims.length}>{t.total}</th>
            <td className="num">{ui.number(data.total)}</td><td /></tr></tfoot>
        </table>
      )}
    </>
  );
}

function TimeChart(props: { state: ConsoleState; period: Period; bucket: string }) {
  const ui = useUi();
  const { t } = ui;
  const { data, error } = useCounts(props.state, props.period, ['STATUS'], props.bucket);
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current || !data) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const buckets = [...new Set(data.groups.map((g) => g.bucket!))].sort();
    const statuses = [...new Set(data.groups.map((g) => g.keys[0].value))];
    const fmtBucket = new Intl.DateTimeFormat(ui.lang === 'en' ? 'en-GB' : ui.lang === 'es' ? 'es-ES' : 'pt-BR', {
      timeZone: ui.tz, month: 'short', day: 'numeric', ...(props.bucket === 'HOUR' ? { hour: '2-digit' } : {}),
      ...(props.bucket === 'MONTH' ? { year: 'numeric', day: undefined } : {}),
    });
    chart.setOption({
      aria: { enabled: true },
      // A report, not a show: bars appear at once (and a screenshot shows them whole).
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: buckets.map((b) => fmtBucket.format(new Date(b))) },
      yAxis: { type: 'value' },
      series: statuses.map((s) => ({
        name: t.status[s] ?? s, type: 'bar', stack: 'all', itemStyle: { color: STATUS_COLORS[s] },
        data: buckets.map((b) => data.groups.find((g) => g.bucket === b && g.keys[0].value === s)?.count ?? 0),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [data, ui.lang, ui.tz]);
  return (
    <>
      <ErrorBox error={error} />
      <div ref={el} className="chart" role="img" aria-label={t.chart} data-buckets={data ? new Set(data.groups.map((g) => g.bucket)).size : 0} />
    </>
  );
}

function QuickReplies(props: { state: ConsoleState; period: Period }) {
  const ui = useUi();
  const { t } = ui;
  const [rows, setRows] = useState<Click[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const input = {
    period: props.period,
    ...(props.state.campaigns.length ? { campaigns: props.state.campaigns } : {}),
    ...(props.state.subaccounts.length ? { subaccounts: props.state.subaccounts } : {}),
  };
  const key = JSON.stringify(input);
  useEffect(() => {
    setError(null);
    gql<{ quickReplyClicks: Click[] }>(QUICK_REPLIES, { input }).then((d) => setRows(d.quickReplyClicks))
      .catch((e) => { setError(e); setRows(null); });
  }, [key]);
  return (
    <section className="panel" aria-labelledby="qr-title">
      <h2 id="qr-title">{t.quickReplies}</h2>
      <ErrorBox error={error} />
      {rows && rows.length === 0 && <p className="muted">{t.noQuickReplies}</p>}
      {rows && rows.length > 0 && (
        <table className="counts quick-replies">
          <thead><tr><th scope="col">{t.colCampaign}</th><th scope="col">{t.button}</th><th scope="col">{t.payload}</th>
            <th scope="col" className="num">{t.taps}</th><th scope="col" className="num">{t.contacts}</th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{r.campaign?.name ?? t.noCampaign}</td><td>{r.button.text}</td>
                <td className="mono">{r.button.payload}</td>
                <td className="num">{ui.number(r.count)}</td><td className="num">{ui.number(r.contacts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows && <p className="muted">{fmt(t.periodShown, { from: ui.date(props.period.from), to: ui.date(props.period.to), tz: ui.tz })}</p>}
    </section>
  );
}

interface FunnelRow {
  keys?: { dimension: string; value: string }[];
  messages: number; sent: number; delivered: number; read: number; deliveredReadUnknown: number; replied: number;
  clicked: number; failed: number; deliveredRate: number | null; readRate: number | null; repliedRate: number | null;
  clickedRate: number | null; failedRate: number | null;
}

/** The funnel per campaign: each step with its rate from the step before. */
function FunnelPanel(props: { state: ConsoleState; period: Period }) {
  const ui = useUi();
  const { t } = ui;
  const [data, setData] = useState<{ total: FunnelRow; groups: FunnelRow[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(toFilter(props.state, props.period));
  useEffect(() => {
    setError(null);
    gql<{ funnel: { total: FunnelRow; groups: FunnelRow[] } }>(FUNNEL, {
      input: { filter: toFilter(props.state, props.period), groupBy: ['CAMPAIGN'] },
    }).then((d) => setData(d.funnel)).catch((e) => { setError(e); setData(null); });
  }, [key]);
  const pct = (r: number | null) => (r === null ? '' : ` (${(100 * r).toFixed(1)}%)`);
  const cells = (r: FunnelRow) => (
    <>
      <td className="num">{ui.number(r.sent)}</td>
      <td className="num">{ui.number(r.delivered)}<span className="muted">{pct(r.deliveredRate)}</span></td>
      <td className="num">{ui.number(r.read)}<span className="muted">{pct(r.readRate)}</span></td>
      <td className="num">{ui.number(r.deliveredReadUnknown)}</td>
      <td className="num">{ui.number(r.replied)}<span className="muted">{pct(r.repliedRate)}</span></td>
      <td className="num">{ui.number(r.clicked)}<span className="muted">{pct(r.clickedRate)}</span></td>
      <td className="num">{ui.number(r.failed)}<span className="muted">{pct(r.failedRate)}</span></td>
    </>
  );
  return (
    <section className="panel" aria-labelledby="funnel-title">
      <h2 id="funnel-title">{t.funnel}</h2>
      <ErrorBox error={error} />
      {data && (
        <table className="counts funnel" data-sent={data.total.sent}>
          <thead><tr><th scope="col">{t.colCampaign}</th><th scope="col" className="num">{t.fSent}</th>
            <th scope="col" className="num">{t.fDelivered}</th><th scope="col" className="num">{t.fRead}</th>
            <th scope="col" className="num">{t.fUnknown}</th><th scope="col" className="num">{t.fReplied}</th>
            <th scope="col" className="num">{t.fClicked}</th><th scope="col" className="num">{t.fFailed}</th></tr></thead>
          <tbody>
            {data.groups.map((g, i) => <tr key={i}><td>{g.keys?.[0]?.value ? g.keys[0].value : t.noCampaign}</td>{cells(g)}</tr>)}
          </tbody>
          <tfoot><tr><th scope="row">{t.total}</th>{cells(data.total)}</tr></tfoot>
        </table>
      )}
      <p className="muted note">{t.funnelNote}</p>
    </section>
  );
}

interface CodeRow {
  code: number; title: string; count: number; share: number; contacts: number; firstSeen: string; lastSeen: string;
  errorClass: string; action: string;
}

/** Failures per error code, with what to do about each, and the marketing-fatigue download. */
function FailuresPanel(props: { state: ConsoleState; period: Period }) {
  const ui = useUi();
  const { t } = ui;
  const [data, setData] = useState<{ failures: number; contacts: number; codes: CodeRow[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(toFilter(props.state, props.period));
  useEffect(() => {
    setError(null);
    gql<{ failureAnalysis: { failures: number; contacts: number; codes: CodeRow[] } }>(FAILURES, {
      input: { filter: toFilter(props.state, props.period) },
    }).then((d) => setData(d.failureAnalysis)).catch((e) => { setError(e); setData(null); });
  }, [key]);
  const q = new URLSearchParams({ from: props.period.from, to: props.period.to });
  props.state.subaccounts.forEach((s) => q.append('subaccount', s));
  props.state.campaigns.forEach((c) => q.append('campaign', c));
  return (
    <section className="panel" aria-labelledby="failures-title">
      <h2 id="failures-title">{t.failures}</h2>
      <ErrorBox error={error} />
      {data && data.codes.length === 0 && <p className="muted">{t.noFailures}</p>}
      {data && data.codes.length > 0 && (
        <table className="counts failures" data-failures={data.failures}>
          <thead><tr><th scope="col">{t.code}</th><th scope="col" className="num">{t.count}</th>
            <th scope="col" className="num">{t.share}</th><th scope="col" className="num">{t.contacts}</th>
            <th scope="col">{t.lastSeen}</th><th scope="col">{t.action}</th></tr></thead>
          <tbody>
            {data.codes.map((c) => (
              <tr key={c.code} className={`class-${c.errorClass}`}>
                <td><strong>{c.code}</strong> · {c.title}<br /><span className="badge">{t.failureClass[c.errorClass] ?? c.errorClass}</span></td>
                <td className="num">{ui.number(c.count)}</td>
                <td className="num">{(100 * c.share).toFixed(1)}%</td>
                <td className="num">{ui.number(c.contacts)}</td>
                <td>{ui.date(c.lastSeen)}</td>
                <td className="action">{t.errorCodeHelp[c.code] ?? c.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p><a href={`/api/v1/insights/marketing-fatigue.csv?${q}`} download>{t.fatigueDownload}</a></p>
    </section>
  );
}
