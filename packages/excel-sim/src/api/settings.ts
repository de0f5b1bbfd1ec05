/**
 * Settings of the simulated Excel JavaScript API (Workbook.settings): values stored as JSON, as Excel persists them.
 */
import { SimError } from "../workbook";
import type { WorkbookModel } from "../workbook";
import { SimCollection, SimProxy } from "./proxy";

/** A setting's value as JSON; a value JSON cannot hold (undefined, a function) is refused. */
function storable(json: string | undefined): string {
  if (json === undefined)
    throw new SimError(
      "InvalidArgument",
      "The argument is invalid or missing or has an incorrect format. (setting value)",
    );
  return json;
}

export class SimSettingCollection extends SimCollection<WorkbookModel, string, SimSetting> {
  readonly _cls = "SettingCollection";
  protected _list(b: WorkbookModel): string[] {
    return [...b.settings.keys()];
  }
  protected _wrap(key: string): SimSetting {
    return new SimSetting(this.context, this, "_item", [key], () => key);
  }
  /** Add or replace a setting. The value is stored as JSON (Excel persists settings as JSON in the file). */
  add(key: string, value: unknown): SimSetting {
    const json = JSON.stringify(value);
    this._call("add", [key, value], (b) => {
      if (!key || key.length > 255)
        throw new SimError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format. (setting key)",
        );
      b.setSetting(key, storable(json));
    });
    return new SimSetting(this.context, this, "add", [key], () => key);
  }
  getItem(key: string): SimSetting {
    return new SimSetting(this.context, this, "getItem", [key], () => (this._req().settings.has(key) ? key : null));
  }
  getItemOrNullObject(key: string): SimSetting {
    return new SimSetting(
      this.context,
      this,
      "getItemOrNullObject",
      [key],
      () => (this._req().settings.has(key) ? key : null),
      true,
    );
  }
}

export class SimSetting extends SimProxy<string> {
  readonly _cls = "Setting";
  protected override get _props() {
    const b = this.context._book;
    return {
      key: (k: string) => k,
      value: (k: string) => {
        const raw = b.settings.get(k);
        if (raw === undefined) throw new SimError("ItemNotFound", "The requested resource doesn't exist. (setting)");
        return JSON.parse(raw);
      },
    };
  }
  get key(): string {
    return this._get("key");
  }
  get value(): unknown {
    return this._get("value");
  }
  set value(v: unknown) {
    const json = JSON.stringify(v);
    this._set("value", v, (k) => {
      this.context._book.setSetting(k, storable(json));
    });
  }
  delete(): void {
    this._call("delete", [], (k) => {
      this.context._book.settings.delete(k);
    });
  }
}
