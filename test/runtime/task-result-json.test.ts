import { describe, expect, it } from 'vitest';
import { run, single } from '../helpers.js';

const RESOURCE = 'arn:aws:states:::my:task';
const task = single({ Type: 'Task', Resource: RESOURCE });
const returning = (value: () => unknown) => ({ handlers: { [RESOURCE]: value } });

// A task result reaches Step Functions as JSON text (a Lambda's return value is serialised with
// JSON.stringify by the Node.js runtime), so the state's result is that JSON, not the object
// the handler returned. Plain objects and anything else must give the same JSON.
describe('a handler result object becomes its JSON', () => {
  it('leaves out undefined members and writes undefined array elements as null', async () => {
    const r = await run(task, {}, returning(() => ({ a: undefined, b: [1, undefined, 'x'], c: { d: -0 } })));
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ b: [1, null, 'x'], c: { d: 0 } });
    expect(Object.keys(r.output as object)).toEqual(['b', 'c']);
  });

  it('uses toJSON (a Date becomes its ISO text) and the own fields of a class instance', async () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const r = await run(task, {}, returning(() => ({ when: new Date(Date.UTC(2024, 0, 2)), at: new Point(1, 2) })));
    expect(r.output).toEqual({ when: '2024-01-02T00:00:00.000Z', at: { x: 1, y: 2 } });
    expect(Object.getPrototypeOf((r.output as { at: object }).at)).toBe(Object.prototype);
  });

  it('is a copy: changing the returned object afterwards changes nothing in the execution', async () => {
    const kept = { list: [1, 2] };
    const r = await run(task, {}, returning(() => kept));
    kept.list.push(3);
    expect(r.output).toEqual({ list: [1, 2] });
  });

  it('fails the state with States.Runtime when a nested value is not JSON (NaN)', async () => {
    const r = await run(task, {}, returning(() => ({ a: { b: Number.NaN } })));
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('NaN');
  });
});
