/** testState misuse is a typed, catchable error: AslUsageError, or AslValidationError for a definition. */
import { describe, expect, it } from 'vitest';
import { AslUsageError, AslValidationError } from '../../src/index.js';
import { testState } from '../../src/testing/index.js';

const pass = { Type: 'Pass', End: true };
const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };

describe('testState misuse', () => {
  it('definition text that is not JSON is a definition error', async () => {
    await expect(testState('{ "Type": ')).rejects.toThrow(AslValidationError);
  });

  it.each([
    ['a definition that is not an object', () => testState(null as unknown as object)],
    ['a state without Type', () => testState({ Next: 'X' })],
    ['a machine without the named state', () => testState({ StartAt: 'A', States: { A: pass } }, { stateName: 'B' })],
    ['a negative retrierRetryCount', () => testState(pass, { stateConfiguration: { retrierRetryCount: -1 } })],
    ['a fractional retrierRetryCount', () => testState(pass, { stateConfiguration: { retrierRetryCount: 0.5 } })],
    ['a mock for a state that is not a Task', () => testState(pass, { mock: { result: '{}' } })],
    ['a mock.result string that is not JSON text', () => testState(task, { mock: { result: 'ok' } })],
    ['a mock with neither result nor errorOutput', () => testState(task, { mock: {} as never })],
  ])('%s is an AslUsageError', async (_what, call) => {
    await expect(call()).rejects.toThrow(AslUsageError);
  });
});
