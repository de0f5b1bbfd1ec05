/** Pieces shared by the panels: a cancellable task with progress, the progress area, a status message. */
import * as React from "react";
import { Button, MessageBar, MessageBarBody, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Translate, useT } from "./i18n";
import { errorText, isAbort, saysWhatToDo } from "./services";

export const useCommonStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  // Reserved height so that starting or ending a task never shifts the layout below it.
  progress: {
    minHeight: "52px",
    display: "flex",
    flexDirection: "column",
    justifyContent: "center",
    gap: "4px",
  },
  progressRow: { display: "flex", alignItems: "center", gap: "8px" },
  progressBar: { flexGrow: 1 },
  muted: { color: tokens.colorNeutralForeground3 },
  heading: { margin: 0 },
  /** A result that receives focus: clear of the sticky tab row when scrolled to. */
  result: { scrollMarginTop: "48px", ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
});

/**
 * An error as the pane shows it: in the UI language, and always with what to do next. Import errors say it
 * themselves (file, row, column, fix); anything else (Excel refusing a write, a network failure) gets the general
 * next step: retry, then the self-test, whose report support can read.
 */
export function userError(err: unknown, t: Translate, lang: "zh-CN" | "en-US"): string {
  const text = errorText(err, lang).trim();
  const sep = /[。.!！?？]$/.test(text) ? (lang === "zh-CN" ? "" : " ") : lang === "zh-CN" ? "。" : ". ";
  return t("errorPrefix") + text + (saysWhatToDo(text, lang) ? "" : sep + t("errorNextStep"));
}

export type Status = { intent: "success" | "error" | "warning" | "info"; text: string } | null;

export interface Task {
  running: boolean;
  /** 0..1, or undefined while indeterminate. */
  progress: number | undefined;
  label: string;
  /** The task was started from a focused button (which it disables): its Cancel button takes the focus meanwhile. */
  focusCancel: boolean;
  status: Status;
  setStatus: (s: Status) => void;
  /** Run `fn` with a fresh AbortSignal; errors become an error status, a cancel becomes an info status. */
  run: <T>(
    label: string,
    fn: (signal: AbortSignal, onProgress: (f: number) => void) => Promise<T>,
  ) => Promise<T | undefined>;
  cancel: () => void;
}

export function useTask(): Task {
  const { t, lang } = useT();
  const [running, setRunning] = React.useState(false);
  const [progress, setProgress] = React.useState<number | undefined>(undefined);
  const [label, setLabel] = React.useState("");
  const [focusCancel, setFocusCancel] = React.useState(false);
  const [status, setStatus] = React.useState<Status>(null);
  const controller = React.useRef<AbortController | null>(null);
  const mounted = React.useRef(true);
  React.useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      controller.current?.abort();
    };
  }, []);

  const run = React.useCallback(
    async <T,>(what: string, fn: (signal: AbortSignal, onProgress: (f: number) => void) => Promise<T>) => {
      controller.current?.abort();
      const ctl = new AbortController();
      controller.current = ctl;
      // The starting button disables itself while the task runs, which drops the keyboard focus to <body>.
      setFocusCancel(typeof document !== "undefined" && document.activeElement instanceof HTMLButtonElement);
      setRunning(true);
      setProgress(undefined);
      setLabel(what);
      setStatus(null);
      try {
        const value = await fn(ctl.signal, (f) => {
          if (mounted.current && controller.current === ctl) setProgress(Math.max(0, Math.min(1, f)));
        });
        if (ctl.signal.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" });
        return value;
      } catch (err) {
        if (!mounted.current) return undefined;
        if (isAbort(err) || ctl.signal.aborted) setStatus({ intent: "info", text: t("cancelled") });
        else setStatus({ intent: "error", text: userError(err, t, lang) });
        return undefined;
      } finally {
        if (mounted.current && controller.current === ctl) {
          setRunning(false);
          setProgress(undefined);
          controller.current = null;
        }
      }
    },
    [t, lang],
  );
  const cancel = React.useCallback(() => controller.current?.abort(), []);
  return { running, progress, label, focusCancel, status, setStatus, run, cancel };
}

/** The progress area: always the same height; a bar, its label and a cancel button while a task runs. */
export function ProgressArea({ task, cancellable = true }: { task: Task; cancellable?: boolean }) {
  const { t } = useT();
  const s = useCommonStyles();
  const pct = task.progress === undefined ? undefined : Math.round(task.progress * 100);
  const cancelRef = React.useRef<HTMLButtonElement>(null);
  React.useEffect(() => {
    if (task.running && task.focusCancel) cancelRef.current?.focus();
  }, [task.running, task.focusCancel]);
  return (
    <div className={s.progress} aria-live="polite" aria-busy={task.running}>
      {task.running ? (
        <>
          <Text size={200}>
            {task.label}
            {pct !== undefined ? ` ${pct}%` : ""}
          </Text>
          <div className={s.progressRow}>
            <ProgressBar
              className={s.progressBar}
              value={task.progress}
              max={1}
              thickness="large"
              aria-label={t("progressLabel")}
            />
            {cancellable && (
              <Button size="small" onClick={task.cancel} ref={cancelRef}>
                {t("cancel")}
              </Button>
            )}
          </div>
        </>
      ) : null}
    </div>
  );
}

/**
 * A status message. With `focusOnChange`, each new status takes the keyboard focus and scrolls into view: the
 * result of an action is where the user's attention (and a screen reader's cursor) goes next.
 */
export function StatusMessage({ status, focusOnChange = false }: { status: Status; focusOnChange?: boolean }) {
  const ref = React.useRef<HTMLDivElement>(null);
  const c = useCommonStyles();
  React.useEffect(() => {
    if (focusOnChange && status) focusResult(ref.current);
  }, [status, focusOnChange]);
  if (!status) return null;
  return (
    <MessageBar
      ref={ref}
      className={c.result}
      tabIndex={focusOnChange ? -1 : undefined}
      intent={status.intent}
      // Multiline from the start: "auto" renders one line, measures, then reflows taller, after the message was
      // scrolled into view (it then ended 3 px below the fold at 1280 px in English).
      layout="multiline"
      role={status.intent === "error" ? "alert" : "status"}
      data-status-intent={status.intent}
    >
      <MessageBarBody>{status.text}</MessageBarBody>
    </MessageBar>
  );
}

/**
 * Move focus to a result and scroll it into view below the pane's sticky tab row (scroll-margin-top on the target
 * keeps it clear of the row). preventScroll + scrollIntoView: focus() alone scrolls as little as it can, which can
 * leave the result at the very bottom edge.
 */
export function focusResult(el: HTMLElement | null, block: ScrollLogicalPosition = "start") {
  if (!el) return;
  el.focus({ preventScroll: true });
  el.scrollIntoView?.({ block, behavior: "auto" });
}

/** Time as the user reads it, in the UI language. */
export function formatTime(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
}
