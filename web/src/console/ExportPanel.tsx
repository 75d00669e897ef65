import { useEffect, useState } from 'react';
import { useUi, ErrorBox } from './ui';
import { fmt } from './i18n';
import type { ConsoleState, Period } from './state';
import { toFilter } from './state';
import type { ExportJob } from './api';
import { gql, START_EXPORT, EXPORT_JOB, EXPORT_JOBS, CANCEL_EXPORT } from './api';
import { exportColumns, shown } from './columns';

const FORMATS = ['CSV', 'XLSX', 'PDF', 'PARQUET'];
const ENDED = ['DONE', 'FAILED', 'CANCELLED', 'EXPIRED'];

/** Exports of the current filter, columns, zone, language and order, with progress, cancel and download. */
export function ExportPanel(props: { state: ConsoleState; period: Period }) {
  const ui = useUi();
  const { t } = ui;
  const [format, setFormat] = useState('CSV');
  const [job, setJob] = useState<ExportJob | null>(null);
  const [recent, setRecent] = useState<ExportJob[]>([]);
  const [error, setError] = useState<unknown>(null);

  const loadRecent = () => gql<{ exportJobs: ExportJob[] }>(EXPORT_JOBS).then((d) => setRecent(d.exportJobs)).catch(() => {});
  useEffect(() => { loadRecent(); }, []);

  useEffect(() => {
    if (!job || ENDED.includes(job.status)) return;
    const timer = setTimeout(() => {
      gql<{ exportJob: ExportJob }>(EXPORT_JOB, { id: job.id }).then((d) => {
        setJob(d.exportJob);
        if (ENDED.includes(d.exportJob.status)) loadRecent();
      }).catch(setError);
    }, 700);
    return () => clearTimeout(timer);
  }, [job]);

  const start = () => {
    setError(null);
    gql<{ startExport: { job: ExportJob } }>(START_EXPORT, {
      input: {
        filter: toFilter(props.state, props.period), format,
        columns: exportColumns(shown(props.state.direction, props.state.columns)),
        timeZone: props.state.tz, locale: ui.lang.toUpperCase(), sort: props.state.sort,
      },
    }).then((d) => { setJob(d.startExport.job); loadRecent(); }).catch(setError);
  };
  const cancel = () => job && gql<{ cancelExport: { job: ExportJob } }>(CANCEL_EXPORT, { input: { id: job.id } })
    .then((d) => { setJob(d.cancelExport.job); loadRecent(); }).catch(setError);

  const total = job?.totalRows ?? 0;
  const written = job?.status === 'DONE' ? total : job?.rowsWritten ?? 0;
  return (
    <section className="panel exports" aria-labelledby="exports-title">
      <h2 id="exports-title">{t.exports}</h2>
      <div className="inline">
        <label htmlFor="x-format">{t.exportFormat}</label>
        <select id="x-format" value={format} onChange={(e) => setFormat(e.target.value)}>
          {FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
        <button type="button" className="primary" onClick={start}
          disabled={!!job && !ENDED.includes(job.status)}>{t.startExport}</button>
      </div>
      <ErrorBox error={error} />
      {job && (
        <div className="job" data-job={job.id} data-status={job.status}>
          <div className="job-line">
            <span className="badge">{job.format}</span> <span className="job-status">{t.exportStatus[job.status] ?? job.status}</span>
            {job.totalRows !== null && <span className="muted"> · {fmt(t.rowsOf, { n: ui.number(written), m: ui.number(total) })}</span>}
          </div>
          <progress max={Math.max(total, 1)} value={Math.min(written, Math.max(total, 1))}
            aria-label={fmt(t.rowsOf, { n: written, m: total })} />
          {job.truncationMessage && <p className="muted">{job.truncationMessage}</p>}
          {job.failure && <p className="error">{job.failure}</p>}
          <div className="inline">
            {!ENDED.includes(job.status) && <button type="button" onClick={cancel}>{t.cancel}</button>}
            {job.downloadUrl && <a className="button primary" href={job.downloadUrl} download={job.fileName}>
              {t.download} {job.fileName}</a>}
          </div>
        </div>
      )}
      <h3>{t.recentExports}</h3>
      {recent.length === 0 ? <p className="muted">{t.noExports}</p> : (
        <ul className="recent">
          {recent.map((j) => (
            <li key={j.id}>
              <span className="badge">{j.format}</span> {ui.date(j.createdAt)} · {t.exportStatus[j.status] ?? j.status}
              {j.downloadUrl ? <> · <a href={j.downloadUrl} download={j.fileName}>{j.fileName}</a></> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
