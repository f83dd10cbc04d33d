/**
 * The state a thread is in: what `enter()` starts and `exit()` ends. Each thread keeps one and
 * reuses it for every state it visits, so a transition allocates nothing for it.
 */
export class StateVisit {
  /** The state's name, for `$$.State` and error causes. */
  name = '';
  private time: string | undefined;
  /** `$$.State.RetryCount` for states that retry; undefined for the others. */
  retryCount: number | undefined;
  /** Id of the state's Entered event (quoted in error causes; its time is `$$.State.EnteredTime`). */
  enteredEventId = 0;
  /** `$$.Map.Item`, set only while a Map evaluates its ItemSelector. */
  mapItem: { Index: number; Value: unknown; Key?: string } | undefined;
  /** `$$.Task.Token` of a callback task's current attempt. */
  taskToken: string | undefined;
  /** Variables the state assigned, for its Exited event. */
  assigned: Record<string, string> | undefined;

  /** Starts a visit of `name`, forgetting everything about the previous one. */
  begin(name: string, retryable: boolean): void {
    this.name = name;
    this.time = undefined;
    this.retryCount = retryable ? 0 : undefined;
    this.assigned = undefined;
    this.mapItem = undefined;
    this.taskToken = undefined;
  }

  /** `$$.State.EnteredTime`: the Entered event's timestamp, formatted only when something reads it. */
  enteredTime(history: { timestamp(id: number): string }): string {
    return (this.time ??= history.timestamp(this.enteredEventId));
  }
}
