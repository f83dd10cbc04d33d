/**
 * The storage under a history log: append-only chunks of columns. Chunks never move once
 * allocated (no copy on growth, unlike a growing array) and start small, so a short execution
 * holds little: chunk k holds min(64·2^k, 8192) events. The first chunk is plain arrays that
 * grow as events come: allocating typed arrays costs more than a whole short execution's other
 * bookkeeping, and most executions write far fewer than 64 events.
 */

const FIRST_BITS = 6; // the first chunk holds 2^6 = 64 events
const LAST_BITS = 13; // chunks stop doubling at 2^13 = 8192 events
/** Events held by the doubling chunks 0..(LAST_BITS - FIRST_BITS - 1): 64·(2^7 − 1). */
const DOUBLING_END = (1 << LAST_BITS) - (1 << FIRST_BITS);
const DOUBLING_CHUNKS = LAST_BITS - FIRST_BITS;

/** Where one chunk keeps a column: a typed array, or (the first chunk) a plain array. */
type Column = Float64Array | Int32Array | Uint8Array | number[];

/** One chunk's columns; `size` is how many events it holds. */
interface Chunk {
  readonly size: number;
  readonly time: Column;
  readonly previous: Column;
  readonly thread: Column;
  readonly type: Column;
  readonly kind: Column;
  /** The two values an event's details are made from (what they mean depends on `kind`). */
  readonly a: unknown[];
  readonly b: unknown[];
}

/** The first chunk: plain arrays, filled in order (each write appends). */
class FirstChunk implements Chunk {
  readonly size = 1 << FIRST_BITS;
  readonly time: number[] = [];
  readonly previous: number[] = [];
  readonly thread: number[] = [];
  readonly type: number[] = [];
  readonly kind: number[] = [];
  readonly a: unknown[] = [];
  readonly b: unknown[] = [];
}

/** A later chunk: per event 18 bytes of typed columns (in one buffer) and two object slots. */
class TypedChunk implements Chunk {
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
  private readonly chunks: Chunk[] = [];
  /** The chunk being filled and the next free position in it. */
  private current: Chunk | undefined;
  private pos = 0;
  /** The position `seek` found (kept in a field so reading allocates nothing). */
  private offset = 0;
  length = 0;

  /** Appends one event: `type` and `kind` are small codes, `a` and `b` are kept by reference. */
  push(type: number, kind: number, previous: number, time: number, thread: number, a: unknown, b: unknown): void {
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
    this.length++;
  }

  type(i: number): number {
    return this.seek(i).type[this.offset]!;
  }
  kind(i: number): number {
    return this.seek(i).kind[this.offset]!;
  }
  previous(i: number): number {
    return this.seek(i).previous[this.offset]!;
  }
  time(i: number): number {
    return this.seek(i).time[this.offset]!;
  }
  thread(i: number): number {
    return this.seek(i).thread[this.offset]!;
  }
  a(i: number): unknown {
    return this.seek(i).a[this.offset];
  }
  b(i: number): unknown {
    return this.seek(i).b[this.offset];
  }

  /** Drops event `i`'s object slots (once its event is built, they are not needed again). */
  release(i: number): void {
    const c = this.seek(i);
    c.a[this.offset] = undefined;
    c.b[this.offset] = undefined;
  }

  private grow(): Chunk {
    const k = this.chunks.length;
    const c = k === 0 ? new FirstChunk() : new TypedChunk(1 << (k < DOUBLING_CHUNKS ? FIRST_BITS + k : LAST_BITS));
    this.chunks.push(c);
    this.current = c;
    this.pos = 0;
    return c;
  }

  /** The chunk holding index `i`; sets `offset` to its position there. */
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
    return this.chunks[k]!;
  }
}
