/**
 * The storage under a history log: append-only chunks of columns. Chunks never move once
 * allocated (no copy on growth, unlike a growing array) and start small, so a short execution
 * holds little: chunk k holds min(64·2^k, 8192) events. The first chunk is two plain arrays that
 * grow as events come: allocating typed arrays costs more than the rest of a short execution's
 * bookkeeping, and most executions write far fewer than 64 events.
 */

const FIRST_BITS = 6; // the first chunk holds 2^6 = 64 events
const FIRST_SIZE = 1 << FIRST_BITS;
const LAST_BITS = 13; // chunks stop doubling at 2^13 = 8192 events
/** Events held by the doubling chunks 0..(LAST_BITS - FIRST_BITS - 1): 64·(2^7 − 1). */
const DOUBLING_END = (1 << LAST_BITS) - (1 << FIRST_BITS);
const DOUBLING_CHUNKS = LAST_BITS - FIRST_BITS;

/**
 * The first chunk: per event four numbers in `num` (type and kind as `type | kind << 8`,
 * previous, time, thread) and two values in `obj` (a, b), appended in order.
 */
class FirstChunk {
  readonly num: number[] = [];
  readonly obj: unknown[] = [];
}

/** A later chunk: per event 18 bytes of typed columns (in one buffer) and two object slots. */
class Chunk {
  readonly time: Float64Array;
  readonly previous: Int32Array;
  readonly thread: Int32Array;
  readonly type: Uint8Array;
  readonly kind: Uint8Array;
  /** The two values an event's details are made from (what they mean depends on `kind`). */
  readonly a: unknown[];
  readonly b: unknown[];

  constructor(readonly size: number) {
    // One allocation for the typed columns, widest first so every view is aligned.
    const buffer = new ArrayBuffer(size * 18);
    this.time = new Float64Array(buffer, 0, size);
    this.previous = new Int32Array(buffer, size * 8, size);
    this.thread = new Int32Array(buffer, size * 12, size);
    this.type = new Uint8Array(buffer, size * 16, size);
    this.kind = new Uint8Array(buffer, size * 17, size);
    this.a = new Array<unknown>(size);
    this.b = new Array<unknown>(size);
  }
}

/** Append-only event columns: `push` writes the next index, the getters read any index below `length`. */
export class EventColumns {
  /** Events 0..63. */
  private readonly first = new FirstChunk();
  /** Chunk k (k >= 1) at index k - 1. */
  private readonly chunks: Chunk[] = [];
  /** The typed chunk being filled and the next free position in it. */
  private current: Chunk | undefined;
  private pos = 0;
  /** The position `seek` found (kept in a field so reading allocates nothing). */
  private offset = 0;
  length = 0;

  /** Appends one event: `type` and `kind` are small codes (below 256), `a` and `b` are kept by reference. */
  push(type: number, kind: number, previous: number, time: number, thread: number, a: unknown, b: unknown): void {
    const i = this.length++;
    if (i < FIRST_SIZE) {
      // Written as a typed chunk would store them: bytes for type and kind, int32 for the ids.
      const num = this.first.num;
      num.push((type & 0xff) | ((kind & 0xff) << 8), previous | 0, time, thread | 0);
      this.first.obj.push(a, b);
      return;
    }
    let c = this.current;
    if (c === undefined || this.pos === c.size) c = this.grow();
    const p = this.pos++;
    c.type[p] = type;
    c.kind[p] = kind;
    c.previous[p] = previous;
    c.time[p] = time;
    c.thread[p] = thread;
    c.a[p] = a;
    c.b[p] = b;
  }

  type(i: number): number {
    return i < FIRST_SIZE ? this.first.num[4 * i]! & 0xff : this.seek(i).type[this.offset]!;
  }
  kind(i: number): number {
    return i < FIRST_SIZE ? this.first.num[4 * i]! >> 8 : this.seek(i).kind[this.offset]!;
  }
  previous(i: number): number {
    return i < FIRST_SIZE ? this.first.num[4 * i + 1]! : this.seek(i).previous[this.offset]!;
  }
  time(i: number): number {
    return i < FIRST_SIZE ? this.first.num[4 * i + 2]! : this.seek(i).time[this.offset]!;
  }
  thread(i: number): number {
    return i < FIRST_SIZE ? this.first.num[4 * i + 3]! : this.seek(i).thread[this.offset]!;
  }
  a(i: number): unknown {
    return i < FIRST_SIZE ? this.first.obj[2 * i] : this.seek(i).a[this.offset];
  }
  b(i: number): unknown {
    return i < FIRST_SIZE ? this.first.obj[2 * i + 1] : this.seek(i).b[this.offset];
  }

  /** Drops event `i`'s object slots (once its event is built, they are not needed again). */
  release(i: number): void {
    if (i < FIRST_SIZE) {
      this.first.obj[2 * i] = undefined;
      this.first.obj[2 * i + 1] = undefined;
      return;
    }
    const c = this.seek(i);
    c.a[this.offset] = undefined;
    c.b[this.offset] = undefined;
  }

  private grow(): Chunk {
    const k = this.chunks.length + 1;
    const c = new Chunk(1 << (k < DOUBLING_CHUNKS ? FIRST_BITS + k : LAST_BITS));
    this.chunks.push(c);
    this.current = c;
    this.pos = 0;
    return c;
  }

  /** The typed chunk holding index `i` (at least 64); sets `offset` to its position there. */
  private seek(i: number): Chunk {
    let k: number;
    if (i < DOUBLING_END) {
      // Chunk k starts at 64·(2^k − 1), so k = ⌊log2(i/64 + 1)⌋.
      k = 31 - Math.clz32((i >> FIRST_BITS) + 1);
      this.offset = i - ((1 << (FIRST_BITS + k)) - (1 << FIRST_BITS));
    } else {
      const j = i - DOUBLING_END;
      k = DOUBLING_CHUNKS + (j >> LAST_BITS);
      this.offset = j & ((1 << LAST_BITS) - 1);
    }
    return this.chunks[k - 1]!;
  }
}
