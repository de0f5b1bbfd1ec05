/**
 * The request context of the simulated Excel JavaScript API (Excel.RequestContext): the queue of commands that
 * proxies fill and `context.sync()` sends to the host, and the hooks the host (sync-runner.ts) gives the proxies.
 */
import type { WorkbookModel } from "../workbook";
import type { LoadOption, SimProxy } from "./proxy";
import { SimApplication, SimWorkbook } from "./workbook";

/** What the proxies need from the host (SimHost, sync-runner.ts). */
export interface SimHostHooks {
  book: WorkbookModel;
  runSync(ctx: SimRequestContext): Promise<void>;
  recalcNow(): void;
  beforeRead(): void;
  countResponse(value: unknown): void;
  flags: { suspendCalc: boolean; suspendScreen: boolean };
}

export interface Op {
  /** What is serialised into the request (its JSON size is the payload). */
  d: unknown;
  run: () => void;
}

export class SimRequestContext {
  _queue: Op[] = [];
  _nullables: SimProxy<any>[] = [];
  _nextId = 1;
  readonly workbook: SimWorkbook;
  readonly application: SimApplication;
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  constructor(readonly _host: SimHostHooks) {
    this.workbook = new SimWorkbook(this, null, "workbook", [], () => _host.book);
    this.application = this.workbook.application;
  }
  get _book(): WorkbookModel {
    return this._host.book;
  }
  sync<T>(passThroughValue?: T): Promise<T> {
    return this._host.runSync(this).then(() => passThroughValue as T);
  }
  load(obj: SimProxy<any>, props?: LoadOption): void {
    obj.load(props);
  }
}
