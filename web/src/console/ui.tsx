import { createContext, useContext, useId } from 'react';
import type { Dict, Lang } from './i18n';
import { fmt } from './i18n';
import { ApiError } from './api';

export interface Ui {
  t: Dict;
  lang: Lang;
  tz: string;
  /** An instant, in the chosen zone and language. */
  date: (iso: string | null | undefined) => string;
  /** An instant as a time of day when it is today in the chosen zone, else with its date: "14:32". */
  clock: (iso: string) => string;
  number: (n: number) => string;
  maxPeriodDays: number;
}

export const UiContext = createContext<Ui>(null as unknown as Ui);
export const useUi = () => useContext(UiContext);

/** A multi-select as a disclosure of checkboxes: native keyboard use, a label on every box. */
export function MultiSelect(props: {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  selected: string[];
  onChange: (values: string[]) => void;
}) {
  const { t } = useUi();
  const id = useId();
  const summary = props.selected.length === 0 ? t.all
    : props.selected.length === 1 ? (props.options.find((o) => o.value === props.selected[0])?.label ?? props.selected[0])
      : fmt(t.nSelected, { n: props.selected.length });
  const known = new Set(props.options.map((o) => o.value));
  const options = [...props.options, ...props.selected.filter((v) => !known.has(v)).map((v) => ({ value: v, label: v }))];
  return (
    <div className="field">
      <span className="label" id={id}>{props.label}</span>
      <details className="multi" data-name={props.name}>
        <summary aria-describedby={id}><span className="sr-only">{props.label}: </span>{summary}</summary>
        <fieldset aria-labelledby={id}>
          {options.length === 0 && <p className="muted">{t.empty}</p>}
          {options.map((o) => (
            <label key={o.value} className="check">
              <input type="checkbox" name={props.name} value={o.value} checked={props.selected.includes(o.value)}
                onChange={(e) => props.onChange(e.target.checked ? [...props.selected, o.value]
                  : props.selected.filter((v) => v !== o.value))} />
              {o.label}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}

/** An error in words: what kind of failure, and the service's own sentence (which names the field). */
export function ErrorBox({ error }: { error: unknown }) {
  const { t } = useUi();
  if (!error) return null;
  const kind = error instanceof ApiError ? error.classification : 'INTERNAL_ERROR';
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <div className="error" role="alert" data-classification={kind}>
      <strong>{t.errors[kind] ?? t.errors.INTERNAL_ERROR}.</strong> {message}
    </div>
  );
}
