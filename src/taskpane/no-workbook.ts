/**
 * Services when the page is open outside Excel (a plain browser tab): sources can still be read and previewed,
 * the function reference shown and settings kept on this computer; everything that writes a workbook is refused.
 */
import { AppError } from "../core/errors";
import type { Backends } from "./workbook-services";
import { copyText } from "./workbook-services";
import type { TaskPaneServices } from "./services";
import { zhFromMetadata } from "./functions-reference";

const noWorkbook = async (): Promise<never> => {
  throw new AppError("NO_WORKBOOK", "未连接 Excel 工作簿", "No Excel workbook connected");
};

export function noWorkbookServices(backends: Backends): TaskPaneServices {
  return {
    host: null,
    async read(source, o) {
      const common = { kind: o.kind ?? "auto", mapping: o.mapping, onProgress: o.onProgress, signal: o.signal };
      if (source.type === "sample") return backends.loadSeeds();
      if (source.type === "file")
        return [await backends.importBytes(source.bytes, { ...common, fileName: source.name })];
      if (source.type === "url") return [await backends.importUrl(source.url, { ...common, fileName: source.url })];
      return noWorkbook();
    },
    listTables: async () => [],
    write: noWorkbook,
    writeIssues: noWorkbook,
    listSources: async () => [],
    refresh: noWorkbook,
    undoLastRefresh: async () => null,
    briefingAvailability: async () => ({ regions: [], dataYears: [], targetYears: [] }),
    buildBriefing: noWorkbook,
    async functionDescriptionsZh() {
      const res = await fetch("functions.json");
      if (!res.ok) throw new Error(`functions.json: HTTP ${res.status}`);
      return zhFromMetadata(await res.json());
    },
    insertFormula: noWorkbook,
    readWorkbookSettings: async () => ({}),
    saveWorkbookSettings: async () => false,
    copyText,
  };
}
