/** Calls that wait before the next attempt (`time.sleep`, `setTimeout`, `Task.Delay`, Go `time.After`…). */
export const DELAY = /^(sleep|Sleep|delay|Delay|setTimeout|wait|After|sleep_for|pause|sleepQuietly|sleepUninterruptibly|usleep|time_nanosleep|throttle)$/;
