/**
 * The Data panel's source form: its state (source-form-reducer.ts) and what it does on its own — fill in the default
 * URL, list the workbook's tables when "table" is chosen, move the focus to a refused URL's message, read a chosen
 * file — and the source to read, checked.
 */
import * as React from "react";
import { useT } from "../../i18n";
import { Status, focusResult } from "../../common";
import { useId } from "@fluentui/react-components";
import { SourceSpec, TaskPaneServices, useServices } from "../../services";
import { readFileBytes } from "./read-file-bytes";
import { SourceForm, SourceFormAction, initialSourceForm, sourceFormReducer, sourceOf } from "./source-form-reducer";

const FILE_TYPES = /\.(csv|txt|json|xlsx)$/i;

export interface SourceFormHook {
  form: SourceForm;
  dispatch: React.Dispatch<SourceFormAction>;
  /** The id of the URL's validation message (it takes the focus on each refusal). */
  urlMessageId: string;
  /** Take the file chosen in the input (none, or one of a type we do not read, leaves the form without a file). */
  chooseFile: (file: File | undefined, setStatus: (status: Status) => void) => Promise<void>;
  /** The source to read, or null (a URL that is not http(s) is refused with a message). */
  checkedSource: () => SourceSpec | null;
}

/** While the form shows "table" and has not listed them yet: the workbook's tables, the first one chosen. */
function useTableListing(form: SourceForm, dispatch: React.Dispatch<SourceFormAction>, services: TaskPaneServices) {
  const { type, tables } = form;
  React.useEffect(() => {
    if (type !== "table" || tables !== null) return;
    let live = true;
    services
      .listTables()
      .then((list) => live && dispatch({ type: "tablesListed", tables: list }))
      .catch(() => live && dispatch({ type: "tablesListed", tables: [] }));
    return () => {
      live = false;
    };
  }, [type, tables, services, dispatch]);
}

export function useSourceForm(defaultUrl: string): SourceFormHook {
  const { t } = useT();
  const services = useServices();
  const [form, dispatch] = React.useReducer(sourceFormReducer, defaultUrl, initialSourceForm);
  const urlMessageId = useId("data-url-message");
  React.useEffect(() => dispatch({ type: "defaultUrl", url: defaultUrl }), [defaultUrl]);
  React.useEffect(() => {
    if (form.urlRefusals > 0) focusResult(document.getElementById(urlMessageId));
  }, [form.urlRefusals, urlMessageId]);
  useTableListing(form, dispatch, services);

  async function chooseFile(file: File | undefined, setStatus: (status: Status) => void): Promise<void> {
    if (!file) return dispatch({ type: "file", file: null });
    if (!FILE_TYPES.test(file.name)) {
      dispatch({ type: "file", file: null });
      setStatus({ intent: "error", text: t("badFileType", { name: file.name }) });
      return;
    }
    setStatus(null);
    const bytes = await readFileBytes(file);
    dispatch({ type: "file", file: { name: file.name, bytes } });
  }

  function checkedSource(): SourceSpec | null {
    const source = sourceOf(form);
    if (form.type === "url")
      dispatch(source ? { type: "urlAccepted" } : { type: "urlRefused", error: t("urlInvalid") });
    return source;
  }

  return { form, dispatch, urlMessageId, chooseFile, checkedSource };
}
