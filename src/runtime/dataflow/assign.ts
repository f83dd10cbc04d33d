import { DataFlowError, StatesErrors } from '../../errors.js';
import type { Frame } from '../frame.js';
import { note } from './inspect.js';
import { MAX_PAYLOAD_BYTES, toJson, utf8Size } from '../payload.js';

/**
 * Writes evaluated Assign values into the frame's scope and records them for the Exited event.
 * AWS evaluates every value first, then assigns, so a state sees the values from before it.
 * Quotas (workflow-variables page): 256 KiB per variable and per Assign.
 */
export function applyAssign(frame: Frame, values: Record<string, unknown>): void {
  const assigned: Record<string, string> = {};
  let total = 0;
  for (const name of Object.keys(values)) {
    const json = toJson(values[name]);
    const size = utf8Size(json);
    if (size > MAX_PAYLOAD_BYTES) {
      throw new DataFlowError(StatesErrors.DataLimitExceeded, `The variable '${name}' is larger than the 256 KiB limit.`);
    }
    total += size;
    assigned[name] = json;
  }
  if (total > MAX_PAYLOAD_BYTES) {
    throw new DataFlowError(StatesErrors.DataLimitExceeded, 'The variables assigned by this state are larger than the 256 KiB limit.');
  }
  for (const name of Object.keys(values)) {
    Object.defineProperty(frame.variables, name, { value: values[name], enumerable: true, writable: true, configurable: true });
  }
  frame.visit.assigned = assigned;
  note(frame, 'assigned', values);
}
