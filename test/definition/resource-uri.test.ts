/**
 * A Task whose Resource is a URI of any scheme runs through the handler keyed by that exact
 * Resource, so in-process users can name tasks `local:sendEmail` (the ASL spec: Resource "MUST
 * be a URI"; the interpreter decides what it means).
 */
import { describe, expect, it } from 'vitest';
import { StateMachine } from '../../src/index.js';

describe('URI resources at run time', () => {
  it('a local: resource is served by the handler of that exact name', async () => {
    const machine = new StateMachine({
      StartAt: 'Send',
      States: { Send: { Type: 'Task', Resource: 'local:sendEmail', End: true } },
    });
    const sent: unknown[] = [];
    const result = await machine.run({ to: 'a@example.com' }, {
      handlers: { 'local:sendEmail': (input) => { sent.push(input); return { sent: true }; } },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ sent: true });
    expect(sent).toEqual([{ to: 'a@example.com' }]);
  });

  it('without a handler for it the task fails as an unknown resource would, not with a crash', async () => {
    const machine = new StateMachine({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'module:hello', End: true } } });
    const result = await machine.run({});
    expect(result.status).toBe('FAILED');
  });

  it('new StateMachine refuses a Resource a template left as ${X} before anything runs', () => {
    expect(() => new StateMachine({ StartAt: 'T', States: { T: { Type: 'Task', Resource: '${HelloFunctionArn}', End: true } } })).toThrow(/HelloFunctionArn/);
  });
});
