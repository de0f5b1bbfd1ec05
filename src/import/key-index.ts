/**
 * A string → first-row index for duplicate detection, built for a million keys: open addressing over typed arrays
 * (FNV-1a hashes), so inserting a key costs one hash and usually one probe, and the table adds almost nothing for
 * the garbage collector to trace (the key strings are the records' own ids).
 */
export class KeyIndex {
  private slots = new Int32Array(1024); // entry number + 1; 0 = empty
  private hashes = new Int32Array(512);
  private rows = new Int32Array(512);
  private keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The row the key was first seen in; or -1, after remembering `row` for it. */
  firstOrAdd(key: string, row: number): number {
    const h = hash(key);
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (;;) {
      const e = this.slots[i];
      if (e === 0) break;
      const k = e - 1;
      if (this.hashes[k] === h && this.keys[k] === key) return this.rows[k];
      i = (i + 1) & mask;
    }
    const n = this.keys.length;
    if (n === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.rows = grow(this.rows);
    }
    this.keys.push(key);
    this.hashes[n] = h;
    this.rows[n] = row;
    this.slots[i] = n + 1;
    if ((n + 1) * 2 > this.slots.length) this.rehash();
    return -1;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.keys.length; k++) {
      let i = this.hashes[k] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = k + 1;
    }
    this.slots = slots;
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function hash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche so that keys differing only in their last characters spread over the table.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h | 0;
}
