/**
 * The shapes a write shares with its callers and with undo: its options, its summary, and the undo record it leaves
 * in the workbook's settings (what each table looked like before, where the snapshot is, what the write left).
 */
import type { DatasetKind } from "../import/types";
import type { BlockPrint, TablePrint } from "./fingerprint";
import type { WriterNamespace } from "./namespace";
import type { SourceDescriptor } from "./sources";
import type { Cell } from "./values";
import type { QueueTicket } from "./write-queue";

/** Something the user should know, in Chinese and English. */
export interface Notice {
  zh: string;
  en: string;
}

export interface WriteOptions {
  /** 0..1 as the write progresses. */
  onProgress?: (fraction: number) => void;
  /** Cancels before the commit: the workbook is left exactly as it was. */
  signal?: AbortSignal;
  /** Clock (tests). */
  now?: () => Date;
  /** Sheets, tables and settings to use (default: the add-in's own; the self-test passes temporary ones). */
  namespace?: WriterNamespace;
  /** The write queue's ticket of a write that holds the queue and runs this one inside it (the self-test). */
  ticket?: QueueTicket;
}

export interface WriteSummary {
  kind: DatasetKind;
  sheet: string;
  table: string;
  batch: string;
  /** Records in the table afterwards. */
  rows: number;
  added: number;
  updated: number;
  archived: number;
  unchanged: number;
  /** Rows appended to the change log. */
  changes: number;
  /** What the user should know (Chinese and English), e.g. a table of theirs whose name the add-in did not take. */
  notices: Notice[];
}

/** How one table looked before a write, and what the write did to it (enough to put it back). */
export interface TablePart {
  /** Table.id; null for a table the write creates (its id is known once created: see the committed record). */
  id: string | null;
  /** The table's name and sheet when the write ran. */
  table: string;
  sheet: string;
  /** "sheet": the write created the sheet; "table": it created the table on an existing sheet; null: it existed. */
  created: "sheet" | "table" | null;
  /** Data rows and columns before (0 when created). */
  beforeRows: number;
  beforeCols: number;
  /** A dataset table: a note cell above it. */
  note: boolean;
}

export interface UndoRecord {
  version: 3;
  /**
   * "committing": the write is changing the sheets (a failure rolls it back; an undo finishes the rollback);
   * "committed": done, `fingerprint` says what it left; "restoring": an undo was under way.
   */
  phase: "committing" | "committed" | "restoring";
  batch: string;
  kind: DatasetKind;
  sheet: string;
  table: string;
  undoSheet: string;
  stageSheet: string;
  data: TablePart;
  archive: TablePart | null;
  changeLog: TablePart | null;
  /** The note cell above the table before the write (formula or constant). */
  note: { formula: Cell } | null;
  /** Where the snapshot is on the undo sheet: the old body (rows × cols at A1), the meta text cells in column metaCol. */
  snapshot: { rows: number; cols: number; metaCol: number; metaChunks: number };
  previousSources: SourceDescriptor[];
  /** The remembered tables before the write (null: the setting did not exist). */
  previousTables: unknown;
  fingerprint: { data: TablePrint; archive: BlockPrint | null; changeLog: BlockPrint | null } | null;
  at: string;
}
