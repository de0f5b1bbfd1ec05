/** A list with `item` added (on) or removed (off): what a checkbox in a checklist does to the chosen items. */
export function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((x) => x !== item);
}
