/**
 * Who wrote a lock or temporary file, and whether that process is gone: lets the file store
 * clear debris of a killed process at once instead of waiting for it to age.
 */
import { createHash } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { codeOf } from './fs-helpers.js';

let cachedTag: string | undefined;

/**
 * A short tag naming this host and PID namespace: a PID can be checked only by a process that
 * shares both (two containers on one volume may reuse each other's PIDs, even under one host
 * name when their namespaces differ).
 */
export function hostTag(): string {
  if (cachedTag === undefined) {
    let namespace = '';
    try {
      namespace = readlinkSync('/proc/self/ns/pid'); // Linux only; elsewhere the host name alone
    } catch {
      namespace = '';
    }
    cachedTag = createHash('sha256').update(`${hostname()}\0${namespace}`, 'utf8').digest('hex').slice(0, 12);
  }
  return cachedTag;
}

/**
 * Whether process `pid`, recorded with host tag `tag`, has certainly exited. False whenever it
 * cannot be known (another host or namespace, this process, a bad PID, no permission to ask):
 * the caller then falls back to waiting for the file to age. A PID reused by a new process
 * reads as alive, which is also the safe answer.
 */
export function isDeadProcess(pid: unknown, tag: unknown): boolean {
  if (tag !== hostTag() || typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return false;
  } catch (error) {
    return codeOf(error) === 'ESRCH'; // EPERM: it exists but belongs to another user
  }
}
