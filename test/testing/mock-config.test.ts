import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StateMachine, VirtualClock } from '../../src/index.js';
import { loadMockConfig, MockConfigError, testRun } from '../../src/testing/index.js';
import { orderFlow } from './order-flow.js';

// A mock-config file in AWS's documented format (developer guide, "Configuration File for
// Mocked Service Integrations"), loaded unchanged.
const fileText = readFileSync(new URL('./fixtures/MockConfigFile.json', import.meta.url), 'utf8');
const file = JSON.parse(fileText) as Record<string, any>;

/** The fixture with a change, for the error cases. */
function edited(edit: (f: any) => void): any {
  const copy = structuredClone(file);
  edit(copy);
  return copy;
}

describe('AWS mock-config files', () => {
  it('runs a test case: Return is the service response (lambda:invoke envelope with Payload)', async () => {
    const r = await testRun(orderFlow, { orderId: 9 }, { mockConfig: fileText, testCase: 'HappyPath' });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({
      orderId: 9,
      stock: { reservation: { reservationId: 'r-17', items: 2 } },
      payment: { charge: { chargeId: 'ch-1', amount: 30 } },
    });
  });

  it('"0-1" is an inclusive range of invocations: two throttles, then the "2" entry; retries count as invocations', async () => {
    const r = await testRun(orderFlow, {}, { mockConfig: file, testCase: 'FlakyPayments', stateMachine: 'OrderFlow' });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toMatchObject({ payment: { charge: { chargeId: 'ch-2' } } });
    const failures = r.history.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails);
    expect(failures).toEqual([
      expect.objectContaining({ error: 'Payments.Throttled', cause: 'Too many requests' }),
      expect.objectContaining({ error: 'Payments.Throttled', cause: 'Too many requests' }),
    ]);
  });

  it('Throw takes the Catch path like a real error', async () => {
    const r = await testRun(orderFlow, {}, { mockConfig: file, testCase: 'CardDeclined' });
    expect(r.visitedStates).toEqual(['ReserveStock', 'ChargeCard', 'Declined']);
    expect(r).toMatchObject({ status: 'FAILED', error: 'OrderDeclined' });
  });

  it('an invocation with no entry fails the execution (AWS: "you must specify a mocked response for every invocation")', async () => {
    const r = await testRun(orderFlow, {}, { mockConfig: file, testCase: 'RunsOut' });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain("no entry for invocation 1 (0-based) of Task state 'ChargeCard'");
  });

  it('states the test case does not name run their handlers (a hybrid test)', async () => {
    const r = await testRun(orderFlow, {}, {
      mockConfig: file,
      testCase: 'StockOnly',
      lambdas: { charge: () => ({ chargeId: 'real' }) },
    });
    expect(r.output).toMatchObject({ payment: { charge: { chargeId: 'real' } } });
  });

  it('counts invocations per execution, so one loaded config serves many runs', async () => {
    const config = loadMockConfig(file);
    const sm = new StateMachine(orderFlow);
    const options = { resolvers: [config.resolver('OrderFlow', 'FlakyPayments', orderFlow)] };
    const [a, b] = await Promise.all([
      sm.run({}, { ...options, clock: new VirtualClock(0) }),
      sm.run({}, { ...options, clock: new VirtualClock(0) }),
    ]);
    expect(a.status).toBe('SUCCEEDED');
    expect(b.status).toBe('SUCCEEDED');
  });

  it('lists its state machines and test cases', () => {
    const config = loadMockConfig(fileText);
    expect(config.stateMachines).toEqual(['OrderFlow']);
    expect(config.testCases('OrderFlow')).toEqual(['HappyPath', 'FlakyPayments', 'CardDeclined', 'StockOnly', 'RunsOut']);
  });
});

describe('mistakes in a mock-config file throw MockConfigError before the run starts', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['text that is not JSON', '{ "StateMachines": ', /not valid JSON/],
    ['a missing MockedResponses section', { StateMachines: {} }, /Expected a JSON object \(at \/MockedResponses\)/],
    ['an unknown response name', edited((f) => (f.StateMachines.OrderFlow.TestCases.HappyPath.ChargeCard = 'Nope')), /Unknown mocked response 'Nope'.*HappyPath\/ChargeCard/],
    ['a range whose end is before its start', edited((f) => (f.MockedResponses.ChargeAccepted = { '2-1': { Return: 1 } })), /end is before the start/],
    ['a key that is not a number or range', edited((f) => (f.MockedResponses.ChargeAccepted = { first: { Return: 1 } })), /Invalid invocation key 'first'/],
    ['a half-open range', edited((f) => (f.MockedResponses.ChargeAccepted = { '1-': { Return: 1 } })), /Invalid invocation key '1-'/],
    ['overlapping ranges', edited((f) => (f.MockedResponses.ChargeAccepted = { '0-2': { Return: 1 }, '2': { Return: 2 } })), /overlaps another entry/],
    ['an entry with both Return and Throw', edited((f) => (f.MockedResponses.ChargeAccepted['0'].Throw = { Error: 'E' })), /both Return and Throw/],
    ['an entry with neither', edited((f) => (f.MockedResponses.ChargeAccepted['0'] = {})), /needs a Return or a Throw/],
    ['a Throw without an Error', edited((f) => (f.MockedResponses.ChargeDeclined['0'].Throw = { Cause: 'x' })), /Throw needs an Error string/],
    ['a response with no entries', edited((f) => (f.MockedResponses.ChargeAccepted = {})), /at least one invocation entry/],
  ];
  it.each(cases)('%s', (_name, config, message) => {
    expect(() => loadMockConfig(config as object)).toThrow(MockConfigError);
    expect(() => loadMockConfig(config as object)).toThrow(message);
  });

  it('a test case the file does not have', async () => {
    await expect(testRun(orderFlow, {}, { mockConfig: file, testCase: 'SadPath' })).rejects.toThrow(/Unknown test case 'SadPath'.*'HappyPath'/);
  });

  it('a state machine the file does not have', async () => {
    await expect(testRun(orderFlow, {}, { mockConfig: file, testCase: 'HappyPath', stateMachine: 'Other' })).rejects.toThrow(/Unknown state machine 'Other'/);
  });

  it('a state the machine does not have, or that is not a Task', async () => {
    const unknown = edited((f) => (f.StateMachines.OrderFlow.TestCases.HappyPath.Reserve = 'StockReserved'));
    await expect(testRun(orderFlow, {}, { mockConfig: unknown, testCase: 'HappyPath' })).rejects.toThrow(/state 'Reserve', which the state machine does not have/);
    const notTask = edited((f) => (f.StateMachines.OrderFlow.TestCases.HappyPath.Confirmed = 'StockReserved'));
    await expect(testRun(orderFlow, {}, { mockConfig: notTask, testCase: 'HappyPath' })).rejects.toThrow(/'Confirmed', which is a Succeed state/);
  });

  it('nothing runs when the config is rejected', async () => {
    let calls = 0;
    const bad = edited((f) => (f.StateMachines.OrderFlow.TestCases.HappyPath.Ghost = 'StockReserved'));
    await expect(
      testRun(orderFlow, {}, { mockConfig: bad, testCase: 'HappyPath', lambdas: { reserve: () => calls++ } }),
    ).rejects.toBeInstanceOf(MockConfigError);
    expect(calls).toBe(0);
  });

  it('a testCase without a mockConfig, and a mockConfig without a testCase', async () => {
    await expect(testRun(orderFlow, {}, { testCase: 'HappyPath' })).rejects.toThrow(MockConfigError);
    await expect(testRun(orderFlow, {}, { mockConfig: file })).rejects.toThrow(/Choose a test case/);
  });
});
